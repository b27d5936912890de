"""What people do in a real browser: report progress, file and publish an assessment, switch
language, correct bad input. Screenshots of each key page go to test-artifacts/."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from commitments.models import StatusUpdate
from reviews.models import Assessment, IRMReport
from tests.browser.conftest import PHONE, screenshot
from tests.factories import PASSWORD
from tests.web.conftest import PDF_BYTES

pytestmark = [pytest.mark.browser]


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label(re.compile("usuario|username", re.I)).fill(username)
    page.get_by_label(re.compile("contraseña|password", re.I)).fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("header")).to_contain_text(username)


def log_out(page) -> None:
    page.locator("header form[action$='/accounts/logout/'] button").click()


def test_editor_posts_a_status_update_with_a_link_and_a_file(
    new_page, live_server, world, tmp_path
):
    base = live_server.url
    page = new_page()
    log_in(page, base, "editor")
    page.goto(f"{base}/my/commitments/")
    screenshot(page, "my-commitments")
    page.get_by_role(
        "link", name=re.compile(f"Publicar un reporte.*{world.commitment.ogp_id}")
    ).click()
    expect(page.locator("h1")).to_have_text("Publicar un reporte de avance")

    evidence = tmp_path / "acta-de-reunion.pdf"
    evidence.write_bytes(PDF_BYTES)
    page.get_by_label("Limitado").check()
    page.get_by_label("Qué cambió").fill("Ocho de 19 ministerios publican su presupuesto.")
    page.get_by_label("Enlaces de evidencia").fill("https://example.org/informe-2013")
    page.get_by_label("Archivos de evidencia").set_input_files(str(evidence))
    page.get_by_label("Fecha de corte").fill("2013-06-01")
    screenshot(page, "status-update-form")
    page.get_by_role("button", name="Publicar el reporte").click()

    expect(page).to_have_url(f"{base}/commitments/{world.commitment.ogp_id}/")
    expect(page.locator(".messages")).to_contain_text("Su reporte de avance fue publicado.")
    update = StatusUpdate.objects.get()
    assert update.evidence.count() == 2

    # The public page, seen by someone without an account.
    visitor = new_page()
    visitor.goto(f"{base}/commitments/{world.commitment.ogp_id}/")
    timeline = visitor.locator(".timeline")
    expect(timeline).to_contain_text("Ocho de 19 ministerios publican su presupuesto.")
    expect(timeline.get_by_role("link", name="https://example.org/informe-2013")).to_be_visible()
    expect(timeline.get_by_role("link", name="acta-de-reunion.pdf")).to_be_visible()
    screenshot(visitor, "commitment-page")
    with visitor.expect_download() as download:
        timeline.get_by_role("link", name="acta-de-reunion.pdf").click()
    assert download.value.suggested_filename == "acta-de-reunion.pdf"

    phone = new_page(viewport=PHONE)
    phone.goto(f"{base}/commitments/{world.commitment.ogp_id}/")
    screenshot(phone, "commitment-page-phone")


def test_researcher_files_an_assessment_and_plan_admin_publishes_it(new_page, live_server, world):
    base = live_server.url
    page = new_page()
    log_in(page, base, "researcher")
    page.goto(f"{base}/irm/reports/")
    page.get_by_role("link", name="Secret draft report").click()
    screenshot(page, "irm-workspace")
    page.get_by_role("link", name=re.compile(f"Evaluar.*{world.commitment.ogp_id}")).click()
    page.get_by_label("Especificidad").select_option("high")
    page.get_by_label("Relevante para el acceso a la información").select_option("true")
    page.get_by_label("Impacto potencial").select_option("transformative")
    page.get_by_label("Cumplimiento").select_option("complete")
    page.get_by_label("Narrativa").fill("El portal funciona en todos los ministerios.")
    screenshot(page, "assessment-form")
    page.get_by_role("button", name="Guardar el borrador").click()
    expect(page.locator(".messages")).to_contain_text("guardada como borrador")
    assert Assessment.objects.get().starred is True
    # One of the plan's two commitments is still unassessed: the researcher confirms it.
    page.locator("#confirm-unassessed").check()
    page.get_by_role("button", name="Enviar para publicación").click()
    expect(page.locator(".messages")).to_contain_text("enviado para publicación")
    log_out(page)

    # Not public yet.
    visitor = new_page()
    visitor.goto(f"{base}/commitments/{world.commitment.ogp_id}/")
    expect(visitor.locator("main")).not_to_contain_text("El portal funciona")

    log_in(page, base, "planadmin")
    page.goto(f"{base}/irm/reports/{world.draft.pk}/")
    page.get_by_role("button", name="Publicar el informe").click()
    expect(page.locator(".messages")).to_contain_text("está publicado")
    world.draft.refresh_from_db()
    assert world.draft.state == IRMReport.State.PUBLISHED

    visitor.reload()
    expect(visitor.locator(".assessment")).to_contain_text(
        "El portal funciona en todos los ministerios."
    )
    expect(visitor.locator(".assessment")).to_contain_text("Hitos claros, medibles y verificables.")
    screenshot(visitor, "commitment-page-with-assessment")


def test_anonymous_visitor_switches_to_english_and_back(new_page, live_server, world):
    base = live_server.url
    page = new_page()
    page.goto(f"{base}/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("h1")).to_have_text("Miembros OGP y sus planes de acción")
    screenshot(page, "home")
    page.get_by_label("Idioma").select_option("en")
    page.get_by_role("button", name="Cambiar").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("OGP members and their action plans")

    page.get_by_role("link", name=world.plan.title).click()
    expect(page.locator("h1")).to_have_text(world.plan.title)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    screenshot(page, "plan-page-en")

    page.get_by_label("Language").select_option("es")
    page.get_by_role("button", name="Change").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page).to_have_url(f"{base}/plans/{world.plan.ogp_id}/")

    lead = world.commitment.lead_organization
    page.get_by_role("link", name=lead.name).first.click()
    expect(page.locator("h1")).to_have_text(lead.name)
    expect(page.locator("main")).to_contain_text("Compromisos que lidera")
    screenshot(page, "organisation-page")
    page.goto(f"{base}/accounts/login/")
    screenshot(page, "login-page")


# "Solo donde las vías no coinciden" until the catalogue says "el MRI y la sociedad civil".
DISAGREE = re.compile(r"^Solo donde .* no coinciden$")


def test_plan_table_filters_and_sorts_without_reloading(new_page, live_server, world):
    world.commitment.self_reported_completion = "complete"
    world.commitment.irm_completion = "limited"
    world.commitment.save()
    base = live_server.url
    page = new_page()
    page.goto(f"{base}/plans/{world.plan.ogp_id}/")
    rows = page.locator("#commitment-table tbody tr")
    expect(rows).to_have_count(2)
    page.evaluate("window.__noReload = true")

    page.get_by_label(DISAGREE).check()
    expect(rows.filter(has_text=world.commitment.title)).to_be_visible()
    expect(rows.filter(has_text=world.other.title)).to_be_hidden()
    expect(page.locator(".filter-count")).to_have_text("Mostrando 1 de 2 compromisos")
    page.get_by_label(DISAGREE).uncheck()

    page.get_by_label("Buscar", exact=True).fill("datos abiertos")
    expect(rows.filter(has_text=world.other.title)).to_be_visible()
    expect(rows.filter(has_text=world.commitment.title)).to_be_hidden()
    page.get_by_label("Buscar", exact=True).fill("")

    page.get_by_role("button", name="Compromiso", exact=True).click()
    expect(page.locator("#commitment-table th[aria-sort]")).to_have_attribute(
        "aria-sort", "ascending"
    )
    expect(rows.first).to_contain_text("Ley de datos abiertos")
    page.get_by_role("button", name="Compromiso", exact=True).click()
    expect(rows.first).to_contain_text("Portal de transparencia estándar")
    assert page.evaluate("window.__noReload") is True  # the page was never reloaded
    screenshot(page, "plan-page")

    phone = new_page(viewport=PHONE)
    phone.goto(f"{base}/plans/{world.plan.ogp_id}/")
    screenshot(phone, "plan-page-phone")


def test_bad_input_shows_the_error_and_keeps_the_input(new_page, live_server, world):
    base = live_server.url
    page = new_page()
    log_in(page, base, "editor")
    page.goto(f"{base}/commitments/{world.commitment.ogp_id}/report/")
    future = (timezone.localdate() + datetime.timedelta(days=5)).isoformat()
    page.get_by_label("Sustancial").check()
    page.get_by_label("Qué cambió").fill("Texto que no debe perderse")
    page.get_by_label("Enlaces de evidencia").fill("esto no es un enlace")
    page.get_by_label("Fecha de corte").fill(future)
    page.get_by_role("button", name="Publicar el reporte").click()

    expect(page.locator("#form-errors")).to_be_focused()
    expect(page.locator(".field.has-error").first).to_be_visible()
    expect(page.locator("main")).to_contain_text("La fecha de corte no puede estar en el futuro.")
    expect(page.locator("main")).to_contain_text("Estas no son direcciones web")
    expect(page.get_by_label("Qué cambió")).to_have_value("Texto que no debe perderse")
    expect(page.get_by_label("Sustancial")).to_be_checked()
    expect(page.get_by_label("Fecha de corte")).to_have_value(future)
    assert not StatusUpdate.objects.exists()
    screenshot(page, "status-update-form-errors")
    phone = new_page(viewport=PHONE)
    log_in(phone, base, "editor")
    phone.goto(f"{base}/commitments/{world.commitment.ogp_id}/report/")
    screenshot(phone, "status-update-form-phone")


def test_keyboard_user_can_skip_to_content_and_sees_focus(new_page, live_server, world):
    page = new_page()
    page.goto(f"{live_server.url}/plans/{world.plan.ogp_id}/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Saltar al contenido principal")
    expect(skip).to_be_focused()
    outline = skip.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#content$"))


# WCAG 2 contrast of each visible text element against the first opaque background behind it.
CONTRAST_JS = """
() => {
  const lum = (rgb) => {
    const [r, g, b] = rgb.map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const parse = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const background = (el) => {
    for (let node = el; node; node = node.parentElement) {
      const c = parse(getComputedStyle(node).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.99)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const failures = [];
  for (const el of document.querySelectorAll("body *")) {
    const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || el.closest("svg") || !el.getClientRects().length) continue;
    const fg = parse(getComputedStyle(el).color).slice(0, 3);
    const [a, b] = [lum(fg), lum(background(el))].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    if (ratio < 4.5) failures.push(`${el.tagName}.${el.className}: ${ratio.toFixed(2)}`);
  }
  return failures;
}
"""


def test_text_contrast_passes_wcag_aa_on_the_main_pages(new_page, live_server, world):
    world.commitment.self_reported_completion = "complete"
    world.commitment.irm_completion = "limited"
    world.commitment.save()
    page = new_page()
    for path in (
        "/",
        f"/plans/{world.plan.ogp_id}/",
        f"/commitments/{world.commitment.ogp_id}/",
        f"/organizations/{world.commitment.lead_organization.slug}/",
        "/accounts/login/",
    ):
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate(CONTRAST_JS) == [], path


def test_pages_fit_a_phone_screen_without_sideways_scrolling(new_page, live_server, world):
    page = new_page(viewport=PHONE)
    log_in(page, live_server.url, "editor")
    for path in (
        "/",
        f"/plans/{world.plan.ogp_id}/",
        f"/commitments/{world.commitment.ogp_id}/",
        f"/organizations/{world.commitment.lead_organization.slug}/",
        "/my/commitments/",
        f"/commitments/{world.commitment.ogp_id}/report/",
    ):
        page.goto(f"{live_server.url}{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} is {overflow}px wider than the phone screen"

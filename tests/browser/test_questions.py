"""Public questions in a real browser: a visitor on a phone asks in Spanish and confirms by the
emailed link, a responsible official answers and corrects in English on a desktop, a plan
administrator hides a question with a reason on a phone. Screenshots go to test-artifacts/."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from questions.models import OfficialAnswer, Question
from questions.services import ask_question
from tests import factories
from tests.browser.conftest import PHONE, screenshot
from tests.browser.test_journeys import log_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("tasks_in_process")]


@pytest.fixture
def led_by_a_ministry(world) -> None:
    """The world's commitment is led by a ministry, whose official is `official`."""
    ministry = factories.OrganizationFactory(name="Ministerio de Justicia", slug="minjus")
    world.commitment.lead_organization = ministry
    world.commitment.save(update_fields=["lead_organization"])
    factories.make_official(ministry, username="official")


def _no_sideways_scroll(page, path: str) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{path} is {overflow}px wider than the phone screen"


def test_ask_confirm_answer_correct_and_hide(new_page, live_server, world, led_by_a_ministry):
    base = live_server.url
    ogp_id = world.commitment.ogp_id
    path = f"/commitments/{ogp_id}/questions/"

    # A visitor without an account, on a phone, in Spanish.
    phone = new_page(viewport=PHONE)
    phone.goto(f"{base}/commitments/{ogp_id}/")
    # First, follow the commitment by email (no account): a confirmation link is mailed.
    phone.locator("details.visitor-follow summary").click()
    phone.locator("#visitor-follow-email-commitment").fill("vecina@example.org")
    phone.locator("details.visitor-follow button[type=submit]").click()
    expect(phone.locator("main [role=status]")).to_contain_text(
        re.compile("Check your email|Revise su correo")
    )
    follow_link = re.search(r"https?://[^/\s]+(/follow/email/confirm/\S+/)", mail.outbox[-1].body)
    phone.goto(f"{base}{follow_link.group(1)}")
    expect(phone.locator("main [role=status]")).to_contain_text(ogp_id)
    phone.goto(f"{base}/commitments/{ogp_id}/")
    phone.locator("a[href$='/questions/']").first.click()
    expect(phone).to_have_url(re.compile(rf"{path}$"))
    phone.locator("#id_text").fill("¿Cuándo estará en línea el portal?")
    phone.locator("#id_email").fill("vecina@example.org")
    phone.locator("#id_name").fill("Vecina de Lima")
    screenshot(phone, "question-ask-phone")
    phone.locator("main form[action$='/questions/'] button[type=submit]").click()
    expect(phone.locator(".messages")).to_contain_text(
        re.compile("Check your email|Revise su correo")
    )
    expect(phone.locator("main")).not_to_contain_text("¿Cuándo estará en línea el portal?")
    _no_sideways_scroll(phone, path)

    link = re.search(r"https?://[^/\s]+(/questions/confirm/\S+/)", mail.outbox[-1].body).group(1)
    outbox_before = len(mail.outbox)
    phone.goto(f"{base}{link}")
    phone.goto(f"{base}{path}")
    expect(phone.locator("main")).to_contain_text("¿Cuándo estará en línea el portal?")
    expect(phone.locator("main")).to_contain_text("Vecina de Lima")
    question = Question.objects.get(state=Question.State.PUBLIC)

    # The lead organisation's responsible official answers, then corrects, in English.
    desk = new_page(locale="en-GB")
    log_in(desk, base, "official")
    desk.goto(f"{base}{path}")
    box = desk.locator(f"#question-{question.pk}")
    box.get_by_label(re.compile("Answer officially on behalf of Ministerio de Justicia")).fill(
        "In March 2027."
    )
    box.get_by_role("button", name="Publish the official answer").click()
    expect(desk.locator(".messages")).to_contain_text("Your official answer was published.")
    box = desk.locator(f"#question-{question.pk}")
    expect(box.locator(".official-answer")).to_contain_text("In March 2027.")
    box.get_by_label(re.compile("Correct the answer")).fill("In April 2027: the tender moved.")
    box.get_by_role("button", name="Publish the official answer").click()
    box = desk.locator(f"#question-{question.pk}")
    expect(box.locator(".official-answer.superseded")).to_contain_text("In March 2027.")
    expect(box).to_contain_text("superseded by a correction")
    expect(box).to_contain_text("In April 2027: the tender moved.")
    assert OfficialAnswer.objects.count() == 2
    # The confirmed follower by email heard of the question and both answers, each with a stop link.
    to_follower = [m for m in mail.outbox[outbox_before:] if m.to == ["vecina@example.org"]]
    assert len(to_follower) == 3  # once each, though she both asked and follows
    assert all("/follow/email/stop/" in m.body for m in to_follower)
    screenshot(desk, "question-answered-desktop")

    # A plan administrator hides another question, with a reason, on a phone in Spanish.
    spam = ask_question(commitment=world.commitment, text="Compre relojes", user=world.editor)
    admin_phone = new_page(viewport=PHONE)
    log_in(admin_phone, base, "planadmin")
    admin_phone.goto(f"{base}{path}")
    box = admin_phone.locator(f"#question-{spam.pk}")
    box.locator("input[name=reason]").fill("Publicidad")
    box.locator("form[action$='/hide/'] button").click()
    expect(admin_phone.locator(".messages")).to_be_visible()
    _no_sideways_scroll(admin_phone, path)

    # Anyone now reads the reason in its place, and the plan page counts it.
    phone.goto(f"{base}{path}")
    hidden = phone.locator(f"#question-{spam.pk}")
    expect(hidden).to_contain_text("Publicidad")
    expect(hidden).not_to_contain_text("Compre relojes")
    screenshot(phone, "question-hidden-phone")
    phone.goto(f"{base}/plans/{world.plan.ogp_id}/")
    figures = phone.locator(".question-figures")
    expect(figures).to_be_visible()
    _no_sideways_scroll(phone, f"/plans/{world.plan.ogp_id}/")

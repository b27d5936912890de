"""The status form's checks in the browser (static/js/forms.js): a character counter on the note,
and a file over the size limit refused before any upload starts."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from commitments.models import StatusUpdate
from tests.browser.test_journeys import log_in

pytestmark = [pytest.mark.browser]


def test_a_too_large_file_is_refused_before_upload_and_the_note_counts(
    new_page,
    live_server,
    world,
    settings,
    tmp_path,
):
    settings.EVIDENCE_MAX_BYTES = 1024
    big = tmp_path / "acta-grande.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * 4096)
    page = new_page(locale="en-GB")
    console_errors: list[str] = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    log_in(page, live_server.url, "editor")
    page.goto(f"{live_server.url}/commitments/{world.commitment.ogp_id}/report/")

    page.locator("#id_note").fill("Eight of 19 ministries.")
    expect(page.locator(".char-counter")).to_have_text(re.compile(r"^23 .*5000"))

    page.locator("#id_files").set_input_files(str(big))
    error = page.locator(".file-size-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("acta-grande.pdf")

    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    page.locator("#id_links").fill("www.example.org/informe")
    page.locator("form.stacked-form button[type=submit]").click()
    page.wait_for_timeout(500)
    assert posts == []  # nothing was sent: the browser stopped the upload
    expect(error).to_be_visible()
    assert not StatusUpdate.objects.exists()
    assert console_errors == []

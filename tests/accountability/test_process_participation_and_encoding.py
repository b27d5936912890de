"""What the process-database import makes of the participation during implementation (shown on the
plan's page and served by the API beside the participation during development), and of a file
saved in Latin-1, as a spreadsheet on Windows does."""

from __future__ import annotations

import pytest

from .test_process_import_cells import FULL, plan_row, refused, run, write

pytestmark = pytest.mark.django_db

DEV = "Invitation-only or open participation during dev. consultation"
IMP = "Invitation-only or open participation during imp. consultation"


def test_participation_during_implementation_is_shown_and_served(tmp_path, client):
    row = plan_row(**{DEV: "Open", IMP: "Invitation-only", "IAP2 level during imp.": "Involve"})
    run(write(tmp_path, FULL, [row]))

    page = client.get("/plans/AP_PER01/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Open" in page and "Invitation-only" in page
    served = client.get("/api/v1/plan-processes/AP_PER01/").json()
    assert served["development_participation"] == "Open"
    assert served["implementation_participation"] == "Invitation-only"


def test_a_latin_1_file_is_refused_whole_with_how_to_save_it(tmp_path):
    path = write(tmp_path, FULL, [plan_row(**{"Country name": "Perú"})])
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))

    message = refused(path)

    assert message == (
        "Nothing was imported:\n"
        "  The file is not UTF-8 text (a Latin-1 or Windows export?); save it as CSV UTF-8."
    )

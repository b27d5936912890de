"""Every dated report's form offers the same correction choice and the same date: the earlier
reports newest first, each shown as its date (written as every page writes it) and its level or
verdict, and a date input that stops at today and starts on today. Status updates, outcome checks
and milestone progress alike, through the pages that record them."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from commitments.models import MilestoneProgress
from tests import factories

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def options(html: str) -> list[str]:
    select = re.search(r'<select name="corrects"[^>]*>(.*?)</select>', html, re.S)
    assert select, "no correction choice on the page"
    return [label.strip() for label in re.findall(r"<option[^>]*>(.*?)</option>", select[1])]


def date_input(html: str, name: str) -> str:
    found = re.search(rf'<input type="date" name="{name}"[^>]*>', html)
    assert found, f"no date input {name}"
    return found[0]


def assert_form_offers(client, editor, url: str, date_name: str, choices: list[str]) -> None:
    """The form at `url` offers `choices` to correct, and its date stops and starts at today."""
    client.force_login(editor)
    html = client.get(url, **EN).content.decode()
    assert options(html) == choices
    today = timezone.localdate().isoformat()
    tag = date_input(html, date_name)
    assert f'max="{today}"' in tag and f'value="{today}"' in tag


def monitored_commitment():
    commitment = factories.CommitmentFactory()
    monitor = factories.OrganizationFactory(kind="civil_society")
    commitment.monitoring_organizations.add(monitor)
    return commitment, factories.make_editor(monitor)


def test_status_update_form_offers_earlier_updates_newest_first(client):
    commitment, editor = monitored_commitment()
    for day, completion in ((1, "limited"), (3, "substantial"), (2, "not_started")):
        factories.StatusUpdateFactory(
            commitment=commitment, as_of=datetime.date(2013, 6, day), completion=completion
        )
    assert_form_offers(
        client,
        editor,
        f"/commitments/{commitment.ogp_id}/report/",
        "as_of",
        [
            "No, this is a new update",
            "3 June 2013: Substantial",
            "2 June 2013: Not started",
            "1 June 2013: Limited",
        ],
    )


def test_outcome_check_form_offers_earlier_checks_newest_first(client):
    commitment, editor = monitored_commitment()
    factories.OutcomeCheckFactory(commitment=commitment, checked_on=datetime.date(2015, 6, 1))
    factories.OutcomeCheckFactory(
        commitment=commitment, checked_on=datetime.date(2016, 2, 1), verdict="weakened"
    )
    assert_form_offers(
        client,
        editor,
        f"/commitments/{commitment.ogp_id}/outcome-checks/new/",
        "checked_on",
        [
            "No, this is a new check",
            "1 February 2016: Weakened",
            "1 June 2015: In force and applied",
        ],
    )


def test_milestone_progress_form_offers_earlier_reports_newest_first(client):
    commitment, editor = monitored_commitment()
    milestone = factories.MilestoneFactory(commitment=commitment)
    for day, level in ((1, "not_met"), (2, "met")):
        MilestoneProgress.objects.create(
            milestone=milestone,
            level=level,
            reported_on=datetime.date(2014, 3, day),
            evidence_url="https://example.org/acta",
            author=editor,
        )
    assert_form_offers(
        client,
        editor,
        f"/commitments/{commitment.ogp_id}/milestones/{milestone.pk}/progress/new/",
        "reported_on",
        ["No, this is a new report", "2 March 2014: Met", "1 March 2014: Not met"],
    )

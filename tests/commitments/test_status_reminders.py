"""Reminders: editors of monitoring organisations (and responsible officials of the lead) are emailed
once per period about a commitment of a running plan without a status update for
STATUS_REMINDER_MONTHS; its page says "no update for N months"."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from commitments import tasks
from commitments.models import ActionPlan, Organization, Profile, StatusReminder
from commitments.reminders import add_months, months_between
from tests import factories

pytestmark = pytest.mark.django_db


def _running_commitment(today: datetime.date, *, last_update: datetime.date | None):
    plan = factories.ActionPlanFactory(
        start_date=add_months(today, -24),
        end_date=add_months(today, 12),
        status=ActionPlan.Status.IMPLEMENTATION,
    )
    commitment = factories.CommitmentFactory(action_plan=plan, title="Portal de transparencia")
    civil = factories.OrganizationFactory(kind=Organization.Kind.CIVIL_SOCIETY)
    commitment.monitoring_organizations.add(civil)
    if last_update:
        commitment.self_reported_completion = "limited"
        commitment.self_reported_as_of = last_update
        commitment.save(update_fields=["self_reported_completion", "self_reported_as_of"])
    return commitment, civil


def test_whole_months():
    assert months_between(datetime.date(2026, 1, 15), datetime.date(2026, 2, 15)) == 1
    assert months_between(datetime.date(2026, 1, 31), datetime.date(2026, 2, 28)) == 0
    assert add_months(datetime.date(2026, 8, 31), -6) == datetime.date(2026, 2, 28)


def test_editors_get_one_reminder_per_period_in_their_language(client):
    today = datetime.date(2026, 12, 5)
    commitment, civil = _running_commitment(today, last_update=datetime.date(2026, 5, 1))
    english = factories.make_editor(civil, username="ana")
    Profile.objects.filter(user=english).update(language="en")
    spanish = factories.make_editor(civil, username="beto")
    Profile.objects.filter(user=spanish).update(language="es")
    factories.make_editor(civil, username="inactive", is_active=False)
    factories.make_editor(username="elsewhere")  # another organisation's editor
    researcher = factories.make_researcher(username="res")
    Profile.objects.create(user=researcher, organization=civil)  # not an editor

    assert tasks.send_status_reminders(today.isoformat()) == 2
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {english.email, spanish.email}
    assert "no update for 7 months" in by_address[english.email].body
    assert "Last status: Limited, as of 1 May 2026." in by_address[english.email].body
    assert "al 1 de mayo de 2026" in by_address[spanish.email].body
    assert "Limitado" in by_address[spanish.email].body  # the recipient's language
    assert f"/commitments/{commitment.ogp_id}/report/" in by_address[spanish.email].body

    # Rerun the same day, and the next month: still the same period, nothing more.
    assert tasks.send_status_reminders(today.isoformat()) == 0
    assert tasks.send_status_reminders(add_months(today, 1).isoformat()) == 0
    assert len(mail.outbox) == 2
    assert StatusReminder.objects.count() == 2
    # Another six months of silence is a new period: one more each.
    assert tasks.send_status_reminders(add_months(today, 6).isoformat()) == 2
    assert len(mail.outbox) == 4


def test_responsible_officials_of_the_lead_and_co_leads_are_reminded_too():
    today = datetime.date(2026, 12, 5)
    commitment, civil = _running_commitment(today, last_update=datetime.date(2026, 5, 1))
    ministry = factories.OrganizationFactory(kind=Organization.Kind.GOVERNMENT)
    agency = factories.OrganizationFactory(kind=Organization.Kind.GOVERNMENT)
    commitment.lead_organization = ministry
    commitment.save(update_fields=["lead_organization"])
    commitment.co_lead_organizations.add(agency)
    lead_official = factories.make_official(ministry, username="lead")
    co_lead_official = factories.make_official(agency, username="colead")
    factories.make_official(factories.OrganizationFactory(), username="unrelated")
    Profile.objects.filter(user__in=[lead_official, co_lead_official]).update(language="en")
    editor = factories.make_editor(civil, username="editor")

    assert tasks.send_status_reminders(today.isoformat()) == 3
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {lead_official.email, co_lead_official.email, editor.email}
    official_mail = by_address[lead_official.email]
    assert "your organisation leads" in official_mail.subject
    assert "record the government's self-assessment" in official_mail.body
    assert f"/commitments/{commitment.ogp_id}/\n" in official_mail.body  # its page, not the form
    assert "/report/" not in official_mail.body
    assert tasks.send_status_reminders(today.isoformat()) == 0


def test_a_recent_update_or_an_ended_plan_sends_nothing():
    today = datetime.date(2026, 12, 5)
    _recent, civil = _running_commitment(today, last_update=datetime.date(2026, 9, 1))
    factories.make_editor(civil)
    old = factories.CommitmentFactory(title="Old plan")  # the factory's plan ended in 2014
    old.monitoring_organizations.add(civil)
    assert tasks.send_status_reminders(today.isoformat()) == 0
    assert mail.outbox == []


def test_the_public_page_says_no_update_for_n_months(client):
    today = timezone.localdate()
    commitment, _civil = _running_commitment(today, last_update=add_months(today, -7))
    html = client.get(
        f"/commitments/{commitment.ogp_id}/", headers={"accept-language": "en"}
    ).content.decode()
    assert "no update for 7 months" in html

    fresh, _civil = _running_commitment(today, last_update=add_months(today, -2))
    html = client.get(f"/commitments/{fresh.ogp_id}/", headers={"accept-language": "en"})
    assert "no update for" not in html.content.decode()

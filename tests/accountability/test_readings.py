"""Indicator readings: who may report them, validation, and append-only corrections."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from commitments.accountability.services import can_record_reading, record_indicator_reading
from commitments.models import IndicatorReading, Organization, Profile
from tests import factories
from tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2016, 6, 30)


@pytest.fixture
def indicator():
    return IndicatorFactory()


def monitoring_editor(indicator):
    editor = factories.make_editor()
    indicator.commitment.monitoring_organizations.add(editor.profile.organization)
    return editor


def record(indicator, author, **kwargs) -> IndicatorReading:
    values = {"value": "42.5", "as_of": DAY, **kwargs}
    return record_indicator_reading(indicator=indicator, author=author, **values)


def test_monitoring_editor_records_a_reading_under_their_organisation(indicator):
    editor = monitoring_editor(indicator)
    reading = record(indicator, editor, evidence_url="https://example.org/informe.pdf")
    assert reading.value == Decimal("42.5")
    assert reading.author_organization == editor.profile.organization
    assert reading.evidence_url == "https://example.org/informe.pdf"


def test_editor_of_the_lead_organisation_records_a_reading(indicator):
    editor = factories.make_editor(organization=indicator.commitment.lead_organization)
    assert can_record_reading(editor, indicator.commitment)
    assert record(indicator, editor).author_organization == indicator.commitment.lead_organization


def test_editor_of_an_unrelated_organisation_is_refused_and_nothing_is_written(indicator):
    editor = factories.make_editor()
    with pytest.raises(PermissionDenied):
        record(indicator, editor)
    assert IndicatorReading.objects.count() == 0


def test_lead_organisation_staff_without_the_editor_role_are_refused(indicator):
    user = factories.UserFactory()
    Profile.objects.create(user=user, organization=indicator.commitment.lead_organization)
    assert not can_record_reading(user, indicator.commitment)


def test_researchers_inactive_editors_and_anonymous_users_are_refused(indicator, researcher):
    from django.contrib.auth.models import AnonymousUser

    inactive = monitoring_editor(indicator)
    inactive.is_active = False
    inactive.save()
    for user in (researcher, inactive, AnonymousUser()):
        assert not can_record_reading(user, indicator.commitment)


def test_commitment_without_lead_is_not_open_to_editors_without_an_organisation():
    indicator = IndicatorFactory(commitment=factories.CommitmentFactory(lead_organization=None))
    editor = factories.make_editor()
    Profile.objects.filter(user=editor).update(organization=None)
    editor.refresh_from_db()
    assert not can_record_reading(editor, indicator.commitment)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"value": "many"}, "value"),
        ({"value": "1e12"}, "value"),
        ({"as_of": datetime.date.today() + datetime.timedelta(days=2)}, "as_of"),
        ({"evidence_url": "javascript:alert(1)"}, "evidence_url"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(indicator, values, field):
    editor = monitoring_editor(indicator)
    with pytest.raises(ValidationError) as error:
        record(indicator, editor, **values)
    assert field in error.value.message_dict
    assert IndicatorReading.objects.count() == 0


def test_a_correction_is_a_newer_reading_and_the_original_stays(indicator):
    editor = monitoring_editor(indicator)
    original = record(indicator, editor, value="40")
    correction = record(indicator, editor, value="44", corrects=original)
    original.refresh_from_db()
    assert original.value == Decimal("40")
    assert correction.corrects == original
    assert indicator.readings.count() == 2


def test_a_correction_must_be_about_the_same_indicator(indicator):
    editor = monitoring_editor(indicator)
    other = IndicatorFactory(commitment=indicator.commitment)
    elsewhere = record(other, editor)
    with pytest.raises(ValidationError) as error:
        record(indicator, editor, corrects=elsewhere)
    assert "corrects" in error.value.message_dict


def test_civil_society_editor_of_lead_org_kind_does_not_matter(indicator):
    # The rule is about the organisation, not its kind: a government lead's editor may report.
    lead = indicator.commitment.lead_organization
    assert lead.kind == Organization.Kind.GOVERNMENT
    editor = factories.make_editor(organization=lead)
    assert can_record_reading(editor, indicator.commitment)

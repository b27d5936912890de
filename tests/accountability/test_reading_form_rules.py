"""The indicator reading form's rules as an editor meets them: a reading dated today, and the lead
organisation's staff without the editor role."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from commitments.models import IndicatorReading
from tests import factories
from tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


def monitoring_editor(indicator):
    editor = factories.make_editor()
    indicator.commitment.monitoring_organizations.add(editor.profile.organization)
    return editor


def form_url(indicator) -> str:
    return f"/indicators/{indicator.pk}/readings/new/"


def test_a_reading_dated_today_is_recorded(client):
    indicator = IndicatorFactory()
    editor = monitoring_editor(indicator)
    client.force_login(editor)
    today = timezone.localdate()
    response = client.post(form_url(indicator), {"value": "12.5", "as_of": today.isoformat()})
    assert response.status_code == 302
    reading = indicator.readings.get()
    assert (reading.as_of, str(reading.value), reading.author) == (today, "12.5000", editor)
    assert reading.author_organization == editor.profile.organization


def test_lead_organisation_staff_with_the_permission_but_not_the_editor_role_get_403(client):
    # The role is the editor group; a permission granted to one person by hand does not make one.
    indicator = IndicatorFactory()
    editor = factories.make_editor(organization=indicator.commitment.lead_organization)
    client.force_login(editor)
    assert client.get(form_url(indicator)).status_code == 200
    editor.groups.clear()
    editor.user_permissions.add(Permission.objects.get(codename="add_statusupdate"))
    response = client.post(form_url(indicator), {"value": "1", "as_of": "2016-01-01"})
    assert response.status_code == 403
    assert IndicatorReading.objects.count() == 0

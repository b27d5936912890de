"""A civil-society editor whose profile names the commitment's lead organisation is not its
responsible official: they may not record the government's self-assessment, on the web or through
the API. Only the "Responsible official" role speaks for the government (`official_organization`);
an editor's own organisation leading the commitment is not enough."""

from __future__ import annotations

import pytest

from commitments.models import StatusUpdate
from tests import factories
from tests.security.test_permission_matrix import _api, _web

from .test_government_track import REPORT

pytestmark = [pytest.mark.django_db, pytest.mark.world("government")]


def _lead_editor(world):
    return factories.make_editor(organization=world.commitment.lead_organization)


def test_editor_of_the_lead_organisation_cannot_record_the_governments_assessment_on_the_web(world):
    client = _web(_lead_editor(world))
    ogp_id = world.commitment.ogp_id

    page = client.get(f"/commitments/{ogp_id}/", headers={"accept-language": "en"})
    assert "Record the government" not in page.content.decode()
    assert client.get(f"/commitments/{ogp_id}/report/").status_code == 403
    assert client.post(f"/commitments/{ogp_id}/report/", REPORT).status_code == 403
    assert not StatusUpdate.objects.exists()


def test_editor_of_the_lead_organisation_cannot_record_the_governments_assessment_by_api(world):
    response = _api(_lead_editor(world)).post(
        f"/api/v1/commitments/{world.commitment.ogp_id}/status-updates/",
        {"completion": "complete", "as_of": "2013-06-01", "links": ["https://www.gob.pe/r"]},
        format="json",
    )

    assert response.status_code == 403
    assert not StatusUpdate.objects.exists()

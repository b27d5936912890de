"""The reading form page reads its indicator together with its commitment: a fixed number of queries."""

from __future__ import annotations

import pytest

from tests import factories
from tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


def test_the_reading_form_reads_its_indicator_and_commitment_in_one_query(
    client, django_assert_num_queries
):
    indicator = IndicatorFactory(milestone=None)
    editor = factories.make_editor()
    indicator.commitment.monitoring_organizations.add(editor.profile.organization)
    client.force_login(editor)
    url = f"/indicators/{indicator.pk}/readings/new/"
    client.get(url)  # warm the caches
    # Session, user; the indicator with its commitment, plan and member (one query); the editor
    # group, the user's and the groups' permissions, the profile, its organisation, whether it
    # monitors the commitment; the readings the form offers to correct; the session saved
    # (savepoint, update, release).
    with django_assert_num_queries(13):
        response = client.get(url, headers={"accept-language": "en"})
    assert response.status_code == 200
    assert indicator.commitment.ogp_id in response.content.decode()

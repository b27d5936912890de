"""update_versioned (the write API's and the web app's one way to apply a change over a version)
refuses a value another record holds as a validation error, before the database would."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from commitments.versioning import update_versioned
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_change_to_another_records_unique_value_is_a_validation_error_writing_nothing():
    taken = factories.CommitmentFactory()
    commitment = factories.CommitmentFactory(title="Portal")

    with pytest.raises(ValidationError) as refused:
        update_versioned(
            commitment,
            expected_version=1,
            changes={"ogp_id": taken.ogp_id, "title": "Changed"},
            user=factories.make_plan_admin(),
        )

    assert list(refused.value.message_dict) == ["ogp_id"]
    commitment.refresh_from_db()
    assert (commitment.title, commitment.version) == ("Portal", 1)
    assert not commitment.history.filter(history_type="~").exists()

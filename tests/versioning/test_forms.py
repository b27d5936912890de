"""A versioned form for a record deleted while someone was editing it says so instead of saving."""

from __future__ import annotations

import pytest
from django.utils import translation

from commitments.models import Milestone
from commitments.versioning import VersionedModelForm
from tests import factories

pytestmark = pytest.mark.django_db


class MilestoneForm(VersionedModelForm):
    class Meta:
        model = Milestone
        fields = ["title"]


def test_a_form_for_a_record_deleted_meanwhile_is_refused_saying_so():
    milestone = factories.MilestoneFactory(title="Launch")
    form = MilestoneForm({"title": "Changed", "version": "1"}, instance=milestone)
    Milestone.objects.filter(pk=milestone.pk).delete()

    with translation.override("en"):
        assert not form.is_valid()
        assert form.errors == {"__all__": ["This record has been deleted."]}
    assert form.has_error("__all__", code="deleted")


def test_a_version_below_one_is_refused():
    milestone = factories.MilestoneFactory(title="Launch")
    form = MilestoneForm({"title": "Changed", "version": "0"}, instance=milestone)

    assert not form.is_valid()
    assert list(form.errors) == ["version"]

"""A first import that creates many organisations gives each its slug without a query per
organisation: 20 new organisations take as many queries as 2."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.models import Organization

from .conftest import run_import
from .test_reimport_queries_with_many_organisations import rows

pytestmark = pytest.mark.django_db


def queries(path) -> int:
    with CaptureQueriesContext(connection) as captured:
        run_import(path)
    return len(captured)


def test_importing_20_new_organisations_takes_as_many_queries_as_2(current_file):
    # A first file creates the policy areas every later file shares.
    run_import(current_file(rows("Uruguay", "URY", "UY", 1), name="first.csv"))
    two = current_file(rows("Chile", "CHL", "CL", 2), name="two.csv")
    twenty = current_file(rows("Peru", "PER", "PE", 20), name="twenty.csv")

    assert queries(two) == queries(twenty)
    assert Organization.objects.filter(member__code="PER").count() == 40


def test_a_new_organisation_whose_slug_is_taken_gets_the_next_free_suffix(current_file, client):
    # Chile's ministry 1 takes the plain slug, an organisation already there the suffix -2.
    run_import(current_file(rows("Chile", "CHL", "CL", 1), name="chile.csv"))
    chile = Organization.objects.get(member__code="CHL", acronym="MA1")
    Organization.objects.create(
        name="Other", normalized_name="other", slug=f"{chile.slug}-2", member=chile.member
    )

    run_import(current_file(rows("Peru", "PER", "PE", 1), name="peru.csv"))

    peru = Organization.objects.get(member__code="PER", acronym="MA1")
    assert (chile.slug, peru.slug) == (
        "ministerio-de-asuntos-1-ma1",
        "ministerio-de-asuntos-1-ma1-3",
    )
    listed = client.get("/api/v1/commitments/", {"organization": peru.slug}).json()
    assert [c["ogp_id"] for c in listed["results"]] == ["PE0001"]

"""One new spelling of a known organisation in a file (issue 17; reviews/importers/parents.py):
kept as one more name of the same organisation, counted in the summary."""

from __future__ import annotations

import pytest

from commitments.models import Organization

from .conftest import run_import
from .test_current_sheet import ROWS

pytestmark = pytest.mark.django_db


def test_a_single_new_spelling_is_kept_as_a_name_of_the_same_organisation(client, current_file):
    run_import(current_file([ROWS[0]], name="first.csv"))
    organisations = Organization.objects.count()
    variant = {**ROWS[0], "Lead Institution": "Secretaría de Gestión Pública (SGP-PCM)"}

    printed = run_import(current_file([variant], name="again.csv"))

    assert "  organisation names: 1 created, 0 updated, 0 unchanged" in printed
    assert Organization.objects.count() == organisations
    lead = client.get("/api/v1/commitments/PE0074/").json()["lead_organization"]
    assert lead["name"] == "Secretaría de Gestión Pública"

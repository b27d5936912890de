"""The star of an assessment saved by a plan administrator, as the API serves it."""

from __future__ import annotations

import pytest

from reviews.models import Methodology
from reviews.services import save_assessments
from tests import factories

pytestmark = pytest.mark.django_db

STAR_SCALES = {
    "specificity": "high",
    "relevant_access_to_information": True,
    "potential_impact": "transformative",
    "completion": "complete",
}


@pytest.mark.parametrize(
    ("methodology", "starred", "star_formula", "formula_stars"),
    [
        (
            Methodology.PRE_2021,
            True,
            "current",
            {"pre_2014": True, "2015": True, "current": True},
        ),
        # The 2021 methodology stars nothing, under any formula.
        (
            Methodology.FROM_2021,
            False,
            None,
            {"pre_2014": None, "2015": None, "current": None},
        ),
    ],
)
def test_an_assessment_is_starred_only_under_the_methodology_that_stars(
    client, methodology, starred, star_formula, formula_stars
):
    report = factories.IRMReportFactory(methodology=methodology)
    assessment = factories.AssessmentFactory(report=report, **STAR_SCALES)
    save_assessments(user=factories.make_plan_admin(), assessments=[(assessment, None)])

    response = client.get("/api/v1/assessments/", {"format": "json"})
    assert response.status_code == 200
    [row] = response.json()["results"]
    assert (row["starred"], row["star_formula"]) == (starred, star_formula)
    assert row["formula_stars"] == formula_stars

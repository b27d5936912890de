"""/api/v1/stats/completion/?group_by=ogp_value as a reader sees it: each OGP value named in the
reader's language, today and on a past day, and the IRM report asked for (`irm_report`) used on that
day too (each value's counts take their own path through counting.completion_by)."""

from __future__ import annotations

import pytest

from tests.figures.test_asof_stats_by_grouping import STATS, history  # noqa: F401 (a fixture)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.world("figures"),
    pytest.mark.usefixtures("history"),
]

LABELS = {
    "en": {
        "access_to_information": "Access to information",
        "civic_participation": "Civic participation",
        "public_accountability": "Public accountability",
        "technology_innovation": "Technology and innovation",
    },
    "es": {
        "access_to_information": "Acceso a la información",
        "civic_participation": "Participación ciudadana",
        "public_accountability": "Rendición de cuentas",
        "technology_innovation": "Tecnología e innovación",
    },
}


@pytest.mark.parametrize("language", sorted(LABELS))
@pytest.mark.parametrize("as_of", [None, "2014-06-01"])
def test_each_ogp_value_is_named_in_the_readers_language(api_client, language, as_of):
    params = {"group_by": "ogp_value", **({"as_of": as_of} if as_of else {})}
    rows = api_client.get(STATS, params, headers={"accept-language": language}).json()["results"]
    assert {row["key"]: row["label"] for row in rows} == LABELS[language]


@pytest.mark.parametrize(
    ("irm_report", "level"),
    [("progress", "complete"), ("end_of_term", "substantial"), ("latest", "substantial")],
)
def test_a_past_day_by_ogp_value_counts_the_irm_report_asked_for(api_client, irm_report, level):
    # c1, the one commitment on access to information: complete in P1's progress report
    # (2014-03-01), substantial in its end-of-term report (2015-09-01).
    params = {"group_by": "ogp_value", "as_of": "2016-01-01", "irm_report": irm_report}
    rows = {row["key"]: row for row in api_client.get(STATS, params).json()["results"]}
    irm = rows["access_to_information"]["completion"]["irm"]
    assert {key: n for key, n in irm.items() if n and key in ("complete", "substantial")} == {
        level: 1
    }

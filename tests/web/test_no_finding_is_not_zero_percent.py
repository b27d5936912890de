"""A track that has said nothing about a plan yet (no IRM assessment, no status update) shows that
it has no finding, not "0 of 4 (0.0 %)", which reads as a real figure. The API keeps its counts:
the README's rule puts every commitment in the denominator, assessed or not."""

from __future__ import annotations

import datetime
import re

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = factories.ActionPlanFactory(ogp_id="AP_PER02")
    for n in range(1, 5):
        factories.CommitmentFactory(
            action_plan=plan,
            ogp_id=f"PE010{n}",
            self_reported_completion="",
            government_completion="",
            irm_completion="",
        )
    first = plan.commitments.first()
    first.self_reported_completion = "limited"
    first.self_reported_as_of = datetime.date(2026, 12, 5)
    first.save(update_fields=["self_reported_completion", "self_reported_as_of"])
    return plan


def cell(html: str, label: str) -> str:
    """The home page's cell of the plan under the column `label` (its phone card label)."""
    match = re.search(rf'data-label="{re.escape(label)}">(.*?)</td>', html, re.S)
    assert match, label
    return match.group(1)


@pytest.mark.parametrize(
    ("language", "irm_label", "no_finding", "government_label", "nothing"),
    [
        (
            "es",
            "MRI: completos",
            "aún sin hallazgos del MRI",
            "Gobierno: completos",
            "aún sin reportes",
        ),
        (
            "en",
            "IRM: complete",
            "no IRM finding yet",
            "Government: complete",
            "nothing reported yet",
        ),
    ],
)
def test_home_says_a_silent_track_has_no_finding(
    client, plan, language, irm_label, no_finding, government_label, nothing
):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE=language).content.decode()

    assert cell(html, irm_label).startswith(no_finding)
    assert cell(html, government_label).startswith(nothing)
    # Civil society reported on one commitment: its rate is a finding, 0 of 4 complete.
    assert "(0,0\xa0%)" in html if language == "es" else "(0.0\xa0%)" in html


@pytest.mark.parametrize(
    ("language", "no_finding", "zero"),
    [
        ("es", "aún sin hallazgos del MRI", "0 de 4 (0,0\xa0%)"),
        ("en", "no IRM finding yet", "0 of 4 (0.0\xa0%)"),
    ],
)
def test_plan_page_figures_say_the_irm_has_no_finding(client, plan, language, no_finding, zero):
    html = client.get("/plans/AP_PER02/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    rows = re.findall(
        r'<th scope="row">[^<]*rate</th>(.*?)</tr>|<th scope="row">Tasa[^<]*</th>(.*?)</tr>',
        html,
        re.S,
    )
    cells = [re.findall(r"<td>(.*?)</td>", "".join(row)) for row in rows]

    assert len(cells) == 2
    for irm, civil_society, government in cells:
        assert irm == no_finding
        assert civil_society == zero
        assert government != zero


def test_the_api_keeps_the_counts(api_client, plan):
    completion = api_client.get("/api/v1/action-plans/AP_PER02/").json()["completion"]

    assert completion["irm"]["complete_rate"] == {"numerator": 0, "denominator": 4}
    assert completion["irm"]["no_data"] == 4

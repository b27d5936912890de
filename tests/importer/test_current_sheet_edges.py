"""OGP's current sheet at its edges, through the import command: ids typed loosely or not ids at all,
a plan number of 0, years and web addresses that cannot be right, levels written in other words, and
the report kinds each plan's submission year calls for."""

from __future__ import annotations

import pytest

from commitments.models import ActionPlan, Commitment, Member
from reviews.models import Assessment

from .conftest import run_import
from .test_worst_cells import refused, rows, warning

pytestmark = pytest.mark.django_db


def kinds(ogp_id: str) -> list[tuple[str, str]]:
    return sorted(
        Assessment.objects.filter(commitment__ogp_id=ogp_id).values_list(
            "report__kind", "report__methodology"
        )
    )


def test_ids_typed_loosely_are_read_and_what_is_not_an_id_gets_a_provisional_one(current_file):
    path = current_file(
        rows(
            {"Commitment Unique Identifier": " pe 0074 "},
            {"Commitment Unique Identifier": "PE00741"},
            {"Commitment Unique Identifier": "PERUABC0001"},
        )
    )

    printed = run_import(path)

    ids = set(Commitment.objects.values_list("ogp_id", flat=True))
    assert "PE0074" in ids and "PE00741" not in ids and "PERUABC0001" not in ids
    assert len(ids) == 3
    line = warning(printed, "is not an OGP commitment id")
    assert "column “Commitment Unique Identifier”: “PE00741” is not an OGP commitment id" in line
    assert "(1 row: 3 (PE00741))" in line
    assert "“PERUABC0001” is not an OGP commitment id" in printed


def test_a_plan_number_of_zero_is_refused(current_file):
    message = refused(current_file(rows({}, {"Action Plan Number": "0"})))

    assert (
        "row 3, PE0002, column “Action Plan Number”: an action plan number from 1 up is required"
    ) in message


def test_years_outside_ogps_time_are_read_as_unknown(current_file):
    path = current_file(
        rows(
            {"Year Of Submission": "2011", "Action Plan End Year": "2100"},
            {"Year Of Submission": "2010", "Action Plan End Year": "2101"},
        )
    )

    printed = run_import(path)

    plans = {p.number: p for p in ActionPlan.objects.all()}
    assert len(plans) == 1
    assert "column “Year Of Submission”: implausible year 2010: read as unknown (1 row: 3" in (
        printed
    )
    assert "column “Action Plan End Year”: implausible year 2101: read as unknown" in printed
    assert "implausible year 2011" not in printed and "implausible year 2100" not in printed


@pytest.mark.parametrize(
    ("url", "stored", "warned"),
    [
        ("https://www.opengovpartnership.org/members/peru/commitments/PE0001/", True, False),
        ("http://ogp.org/x", True, False),
        ("NR", False, False),
        ("www.opengovpartnership.org/members/peru", False, True),
        ("https://ogp.org/a b", False, True),
        ("https://ogp.org/" + "x" * 484, True, False),  # 500 characters
        ("https://ogp.org/" + "x" * 485, False, True),
    ],
    ids=["https", "http", "not-reported", "no-scheme", "space", "500", "501"],
)
def test_only_a_web_address_is_kept_as_the_ogp_page(current_file, url, stored, warned):
    printed = run_import(current_file(rows({"URL": url})))

    assert Commitment.objects.get().url == (url if stored else "")
    assert ("is not a web address: left out" in printed) is warned
    if warned:
        assert f"column “URL”: “{url[:80]}” is not a web address" in printed


@pytest.mark.parametrize(
    ("level", "place", "kind", "warned"),
    [
        ("NATIONAL", "Peru", "national", None),
        ("Local", "Distrito de Miraflores, Lima, Peru", "local", None),
        ("Local (legacy)", "Miraflores, Peru", "local", "“Local (legacy)” read as Local"),
        ("local", "Miraflores, Atlantis", "other", "a local member is written “Locality, Country”"),
        ("Subnational", "Miraflores, Peru", "other", "is neither National nor Local"),
    ],
    ids=["upper-case", "two-commas", "legacy", "unknown-country", "neither"],
)
def test_the_members_level_in_other_words(current_file, level, place, kind, warned):
    code = "PER" if kind == "national" else "MIR"
    printed = run_import(
        current_file(
            rows(
                {
                    "National Or Local": level,
                    "Country/Locality": place,
                    "Code": code,
                    "Commitment Unique Identifier": "PE0001" if kind == "national" else "MIR0001",
                }
            )
        )
    )

    member = Member.objects.get(code=code)
    assert member.kind == kind
    if kind == "local":
        assert member.country.code == "PER"
    if warned:
        assert warned in warning(printed, warned)
    else:
        assert "warning" not in printed


@pytest.mark.parametrize(
    ("submitted", "expected"),
    [
        ("2017", [("end_of_term", "pre_2021"), ("progress", "pre_2021")]),
        ("2018", [("design", "pre_2021"), ("implementation", "pre_2021")]),
        ("2019", [("design", "pre_2021"), ("implementation", "pre_2021")]),
        ("2020", [("action_plan_review", "from_2021"), ("results", "from_2021")]),
    ],
)
def test_the_submission_year_decides_which_reports_a_row_fills(current_file, submitted, expected):
    cells = {
        "Year Of Submission": submitted,
        "Verifiable": "Yes",
        "Potential for Results": "Modest",
        "Completion (End Of Term)": "Complete",
    }

    run_import(current_file(rows(cells)))

    assert kinds("PE0001") == expected


def test_without_a_submission_year_the_2021_columns_decide(current_file):
    path = current_file(
        rows(
            {"Early Results": "Moderate"},
            {"Potential for Results": "Modest"},
            {"Verifiable": "Yes", "Completion (End Of Term)": "Complete"},
        )
    )

    run_import(path)

    assert kinds("PE0001") == [("results", "from_2021")]
    assert kinds("PE0002") == [("action_plan_review", "from_2021")]
    assert kinds("PE0003") == [("end_of_term", "pre_2021"), ("progress", "pre_2021")]
    progress = Assessment.objects.get(commitment__ogp_id="PE0003", report__kind="progress")
    assert (progress.verifiable, progress.verifiable_label) == (True, "Yes")
    assert (progress.specificity, progress.potential_impact) == ("medium", "minor")


def test_a_pre_2021_row_without_verifiable_leaves_it_unknown_and_keeps_its_star_cells(
    current_file,
):
    path = current_file(
        rows(
            {
                "Starred (2015 Only)": "1",
                "Starred (Current Formula) Progress Report": "0",
                "Starred (Current Formula) End of Term": "1",
                "Completion (End Of Term)": "Complete",
                "Did It Open Government (Overall)": "Major",
                "Report Publication Year (End Of Term)": "2019",
            }
        )
    )

    run_import(path)

    progress = Assessment.objects.get(report__kind="progress")
    assert (progress.verifiable, progress.verifiable_label) == (None, "")
    assert progress.source_stars == {"2015": "1", "current": "0"}
    end = Assessment.objects.get(report__kind="end_of_term")
    assert end.source_stars == {"current": "1"}
    assert (end.completion, end.opened_government) == ("complete", "major")
    assert end.report.publication_year == 2019 and end.specificity == "medium"


def test_a_verifiable_or_year_cell_outside_its_vocabulary_imports_with_a_warning_naming_it(
    current_file,
):
    path = current_file(
        rows({"Verifiable": "Perhaps", "Report Publication Year (Progress Report)": "2018?"})
    )

    printed = run_import(path)

    assessment = Assessment.objects.get()
    assert (assessment.verifiable, assessment.verifiable_label) == (None, "Perhaps")
    assert assessment.report.publication_year is None
    assert "column “Verifiable”: expected 0 or 1, found “Perhaps”: read as unknown" in printed
    assert (
        "column “Report Publication Year (Progress Report)”: expected a whole number, found "
        "“2018?”: read as unknown"
    ) in printed


def test_an_unknown_policy_area_flag_and_a_row_without_an_id(current_file):
    printed = run_import(
        current_file(rows({"Open Data": "maybe", "Commitment Unique Identifier": ""}))
    )

    commitment = Commitment.objects.get()
    assert not commitment.policy_areas.exists()
    assert "column “Open Data”: expected 0 or 1, found “maybe”: read as unknown (1 row: 2" in (
        printed
    )
    # No OGP id to take a prefix from: the nation's ISO alpha-2, as OGP's own ids mostly carry.
    assert Member.objects.get().commitment_prefix == "PE"
    assert commitment.ogp_id.startswith("PE") and commitment.id_provisional

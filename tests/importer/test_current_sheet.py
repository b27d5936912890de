"""OGP's current sheet: ids as given, a local member, exact dates only, both IRM generations."""

from __future__ import annotations

import datetime

import pytest
from django.core.management.base import CommandError

from commitments.models import ActionPlan, Commitment, Member, Organization
from reviews.models import Assessment, IRMReport

from .conftest import run_import

pytestmark = pytest.mark.django_db

PERU = {
    "Country/Locality": "Peru",
    "Code": "PER",
    "National Or Local": "National",
    "Action Plan Number": "3",
    "Action Plan ID": "AP_PER03",
    "Theme": "Transparencia",
    "Lead Institution": "Secretaría de Gestión Pública (SGP)",
    "OGP Value Access To Information": "1",
    "OGP Value Civic Participation": "0",
    "OGP Value Public Accountability": "ND",
    "OGP Value Technology": "0",
    "Open Data": "1",
    "Right To Information": "1",
    "Report Publication Year (Progress Report)": "2018",
    "Starred (2015 Only)": "NR",
    "Starred (Current Formula) Progress Report": "1",
}
ROWS = [
    {
        **PERU,
        "Commitment Unique Identifier": "PE0074",
        "Commitment Number": "1",
        "Commitment Title": "Portal de datos abiertos",
        "Start Date": "July 2014",
        "End Date": "31/12/2014",
        "Supporting Institution(s)": "Secretaria de la Gestión Pública (SGP), ; Defensoría del Pueblo",
        "Specificity": "Medium",
        "Potential Impact": "Transformative",
        "Completion (Progress Report)": "Substantial",
    },
    {
        **PERU,
        "Commitment Unique Identifier": "PE0075",
        "Commitment Number": "2",
        "Commitment Title": "Registro de visitas",
        "Start Date": "9/1/2018",
        "End Date": "Ongoing",
        "Lead Institution": "Secretaria de Gestión Pública (SGP)",
        "Specificity": "Low",
        "Potential Impact": "Minor",
        "Completion (Progress Report)": "Not Started",
        "Completion (End Of Term)": "Limited",
        "Did It Open Government (Overall)": "Did Not Change",
        "Report Publication Year (End Of Term)": "2020",
    },
    {
        "Commitment Unique Identifier": "STT0001",
        "Country/Locality": "Santa Tecla, El Salvador",
        "Code": "STT",
        "National Or Local": "Local",
        "Action Plan Number": "1",
        "Action Plan ID": "AP_STT01",
        "Commitment Number": "1",
        "Commitment Title": "Presupuesto participativo",
        "Start Date": "2021",
        "End Date": "NR",
        "Lead Institution": "Alcaldía de Santa Tecla",
        "OGP Value Civic Participation": "1",
        "Verifiable": "Yes",
        "Potential for Results": "Modest",
        "Early Results": "Moderate",
        "Completion (End Of Term)": "Complete",
        "Report Publication Year (Progress Report)": "2021",
        "Report Publication Year (End Of Term)": "2023",
    },
]


def test_current_sheet_rows_import_with_their_ids_and_again_change_nothing(current_file):
    path = current_file(ROWS)

    printed = run_import(path)

    assert "OGP commitments sheet (current), 3 rows" in printed
    assert "commitments: 3 created, 0 updated, 0 unchanged" in printed
    assert set(Commitment.objects.values_list("ogp_id", flat=True)) == {
        "PE0074",
        "PE0075",
        "STT0001",
    }
    pe74 = Commitment.objects.get(ogp_id="PE0074")
    assert pe74.action_plan.ogp_id == "AP_PER03" and pe74.source_row == 2
    # `July 2014` is not one day: kept as text. `31/12/2014` is day/month. `9/1/2018` month/day.
    assert (pe74.start_date, pe74.start_date_text) == (None, "July 2014")
    assert (pe74.end_date, pe74.end_date_text) == (datetime.date(2014, 12, 31), "")
    pe75 = Commitment.objects.get(ogp_id="PE0075")
    assert pe75.start_date == datetime.date(2018, 9, 1)
    assert (pe75.end_date, pe75.end_date_text) == (None, "Ongoing")
    # One organisation for every spelling; the supporting cell's own SGP is not a supporter.
    assert Organization.objects.filter(member__code="PER").count() == 2
    sgp = Organization.objects.get(member__code="PER", acronym="SGP")
    assert pe74.lead_organization == sgp and pe75.lead_organization == sgp
    assert list(pe74.supporting_organizations.values_list("name", flat=True)) == [
        "Defensoría del Pueblo"
    ]
    assert pe74.value_access_to_information and not pe74.value_public_accountability
    assert set(pe74.policy_areas.values_list("slug", flat=True)) == {
        "open-data",
        "right-to-information",
    }

    progress = Assessment.objects.get(commitment=pe74, report__kind="progress")
    assert (progress.completion, progress.completion_label) == ("substantial", "Substantial")
    assert progress.relevant_public_accountability is None  # ND
    assert (progress.starred, progress.star_formula) == (True, "current")  # computed
    assert progress.formula_stars == {"pre_2014": True, "2015": True, "current": True}
    end = Assessment.objects.get(commitment=pe75, report__kind="end_of_term")
    assert (end.opened_government, end.opened_government_label) == (
        "did_not_change",
        "Did Not Change",
    )
    assert pe75.irm_completion == "limited"  # the end-of-term report is the latest

    local = Member.objects.get(code="STT")
    assert (local.kind, local.country.code, local.commitment_prefix) == ("local", "SLV", "STT")
    assert local.iso_alpha2 == ""
    stt = Commitment.objects.get(ogp_id="STT0001")
    assert stt.action_plan == ActionPlan.objects.get(ogp_id="AP_STT01")
    assert (stt.start_date, stt.start_date_text) == (None, "2021")
    review = Assessment.objects.get(commitment=stt, report__kind="action_plan_review")
    assert (review.verifiable, review.potential_for_results) == (True, "modest")
    results = Assessment.objects.get(commitment=stt, report__kind="results")
    assert (results.early_results, results.completion) == ("moderate", "complete")
    assert results.report.methodology == "from_2021" and results.report.publication_year == 2023
    assert stt.irm_completion == "complete"

    counts = (Commitment.objects.count(), Assessment.objects.count(), IRMReport.objects.count())
    history = (Commitment.history.count(), Assessment.history.count())

    again = run_import(path)

    assert "commitments: 0 created, 0 updated, 3 unchanged" in again
    assert "assessments: 0 created, 0 updated, 5 unchanged" in again
    assert "IRM reports: 0 created, 0 updated, 4 unchanged" in again
    assert (Commitment.objects.count(), Assessment.objects.count(), IRMReport.objects.count()) == (
        counts
    )
    assert (Commitment.history.count(), Assessment.history.count()) == history


def test_a_changed_row_updates_only_that_commitment(current_file, tmp_path):
    run_import(current_file(ROWS))
    changed = [dict(row) for row in ROWS]
    changed[1]["Commitment Title"] = "Registro de visitas en línea"
    changed[1]["Completion (End Of Term)"] = "Complete"

    printed = run_import(current_file(changed))  # the same file, edited

    assert "commitments: 0 created, 1 updated, 2 unchanged" in printed
    assert "assessments: 0 created, 1 updated, 4 unchanged" in printed
    pe75 = Commitment.objects.get(ogp_id="PE0075")
    assert pe75.title == "Registro de visitas en línea"
    assert pe75.irm_completion == "complete"
    assert pe75.history.count() == 2


def test_a_dry_run_names_the_fields_each_update_would_change_and_writes_nothing(current_file):
    run_import(current_file(ROWS))
    changed = [dict(row) for row in ROWS]
    changed[1]["Commitment Title"] = "Registro de visitas en línea"
    changed[1]["Right To Information"] = "0"  # a policy area dropped
    changed[1]["Completion (End Of Term)"] = "Complete"

    printed = run_import(current_file(changed), "--dry-run")

    assert (
        "commitments updated, by field: title 1, policy areas 1 (PE0075 (title, policy areas))"
        in (printed)
    )
    assert "assessments updated, by field: completion 1" in printed
    assert "PE0075 · End-of-term report (completion" in printed
    assert Commitment.objects.get(ogp_id="PE0075").title == "Registro de visitas"  # rolled back


def test_a_date_years_past_the_plans_end_is_kept_as_text_and_warned_about(client, current_file):
    row = {**ROWS[0], "Year Of Submission": "2014", "Action Plan End Year": "2016"}
    slipped = {**ROWS[1], "Year Of Submission": "2014", "Action Plan End Year": "2016"}
    slipped["End Date"] = "12/31/2061"  # 2016 typed backwards
    row["End Date"] = "12/31/2017"  # a year's extension is real

    printed = run_import(current_file([row, slipped]))

    late = client.get("/api/v1/commitments/PE0075/").json()
    assert (late["end_date"], late["end_date_text"]) == (None, "12/31/2061")
    assert "date 2061-12-31 is 45 years past the plan's end (2016)" in printed
    assert client.get("/api/v1/commitments/PE0074/").json()["end_date"] == "2017-12-31"


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("Commitment Unique Identifier", "P074", "is not an OGP commitment id"),
        ("National Or Local", "Regional", "is neither National nor Local"),
        ("Action Plan ID", "AP_PER02", "does not match the code and plan number"),
        ("Completion (End Of Term)", "Mostly", "unknown label “Mostly”"),
        ("Year Of Submission", "2016 (revised)", "expected a whole number"),
        ("OGP Value Technology", "Y?", "expected 0 or 1"),
    ],
)
def test_a_value_outside_the_vocabulary_imports_with_a_warning_naming_row_id_and_column(
    current_file, column, value, expected
):
    rows = [dict(row) for row in ROWS]
    rows[1][column] = value

    printed = run_import(current_file(rows))

    assert "commitments: 3 created" in printed
    warning = next(line for line in printed.splitlines() if expected in line)
    assert f"column “{column}”" in warning and "(1 row: 3 (" in warning


def test_ogp_prefixes_and_codes_are_taken_as_written(current_file):
    kosovo = {
        **ROWS[0],
        "Commitment Unique Identifier": "XK0003",
        "Country/Locality": "Kosovo",
        "Code": "XKX",
        "Action Plan Number": "1",
        "Action Plan ID": "AP_XKX01",
    }
    uk = {
        **ROWS[0],
        "Commitment Unique Identifier": "UK0101",
        "Country/Locality": "United Kingdom",
        "Code": "GBR",
        "Action Plan Number": "4",
        "Action Plan ID": "AP_GBR04",
    }
    png = {**uk, "Commitment Unique Identifier": "PNG0012", "Code": "PNG"}
    png.update({"Country/Locality": "Papua New Guinea", "Action Plan ID": "AP_PNG04"})

    printed = run_import(current_file([kosovo, uk, png]))

    assert "commitments: 3 created" in printed
    assert set(Commitment.objects.values_list("ogp_id", flat=True)) == {
        "XK0003",
        "UK0101",
        "PNG0012",
    }
    assert list(
        Member.objects.order_by("code").values_list("code", "iso_alpha2", "commitment_prefix")
    ) == [("GBR", "GB", "UK"), ("PNG", "PG", "PNG"), ("XKX", "", "XK")]
    assert "“XKX” is not an ISO alpha-3 country code: kept as OGP's own code" in printed


def test_a_repeated_commitment_id_is_refused(current_file):
    rows = [ROWS[0], {**ROWS[1], "Commitment Unique Identifier": "PE0074"}]

    with pytest.raises(CommandError, match="PE0074 already appears on row 2"):
        run_import(current_file(rows))
    assert Commitment.objects.count() == 0


def test_a_local_member_without_its_country_is_kept_as_another_kind(current_file):
    rows = [{**ROWS[2], "Country/Locality": "Santa Tecla"}]

    printed = run_import(current_file(rows))

    assert "Locality, Country" in printed
    assert Member.objects.get(code="STT").kind == "other"


def test_a_local_row_cannot_reuse_a_nations_code(current_file):
    local = {**ROWS[2], "Code": "PER", "Action Plan ID": "AP_PER01"}
    rows = [ROWS[0], {**local, "Commitment Unique Identifier": "PE0099"}]

    with pytest.raises(CommandError, match="row 3, PE0099: member PER exists as a national member"):
        run_import(current_file(rows))
    assert Commitment.objects.count() == 0


def test_plan_facts_are_kept_and_an_ended_plan_shows_as_ended(client, current_file):
    row = {
        **ROWS[0],
        "Year Of Submission": "2017",
        "Action Plan End Year": "2019",
        "URL": "https://www.opengovpartnership.org/members/peru/commitments/PE0074/",
        "Start Date": "1/5/1905",  # a spreadsheet artefact
    }

    printed = run_import(current_file([row]))

    plan = client.get("/api/v1/action-plans/AP_PER03/").json()
    assert (plan["submission_year"], plan["end_year"], plan["status"]) == (2017, 2019, "ended")
    commitment = client.get("/api/v1/commitments/PE0074/").json()
    assert commitment["url"].endswith("/commitments/PE0074/")
    assert commitment["id_provisional"] is False
    assert (commitment["start_date"], commitment["start_date_text"]) == (None, "1/5/1905")
    assert "implausible date 1905-05-01" in printed  # the row writes day/month (31/12/2014)
    # The methodology of its cycle: a 2017 plan has a progress report (2018-2019 plans get design
    # and implementation reports; the 2021 methodology starts with 2020 plans).
    assert list(Assessment.objects.values_list("report__kind", "report__methodology")) == [
        ("progress", "pre_2021")
    ]

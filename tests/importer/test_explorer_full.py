"""The whole 2017 Explorer table, imported twice: every row kept, Peru as OGP numbers it, idempotent."""

from __future__ import annotations

import pytest
from django.apps import apps

from commitments.figures.counting import completion_figures
from commitments.models import ActionPlan, Commitment, Member, Organization, OrganizationAlias
from reviews.models import Assessment, IRMReport

from .conftest import run_import

pytestmark = pytest.mark.django_db

KINDS = ("members", "action plans", "organisations", "commitments", "IRM reports", "assessments")


def table_counts() -> dict[str, int]:
    historical_m2m = apps.get_model("commitments", "HistoricalCommitment_supporting_organizations")
    return {
        "members": Member.objects.count(),
        "plans": ActionPlan.objects.count(),
        "commitments": Commitment.objects.count(),
        "organisations": Organization.objects.count(),
        "aliases": OrganizationAlias.objects.count(),
        "reports": IRMReport.objects.count(),
        "assessments": Assessment.objects.count(),
        "commitment history": Commitment.history.count(),
        "assessment history": Assessment.history.count(),
        "supporting history": historical_m2m.objects.count(),
    }


def test_full_explorer_file_imports_every_row_and_a_second_run_changes_nothing(
    shared_explorer_csv,
):
    printed = run_import(shared_explorer_csv)

    assert "IRM Explorer table (2017), 1927 rows" in printed
    assert "commitments: 1927 created, 0 updated, 0 unchanged" in printed
    assert "members: 61 created" in printed
    assert "action plans: 100 created" in printed
    # Not one row dropped, merged or duplicated.
    assert Commitment.objects.count() == 1927
    assert ActionPlan.objects.count() == 100
    assert Member.objects.count() == 61
    assert Commitment.objects.filter(number="").count() == 5  # blank Comm No: still commitments
    assert Commitment.objects.filter(source_file=shared_explorer_csv.name).count() == 1927
    assert sorted(Commitment.objects.values_list("source_row", flat=True)) == list(range(3, 1930))

    # The file has no OGP ids: provisional ones, marked as such, in file order (PE-P0008 is `1:h`),
    # each row with its source key (member, plan, number, occurrence).
    peru1 = Commitment.objects.filter(action_plan__ogp_id="AP_PER01")
    assert list(peru1.order_by("source_row").values_list("ogp_id", flat=True)) == [
        f"PE-P{n:04d}" for n in range(1, 49)
    ]
    assert not Commitment.objects.filter(id_provisional=False).exists()
    pe0008 = Commitment.objects.get(ogp_id="PE-P0008")
    assert pe0008.source_key == "PER|1|1:h|1"
    assert peru1.filter(number="4:A").order_by("source_row")[1].source_key == "PER|1|4:a|2"
    assert (pe0008.number, pe0008.title) == ("1:H", "1:h) Institución autónoma")
    assert pe0008.source_row == 1416  # the physical line in the file
    later = peru1.get(added_after_approval=True)  # the second `4:A`
    assert later.number == "4:A"
    assert peru1.filter(number="4:A").earliest("source_row").added_after_approval is False

    # Peru plan 1's IRM completion, from its progress report (its end of term is ND: no report).
    irm = completion_figures(peru1).irm
    assert (irm.counts["complete"], irm.counts["substantial"], irm.counts["limited"]) == (2, 12, 19)
    assert (irm.counts["not_started"], irm.counts["unclear"], irm.counts["withdrawn"]) == (9, 4, 2)
    assert irm.total == 48 and irm.counts["no_data"] == 0
    reports = IRMReport.objects.filter(action_plan__ogp_id="AP_PER01")
    assert list(reports.values_list("kind", "methodology", "state", "publication_year")) == [
        ("progress", "pre_2021", "published", 2014)
    ]
    assessment = Assessment.objects.get(commitment=pe0008)
    assert (assessment.specificity, assessment.specificity_label) == ("low", "a. low")
    assert (assessment.completion, assessment.completion_label) == ("substantial", "c. Substantial")
    assert assessment.source_stars == {"pre_2014": "1", "2015": "ND", "current": "ND"}
    # Each formula is computed, not copied from the file's "1": the pre-June-2014 formula stars it
    # (it ignores specificity); the current one, not the report's own (the file says ND), does not
    # give the star it is served with.
    assert (assessment.starred, assessment.star_formula) == (False, "")
    assert assessment.formula_stars == {"pre_2014": True, "2015": False, "current": False}
    assert IRMReport.objects.filter(kind="end_of_term").count() == 4

    # Members from country names.
    assert list(
        Member.objects.filter(code__in=["PER", "GBR", "KOR", "MKD"])
        .order_by("code")
        .values_list("code", "iso_alpha2", "commitment_prefix")
    ) == [("GBR", "GB", "GB"), ("KOR", "KR", "KR"), ("MKD", "MK", "MK"), ("PER", "PE", "PE")]

    # The three spellings of the Secretaría de Gestión Pública are one organisation.
    sgp = Organization.objects.get(member__code="PER", acronym="SGP")
    assert sgp.name == "Secretaría de Gestión Pública"
    for spelling in (
        "Secretaría de Gestión Pública (SGP)",
        "Secretaria de Gestión Pública (SGP)",
        "Secretaria de la Gestión Pública (SGP)",
        "SGP",
    ):
        assert list(Organization.objects.matching(spelling, sgp.member)) == [sgp]
    assert peru1.filter(lead_organization=sgp).count() == 28
    # "Secretaria de la Gestión Pública (SGP), Ministerio Energía y Minas, Autoridad ... (SERVIR)"
    # is clearly a list of leads: the SGP leads, the others co-lead.
    assert sorted(pe0008.co_lead_organizations.values_list("acronym", flat=True)) == [
        "",
        "SERVIR",
    ]
    assert not pe0008.supporting_organizations.exists()

    # Dates: US month/day; anything that is not one exact day stays text.
    assert str(Commitment.objects.get(source_row=85).start_date) == "2012-04-01"
    assert pe0008.start_date is None and pe0008.start_date_text == "Not Specified"

    before = table_counts()
    again = run_import(shared_explorer_csv)

    for kind in KINDS:
        line = next(line for line in again.splitlines() if line.strip().startswith(f"{kind}:"))
        assert ": 0 created, 0 updated, " in line, line
    assert "commitments: 0 created, 0 updated, 1927 unchanged" in again
    assert "assessments: 0 created, 0 updated, 1912 unchanged" in again
    assert table_counts() == before

"""The database holds every invariant it can: a bad row is refused by the database itself, and
full_clean() turns the same rule into a message a form can show."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from commitments.models import ActionPlan, Member, Milestone, StatusEvidence
from reviews.models import Assessment
from tests import factories

pytestmark = pytest.mark.django_db

D = datetime.date


def refused_by_database(write) -> bool:
    try:
        with transaction.atomic():
            write()
    except IntegrityError:
        return True
    return False


# --- Action plans -----------------------------------------------------------------------------------


@pytest.mark.parametrize("end", [D(2012, 4, 9), D(2012, 4, 10)])
def test_a_plan_must_start_before_it_ends(end):
    plan = factories.ActionPlanFactory.build(
        member=factories.MemberFactory(), start_date=D(2012, 4, 10), end_date=end
    )
    assert refused_by_database(plan.save)
    with translation.override("en"), pytest.raises(ValidationError, match="start before it ends"):
        plan.full_clean()


def test_a_plan_with_an_open_end_is_accepted():
    plan = factories.ActionPlanFactory(start_date=D(2012, 4, 10), end_date=None)
    assert ActionPlan.objects.filter(pk=plan.pk).exists()


def test_plan_ogp_ids_and_numbers_are_unique():
    plan = factories.ActionPlanFactory()
    assert refused_by_database(
        lambda: factories.ActionPlanFactory(ogp_id=plan.ogp_id, number=plan.number + 1)
    )
    assert refused_by_database(
        lambda: factories.ActionPlanFactory(member=plan.member, number=plan.number, ogp_id="AP_X")
    )


# --- Commitments -------------------------------------------------------------------------------------


def test_commitment_ogp_ids_are_unique():
    factories.CommitmentFactory(ogp_id="PE0008")
    assert refused_by_database(lambda: factories.CommitmentFactory(ogp_id="PE0008"))


@pytest.mark.parametrize(
    "ogp_id", ["PE008", "pe0008", "PE00081", "P0008", "PERUVIA0008", "PE-0008", "PE-X0008"]
)
def test_commitment_ogp_id_must_be_a_prefix_and_four_digits(ogp_id):
    assert refused_by_database(lambda: factories.CommitmentFactory(ogp_id=ogp_id))


@pytest.mark.parametrize("ogp_id", ["PE0008", "ABC1234", "UK0012", "PNG0003", "PE-P0008"])
def test_well_formed_commitment_ogp_ids_are_accepted(ogp_id):
    assert factories.CommitmentFactory(ogp_id=ogp_id).pk


# --- Members -----------------------------------------------------------------------------------------


def test_a_local_member_needs_a_country():
    local = Member(code="PE-LIM", commitment_prefix="LIM", name="Lima", kind=Member.Kind.LOCAL)
    assert refused_by_database(local.save)
    with translation.override("en"), pytest.raises(ValidationError, match="belongs to a country"):
        local.full_clean()


def test_a_nation_has_no_country_and_a_local_member_with_one_is_accepted():
    peru = factories.MemberFactory(code="PER", iso_alpha2="PE", commitment_prefix="PE")
    nation_in_nation = Member(
        code="XXX", commitment_prefix="XX", name="X", kind=Member.Kind.NATIONAL, country=peru
    )
    assert refused_by_database(nation_in_nation.save)
    lima = Member.objects.create(
        code="PE-LIM", commitment_prefix="LIM", name="Lima", kind=Member.Kind.LOCAL, country=peru
    )
    assert list(Member.objects.in_country(peru).order_by("pk")) == [peru, lima]


# --- IRM assessments --------------------------------------------------------------------------------


def test_one_assessment_per_report_and_commitment():
    first = factories.AssessmentFactory()
    duplicate = Assessment(report=first.report, commitment=first.commitment, completion="complete")
    assert refused_by_database(duplicate.save)
    with pytest.raises(ValidationError):
        duplicate.full_clean()
    # Another report of the same plan may assess the same commitment.
    other = factories.IRMReportFactory(action_plan=first.report.action_plan, kind="end_of_term")
    assert Assessment.objects.create(report=other, commitment=first.commitment).pk


# --- Evidence and milestones ------------------------------------------------------------------------


def test_evidence_must_be_a_link_or_a_file_not_neither_nor_both():
    update = factories.StatusUpdateFactory()
    assert refused_by_database(lambda: StatusEvidence.objects.create(status_update=update))
    assert refused_by_database(
        lambda: StatusEvidence.objects.create(
            status_update=update, url="https://example.org/a", file="evidence/a.pdf"
        )
    )
    assert StatusEvidence.objects.create(status_update=update, url="https://example.org/a").pk
    assert StatusEvidence.objects.create(status_update=update, file="evidence/a.pdf").pk


@pytest.mark.parametrize("status", ["scheduled", "not_met"])
def test_a_milestone_has_a_date_met_only_when_met(status):
    milestone = factories.MilestoneFactory.build(
        commitment=factories.CommitmentFactory(), status=status, met_on=D(2013, 5, 1)
    )
    assert refused_by_database(milestone.save)
    with translation.override("en"), pytest.raises(ValidationError, match="date met"):
        milestone.full_clean()


@pytest.mark.parametrize("status", ["met", "partially_met"])
def test_a_met_milestone_keeps_its_date(status):
    milestone = factories.MilestoneFactory(status=status, met_on=D(2013, 5, 1))
    assert Milestone.objects.get(pk=milestone.pk).met_on == D(2013, 5, 1)

"""factory_boy factories for every model. Tests build the rows they need; no JSON fixtures."""

from __future__ import annotations

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from commitments.models import (
    ActionPlan,
    Commitment,
    ConsultationEvent,
    Indicator,
    Member,
    Milestone,
    Organization,
    OutcomeCheck,
    PlanProcess,
    PolicyArea,
    Profile,
    Proposal,
    StatusUpdate,
)
from commitments.models.members import normalize_name
from commitments.roles import EDITOR, OFFICIAL, PLAN_ADMIN, RESEARCHER
from reviews.models import Assessment, IRMReport

PASSWORD = "a-test-password-9231"


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"X{n:02d}"[:3] if n < 100 else f"X{n}")
    commitment_prefix = factory.Sequence(
        lambda n: "".join(chr(65 + (n // 26**i) % 26) for i in (2, 1, 0))
    )
    name = factory.Sequence(lambda n: f"Member {n}")
    kind = Member.Kind.NATIONAL


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organisation {n}")
    normalized_name = factory.LazyAttribute(lambda o: normalize_name(o.name))
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = Organization.Kind.GOVERNMENT


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    member = factory.SubFactory(MemberFactory)
    number = factory.Sequence(lambda n: n + 1)
    ogp_id = factory.LazyAttribute(lambda p: ActionPlan.make_ogp_id(p.member.code, p.number))
    title = factory.LazyAttribute(lambda p: f"{p.member.name} action plan {p.number}")
    start_date = datetime.date(2012, 1, 1)
    end_date = datetime.date(2014, 1, 1)


class PolicyAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicyArea
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"area-{n}")
    name = factory.Sequence(lambda n: f"Area {n}")


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    action_plan = factory.SubFactory(ActionPlanFactory)
    # Four digits after the prefix (the id format's constraint): past 9,999 commitments in one test
    # session the prefix grows (ZZZ0000 ...), as a long suite on PostgreSQL reaches.
    ogp_id = factory.Sequence(lambda n: f"ZZ{'Z' * (n // 10000)}{n % 10000:04d}")
    number = factory.Sequence(lambda n: str(n + 1))
    title = factory.Sequence(lambda n: f"Commitment {n}")
    short_title = factory.LazyAttribute(lambda c: c.title)
    lead_organization = factory.SubFactory(OrganizationFactory)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    commitment = factory.SubFactory(CommitmentFactory)
    title = factory.Sequence(lambda n: f"Milestone {n}")
    due_date = datetime.date(2013, 6, 30)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def groups(self, create: bool, extracted: list[str] | None, **kwargs) -> None:
        if create and extracted:
            self.groups.add(*(Group.objects.get(name=name) for name in extracted))


def make_editor(organization: Organization | None = None, **kwargs) -> object:
    """A civil-society editor working for `organization` (a new civil-society one by default)."""
    organization = organization or OrganizationFactory(kind=Organization.Kind.CIVIL_SOCIETY)
    user = UserFactory(groups=[EDITOR], **kwargs)
    Profile.objects.update_or_create(user=user, defaults={"organization": organization})
    return user


def make_researcher(**kwargs) -> object:
    return UserFactory(groups=[RESEARCHER], **kwargs)


def make_plan_admin(**kwargs) -> object:
    return UserFactory(groups=[PLAN_ADMIN], is_staff=True, **kwargs)


def make_official(organization: Organization | None = None, **kwargs) -> object:
    """A responsible official of `organization` (a new government one by default)."""
    organization = organization or OrganizationFactory()
    user = UserFactory(groups=[OFFICIAL], **kwargs)
    Profile.objects.update_or_create(user=user, defaults={"organization": organization})
    return user


class StatusUpdateFactory(factory.django.DjangoModelFactory):
    """Writes a bare row. Use commitments.services.record_status_update for the real path."""

    class Meta:
        model = StatusUpdate

    commitment = factory.SubFactory(CommitmentFactory)
    completion = "limited"
    as_of = datetime.date(2013, 6, 1)
    author = factory.SubFactory(UserFactory)


class IRMReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IRMReport

    action_plan = factory.SubFactory(ActionPlanFactory)
    kind = IRMReport.Kind.PROGRESS
    state = IRMReport.State.PUBLISHED
    published_on = datetime.date(2014, 3, 1)


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    report = factory.SubFactory(IRMReportFactory)
    commitment = factory.SubFactory(
        CommitmentFactory, action_plan=factory.SelfAttribute("..report.action_plan")
    )
    specificity = "low"
    completion = "limited"


class OutcomeCheckFactory(factory.django.DjangoModelFactory):
    """Writes a bare row. Use commitments.outcomes.services.record_outcome_check for the real path."""

    class Meta:
        model = OutcomeCheck

    commitment = factory.SubFactory(CommitmentFactory)
    checked_on = datetime.date(2015, 6, 1)
    verdict = "in_force_applied"
    evidence_url = "https://example.org/norma"
    author = factory.SubFactory(UserFactory)


def make_commitments(plan, count: int, prefix: str, start: int = 1, **kwargs) -> list[Commitment]:
    """`count` commitments of `plan` numbered {prefix}0001, {prefix}0002... from `start`."""
    return [
        CommitmentFactory(action_plan=plan, ogp_id=f"{prefix}{start + n:04d}", **kwargs)
        for n in range(count)
    ]


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    commitment = factory.SubFactory(CommitmentFactory)
    name = factory.Sequence(lambda n: f"Indicator {n}")
    unit = "%"
    baseline_value = 10
    baseline_date = datetime.date(2015, 1, 1)
    target_value = 80
    target_date = datetime.date(2016, 12, 31)
    data_source = "Informe de supervisión"
    method = "Revisión semestral"


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal
        skip_postgeneration_save = True

    action_plan = factory.SubFactory(ActionPlanFactory)
    title = factory.Sequence(lambda n: f"Proposal {n}")
    outcome = Proposal.Outcome.ADOPTED

    @factory.post_generation
    def proposers(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.proposers.add(*extracted)


class ConsultationEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsultationEvent

    action_plan = factory.SubFactory(ActionPlanFactory)
    phase = "development"
    kind = ConsultationEvent.Kind.WORKSHOP
    date = datetime.date(2015, 3, 1)
    place = "Lima"
    in_capital = True
    iap2_level = "consult"


def make_process(plan, offices=(), **kwargs) -> PlanProcess:
    process = PlanProcess.objects.create(action_plan=plan, **kwargs)
    process.responsible_organizations.set(offices)
    return process

"""The test world: `build_world()` makes a small, named set of rows a test reads by attribute.

Tests take it through the `world` fixture (tests/conftest.py). The default is the site world; a test or
module asks for another with a marker, e.g. `pytestmark = pytest.mark.world("figures")`:

- "site": a plan with two commitments, every role, a draft and a published report (web, browser).
- "figures": six commitments whose figures the tests count by hand (per group, as-of, IRM basis).
- "peru": Peru's first plan with the IRM's levels, a Chilean and a Lima plan (public API).
- "government": a commitment led by a ministry and co-led by another office, with their officials.
- "permissions": an own and a foreign object of each kind, for each role (the permission matrix).

Every variant is built only from tests/factories.py; the role groups must exist (they do after
migrations; transactional tests recreate them with `live_roles`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from commitments.models import ActionPlan, Commitment, Member, Organization, Profile
from reviews.models import IRMReport
from tests import factories


@dataclass
class World:
    plan: ActionPlan
    commitment: Commitment  # monitored by the editor's organisation
    other: Commitment  # monitored by nobody the editor works for
    civil: Organization
    editor: AbstractBaseUser
    researcher: AbstractBaseUser
    other_researcher: AbstractBaseUser
    plan_admin: AbstractBaseUser
    draft: IRMReport  # the researcher's draft report
    published: IRMReport


def _site() -> World:
    """A plan with two commitments, an editor monitoring one, researchers, a draft and a published
    report."""
    plan = factories.ActionPlanFactory(
        title="Primer plan de acción",
        approval_date=datetime.date(2012, 4, 10),
        approval_instrument="Resolución Ministerial N° 085-2012-PCM",
    )
    civil = factories.OrganizationFactory(
        name="Proética", kind=Organization.Kind.CIVIL_SOCIETY, slug="proetica"
    )
    commitment = factories.CommitmentFactory(
        action_plan=plan, title="Portal de transparencia estándar", full_text="Promised text."
    )
    commitment.monitoring_organizations.add(civil)
    other = factories.CommitmentFactory(action_plan=plan, title="Ley de datos abiertos")
    factories.MilestoneFactory(commitment=commitment, due_date=datetime.date(2013, 6, 30))
    editor = factories.make_editor(civil, username="editor")
    researcher = factories.make_researcher(username="researcher")
    other_researcher = factories.make_researcher(username="researcher2")
    plan_admin = factories.make_plan_admin(username="planadmin")
    draft = factories.IRMReportFactory(
        action_plan=plan,
        kind=IRMReport.Kind.END_OF_TERM,
        state=IRMReport.State.DRAFT,
        published_on=None,
        title="Secret draft report",
    )
    draft.researchers.add(researcher)
    published = factories.IRMReportFactory(action_plan=plan, title="Progress report 2012-13")
    return World(
        plan=plan,
        commitment=commitment,
        other=other,
        civil=civil,
        editor=editor,
        researcher=researcher,
        other_researcher=other_researcher,
        plan_admin=plan_admin,
        draft=draft,
        published=published,
    )


@dataclass
class FiguresWorld:
    plans: dict[str, ActionPlan]
    orgs: dict[str, Organization]
    commitments: dict[str, Commitment]


def _figures() -> FiguresWorld:
    """Six commitments whose figures are counted by hand in the tests.

    c1 P1 irm complete      self substantial lead X  water, health  access to information
    c2 P1 irm limited       self -           lead X
    c3 P1 irm -             self -           no lead
    c4 P2 irm complete      self complete    lead Y
    c5 P3 irm not_started   self -           lead X  water          civic participation
    c6 P3 irm withdrawn     self withdrawn   lead Y
    Member AAA has P1 and P2; member BBB has P3.
    """
    aaa = factories.MemberFactory(code="AAA", name="Aland")
    bbb = factories.MemberFactory(code="BBB", name="Borduria")
    plans = {
        "P1": factories.ActionPlanFactory(member=aaa, number=1, title="Aland plan 1"),
        "P2": factories.ActionPlanFactory(member=aaa, number=2, title="Aland plan 2"),
        "P3": factories.ActionPlanFactory(member=bbb, number=1, title="Borduria plan 1"),
    }
    orgs = {
        "X": factories.OrganizationFactory(slug="org-x"),
        "Y": factories.OrganizationFactory(slug="org-y"),
    }
    water = factories.PolicyAreaFactory(slug="water", name="Water")
    health = factories.PolicyAreaFactory(slug="health", name="Health")
    spec = {
        "c1": ("P1", "complete", "substantial", "X", {"value_access_to_information": True}),
        "c2": ("P1", "limited", "", "X", {}),
        "c3": ("P1", "", "", None, {}),
        "c4": ("P2", "complete", "complete", "Y", {}),
        "c5": ("P3", "not_started", "", "X", {"value_civic_participation": True}),
        "c6": ("P3", "withdrawn", "withdrawn", "Y", {}),
    }
    commitments = {}
    for name, (plan, irm, self_reported, org, values) in spec.items():
        commitments[name] = factories.CommitmentFactory(
            action_plan=plans[plan],
            irm_completion=irm,
            self_reported_completion=self_reported,
            lead_organization=orgs[org] if org else None,
            **values,
        )
    commitments["c1"].policy_areas.add(water, health)
    commitments["c5"].policy_areas.add(water)
    return FiguresWorld(plans=plans, orgs=orgs, commitments=commitments)


# Peru's first plan at the IRM progress report: 48 commitments.
PERU_IRM_LEVELS = {
    "complete": 2,
    "substantial": 12,
    "limited": 19,
    "not_started": 9,
    "unclear": 4,
    "withdrawn": 2,
}


@dataclass
class PeruWorld:
    peru: Member
    chile: Member
    lima: Member
    plan: ActionPlan
    chile_plan: ActionPlan
    lead: Organization
    helper: Organization
    area: Any
    report: IRMReport


def _peru() -> PeruWorld:
    """Peru's plan 1 with the IRM's levels, a Chilean plan, a Lima local plan, organisations."""
    peru = factories.MemberFactory(code="PER", iso_alpha2="PE", commitment_prefix="PE", name="Peru")
    chile = factories.MemberFactory(
        code="CHL", iso_alpha2="CL", commitment_prefix="CL", name="Chile"
    )
    lima = factories.MemberFactory(
        code="LIM01",
        iso_alpha2="",
        commitment_prefix="LIM",
        name="Lima",
        kind=Member.Kind.LOCAL,
        country=peru,
    )
    plan = factories.ActionPlanFactory(
        member=peru,
        number=1,
        ogp_id="AP_PER01",
        title="Plan de Acción de Gobierno Abierto 2012-2014",
        approval_date=datetime.date(2012, 4, 5),
    )
    chile_plan = factories.ActionPlanFactory(member=chile, number=1, ogp_id="AP_CHL01")
    lima_plan = factories.ActionPlanFactory(member=lima, number=1, ogp_id="AP_LIM0101")
    lead = factories.OrganizationFactory(
        name="Secretaría de Gestión Pública", slug="sgp", member=peru
    )
    helper = factories.OrganizationFactory(
        name="Defensoría del Pueblo", slug="defensoria", member=peru
    )
    area = factories.PolicyAreaFactory(slug="access-to-information", name="Access to information")
    report = factories.IRMReportFactory(action_plan=plan, published_on=datetime.date(2014, 3, 1))

    number = 1
    for level, count in PERU_IRM_LEVELS.items():
        for commitment in factories.make_commitments(
            plan, count, "PE", start=number, lead_organization=lead, irm_completion=level
        ):
            factories.AssessmentFactory(report=report, commitment=commitment, completion=level)
        number += count
    first = Commitment.objects.get(ogp_id="PE0001")
    first.title = "Portal de Transparencia Estándar"
    first.value_access_to_information = True
    first.irm_starred = True
    first.self_reported_completion = "complete"
    first.self_reported_as_of = datetime.date(2014, 1, 15)
    first.save()
    first.supporting_organizations.add(helper)
    first.co_lead_organizations.add(
        factories.OrganizationFactory(
            name="Ministerio de Energía y Minas", slug="minem", member=peru
        )
    )
    first.policy_areas.add(area)
    factories.make_commitments(chile_plan, 3, "CL", irm_completion="complete")
    factories.make_commitments(lima_plan, 2, "LIM", irm_completion="not_started")
    return PeruWorld(peru, chile, lima, plan, chile_plan, lead, helper, area, report)


@dataclass
class GovernmentWorld:
    plan: ActionPlan
    commitment: Commitment  # led by the ministry, co-led by another office, monitored by the editor
    other: Commitment
    editor: AbstractBaseUser
    official: AbstractBaseUser  # of the lead organisation
    co_lead_official: AbstractBaseUser
    stranger_official: AbstractBaseUser  # of an organisation that leads nothing here
    foreign_editor: AbstractBaseUser


def _government() -> GovernmentWorld:
    ministry = factories.OrganizationFactory(name="Ministerio de Justicia")
    co_lead = factories.OrganizationFactory(name="PCM")
    plan = factories.ActionPlanFactory(start_date=datetime.date(2012, 1, 1))
    commitment = factories.CommitmentFactory(
        action_plan=plan, lead_organization=ministry, irm_completion="limited"
    )
    commitment.co_lead_organizations.add(co_lead)
    other = factories.CommitmentFactory(action_plan=plan)
    editor = factories.make_editor()
    commitment.monitoring_organizations.add(editor.profile.organization)
    return GovernmentWorld(
        plan=plan,
        commitment=commitment,
        other=other,
        editor=editor,
        official=factories.make_official(ministry),
        co_lead_official=factories.make_official(co_lead),
        stranger_official=factories.make_official(),
        foreign_editor=factories.make_editor(),
    )


@dataclass
class PermissionsWorld:
    users: dict[str, Any]  # by role: "anonymous" (None), "editor", "researcher", "plan_admin", ...
    commitments: dict[str, Any]  # "own", "foreign", "other_plan", "successor"
    milestones: dict[str, Any]
    reports: dict[str, Any]
    assessments: dict[str, Any]
    questions: dict[str, Any]


def _permissions() -> PermissionsWorld:
    """ "own" is what the role works on (a commitment the editor's organisation monitors and the
    official's leads, a draft report the researcher is assigned to); "foreign" belongs to others."""
    from questions.services import ask_question

    editor = factories.make_editor(username="editor")
    researcher = factories.make_researcher(username="researcher")
    other_researcher = factories.make_researcher(username="other-researcher")
    plan_admin = factories.make_plan_admin(username="plan-admin")
    official = factories.make_official(username="official")
    plan = factories.ActionPlanFactory()
    own = factories.CommitmentFactory(
        action_plan=plan, lead_organization=Profile.objects.get(user=official).organization
    )
    own.monitoring_organizations.add(Profile.objects.get(user=editor).organization)
    foreign = factories.CommitmentFactory(action_plan=plan)
    reports, assessments = {}, {}
    for target, kind, assigned in (
        ("own", IRMReport.Kind.PROGRESS, researcher),
        ("foreign", IRMReport.Kind.END_OF_TERM, other_researcher),
    ):
        report = factories.IRMReportFactory(
            action_plan=plan, kind=kind, state=IRMReport.State.DRAFT, published_on=None
        )
        report.researchers.add(assigned)
        reports[target] = report
        assessments[target] = factories.AssessmentFactory(report=report, commitment=own)
    asker = factories.UserFactory()
    questions = {
        target: ask_question(commitment=commitment, text="?", user=asker)
        for target, commitment in (("own", own), ("foreign", foreign))
    }
    return PermissionsWorld(
        users={
            "editor": editor,
            "researcher": researcher,
            "plan_admin": plan_admin,
            "official": official,
            "anonymous": None,
        },
        commitments={
            "own": own,
            "foreign": foreign,
            "other_plan": factories.CommitmentFactory(),
            "successor": factories.CommitmentFactory(
                action_plan=factories.ActionPlanFactory(
                    member=plan.member,
                    number=plan.number + 1,
                    start_date=datetime.date(2014, 1, 2),
                    end_date=datetime.date(2016, 1, 1),
                )
            ),
        },
        milestones={
            "own": factories.MilestoneFactory(commitment=own),
            "foreign": factories.MilestoneFactory(commitment=foreign),
        },
        reports=reports,
        assessments=assessments,
        questions=questions,
    )


VARIANTS: dict[str, Callable[[], Any]] = {
    "site": _site,
    "figures": _figures,
    "peru": _peru,
    "government": _government,
    "permissions": _permissions,
}


def build_world(variant: str = "site") -> Any:
    """The rows of one variant (module docstring); "site" unless told."""
    if variant not in VARIANTS:
        raise ValueError(f"No world {variant!r}; the variants are {', '.join(VARIANTS)}.")
    return VARIANTS[variant]()


def build_reported_plan() -> tuple[ActionPlan, Commitment, Commitment]:
    """A plan (2012-2014) of two commitments, one with a status update (2013), an IRM progress
    report (September 2013) and an end-of-term report known only by its year (2015): the course
    charts mark two publications (tests/web/test_course_charts.py, tests/browser/)."""
    plan = factories.ActionPlanFactory(
        start_date=datetime.date(2012, 4, 10), end_date=datetime.date(2014, 6, 30)
    )
    first = factories.CommitmentFactory(action_plan=plan)
    second = factories.CommitmentFactory(action_plan=plan)
    factories.StatusUpdateFactory(
        commitment=first, completion="limited", as_of=datetime.date(2013, 1, 15)
    )
    progress = factories.IRMReportFactory(action_plan=plan, published_on=datetime.date(2013, 9, 1))
    factories.AssessmentFactory(report=progress, commitment=first, completion="limited")
    factories.AssessmentFactory(report=progress, commitment=second, completion="not_started")
    end = factories.IRMReportFactory(
        action_plan=plan, kind="end_of_term", published_on=None, publication_year=2015
    )
    factories.AssessmentFactory(report=end, commitment=first, completion="complete")
    return plan, first, second

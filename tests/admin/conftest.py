"""Row makers for the admin tests: each makes `n` rows of one model, every row with its own related
rows (plan, member, organisation, author...), so a list page that queried per row would show it."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Model

from commitments.models import (
    ActionPlan,
    Commitment,
    ConsultationEvent,
    Follow,
    Indicator,
    IndicatorReading,
    Member,
    Milestone,
    NotificationDelivery,
    Organization,
    OrganizationAlias,
    PlanProcess,
    PolicyArea,
    Profile,
    Proposal,
    StatusEvidence,
    StatusUpdate,
    VisitorFollow,
    VisitorNotification,
    VisitorRequest,
    normalize_name,
)
from questions.models import OfficialAnswer, Question
from reviews.models import Assessment, ImportFormat, ImportRun, IRMReport
from tests import factories

User = get_user_model()


def _members(n: int) -> None:
    for _ in range(n):
        factories.MemberFactory(kind=Member.Kind.LOCAL, country=factories.MemberFactory())


def _organizations(n: int) -> None:
    for _ in range(n):
        factories.OrganizationFactory(
            member=factories.MemberFactory(), parent=factories.OrganizationFactory()
        )


def _aliases(n: int) -> None:
    for i in range(n):
        OrganizationAlias.objects.create(
            organization=factories.OrganizationFactory(),
            name=f"Alias {i}",
            normalized=normalize_name(f"Alias {i}"),
        )


def _profiles(n: int) -> None:
    for _ in range(n):
        factories.make_editor()


def _plans(n: int) -> None:
    for _ in range(n):
        plan = factories.ActionPlanFactory()
        factories.CommitmentFactory(action_plan=plan, irm_completion="complete")
        factories.CommitmentFactory(action_plan=plan, irm_completion="limited")


def _commitments(n: int) -> None:
    for _ in range(n):
        commitment = factories.CommitmentFactory(irm_completion="substantial")
        commitment.supporting_organizations.add(factories.OrganizationFactory())


def _status_updates(n: int) -> None:
    for _ in range(n):
        factories.StatusUpdateFactory(author_organization=factories.OrganizationFactory())


def _evidence(n: int) -> None:
    for i in range(n):
        StatusEvidence.objects.create(
            status_update=factories.StatusUpdateFactory(), url=f"https://example.org/{i}"
        )


def _indicators(n: int) -> None:
    for i in range(n):
        Indicator.objects.create(
            commitment=factories.CommitmentFactory(),
            name=f"Indicator {i}",
            unit="%",
            reported_by=factories.OrganizationFactory(),
        )


def _readings(n: int) -> None:
    for i in range(n):
        indicator = Indicator.objects.create(
            commitment=factories.CommitmentFactory(), name=f"Indicator {i}", unit="%"
        )
        IndicatorReading.objects.create(
            indicator=indicator,
            value=i,
            as_of=datetime.date(2013, 1, 1),
            author=factories.UserFactory(),
            author_organization=factories.OrganizationFactory(),
        )


def _proposals(n: int) -> None:
    for i in range(n):
        commitment = factories.CommitmentFactory()
        Proposal.objects.create(
            action_plan=commitment.action_plan,
            title=f"Proposal {i}",
            outcome=Proposal.Outcome.ADOPTED,
            resulting_commitment=commitment,
        )


def _events(n: int) -> None:
    for i in range(n):
        ConsultationEvent.objects.create(
            action_plan=factories.ActionPlanFactory(),
            phase="development",
            kind="workshop",
            date=datetime.date(2012, 1, 1) + datetime.timedelta(days=i),
        )


def _processes(n: int) -> None:
    for _ in range(n):
        PlanProcess.objects.create(action_plan=factories.ActionPlanFactory())


def _reports(n: int) -> None:
    for _ in range(n):
        factories.AssessmentFactory()


def _follows(n: int) -> None:
    for i in range(n):
        user = factories.UserFactory()
        target = ("commitment", "action_plan", "organization")[i % 3]
        maker = {
            "commitment": factories.CommitmentFactory,
            "action_plan": factories.ActionPlanFactory,
            "organization": factories.OrganizationFactory,
        }[target]
        Follow.objects.create(user=user, **{target: maker()})


def _notifications(n: int) -> None:
    for i in range(n):
        NotificationDelivery.objects.create(
            user=factories.UserFactory(),
            event_key=f"event-{i}",
            frequency="instant",
            subject="Subject",
            body="Body",
            url="https://example.org/",
        )


def _visitor_follows(n: int) -> None:
    for _ in range(n):
        VisitorFollow.objects.create(
            email=f"v{VisitorFollow.objects.count()}@example.org",
            commitment=factories.CommitmentFactory(),
        )


def _visitor_notifications(n: int) -> None:
    for _ in range(n):
        VisitorNotification.objects.create(
            email="v@example.org", event_key=f"e{VisitorNotification.objects.count()}"
        )


def _visitor_requests(n: int) -> None:
    for _ in range(n):
        VisitorRequest.objects.create(email="v@example.org", ip="10.0.0.1", kind="question")


def _questions(n: int) -> None:
    from questions.services import ask_question

    for _ in range(n):
        ask_question(
            commitment=factories.CommitmentFactory(),
            kind="flag",
            text="?",
            user=factories.UserFactory(),
        )


def _answers(n: int) -> None:
    from questions.services import answer_question, ask_question

    for _ in range(n):
        lead = factories.OrganizationFactory()
        question = ask_question(
            commitment=factories.CommitmentFactory(lead_organization=lead),
            text="?",
            user=factories.UserFactory(),
        )
        answer_question(question=question, author=factories.make_official(lead), text="!")


def _import_runs(n: int) -> None:
    # Reports in both site languages, as a run keeps them; each run with its own two people.
    for i in range(n):
        ImportRun.objects.create(
            file=f"imports/2026/12/sheet-{i}.csv",
            file_name=f"sheet-{i}.csv",
            state=ImportRun.State.IMPORTED,
            file_format=ImportFormat.CURRENT_SHEET,
            uploaded_by=factories.UserFactory(),
            confirmed_by=factories.UserFactory(),
            check_reports={"en": "OGP commitments sheet (current), 1 rows.", "es": "1 filas."},
            import_reports={"en": "OGP commitments sheet (current), 1 rows.", "es": "1 filas."},
        )


ROW_MAKERS: dict[type[Model], Callable[[int], None]] = {
    User: lambda n: [factories.make_editor() for _ in range(n)],
    Member: _members,
    Organization: _organizations,
    OrganizationAlias: _aliases,
    Profile: _profiles,
    ActionPlan: _plans,
    PolicyArea: lambda n: factories.PolicyAreaFactory.create_batch(n),
    Commitment: _commitments,
    Milestone: lambda n: factories.MilestoneFactory.create_batch(n),
    StatusUpdate: _status_updates,
    StatusEvidence: _evidence,
    Indicator: _indicators,
    IndicatorReading: _readings,
    Proposal: _proposals,
    ConsultationEvent: _events,
    PlanProcess: _processes,
    IRMReport: _reports,
    Assessment: lambda n: factories.AssessmentFactory.create_batch(n),
    Follow: _follows,
    NotificationDelivery: _notifications,
    VisitorFollow: _visitor_follows,
    VisitorNotification: _visitor_notifications,
    VisitorRequest: _visitor_requests,
    Question: _questions,
    OfficialAnswer: _answers,
    ImportRun: _import_runs,
}


@pytest.fixture
def superuser(db):
    return factories.UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client_for(client):
    """Log a user in and return the test client."""

    def login(user):
        client.force_login(user)
        return client

    return login

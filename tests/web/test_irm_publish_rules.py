"""Publishing an IRM report, on the report page and with the admin's action (issue 17): only plan
administrators publish, a draft or a published report is refused word for word (English and
Spanish), the publication date typed in advance is kept (today otherwise), the history names who
published, and the figures move for the commitments the report assesses."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from commitments.models import Commitment
from reviews.models import IRMReport
from tests import factories

pytestmark = pytest.mark.django_db


def _publish(client, report, language: str = "es"):
    return client.post(
        f"/irm/reports/{report.pk}/publish/", follow=True, headers={"accept-language": language}
    )


def _publish_in_admin(client, report, language: str = "es"):
    return client.post(
        reverse("admin:reviews_irmreport_changelist"),
        {"action": "publish_selected", "_selected_action": [report.pk]},
        follow=True,
        headers={"accept-language": language},
    )


def _shown(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def _submitted(world, **changes) -> IRMReport:
    IRMReport.objects.filter(pk=world.draft.pk).update(state=IRMReport.State.SUBMITTED, **changes)
    world.draft.refresh_from_db()
    return world.draft


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Only a plan administrator may publish IRM reports."),
        ("es", "Solo un administrador de planes puede publicar informes del MRI."),
    ],
)
def test_a_researcher_cannot_publish_the_report_they_submitted(client, world, language, message):
    report = _submitted(world)
    client.force_login(world.researcher)

    response = _publish(client, report, language)

    assert response.status_code == 403
    assert response.context["exception"] == message
    assert message in response.content.decode()
    report.refresh_from_db()
    assert (report.state, report.version) == (IRMReport.State.SUBMITTED, 1)


@pytest.mark.parametrize(
    ("state", "language", "message"),
    [
        (IRMReport.State.PUBLISHED, "en", "This report is already published."),
        (IRMReport.State.PUBLISHED, "es", "Este informe ya está publicado."),
        (
            IRMReport.State.DRAFT,
            "en",
            "Only a report submitted for publication can be published.",
        ),
        (
            IRMReport.State.DRAFT,
            "es",
            "Solo se puede publicar un informe enviado para publicación.",
        ),
    ],
)
@pytest.mark.parametrize("where", ["report_page", "admin_action"])
def test_a_draft_or_a_published_report_is_not_published_and_the_page_says_why(
    client, world, where, state, language, message
):
    report = {IRMReport.State.PUBLISHED: world.published, IRMReport.State.DRAFT: world.draft}[state]
    published_on = report.published_on
    client.force_login(world.plan_admin)

    if where == "report_page":
        response = _publish(client, report, language)
        assert _shown(response) == [message]
    else:
        response = _publish_in_admin(client, report, language)
        assert _shown(response) == [f"{report}: {message}"]
    assert response.status_code == 200

    report.refresh_from_db()
    assert (report.state, report.version, report.published_on) == (state, 1, published_on)


@pytest.mark.parametrize(
    ("typed_in_advance", "expected"),
    [(datetime.date(2024, 3, 1), datetime.date(2024, 3, 1)), (None, "today")],
)
@pytest.mark.parametrize("where", ["report_page", "admin_action"])
def test_publishing_keeps_the_date_typed_in_advance_or_dates_it_today_and_names_who(
    client, world, where, typed_in_advance, expected
):
    report = _submitted(world, published_on=typed_in_advance)
    client.force_login(world.plan_admin)

    (_publish if where == "report_page" else _publish_in_admin)(client, report)

    report.refresh_from_db()
    expected = timezone.localdate() if expected == "today" else expected
    assert (report.state, report.published_on, report.version) == (
        IRMReport.State.PUBLISHED,
        expected,
        2,
    )
    latest = report.history.latest()
    assert (latest.state, latest.history_user) == (IRMReport.State.PUBLISHED, world.plan_admin)


def test_publishing_moves_the_figures_of_the_commitments_the_report_assesses(client, world):
    report = _submitted(world)
    # An assessment's id is not its commitment's: here one far from every commitment's id.
    factories.AssessmentFactory(
        pk=world.other.pk + 1000, report=report, commitment=world.other, completion="complete"
    )
    client.force_login(world.plan_admin)

    _publish(client, report)

    assert Commitment.objects.get(pk=world.other.pk).irm_completion == "complete"
    assert Commitment.objects.get(pk=world.commitment.pk).irm_completion == ""
    client.logout()
    listed = client.get("/api/v1/commitments/", {"irm_completion": "complete"}).json()
    assert [row["ogp_id"] for row in listed["results"]] == [world.other.ogp_id]

"""The API, under /api/. Version 1 of the public read-only API is /api/v1/; its OpenAPI 3 schema is
/api/schema/ and the interactive docs /api/docs/ (Swagger UI, from vendored files; /api/redoc/ leads
there).

Add an endpoint with one line: a (prefix, viewset, basename) in a `routed(...)` router, or a
(route, view, name) in a `paths(...)` of `v1_patterns`."""

from typing import Any

from django.urls import URLPattern, include, path, re_path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from commitments.api import history, sources, write
from commitments.api.base import api_not_found
from commitments.api.views import MemberViewSet
from commitments.figures.api import (
    ActionPlanAsOfViewSet,
    CompletionHistoryView,
    CompletionStatsAsOfView,
    OrganizationAsOfViewSet,
)
from reviews.api import write as reviews_write
from reviews.api.views import AssessmentViewSet, PublicCommitmentViewSet

from .api_docs import SwaggerDocsView
from .views import api_root


def routed(*registrations: tuple[str, Any, str]) -> SimpleRouter:
    """A router with each (prefix, viewset, basename) registered, in this order."""
    registered = SimpleRouter()
    for prefix, viewset, basename in registrations:
        registered.register(prefix, viewset, basename=basename)
    return registered


def paths(*routes: tuple[str, Any, str]) -> list[URLPattern]:
    """`path(route, view, name=name)` for each (route, view, name), in this order."""
    return [path(route, view, name=name) for route, view, name in routes]


router = routed(
    ("members", MemberViewSet, "member"),
    # Plans and organisations also answer ?as_of= from the dated records (commitments/figures/api.py).
    ("action-plans", ActionPlanAsOfViewSet, "action-plan"),
    ("commitments", PublicCommitmentViewSet, "commitment"),
    ("organizations", OrganizationAsOfViewSet, "organization"),
    ("assessments", AssessmentViewSet, "assessment"),
)

v1_patterns = [
    # The live figures, or with ?as_of= those of that day, from the dated records
    # (commitments/figures/api.py).
    *paths(
        ("stats/completion/", CompletionStatsAsOfView.as_view(), "stats-completion"),
        (
            "commitments/export.csv",
            PublicCommitmentViewSet.as_view({"get": "export"}, basename="commitment"),
            "commitment-export",
        ),
    ),
    *router.urls,
]

# Write API (token authentication; updates need If-Match) and the public change history.
v1_patterns += paths(
    (
        "commitments/<str:ogp_id>/status-updates/",
        write.StatusUpdateCreate.as_view(),
        "commitment-status-updates",
    ),
    (
        "commitments/<str:ogp_id>/changes/",
        history.CommitmentChanges.as_view(),
        "commitment-changes",
    ),
    (
        "commitments/<str:ogp_id>/sources/",
        sources.CommitmentSources.as_view(),
        "commitment-sources",
    ),
    ("milestones/<str:pk>/", write.MilestoneDetail.as_view(), "milestone-write"),
    (
        "draft-assessments/<str:pk>/",
        reviews_write.AssessmentDetail.as_view(),
        "draft-assessment-write",
    ),
)

# The course of the completion figures over time, from the dated records.
v1_patterns += paths(
    ("stats/completion/history/", CompletionHistoryView.as_view(), "stats-completion-history")
)

urlpatterns = [
    path("", api_root, name="api-root"),
    path("v1/", api_root, name="api-root-v1"),
    path("v1/", include((v1_patterns, "api"), namespace="v1")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start-up script as a file: the CSP allows no inline script.
    path("docs/", SwaggerDocsView.as_view(url_name="api-schema"), name="api-docs"),
    # Redoc fetched Google's web fonts and needed inline styles; its old address leads to the docs.
    path(
        "redoc/", RedirectView.as_view(pattern_name="api-docs", query_string=True), name="api-redoc"
    ),
]

# Accountability by design: indicators and readings, the co-creation record, each plan's process
# data, and plan-integrity warnings (v1_patterns is read lazily, so extending it here still routes).
from commitments.accountability import api as accountability  # noqa: E402
from commitments.outcomes.api import views as outcomes  # noqa: E402
from commitments.requirements.api import PlanRequirementViewSet  # noqa: E402
from reviews.api.integrity import PlanWarningViewSet  # noqa: E402

accountability_router = routed(
    ("indicators", accountability.IndicatorViewSet, "indicator"),
    ("indicator-readings", accountability.IndicatorReadingViewSet, "indicator-reading"),
    ("proposals", accountability.ProposalViewSet, "proposal"),
    ("consultation-events", accountability.ConsultationEventViewSet, "consultation-event"),
    ("plan-processes", accountability.PlanProcessViewSet, "plan-process"),
    ("plan-warnings", PlanWarningViewSet, "plan-warning"),
    ("plan-requirements", PlanRequirementViewSet, "plan-requirement"),
    ("outcome-checks", outcomes.OutcomeCheckViewSet, "outcome-check"),
)
v1_patterns += [
    *paths(
        (
            "action-plans/<str:ogp_id>/warnings/",
            PlanWarningViewSet.as_view({"get": "retrieve"}),
            "action-plan-warnings",
        ),
        (
            "action-plans/<str:ogp_id>/requirements/",
            PlanRequirementViewSet.as_view({"get": "retrieve"}),
            "action-plan-requirements",
        ),
    ),
    *accountability_router.urls,
]

# Outcome checks after the plan: the write endpoint (the public list is on accountability_router).
v1_patterns += paths(
    (
        "commitments/<str:ogp_id>/outcome-checks/",
        outcomes.OutcomeCheckCreate.as_view(),
        "commitment-outcome-checks",
    )
)

# Public questions and official answers (questions/api/).
from questions import api as questions_api  # noqa: E402

questions_router = routed(
    ("questions", questions_api.QuestionViewSet, "question"),
    ("official-answers", questions_api.OfficialAnswerViewSet, "official-answer"),
)
v1_patterns += [
    *paths(
        ("stats/questions/", questions_api.QuestionStatsView.as_view(), "stats-questions"),
        (
            "commitments/<str:ogp_id>/questions/",
            questions_api.QuestionCreate.as_view(),
            "commitment-questions",
        ),
        ("questions/<int:pk>/answers/", questions_api.AnswerCreate.as_view(), "question-answers"),
    ),
    *questions_router.urls,
]

# Civil society's progress on milestones: the public list and the write endpoint.
from commitments.progress import api as progress  # noqa: E402

progress_router = routed(
    ("milestone-progress", progress.MilestoneProgressViewSet, "milestone-progress-report")
)
v1_patterns += [
    *paths(
        (
            "milestones/<int:pk>/progress/",
            progress.MilestoneProgressCreate.as_view(),
            "milestone-progress",
        )
    ),
    *progress_router.urls,
]

# Every public collection, in the order the API's root lists them (ogptracker.views.api_root).
public_routers = (router, accountability_router, questions_router, progress_router)

# Last: any other /api/.../ URL is a JSON 404 (after every v1 route, including those added above).
urlpatterns += [re_path(r"^.*/$", api_not_found)]

"""The API, under /api/. Version 1 of the public read-only API is /api/v1/; its OpenAPI 3 schema is
/api/schema/ and the interactive docs /api/docs/ (Swagger UI, from vendored files; /api/redoc/ leads
there).

Add an endpoint with one line: a `router.register(...)` for a viewset or a `path(...)` in
`v1_patterns`."""

from django.urls import include, path, re_path
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

router = SimpleRouter()
router.register("members", MemberViewSet, basename="member")
# Plans and organisations also answer ?as_of= from the dated records (commitments/figures/api.py).
router.register("action-plans", ActionPlanAsOfViewSet, basename="action-plan")
router.register("commitments", PublicCommitmentViewSet, basename="commitment")
router.register("organizations", OrganizationAsOfViewSet, basename="organization")
router.register("assessments", AssessmentViewSet, basename="assessment")

v1_patterns = [
    # The live figures, or with ?as_of= those of that day, from the dated records
    # (commitments/figures/api.py).
    path("stats/completion/", CompletionStatsAsOfView.as_view(), name="stats-completion"),
    path(
        "commitments/export.csv",
        PublicCommitmentViewSet.as_view({"get": "export"}, basename="commitment"),
        name="commitment-export",
    ),
    *router.urls,
]

# Write API (token authentication; updates need If-Match) and the public change history.
v1_patterns += [
    path(
        "commitments/<str:ogp_id>/status-updates/",
        write.StatusUpdateCreate.as_view(),
        name="commitment-status-updates",
    ),
    path(
        "commitments/<str:ogp_id>/changes/",
        history.CommitmentChanges.as_view(),
        name="commitment-changes",
    ),
    path(
        "commitments/<str:ogp_id>/sources/",
        sources.CommitmentSources.as_view(),
        name="commitment-sources",
    ),
    path("milestones/<str:pk>/", write.MilestoneDetail.as_view(), name="milestone-write"),
    path(
        "draft-assessments/<str:pk>/",
        reviews_write.AssessmentDetail.as_view(),
        name="draft-assessment-write",
    ),
]

# The course of the completion figures over time, from the dated records.
v1_patterns += [
    path(
        "stats/completion/history/",
        CompletionHistoryView.as_view(),
        name="stats-completion-history",
    ),
]

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

accountability_router = SimpleRouter()
accountability_router.register("indicators", accountability.IndicatorViewSet, basename="indicator")
accountability_router.register(
    "indicator-readings", accountability.IndicatorReadingViewSet, basename="indicator-reading"
)
accountability_router.register("proposals", accountability.ProposalViewSet, basename="proposal")
accountability_router.register(
    "consultation-events", accountability.ConsultationEventViewSet, basename="consultation-event"
)
accountability_router.register(
    "plan-processes", accountability.PlanProcessViewSet, basename="plan-process"
)
accountability_router.register("plan-warnings", PlanWarningViewSet, basename="plan-warning")
accountability_router.register(
    "plan-requirements", PlanRequirementViewSet, basename="plan-requirement"
)
accountability_router.register(
    "outcome-checks", outcomes.OutcomeCheckViewSet, basename="outcome-check"
)
v1_patterns += [
    path(
        "action-plans/<str:ogp_id>/warnings/",
        PlanWarningViewSet.as_view({"get": "retrieve"}),
        name="action-plan-warnings",
    ),
    path(
        "action-plans/<str:ogp_id>/requirements/",
        PlanRequirementViewSet.as_view({"get": "retrieve"}),
        name="action-plan-requirements",
    ),
    *accountability_router.urls,
]

# Outcome checks after the plan: the write endpoint (the public list is on accountability_router).
v1_patterns += [
    path(
        "commitments/<str:ogp_id>/outcome-checks/",
        outcomes.OutcomeCheckCreate.as_view(),
        name="commitment-outcome-checks",
    ),
]

# Public questions and official answers (questions/api/).
from questions import api as questions_api  # noqa: E402

questions_router = SimpleRouter()
questions_router.register("questions", questions_api.QuestionViewSet, basename="question")
questions_router.register(
    "official-answers", questions_api.OfficialAnswerViewSet, basename="official-answer"
)
v1_patterns += [
    path("stats/questions/", questions_api.QuestionStatsView.as_view(), name="stats-questions"),
    path(
        "commitments/<str:ogp_id>/questions/",
        questions_api.QuestionCreate.as_view(),
        name="commitment-questions",
    ),
    path(
        "questions/<int:pk>/answers/",
        questions_api.AnswerCreate.as_view(),
        name="question-answers",
    ),
    *questions_router.urls,
]

# Civil society's progress on milestones: the public list and the write endpoint.
from commitments.progress import api as progress  # noqa: E402

progress_router = SimpleRouter()
progress_router.register(
    "milestone-progress", progress.MilestoneProgressViewSet, basename="milestone-progress-report"
)
v1_patterns += [
    path(
        "milestones/<int:pk>/progress/",
        progress.MilestoneProgressCreate.as_view(),
        name="milestone-progress",
    ),
    *progress_router.urls,
]

# Last: any other /api/.../ URL is a JSON 404 (after every v1 route, including those added above).
urlpatterns += [re_path(r"^.*/$", api_not_found)]

"""Routes of the milestone progress reports, added to commitments.urls (`commitments:` namespace)."""

from django.urls import path

from . import progress_views

urlpatterns = [
    path(
        "commitments/<str:ogp_id>/milestones/<int:pk>/progress/new/",
        progress_views.record_progress,
        name="record_milestone_progress",
    ),
    path(
        "milestone-progress/<int:pk>/evidence/",
        progress_views.progress_evidence,
        name="milestone_progress_evidence",
    ),
]

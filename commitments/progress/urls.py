"""Routes of the milestone progress reports, added to commitments.urls (`commitments:` namespace)."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "commitments/<str:ogp_id>/milestones/<int:pk>/progress/new/",
        views.record_progress,
        name="record_milestone_progress",
    ),
    path(
        "milestone-progress/<int:pk>/evidence/",
        views.progress_evidence,
        name="milestone_progress_evidence",
    ),
]

"""Routes of the outcome checks, added to commitments.urls (same `commitments:` namespace)."""

from django.urls import path

from . import outcome_views

urlpatterns = [
    path(
        "commitments/<str:ogp_id>/outcome-checks/new/",
        outcome_views.record_check,
        name="record_outcome_check",
    ),
    path(
        "outcome-checks/<int:pk>/evidence/",
        outcome_views.outcome_evidence,
        name="outcome_evidence",
    ),
]

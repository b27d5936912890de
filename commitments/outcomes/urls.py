"""Routes of the outcome checks, added to commitments.urls (same `commitments:` namespace)."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "commitments/<str:ogp_id>/outcome-checks/new/",
        views.record_check,
        name="record_outcome_check",
    ),
    path(
        "outcome-checks/<int:pk>/evidence/",
        views.outcome_evidence,
        name="outcome_evidence",
    ),
]

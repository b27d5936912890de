"""Routes of the indicator pages, added to commitments.urls (same `commitments:` namespace)."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "indicators/<int:pk>/readings/new/",
        views.record_reading,
        name="record_reading",
    ),
]

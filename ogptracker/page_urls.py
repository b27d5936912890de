"""The public site's pages, under the `commitments:` names every template and view reverses: the
pages that combine the apps (ogptracker/pages.py) and the commitments app's own (commitments/urls.py)."""

from django.urls import path

from commitments.urls import urlpatterns as commitment_urls

from . import pages

app_name = "commitments"

urlpatterns = [
    path("plans/<str:ogp_id>/", pages.plan_detail, name="plan"),
    path("commitments/<str:ogp_id>/", pages.commitment_detail, name="commitment"),
    path("organizations/<slug:slug>/", pages.organization_detail, name="organization"),
    *commitment_urls,
]

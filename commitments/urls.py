"""The commitments app's own pages. Mounted with the pages that combine the apps, under the
`commitments:` names, by ogptracker/page_urls.py."""

from django.urls import path

from . import index_views, views
from .accountability import urls as accountability_urls
from .follows import urls as follows_urls
from .outcomes import urls as outcomes_urls
from .progress import urls as progress_urls

urlpatterns = [
    path("", views.home, name="home"),
    path("plans/", index_views.plan_index, name="plans"),
    path("commitments/", index_views.commitment_index, name="commitments"),
    path("organizations/", index_views.organization_index, name="organizations"),
    path("members/", index_views.member_index, name="members"),
    path("commitments/<str:ogp_id>/report/", views.report_status, name="report"),
    path("my/", views.my_pages, name="my"),
    path("my/commitments/", views.my_commitments, name="my_commitments"),
    path("evidence/<int:pk>/", views.evidence_file, name="evidence"),
    *follows_urls.urlpatterns,  # follow/unfollow and Atom feeds
    *accountability_urls.urlpatterns,  # the indicator reading form
    *outcomes_urls.urlpatterns,  # outcome checks after the plan: the form and the evidence files
    *progress_urls.urlpatterns,  # civil-society progress on milestones: the form and evidence files
]

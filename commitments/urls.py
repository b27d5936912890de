from django.urls import path

from . import follow_urls, index_views, views

app_name = "commitments"

urlpatterns = [
    path("", views.home, name="home"),
    path("plans/", index_views.plan_index, name="plans"),
    path("commitments/", index_views.commitment_index, name="commitments"),
    path("organizations/", index_views.organization_index, name="organizations"),
    path("members/", index_views.member_index, name="members"),
    path("plans/<str:ogp_id>/", views.plan_detail, name="plan"),
    path("commitments/<str:ogp_id>/", views.commitment_detail, name="commitment"),
    path("commitments/<str:ogp_id>/report/", views.report_status, name="report"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization"),
    path("my/commitments/", views.my_commitments, name="my_commitments"),
    path("evidence/<int:pk>/", views.evidence_file, name="evidence"),
    *follow_urls.urlpatterns,  # follow/unfollow and Atom feeds (commitments/follow_urls.py)
]

# The indicator reading form (commitments/indicator_urls.py).
from . import indicator_urls  # noqa: E402

urlpatterns += indicator_urls.urlpatterns

# Outcome checks after the plan: the form and the evidence files (commitments/outcome_urls.py).
from . import outcome_urls  # noqa: E402

urlpatterns += outcome_urls.urlpatterns

# Civil-society progress on milestones: the form and the evidence files (commitments/progress_urls.py).
from . import progress_urls  # noqa: E402

urlpatterns += progress_urls.urlpatterns

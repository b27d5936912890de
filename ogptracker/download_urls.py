"""Downloads for people, linked from the site's list pages: /downloads/<list>.csv and .xlsx.

Each is the list's API viewset answering its `download` action (commitments/api/people.py): the
same filters as the page and the API, with translated columns and each row's page address."""

from django.urls import path

from commitments.api.views import MemberViewSet
from commitments.figures.api import ActionPlanAsOfViewSet, OrganizationAsOfViewSet
from reviews.api.views import PublicCommitmentViewSet

LISTS = {
    "commitments": (PublicCommitmentViewSet, "commitment"),
    "plans": (ActionPlanAsOfViewSet, "plan"),
    "organizations": (OrganizationAsOfViewSet, "organization"),
    "members": (MemberViewSet, "member"),
}

app_name = "downloads"

urlpatterns = [
    path(
        f"{name}.{extension}",
        viewset.as_view({"get": "download"}, basename=basename, excel=extension == "xlsx"),
        name=f"{name}-{extension}",
    )
    for name, (viewset, basename) in LISTS.items()
    for extension in ("csv", "xlsx")
]

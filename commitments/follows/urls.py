"""Follows (logged-in) and Atom feeds (anyone). Included in commitments/urls.py."""

from types import ModuleType

from django.urls import URLPattern, path

from .. import feeds
from . import views


def feed_paths(module: ModuleType) -> list[URLPattern]:
    """The Atom feeds' addresses and names, served by `module`'s PlanFeed, CommitmentFeed and
    OrganizationFeed: this app's, or those of an app that extends them at the same addresses."""
    return [
        path("feeds/plans/<str:ogp_id>/", module.PlanFeed(), name="feed_plan"),
        path("feeds/commitments/<str:ogp_id>/", module.CommitmentFeed(), name="feed_commitment"),
        path(
            "feeds/organizations/<slug:slug>/", module.OrganizationFeed(), name="feed_organization"
        ),
    ]


urlpatterns = [
    path("follow/", views.follow, name="follow"),
    path("unfollow/", views.unfollow, name="unfollow"),
    path("follow/email/", views.visitor_follow, name="visitor_follow"),
    path(
        "follow/email/confirm/<str:token>/",
        views.visitor_follow_confirm,
        name="visitor_follow_confirm",
    ),
    path("follow/email/stop/<str:token>/", views.visitor_unfollow, name="visitor_unfollow"),
    path("my/follows/", views.follow_list, name="follows"),
    *feed_paths(feeds),
]

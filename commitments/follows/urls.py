"""Follows (logged-in) and Atom feeds (anyone). Included in commitments/urls.py."""

from django.urls import path

from .. import feeds
from . import views

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
    path("feeds/plans/<str:ogp_id>/", feeds.PlanFeed(), name="feed_plan"),
    path("feeds/commitments/<str:ogp_id>/", feeds.CommitmentFeed(), name="feed_commitment"),
    path("feeds/organizations/<slug:slug>/", feeds.OrganizationFeed(), name="feed_organization"),
]

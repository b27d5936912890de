from django.urls import path

from . import feeds, views

app_name = "questions"

urlpatterns = [
    path(
        "commitments/<str:ogp_id>/questions/",
        views.commitment_questions,
        name="commitment",
    ),
    path("questions/confirm/<str:token>/", views.confirm, name="confirm"),
    path("questions/<int:pk>/answer/", views.answer, name="answer"),
    path("questions/<int:pk>/hide/", views.hide, name="hide"),
    # The same addresses as commitments' feeds (routed first): questions and answers included.
    path("feeds/plans/<str:ogp_id>/", feeds.PlanFeed(), name="feed_plan"),
    path("feeds/commitments/<str:ogp_id>/", feeds.CommitmentFeed(), name="feed_commitment"),
    path("feeds/organizations/<slug:slug>/", feeds.OrganizationFeed(), name="feed_organization"),
]

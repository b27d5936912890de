from django.urls import path

from commitments.follows.urls import feed_paths

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
    *feed_paths(feeds),
]

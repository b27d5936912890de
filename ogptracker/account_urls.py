"""Log in, log out, password change and reset (by email), with Django's views and our templates.

Failed logins are counted by django-axes (AxesMiddleware): too many for one username from one address
locks that pair out and answers 429 with registration/locked_out.html."""

from django.urls import include, path

urlpatterns = [
    path("", include("django.contrib.auth.urls")),
]

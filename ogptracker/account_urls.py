"""Log in, log out, password change and reset (by email), with Django's views and our templates.

Failed logins are counted by django-axes (AxesMiddleware): too many for one username from one address
lock that pair out and answer 429 with registration/locked_out.html."""

from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse

from commitments.permissions import is_in_group
from commitments.roles import EDITOR, RESEARCHER


class LoginView(auth_views.LoginView):
    """Django's login; without a `next` page, people land where their work is."""

    def get_default_redirect_url(self) -> str:
        user = self.request.user
        if is_in_group(user, EDITOR):
            return reverse("commitments:my_commitments")
        if is_in_group(user, RESEARCHER):
            return reverse("reviews:reports")
        return super().get_default_redirect_url()

    def get_redirect_url(self) -> str:
        # A `next` back to an account page (the login form itself, log out, a reset link) would
        # land a successful login on an empty form: go where the person's work is instead.
        url = super().get_redirect_url()
        return "" if url.startswith("/accounts/") else url


urlpatterns = [
    path("login/", LoginView.as_view(), name="login"),
    path("", include("django.contrib.auth.urls")),
]

"""Log in, log out, password change and reset (by email), with Django's views and our templates.

Failed logins are counted by django-axes (AxesMiddleware): too many for one username from one address
lock that pair out and answer 429 with registration/locked_out.html. Password reset requests are
limited per email address and per client address (PasswordResetView)."""

import hashlib

from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import include, path, reverse
from django.views.generic import RedirectView

from commitments.permissions import is_in_group
from commitments.roles import EDITOR, OFFICIAL, RESEARCHER
from ogptracker.security import client_address, logger


class LoginView(auth_views.LoginView):
    """Django's login; without a `next` page, people land where their work is."""

    def get_default_redirect_url(self) -> str:
        user = self.request.user
        if is_in_group(user, EDITOR) or is_in_group(user, OFFICIAL):
            return reverse("commitments:my_commitments")
        if is_in_group(user, RESEARCHER):
            return reverse("reviews:reports")
        return super().get_default_redirect_url()

    def get_redirect_url(self) -> str:
        # A `next` back to an account page (the login form itself, log out, a reset link) would
        # land a successful login on an empty form: go where the person's work is instead.
        url = super().get_redirect_url()
        return "" if url.startswith("/accounts/") else url


PASSWORD_RESETS_PER_HOUR = 5


def _within_limit(kind: str, value: str, limit: int, window: int = 3600) -> bool:
    """Count one more request for `value` in the current window; True while at most `limit`."""
    key = f"password-reset:{kind}:{hashlib.sha256(value.encode()).hexdigest()}"
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    # No cache answer (Redis down, errors ignored): let the request through rather than lock out.
    return count is None or count <= limit


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset by email, at most PASSWORD_RESETS_PER_HOUR per address and per client.

    Over the limit the same "sent" page is shown and no email goes out, so the page tells nobody
    whether an address has an account or has been limited."""

    def form_valid(self, form: auth_views.PasswordResetForm) -> HttpResponse:
        ip = client_address(self.request)
        email = form.cleaned_data["email"].strip().lower()
        # Both counters move on every request (no short-circuit).
        by_ip = _within_limit("ip", ip, PASSWORD_RESETS_PER_HOUR)
        by_email = _within_limit("email", email, PASSWORD_RESETS_PER_HOUR)
        if by_ip and by_email:
            return super().form_valid(form)
        logger.warning("password reset limited ip=%s", ip)
        return HttpResponseRedirect(self.get_success_url())


urlpatterns = [
    # Keeps ?next= so that a link to /accounts/?next=... signs in and goes there.
    path("", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("login/", LoginView.as_view(), name="login"),
    path("password_reset/", PasswordResetView.as_view(), name="password_reset"),
    path("", include("django.contrib.auth.urls")),
]

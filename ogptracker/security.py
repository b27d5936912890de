"""Security logging: every login, failed login, lockout, logout and refused request is logged to
"ogptracker.security" with the user name and the client address (never the password)."""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable
from typing import Any

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control
from rest_framework.settings import api_settings

logger = logging.getLogger("ogptracker.security")


def escape_controls(value: Any) -> Any:
    """Text with CR, LF and every other control character written as an escape (\\r, \\n, \\x1b),
    so a user name or URL cannot start a forged line in the log. Other values pass unchanged."""
    if not isinstance(value, str):
        return value
    return "".join(
        repr(char)[1:-1] if unicodedata.category(char) in ("Cc", "Zl", "Zp") else char
        for char in value
    )


class EscapeControlCharacters(logging.Filter):
    """Escapes the arguments of every record of the security log (messages are constants)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, dict):
            record.args = {key: escape_controls(value) for key, value in record.args.items()}
        elif record.args:
            record.args = tuple(escape_controls(value) for value in record.args)
        return True


logger.addFilter(EscapeControlCharacters())


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address as DRF's throttles see it: REMOTE_ADDR, or with NUM_PROXIES set, the
    address the outermost trusted proxy appended to X-Forwarded-For. None when unknown (axes stores
    it in an inet column: AXES_CLIENT_IP_CALLABLE)."""
    if request is None:
        return None
    proxies = api_settings.NUM_PROXIES or 0
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies > 0 and forwarded:
        addresses = [address.strip() for address in forwarded.split(",")]
        return addresses[-min(proxies, len(addresses))] or None
    return request.META.get("REMOTE_ADDR") or None


def client_address(request: HttpRequest | None) -> str:
    """client_ip for logs and counters: "-" when unknown."""
    return client_ip(request) or "-"


@receiver(user_logged_in, dispatch_uid="security_log_login")
def log_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    logger.info("login succeeded user=%s ip=%s", user.get_username(), client_address(request))


@receiver(user_login_failed, dispatch_uid="security_log_login_failed")
def log_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # `credentials` has the password replaced by asterisks by Django; log the user name only.
    logger.warning(
        "login failed user=%s ip=%s", credentials.get("username", "-"), client_address(request)
    )


@receiver(user_logged_out, dispatch_uid="security_log_logout")
def log_logout(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    name = user.get_username() if user is not None else "-"
    logger.info("logout user=%s ip=%s", name, client_address(request))


@receiver(user_locked_out, dispatch_uid="security_log_lockout")
def log_lockout(
    sender: Any, request: HttpRequest | None, username: str | None, ip_address: str, **kwargs: Any
) -> None:
    logger.warning("login locked out user=%s ip=%s", username or "-", ip_address)


def response_user_name(request: HttpRequest, response: HttpResponse) -> str:
    """The user name the response was made for, or "-" for anonymous.

    DRF authenticates (tokens) inside the view: its user is on the response's renderer context."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user.get_username()
    drf_request = getattr(response, "renderer_context", {}).get("request")
    drf_user = getattr(drf_request, "_user", None)
    if drf_user is not None and drf_user.is_authenticated:
        return drf_user.get_username()
    return "-"


class PrivateResponseMiddleware:
    """Every response made for a signed-in user (session or API token) is `private, no-store`.

    Such a page shows the user's own work (the IRM workspace, drafts, /my/ pages) or at least their
    name and a CSRF token: no shared cache may keep it, nor the browser on disk."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response_user_name(request, response) != "-":
            if "public" in response.get("Cache-Control", ""):
                del response["Cache-Control"]
            patch_cache_control(response, private=True, no_store=True)
        return response


class RefusedRequestLogMiddleware:
    """Log every request answered 401 (not authenticated) or 403 (permission refused)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code in (401, 403):
            name = response_user_name(request, response)
            logger.warning(
                "permission refused status=%s method=%s path=%s user=%s ip=%s",
                response.status_code,
                request.method,
                request.path,
                name,
                client_address(request),
            )
        return response


class RequestSizeLimitMiddleware:
    """Refuses a body larger than allowed from its Content-Length, before anything reads it (no
    300 MB spooled to disk before a 403): 413, JSON under /api/. Signed-in users and token clients
    may send up to REQUEST_MAX_BYTES (evidence files, OGP sheets); anyone else ANONYMOUS_MAX_BYTES."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        signed_in = request.user.is_authenticated or request.META.get(
            "HTTP_AUTHORIZATION", ""
        ).startswith("Token ")
        limit = settings.REQUEST_MAX_BYTES if signed_in else settings.ANONYMOUS_MAX_BYTES
        if length > limit:
            return too_large(request, limit)
        return self.get_response(request)


def too_large(request: HttpRequest, limit: int) -> HttpResponse:
    from django.template.defaultfilters import filesizeformat
    from django.utils.translation import gettext as _

    message = _("The request is larger than %(limit)s.") % {"limit": filesizeformat(limit)}
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=413)
    return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")


# --- Deactivation ends every way in ---------------------------------------------------------------


def _end_sessions_and_tokens(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A user being deactivated loses their sessions and API tokens for good: reactivating the
    account later must not bring back a browser session or a token from before."""
    if instance.pk is None or instance.is_active:
        return
    was_active = (
        type(instance).objects.filter(pk=instance.pk).values_list("is_active", flat=True).first()
    )
    if not was_active:
        return
    from django.contrib.sessions.models import Session
    from rest_framework.authtoken.models import Token

    Token.objects.filter(user_id=instance.pk).delete()
    user_id = str(instance.pk)
    ended = [
        session.pk
        for session in Session.objects.iterator(chunk_size=2000)
        if session.get_decoded().get("_auth_user_id") == user_id
    ]
    Session.objects.filter(pk__in=ended).delete()


def connect_deactivation() -> None:
    from django.contrib.auth import get_user_model
    from django.db.models.signals import pre_save

    pre_save.connect(
        _end_sessions_and_tokens,
        sender=get_user_model(),
        dispatch_uid="security_end_sessions_on_deactivation",
    )

"""Follow and unfollow a commitment, a plan or an organisation (logged-in users), list follows, and
follows by email for visitors without an account."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from ogptracker.security import client_ip

from ..models import ActionPlan, Commitment, Follow, Organization
from . import visitors

# What can be followed: form value -> (model, lookup field, Follow field, page view name, kwarg).
TARGETS = {
    "commitment": (Commitment, "ogp_id", "commitment", "commitments:commitment", "ogp_id"),
    "plan": (ActionPlan, "ogp_id", "action_plan", "commitments:plan", "ogp_id"),
    "organization": (Organization, "slug", "organization", "commitments:organization", "slug"),
}


class TargetForm(forms.Form):
    """A form naming what to follow by its kind (a choice each form lists) and key: cleans to
    `target`, the record itself."""

    key = forms.CharField(max_length=200)
    field_order = ["kind", "key"]  # the subclass's `kind` first, as the page shows them

    def clean(self) -> dict:
        data = super().clean()
        kind, key = data.get("kind"), data.get("key")
        if kind and key:
            model, field, *_rest = TARGETS[kind]
            target = model.objects.filter(**{field: key}).first()
            if target is None:
                raise forms.ValidationError(_("There is nothing to follow under that name."))
            data["target"] = target
        return data


class FollowForm(TargetForm):
    kind = forms.ChoiceField(
        choices=[
            ("commitment", gettext_lazy("Commitment")),
            ("plan", gettext_lazy("Action plan")),
            ("organization", gettext_lazy("Organisation")),
        ]
    )
    frequency = forms.ChoiceField(
        label=gettext_lazy("Email me"),
        choices=Follow.Frequency.choices,
        initial=Follow.Frequency.INSTANT,
        required=False,
    )

    def clean(self) -> dict:
        data = super().clean()
        data["frequency"] = data.get("frequency") or Follow.Frequency.INSTANT
        return data


def _back(request: HttpRequest, form: FollowForm) -> str:
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        return next_url
    if form.is_valid():
        _model, _field, _follow_field, view_name, kwarg = TARGETS[form.cleaned_data["kind"]]
        return reverse(view_name, kwargs={kwarg: form.cleaned_data["key"]})
    return reverse("commitments:follows")


def _change_follow(
    request: HttpRequest, change: Callable[[dict[str, Any], dict[str, Any]], object], done: str
) -> HttpResponse:
    """Validate the follow form, `change` the user's follow of its target (given the lookup
    {user, follow field: target} and the form's data), say `done` (with %(target)s) and go back;
    the list with the form's errors if the form is invalid."""
    form = FollowForm(request.POST)
    if not form.is_valid():
        return render(request, "follows/list.html", _list_context(request, form), status=400)
    target = form.cleaned_data["target"]
    change({"user": request.user, TARGETS[form.cleaned_data["kind"]][2]: target}, form.cleaned_data)
    messages.success(request, done % {"target": target})
    return redirect(_back(request, form))


@login_required
@require_POST
def follow(request: HttpRequest) -> HttpResponse:
    """Follow something, or change how often its emails come."""

    def follow_it(lookup: dict[str, Any], data: dict[str, Any]) -> None:
        # A double click may race us: then the follow exists, which is what was asked.
        try:
            with transaction.atomic():
                Follow.objects.update_or_create(**lookup, defaults={"frequency": data["frequency"]})
        except IntegrityError:
            pass

    return _change_follow(request, follow_it, _("You follow %(target)s."))


@login_required
@require_POST
def unfollow(request: HttpRequest) -> HttpResponse:
    return _change_follow(
        request,
        lambda lookup, _data: Follow.objects.filter(**lookup).delete(),
        _("You no longer follow %(target)s."),
    )


def _list_context(request: HttpRequest, form: FollowForm | None = None) -> dict:
    follows = (
        Follow.objects.of(request.user)
        .select_related("commitment", "action_plan__member", "organization")
        .order_by("-created_at", "-pk")
    )
    return {"follows": follows, "form": form, "frequencies": Follow.Frequency.choices}


@login_required
def follow_list(request: HttpRequest) -> HttpResponse:
    """What the user follows, how often they hear about it, and the feeds."""
    return render(request, "follows/list.html", _list_context(request))


# --- Follows by email for visitors without an account (commitments/follows/visitors.py) -------------------


class VisitorFollowForm(TargetForm):
    kind = forms.ChoiceField(
        choices=[("commitment", gettext_lazy("Commitment")), ("plan", gettext_lazy("Action plan"))]
    )
    email = forms.EmailField(label=gettext_lazy("Your email address"), max_length=254)
    # The honeypot: hidden from people by CSS, filled in by form-filling robots.
    website = forms.CharField(required=False)


@require_POST
def visitor_follow(request: HttpRequest) -> HttpResponse:
    """A visitor asks to follow a commitment or plan by email: a confirmation link is mailed."""
    form = VisitorFollowForm(request.POST)
    if form.is_valid() and form.cleaned_data["website"]:
        # A robot filled the hidden field: answer as to a person, record nothing.
        return render(request, "follows/visitor.html", {"sent": True})
    if form.is_valid():
        target = form.cleaned_data["target"]
        try:
            visitors.request_visitor_follow(
                email=form.cleaned_data["email"],
                ip=client_ip(request),
                commitment=target if isinstance(target, Commitment) else None,
                action_plan=target if isinstance(target, ActionPlan) else None,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            status = 429 if exc.code == "rate_limited" else 400
            return render(request, "follows/visitor.html", {"form": form}, status=status)
        return render(request, "follows/visitor.html", {"sent": True, "target": target})
    return render(request, "follows/visitor.html", {"form": form}, status=400)


def link_page(request: HttpRequest, template: str, name: str, found: Any) -> HttpResponse:
    """The page a signed link in an email opens: what it `found` (as `name`), or a 400 saying the
    link is forged or expired when it found nothing."""
    if found is None:
        return render(request, template, {"bad_link": True}, status=400)
    return render(request, template, {name: found})


# GET only: a HEAD (a mail scanner, a link preview) runs the view too, and would confirm.
@require_GET
def visitor_follow_confirm(request: HttpRequest, token: str) -> HttpResponse:
    follow = visitors.confirm_visitor_follow(token=token)
    return link_page(request, "follows/visitor.html", "confirmed", follow)


def visitor_unfollow(request: HttpRequest, token: str) -> HttpResponse:
    """The link in every email: a page with one button (a mail scanner opening links ends nothing)."""
    if visitors.unsign_forever("unfollow", token) is None:
        return render(request, "follows/visitor.html", {"bad_link": True}, status=400)
    if request.method == "POST":
        visitors.end_visitor_follow(token=token)
        return render(request, "follows/visitor.html", {"stopped": True})
    return render(request, "follows/visitor.html", {"unsubscribe": True})

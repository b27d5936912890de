"""The questions page of a commitment: asking (account or confirmed address), official answers,
moderation. Every write goes through questions.services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from commitments.follows.views import link_page
from commitments.models import Commitment, Organization
from ogptracker.security import client_ip

from . import services
from .figures import QUESTION_RULE
from .forms import AnswerForm, AskForm, HideForm
from .models import Question
from .permissions import answering_organization, can_moderate


def commitment_questions_context(
    commitment: Commitment,
    user: Any,
    *,
    ask_form: AskForm | None = None,
    refused: tuple[int, forms.Form] | None = None,
) -> dict[str, Any]:
    """The questions block: published questions (hidden ones as a line with the reason), answers
    marked when a later one supersedes them, and the forms `user` may use on each question
    (`refused`: a question's form sent back with its errors). Two queries."""
    questions = list(commitment.questions.published().for_page().order_by("published_at", "pk"))
    organization = answering_organization(user, commitment)
    moderator = can_moderate(user)
    for question in questions:
        answers = list(question.answers.all())
        superseded = {a.supersedes_id for a in answers if a.supersedes_id}
        for answer in answers:
            answer.is_superseded = answer.pk in superseded
        question.answer_list = answers
        if question.is_hidden:
            continue
        mine = refused[1] if refused and refused[0] == question.pk else None
        if organization is not None:
            question.answer_form = (
                mine if isinstance(mine, AnswerForm) else _answer_form(question, organization)
            )
        if moderator:
            question.hide_form = mine if isinstance(mine, HideForm) else HideForm(question=question)
    visitor = not (user.is_authenticated and user.is_active)
    return {
        "commitment": commitment,
        "questions": questions,
        "hidden_count": sum(1 for q in questions if q.is_hidden),
        "ask_form": ask_form or AskForm(visitor=visitor),
        "visitor": visitor,
    }


def _answer_form(question: Question, organization: Organization) -> AnswerForm:
    """A question's answer form: a correction of its latest answer once it has one."""
    last = question.answer_list[-1] if question.answer_list else None
    return AnswerForm(
        question=question,
        organization=organization,
        initial={"supersedes": last.pk if last else None},
    )


def _commitment(ogp_id: str) -> Commitment:
    return get_object_or_404(Commitment.objects.for_list().by_key(ogp_id))


def commitment_questions(request: HttpRequest, ogp_id: str) -> HttpResponse:
    """GET: the questions and answers; POST: ask a question or flag wrong data."""
    commitment = _commitment(ogp_id)
    if request.method != "POST":
        return _page(request, commitment)
    visitor = not request.user.is_authenticated
    form = AskForm(request.POST, visitor=visitor)
    if form.is_valid() and form.cleaned_data["website"]:
        # A robot filled the hidden field: answer as to a person, record nothing.
        messages.success(request, _("Check your email: we sent you a link to confirm."))
        return redirect("questions:commitment", ogp_id=commitment.ogp_id)
    if form.is_valid():
        data = form.cleaned_data
        try:
            question = services.ask_question(
                commitment=commitment,
                kind=data["kind"],
                text=data["text"],
                user=request.user,
                email=data.get("email", ""),
                name=data.get("name", ""),
                ip=client_ip(request),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            status = 429 if getattr(exc, "code", None) == "rate_limited" else 400
            return _page(request, commitment, ask_form=form, status=status)
        messages.success(request, _message_for(question))
        return redirect("questions:commitment", ogp_id=commitment.ogp_id)
    return _page(request, commitment, ask_form=form, status=400)


def _message_for(question: Question) -> str:
    if question.state == Question.State.UNCONFIRMED:
        return _("Check your email: we sent you a link to confirm. It is published once confirmed.")
    if question.state == Question.State.HELD:
        return _("Thank you. A moderator will publish it shortly.")
    return _("Thank you. It is published below.")


def _page(
    request: HttpRequest,
    commitment: Commitment,
    *,
    ask_form: AskForm | None = None,
    refused: tuple[int, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    context = commitment_questions_context(
        commitment, request.user, ask_form=ask_form, refused=refused
    )
    context["rule"] = QUESTION_RULE
    return render(request, "questions/commitment_questions.html", context, status=status)


# GET only: a HEAD (a mail scanner, a link preview) runs the view too, and would confirm.
@require_GET
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    question = services.confirm_question(token=token)
    return link_page(request, "questions/confirm.html", "question", question)


def _question(pk: int) -> Question:
    return get_object_or_404(Question.objects.select_related("commitment"), pk=pk)


@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question(pk)
    commitment = question.commitment
    organization = answering_organization(request.user, commitment)
    if organization is None:
        raise PermissionDenied(services.NOT_OFFICIAL)
    form = AnswerForm(request.POST, question=question, organization=organization)
    if form.is_valid():
        try:
            created = services.answer_question(
                question=question,
                author=request.user,
                text=form.cleaned_data["text"],
                supersedes=form.cleaned_data["supersedes"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your official answer was published."))
            url = f"{_questions_url(commitment)}#answer-{created.pk}"
            return redirect(url)
    return _page(request, commitment, refused=(question.pk, form), status=400)


@require_POST
def hide(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question(pk)
    if not can_moderate(request.user):
        raise PermissionDenied(services.NOT_MODERATOR)
    form = HideForm(request.POST, question=question)
    if form.is_valid():
        try:
            services.hide_question(
                question=question, moderator=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("The question is hidden; the reason is shown in its place.")
            )
            return redirect(f"{_questions_url(question.commitment)}#question-{question.pk}")
    return _page(request, question.commitment, refused=(question.pk, form), status=400)


def _questions_url(commitment: Commitment) -> str:
    return reverse("questions:commitment", kwargs={"ogp_id": commitment.ogp_id})

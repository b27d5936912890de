"""Every write on questions and answers: one function each, used by the pages, the API and the admin.

check first (permission, state, text), write inside one transaction, mail and notify after commit."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commitments.follows.visitors import (
    check_no_links,
    check_visitor_request,
    mail_confirmation,
    sign,
    site_url,
    unsign,
)
from commitments.models import Commitment
from commitments.services import enqueue_after_commit

from .models import OfficialAnswer, Question
from .permissions import answering_organization, can_moderate
from .tasks import notify_answer, notify_question

MAX_TEXT = 5000
NOT_OFFICIAL = gettext_lazy(
    "Only a responsible official of the organisation that leads this commitment may answer."
)
NOT_MODERATOR = gettext_lazy("Only a plan administrator may moderate questions.")


def _check_text(text: str, field: str = "text") -> None:
    if not text.strip():
        raise ValidationError({field: _("Write something.")})
    if len(text) > MAX_TEXT:
        raise ValidationError(
            {
                field: _("At most %(max)d characters (this has %(n)d).")
                % {"max": MAX_TEXT, "n": len(text)}
            }
        )


def _first_state() -> str:
    return Question.State.HELD if settings.QUESTIONS_PREMODERATED else Question.State.PUBLIC


def ask_question(
    *,
    commitment: Commitment,
    text: str,
    kind: str = Question.Kind.QUESTION,
    user=None,
    email: str = "",
    name: str = "",
    ip: str | None = None,
) -> Question:
    """A question or a flag of wrong data. From an account: public at once (or held when
    QUESTIONS_PREMODERATED). From a visitor: stored unconfirmed, the confirmation link mailed; no
    links in the text, and at most VISITOR_REQUESTS_PER_HOUR per address and per IP."""
    if kind not in Question.Kind.values:
        raise ValidationError({"kind": _("Choose a question or a flag of wrong data.")})
    _check_text(text)
    if len(name) > 120:
        raise ValidationError({"name": _("At most 120 characters.")})
    account = user is not None and user.is_authenticated and user.is_active
    if not account:
        email = email.strip()
        if not email:
            raise ValidationError(
                {"email": _("Give your email address: we send a link to confirm.")}
            )
        check_no_links(text)
    with transaction.atomic():
        if not account:
            check_visitor_request(email=email, ip=ip, kind=kind)
        state = _first_state() if account else Question.State.UNCONFIRMED
        question = Question.objects.create(
            commitment=commitment,
            kind=kind,
            text=text,
            author=user if account else None,
            email="" if account else email,
            name="" if account else name.strip(),
            ip=ip,
            state=state,
            published_at=timezone.now() if state == Question.State.PUBLIC else None,
        )
        if state == Question.State.PUBLIC:
            enqueue_after_commit(notify_question, question.pk)
        if state == Question.State.UNCONFIRMED:
            transaction.on_commit(lambda: _mail_confirmation(question), robust=True)
    return question


def _mail_confirmation(question: Question) -> None:
    mail_confirmation(
        to=question.email,
        subject=_("[OGP Tracker] Confirm your question"),
        link=site_url("questions:confirm", token=sign("question", question.pk)),
        asked=[
            _("You (we hope) sent this on the OGP Tracker, about %(commitment)s:")
            % {"commitment": question.commitment},
            question.text,
        ],
        open_link=_("To publish it, open this link within %(days)d days:"),
        ignore=_("If it was not you, ignore this email: nothing will be published."),
    )


def confirm_question(*, token: str) -> Question | None:
    """Publish (or hold for moderation) the question a confirmation link names. None for a forged
    or expired link; opening the link twice changes nothing the second time."""
    pk = unsign("question", token)
    if pk is None:
        return None
    state = _first_state()
    with transaction.atomic():
        changed = Question.objects.filter(pk=pk, state=Question.State.UNCONFIRMED).update(
            state=state,
            published_at=timezone.now() if state == Question.State.PUBLIC else None,
        )
        if changed and state == Question.State.PUBLIC:
            enqueue_after_commit(notify_question, pk)
    return Question.objects.select_related("commitment").filter(pk=pk).first()


def answer_question(
    *, question: Question, author, text: str, supersedes: OfficialAnswer | None = None
) -> OfficialAnswer:
    """An official answer, dated now, on behalf of the author's organisation (lead or co-lead of the
    commitment). A correction names the answer it supersedes; an answer is never edited."""
    organization = answering_organization(author, question.commitment)
    if organization is None:
        raise PermissionDenied(NOT_OFFICIAL)
    _check_text(text)
    with transaction.atomic():
        question = Question.objects.select_for_update().get(pk=question.pk)
        if question.state != Question.State.PUBLIC:
            raise ValidationError(_("Only a public question can be answered."))
        if supersedes is not None:
            if supersedes.question_id != question.pk:
                raise ValidationError({"supersedes": _("That answer belongs to another question.")})
            if OfficialAnswer.objects.filter(supersedes=supersedes).exists():
                raise ValidationError(
                    {"supersedes": _("That answer was already corrected: correct the newer one.")}
                )
        try:
            with transaction.atomic():
                answer = OfficialAnswer.objects.create(
                    question=question,
                    text=text,
                    author=author,
                    organization=organization,
                    supersedes=supersedes,
                )
        except IntegrityError:
            raise ValidationError(
                {"supersedes": _("That answer was already corrected: correct the newer one.")}
            ) from None
        enqueue_after_commit(notify_answer, answer.pk)
    return answer


def hide_question(*, question: Question, moderator, reason: str) -> Question:
    """Hide a public question with a reason: it stays in the history and in the hidden count."""
    if not can_moderate(moderator):
        raise PermissionDenied(NOT_MODERATOR)
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for hiding.")})
    if len(reason) > 500:
        raise ValidationError({"reason": _("At most 500 characters.")})
    with transaction.atomic():
        question = Question.objects.select_for_update().get(pk=question.pk)
        if question.state != Question.State.PUBLIC:
            raise ValidationError(_("Only a public question can be hidden."))
        question.state = Question.State.HIDDEN
        question.hidden_at = timezone.now()
        question.hidden_by = moderator
        question.hidden_reason = reason
        question.save(update_fields=["state", "hidden_at", "hidden_by", "hidden_reason"])
    return question


def release_question(*, question: Question, moderator) -> Question:
    """Let a question held for moderation through: public from now."""
    if not can_moderate(moderator):
        raise PermissionDenied(NOT_MODERATOR)
    with transaction.atomic():
        changed = Question.objects.filter(pk=question.pk, state=Question.State.HELD).update(
            state=Question.State.PUBLIC, published_at=timezone.now()
        )
        if not changed:
            raise ValidationError(_("Only a held question can be let through."))
        enqueue_after_commit(notify_question, question.pk)
    question.refresh_from_db()
    return question


def resolve_flag(*, question: Question, moderator, resolution: str) -> Question:
    """Take a flag of wrong data off the correction queue, saying what was done."""
    if not can_moderate(moderator):
        raise PermissionDenied(NOT_MODERATOR)
    _check_text(resolution, "resolution")
    with transaction.atomic():
        changed = Question.objects.filter(
            pk=question.pk, kind=Question.Kind.FLAG, resolved_at__isnull=True
        ).update(resolved_at=timezone.now(), resolution=resolution)
        if not changed:
            raise ValidationError(_("Only an open flag can be resolved."))
    question.refresh_from_db()
    return question

"""Questions and answers as follow events (commitments.notifications): the commitment's and its
plan's followers hear of them, and whoever asked hears of the answer."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from commitments.models import NotificationDelivery, VisitorNotification
from commitments.notifications import Event, absolute_url, notify_followers, notify_of

from .models import OfficialAnswer, Question


def question_event(question: Question) -> Event:
    commitment = question.commitment
    url = (
        absolute_url("questions:commitment", ogp_id=commitment.ogp_id) + f"#question-{question.pk}"
    )
    subject = (
        _("[OGP Tracker] %(ogp_id)s: new public question")
        if question.kind == Question.Kind.QUESTION
        else _("[OGP Tracker] %(ogp_id)s: data flagged as wrong")
    ) % {"ogp_id": commitment.ogp_id}
    body = "\n\n".join(
        [
            _("%(name)s asked on %(commitment)s:")
            % {"name": question.asker_name, "commitment": commitment},
            question.text,
            url,
        ]
    )
    return Event(
        key=f"question:{question.pk}",
        commitment_ids=(commitment.pk,),
        subject=subject,
        body=body,
        url=url,
        actor_id=question.author_id,
    )


def answer_event(answer: OfficialAnswer) -> Event:
    question = answer.question
    commitment = question.commitment
    url = absolute_url("questions:commitment", ogp_id=commitment.ogp_id) + f"#answer-{answer.pk}"
    lines = [
        _("Official answer from %(organization)s on %(commitment)s:")
        % {"organization": answer.organization, "commitment": commitment},
        answer.text,
    ]
    if answer.supersedes_id:
        lines.append(_("This answer corrects an earlier one."))
    lines += [_("The question: %(text)s") % {"text": question.text}, url]
    return Event(
        key=f"answer:{answer.pk}",
        commitment_ids=(commitment.pk,),
        subject=_("[OGP Tracker] %(ogp_id)s: official answer") % {"ogp_id": commitment.ogp_id},
        body="\n\n".join(lines),
        url=url,
        actor_id=answer.author_id,
    )


def notify_question(question_id: int) -> int:
    question = (
        Question.objects.select_related("commitment", "author")
        .filter(pk=question_id, state=Question.State.PUBLIC)
        .first()
    )
    return notify_of(question, question_event)


def notify_answer(answer_id: int) -> int:
    """Tell the commitment's followers, and the asker by email (once: the event's key is unique
    per address in commitments.models.VisitorNotification)."""
    answer = (
        OfficialAnswer.objects.select_related(
            "question__commitment", "question__author", "organization"
        )
        .filter(pk=answer_id, question__state=Question.State.PUBLIC)
        .first()
    )
    if answer is None:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        event = answer_event(answer)
        sent = notify_followers(event)
        question = answer.question
        address = question.author.email if question.author_id else question.email
        # An account holder who follows the commitment already has it as a follow notification.
        follows_it = (
            question.author_id is not None
            and NotificationDelivery.objects.filter(
                user_id=question.author_id, event_key=event.key
            ).exists()
        )
        if address and not follows_it and _claim_for_asker(address, event.key):
            send_mail(event.subject, event.body, None, [address])
            sent += 1
    return sent


def _claim_for_asker(address: str, key: str) -> bool:
    try:
        with transaction.atomic():
            # The event's own key: an asker who also follows by email gets it once.
            VisitorNotification.objects.create(email=address, event_key=key)
    except IntegrityError:
        return False
    return True

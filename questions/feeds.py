"""The Atom feeds of plans, commitments and organisations with public questions and official
answers among the status updates. Served at the same addresses as commitments.feeds (questions/urls.py
is routed first); three queries for any number of items."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from commitments import feeds
from commitments.models import ActionPlan, Commitment, Organization

from .models import OfficialAnswer, Question


class WithQuestions:
    """Mixed into a status-update feed: adds the questions made public and their answers."""

    def questions(self, obj: Any) -> QuerySet[Question]:
        raise NotImplementedError

    def items(self, obj: Any) -> list[Any]:
        updates = super().items(obj)  # type: ignore[misc]
        asked = list(
            self.questions(obj)
            .shown()
            .select_related("commitment", "author")
            .order_by("-published_at", "-pk")[: feeds.FEED_LENGTH]
        )
        answers = list(
            OfficialAnswer.objects.published()
            .filter(question__in=self.questions(obj))
            .select_related("question__commitment", "organization")
            .order_by("-answered_at", "-pk")[: feeds.FEED_LENGTH]
        )
        return sorted([*updates, *asked, *answers], key=_when, reverse=True)[: feeds.FEED_LENGTH]

    def item_title(self, item: Any) -> str:
        if isinstance(item, Question):
            if item.kind == Question.Kind.QUESTION:
                return _("%(ogp_id)s: public question") % {"ogp_id": item.commitment.ogp_id}
            return _("%(ogp_id)s: data flagged as wrong") % {"ogp_id": item.commitment.ogp_id}
        if isinstance(item, OfficialAnswer):
            return _("%(ogp_id)s: official answer from %(organization)s") % {
                "ogp_id": item.question.commitment.ogp_id,
                "organization": item.organization,
            }
        return super().item_title(item)  # type: ignore[misc]

    def item_description(self, item: Any) -> str:
        if isinstance(item, Question | OfficialAnswer):
            return item.text
        return super().item_description(item)  # type: ignore[misc]

    def item_link(self, item: Any) -> str:
        if isinstance(item, Question):
            url = reverse("questions:commitment", kwargs={"ogp_id": item.commitment.ogp_id})
            return f"{url}#question-{item.pk}"
        if isinstance(item, OfficialAnswer):
            ogp_id = item.question.commitment.ogp_id
            url = reverse("questions:commitment", kwargs={"ogp_id": ogp_id})
            return f"{url}#answer-{item.pk}"
        return super().item_link(item)  # type: ignore[misc]

    def item_guid(self, item: Any) -> str:
        if isinstance(item, Question):
            return f"question:{item.pk}"
        if isinstance(item, OfficialAnswer):
            return f"answer:{item.pk}"
        return super().item_guid(item)  # type: ignore[misc]

    def item_pubdate(self, item: Any) -> datetime.datetime:
        return _when(item)

    def item_updateddate(self, item: Any) -> datetime.datetime:
        return _when(item)

    def item_author_name(self, item: Any) -> str:
        if isinstance(item, Question):
            return item.asker_name
        if isinstance(item, OfficialAnswer):
            return str(item.organization)
        return super().item_author_name(item)  # type: ignore[misc]


def _when(item: Any) -> datetime.datetime:
    if isinstance(item, Question):
        return item.published_at
    if isinstance(item, OfficialAnswer):
        return item.answered_at
    return item.recorded_at


class PlanFeed(WithQuestions, feeds.PlanFeed):
    def title(self, obj: ActionPlan) -> str:
        return _("Status updates and questions: %(plan)s") % {"plan": obj}

    def questions(self, obj: ActionPlan) -> QuerySet[Question]:
        return Question.objects.of_plan(obj)


class CommitmentFeed(WithQuestions, feeds.CommitmentFeed):
    def title(self, obj: Commitment) -> str:
        return _("Status updates and questions: %(commitment)s") % {"commitment": obj}

    def questions(self, obj: Commitment) -> QuerySet[Question]:
        return Question.objects.filter(commitment=obj)


class OrganizationFeed(WithQuestions, feeds.OrganizationFeed):
    def title(self, obj: Organization) -> str:
        return _("Status updates and questions: %(organization)s") % {"organization": obj}

    def questions(self, obj: Organization) -> QuerySet[Question]:
        return Question.objects.filter(
            commitment__in=Commitment.objects.involving(obj).values("pk")
        )

"""The question figures, defined once: every page, endpoint and export uses `question_figures`.

As of a day: a question counts from the day it was made public (`published_at`); it is answered when
its first official answer is dated on or before that day; it is hidden when a moderator hid it on or
before that day (hidden questions are counted apart, never as asked or open); it is open past 30
days when it was public for more than 30 days on that day with no answer yet. Flags of wrong data
are counted by the correction queue, not here. Days to answer are calendar days in the site's time
zone, from public to first answer; the median is over the answered questions."""

from __future__ import annotations

import datetime
import statistics
from dataclasses import asdict, dataclass

from django.db.models import Min, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

OPEN_DAYS = 30

QUESTION_RULE = _(
    "As of a day: a question counts from the day it was made public; it is answered when its first "
    "official answer is dated on or before that day; open past 30 days when it had been public for "
    "more than 30 days with no answer; questions hidden by a moderator on or before that day are "
    "counted apart. Median days: from public to first answer, over the answered questions."
)


@dataclass(frozen=True)
class QuestionFigures:
    as_of: datetime.date
    asked: int
    answered: int
    median_days_to_answer: float | None
    open_past_30_days: int
    hidden: int

    def as_dict(self) -> dict:
        row = asdict(self)
        row["as_of"] = self.as_of.isoformat()
        return row


def question_rows(questions: QuerySet, day: datetime.date | None) -> tuple[datetime.date, QuerySet]:
    """The published questions counted on `day` (default today), each with its first answer time
    on or before that day, and the row's commitment id: one query when read."""
    from questions.models import Question

    day = day or timezone.localdate()
    end = timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
    )
    rows = (
        questions.filter(kind=Question.Kind.QUESTION, published_at__lt=end)
        .exclude(state__in=[Question.State.UNCONFIRMED, Question.State.HELD])
        .order_by()
        .annotate(first_answer=Min("answers__answered_at", filter=Q(answers__answered_at__lt=end)))
        .values_list("commitment_id", "published_at", "hidden_at", "first_answer")
    )
    return day, rows


def figures_of(day: datetime.date, rows: list[tuple]) -> QuestionFigures:
    """The figures of rows from `question_rows` (commitment id, public, hidden, first answer)."""
    asked = answered = open_late = hidden = 0
    days: list[int] = []
    for _commitment, published_at, hidden_at, first_answer in rows:
        if hidden_at is not None and timezone.localdate(hidden_at) <= day:
            hidden += 1
            continue
        asked += 1
        published = timezone.localdate(published_at)
        if first_answer is not None:
            answered += 1
            days.append((timezone.localdate(first_answer) - published).days)
        elif (day - published).days > OPEN_DAYS:
            open_late += 1
    return QuestionFigures(
        as_of=day,
        asked=asked,
        answered=answered,
        median_days_to_answer=statistics.median(days) if days else None,
        open_past_30_days=open_late,
        hidden=hidden,
    )


def question_figures(questions: QuerySet, day: datetime.date | None = None) -> QuestionFigures:
    """The figures of these questions as of `day` (today by default). One query."""
    day, rows = question_rows(questions, day)
    return figures_of(day, list(rows))

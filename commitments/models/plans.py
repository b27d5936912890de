"""What was promised: action plans and the policy areas their commitments are tagged with. The
commitments are in `commitments.py`, their milestones in `milestones.py`."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from typing import Any

from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .history import VersionedModel
from .members import Member

# OGP's longest action-plan cycle is four years from submission: a plan with no end on record has
# ended, for its status, after the last day of its submission year + this.
LONGEST_PLAN_YEARS = 4


class ActionPlanQuerySet(models.QuerySet):
    def by_key(self, typed: str) -> ActionPlanQuerySet:
        """The plan an OGP id typed in any case names (`ap_per01`): ids are stored in upper case
        (a constraint), so one indexed match."""
        return self.filter(ogp_id=typed.strip().upper())

    def for_list(self) -> ActionPlanQuerySet:
        """Plans with their member and commitment count, ready for a list page."""
        return self.select_related("member").annotate(commitment_count=models.Count("commitments"))

    def in_status(self, status: str, *, day: datetime.date) -> ActionPlanQuerySet:
        """Plans whose status on `day` is `status`: `ActionPlan.status_on`, in SQL (the filters)."""
        status_list = ActionPlan.Status
        ended = (
            Q(end_date__lt=day)
            | Q(end_date__isnull=True, end_year__lt=day.year)
            | Q(
                end_date__isnull=True,
                end_year__isnull=True,
                submission_year__lt=day.year - LONGEST_PLAN_YEARS,
            )
        )
        status_then = models.Case(
            models.When(status=status_list.WITHDRAWN, then=models.Value(status_list.WITHDRAWN)),
            models.When(ended, then=models.Value(status_list.ENDED)),
            models.When(start_date__gt=day, then=models.Value(status_list.DEVELOPMENT)),
            default=models.F("status"),
        )
        return self.alias(status_then=status_then).filter(status_then=status)

    def in_member_order(self, members: Sequence[Member] | None = None) -> ActionPlanQuerySet:
        """Plans by their member's name as the page shows it, in its language ("Kenia" among the
        K's on a Spanish page), then by number: the plan list and every pick-list of plans.
        `members`: every member from `Member.objects.listed_by_name()`, when the page has them."""
        rank = Member.objects.name_rank("member_id", listed=members)
        return self.alias(member_rank=rank).order_by("member_rank", "number")

    def search(self, text: str) -> ActionPlanQuerySet:
        """Plans whose id or title match `text`, with `search_rank` (commitments.search.matching)."""
        from commitments.search.matching import search_plans

        return search_plans(self, text)

    def with_completion(self) -> ActionPlanQuerySet:
        """Plans annotated with their commitments' completion counts, both tracks, in the same query.

        The counts are commitments.figures.counting' own aggregates, moved onto the plan's commitments; read
        them with `commitments.figures.counting.figures_from_row(vars(plan))`."""
        from commitments.figures.counting import _aggregates

        def through_commitments(condition: Q) -> Q:
            # Each of _aggregates()' conditions is plain lookups, and-ed (a track's field = a level).
            return Q(*((f"commitments__{lookup}", value) for lookup, value in condition.children))

        return self.annotate(
            **{
                name: models.Count("commitments", filter=through_commitments(count.filter))
                for name, count in _aggregates().items()
            }
        )


class ActionPlan(VersionedModel):
    class Status(models.TextChoices):
        DEVELOPMENT = "development", _("In development")
        IMPLEMENTATION = "implementation", _("In implementation")
        ENDED = "ended", _("Ended")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    member = models.ForeignKey(
        Member, verbose_name=_("OGP member"), on_delete=models.PROTECT, related_name="action_plans"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    ogp_id = models.CharField(
        _("OGP id"),
        max_length=20,
        unique=True,
        help_text=_("AP_ + member code + two digits: AP_PER01."),
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    submission_year = models.PositiveSmallIntegerField(
        _("year of submission"), null=True, blank=True
    )
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True)
    approval_date = models.DateField(_("approval date"), null=True, blank=True)
    approval_instrument = models.CharField(
        _("approving instrument"),
        max_length=300,
        blank=True,
        help_text=_("As written, e.g. Resolución Ministerial N° 085-2012-PCM."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IMPLEMENTATION
    )
    url = models.URLField(_("link to the plan"), blank=True)

    objects = ActionPlanQuerySet.as_manager()

    class Meta:
        ordering = ["member__name", "number"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "number"], name="plan_number_unique_per_member"
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(start_date__lt=models.F("end_date")),
                name="plan_starts_before_it_ends",
                violation_error_message=_("A plan must start before it ends."),
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="plan_number_positive"),
            # Ids are typed in any case in addresses and filters (`/plans/ap_per01/`): stored in
            # upper case, two plans can never differ only by case.
            models.CheckConstraint(
                condition=Q(ogp_id=Upper("ogp_id")),
                name="plan_ogp_id_upper_case",
                violation_error_message=_("Write the plan's id in capitals (AP_PER01)."),
            ),
        ]

    def __str__(self) -> str:
        """Its title; a plan published without one (most of OGP's current sheet) is named by its
        member, number and years, as in pick-lists, never by its bare id. `name_of` is the same
        from values read in a query, but with the member as OGP writes it (for the API and data);
        this one names the member in the page's language, and reads it only for an untitled plan."""
        return self.title or self.pick_label

    @property
    def pick_label(self) -> str:
        """ "Perú · plan 1 (2012-2014)": tells apart plans whose titles read alike, in pick-lists.
        The member in the page's language (`Member.display_name`), as every page names it.
        Reads the member: select_related("member") where many are shown."""
        return self.label_of(
            member_name=self.member.display_name,
            number=self.number,
            start_date=self.start_date,
            end_date=self.end_date,
            submission_year=self.submission_year,
            end_year=self.end_year,
        )

    @staticmethod
    def label_of(
        *,
        member_name: str,
        number: int,
        start_date: datetime.date | None,
        end_date: datetime.date | None,
        submission_year: int | None,
        end_year: int | None,
    ) -> str:
        """`pick_label` from a plan's values (rows read with `.values_list()`)."""
        start = start_date.year if start_date else submission_year
        end = end_date.year if end_date else end_year
        label = _("%(member)s · plan %(number)s") % {"member": member_name, "number": number}
        if start and end and start != end:
            return f"{label} ({start}-{end})"
        return f"{label} ({start or end})" if (start or end) else label

    # What names a plan (`name_of`'s arguments), as values() paths from the plan.
    NAME_PATHS = {
        "title": "title",
        "member_name": "member__name",
        "number": "number",
        "start_date": "start_date",
        "end_date": "end_date",
        "submission_year": "submission_year",
        "end_year": "end_year",
    }

    @classmethod
    def name_paths(cls, link: str = "") -> dict[str, str]:
        """`NAME_PATHS` through `link`: "action_plan__" reads a plan's name with its commitments."""
        return {arg: f"{link}{path}" for arg, path in cls.NAME_PATHS.items()}

    @classmethod
    def name_of(cls, *, title: str, **label_values: Any) -> str:
        """`str(plan)` from a plan's values (`name_paths()`, read with `.values_list()`), with the
        member as OGP writes it, in every language: its callers are the API's and the data's."""
        return title or cls.label_of(**label_values)

    @staticmethod
    def make_ogp_id(member_code: str, number: int) -> str:
        return f"AP_{member_code}{number:02d}"

    @classmethod
    def status_on(
        cls,
        stored: str,
        *,
        start: datetime.date | None,
        end: datetime.date | None,
        end_year: int | None,
        submission_year: int | None,
        today: datetime.date,
    ) -> str:
        """The one rule for a plan's status: from its dates and today. A withdrawn plan stays
        withdrawn; a plan whose end (date, or the last day of its end year, or with neither that of
        `assumed_end`) has passed has ended; one that has not started is in development;
        otherwise, what was recorded (a plan closed early stays ended). The same rule in SQL:
        `ActionPlanQuerySet.in_status`."""
        if stored == cls.Status.WITHDRAWN:
            return stored
        last_day = (
            end
            or (datetime.date(end_year, 12, 31) if end_year else None)
            or cls.assumed_end(end=end, end_year=end_year, submission_year=submission_year)
        )
        if last_day and last_day < today:
            return cls.Status.ENDED
        if start and start > today:
            return cls.Status.DEVELOPMENT
        return stored

    @staticmethod
    def assumed_end(
        *, end: datetime.date | None, end_year: int | None, submission_year: int | None
    ) -> datetime.date | None:
        """The last day of a plan with no end date nor end year on record (the IRM Explorer gives
        only the year of submission): that of its submission year + LONGEST_PLAN_YEARS."""
        if end or end_year or not submission_year:
            return None
        return datetime.date(submission_year + LONGEST_PLAN_YEARS, 12, 31)

    @property
    def current_status(self) -> str:
        return self.status_on(
            self.status,
            start=self.start_date,
            end=self.end_date,
            end_year=self.end_year,
            submission_year=self.submission_year,
            today=timezone.localdate(),
        )

    def get_current_status_display(self) -> str:
        return str(self.Status(self.current_status).label)

    @property
    def status_reason(self) -> str:
        """Why a plan with no end on record shows as ended, for its page ("" when it does not)."""
        assumed = self.assumed_end(
            end=self.end_date, end_year=self.end_year, submission_year=self.submission_year
        )
        if assumed is None or self.status == self.Status.ENDED:
            return ""
        if self.current_status != self.Status.ENDED:
            return ""
        return _(
            "no end date recorded: OGP plans run at most %(years)s years from submission, %(year)s"
        ) % {"years": LONGEST_PLAN_YEARS, "year": self.submission_year}


def action_plan_field(related_name: str, *, on_delete: Callable[..., None]) -> models.ForeignKey:
    """The link from a record that belongs to one action plan (its commitments, proposals,
    consultation events, forums, IRM reports), labelled "action plan" wherever it is shown."""
    return models.ForeignKey(
        ActionPlan, verbose_name=_("action plan"), on_delete=on_delete, related_name=related_name
    )


class PolicyArea(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["name"]
        verbose_name = _("policy area")
        verbose_name_plural = _("policy areas")

    def __str__(self) -> str:
        return self.name

"""The commitments of a plan: the rules over them as conditions (ended without a final status, the
tracks disagreeing), their QuerySet, and the ids they were known by before."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.db import models
from django.db.models import F, Max, Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .history import VersionedModel
from .members import Member, Organization, normalize_name
from .plans import ActionPlan, PolicyArea, action_plan_field
from .vocab import (
    FINAL_COMPLETION_LEVELS,
    HIGH_COMPLETION_LEVELS,
    LOW_COMPLETION_LEVELS,
    CompletionLevel,
)

# Marks an id given to a row whose source has no OGP ids (PE-P0008): never a real OGP id.
PROVISIONAL_MARK = "-P"


SEARCHED_FIELDS = frozenset({"ogp_id", "number", "title", "short_title", "full_text"})


def ended_without_final_status_q(day: datetime.date, *, final_elsewhere: Q | None = None) -> Q:
    """The one rule of "ended without a final status", as a condition on Commitment rows: its end
    date (its plan's when it has none) is before `day`, its plan was not withdrawn, and no final
    status is known: no final completion (complete, withdrawn) from either track, no civil-society
    status dated on or after the end, nor what `final_elsewhere` adds (the IRM track passes its
    end-of-term assessments)."""
    ended = Q(end_date__lt=day) | Q(end_date__isnull=True, action_plan__end_date__lt=day)
    final = (
        Q(self_reported_completion__in=FINAL_COMPLETION_LEVELS)
        | Q(irm_completion__in=FINAL_COMPLETION_LEVELS)
        | Q(self_reported_as_of__gte=F("end_date"))
        | Q(end_date__isnull=True, self_reported_as_of__gte=F("action_plan__end_date"))
    )
    if final_elsewhere is not None:
        final |= final_elsewhere
    return ended & ~Q(action_plan__status=ActionPlan.Status.WITHDRAWN) & ~final


# The cached level of each track (government, civil society, IRM) that the disagreement rule compares.
TRACK_LEVEL_FIELDS = ("government_completion", "self_reported_completion", "irm_completion")


def disagreement_q() -> Q:
    """Commitment.levels_disagree as a filter: a track says substantial or complete and another
    not started or limited."""

    def any_track(levels: tuple[str, ...]) -> Q:
        found = Q()
        for field in TRACK_LEVEL_FIELDS:
            found |= Q(**{f"{field}__in": levels})
        return found

    return any_track(HIGH_COMPLETION_LEVELS) & any_track(LOW_COMPLETION_LEVELS)


class CommitmentQuerySet(models.QuerySet):
    def by_key(self, typed: str) -> CommitmentQuerySet:
        """The commitment an OGP id typed in any case names (`pe0001`): ids are stored in upper
        case (commitment_ogp_id_format), so one indexed match."""
        return self.filter(ogp_id=typed.strip().upper())

    def by_former_key(self, typed: str) -> CommitmentQuerySet:
        """The commitment an id it no longer has names (a provisional id OGP's own replaced, an id
        the first release guessed: CommitmentFormerId), typed in any case. Read only when `by_key`
        finds nothing, so the usual lookup stays one indexed match."""
        return self.filter(
            former_ids__ogp_id__in=sorted({typed.strip(), typed.strip().upper()})
        ).distinct()

    def for_list(self) -> CommitmentQuerySet:
        """Commitments with what a list row shows: plan, member and lead organisation."""
        return self.select_related("action_plan__member", "lead_organization")

    def for_detail(self) -> CommitmentQuerySet:
        return self.for_list().prefetch_related(
            "co_lead_organizations",
            "supporting_organizations",
            "monitoring_organizations",
            "policy_areas",
            "milestones",
        )

    def matching(self, text: str) -> CommitmentQuerySet:
        """Commitments whose id, number, titles or full text contain `text`, accent- and
        case-blind ("informacion" finds "información", "contraloria" finds "Contraloría")."""
        return self.filter(search_text__contains=normalize_name(text))

    def search(self, text: str) -> CommitmentQuerySet:
        """Commitments matching `text` in their id, titles, full text or milestones: stemmed,
        accent-blind and typo-tolerant on PostgreSQL, every word accent-blind on SQLite; annotated
        with `search_rank` (commitments.search.matching)."""
        from commitments.search.matching import search_commitments

        return search_commitments(self, text)

    def with_overdue_milestones(self, day: datetime.date) -> CommitmentQuerySet:
        """Commitments with a milestone due before `day` and not met (Milestone.overdue_on)."""
        from .milestones import Milestone

        return self.filter(pk__in=Milestone.objects.overdue_on(day).values("commitment_id"))

    def ended_without_final_status(self, day: datetime.date) -> CommitmentQuerySet:
        """Commitments that ended before `day` (see ended_without_final_status_q) with nobody
        saying how they ended."""
        return self.filter(ended_without_final_status_q(day))

    def involving(self, organization: Organization) -> CommitmentQuerySet:
        """Commitments an organisation has any role in: leads, co-leads, supports or monitors.
        Subqueries, not joins: no duplicate rows to remove, and the paginator's count stays on
        the bare table."""
        in_role = Q(lead_organization_id=organization.pk)
        for through in (
            Commitment.supporting_organizations.through,
            Commitment.co_lead_organizations.through,
            Commitment.monitoring_organizations.through,
        ):
            in_role |= Q(
                pk__in=through.objects.filter(organization_id=organization.pk).values(
                    "commitment_id"
                )
            )
        return self.filter(in_role)

    def led_by(self, organization: Organization | None) -> CommitmentQuerySet:
        """Commitments an organisation leads or co-leads: the ones its responsible officials answer
        for."""
        if organization is None:
            return self.none()
        co_led = Commitment.co_lead_organizations.through.objects.filter(
            organization_id=organization.pk
        ).values("commitment_id")
        return self.filter(Q(lead_organization_id=organization.pk) | Q(pk__in=co_led))

    def monitored_by(self, organization: Organization | None) -> CommitmentQuerySet:
        """Commitments a civil-society organisation has been assigned to monitor."""
        if organization is None:
            return self.none()
        monitors = Commitment.monitoring_organizations.through.objects.filter(
            organization_id=organization.pk
        )
        return self.filter(pk__in=monitors.values("commitment_id"))

    def quiet_since(self, day: datetime.date, *, today: datetime.date) -> CommitmentQuerySet:
        """Monitored commitments of plans in implementation `today` (ActionPlan.status_on) whose
        last update (else start) is on or before `day`: the candidates
        commitments.reminders.months_without_update decides on."""
        from django.db.models.functions import Coalesce

        running = ActionPlan.objects.in_status(ActionPlan.Status.IMPLEMENTATION, day=today)
        return (
            self.filter(monitoring_organizations__isnull=False, action_plan__in=running)
            .alias(
                silent_since=Coalesce(
                    "self_reported_as_of", "start_date", "action_plan__start_date"
                )
            )
            .filter(silent_since__lte=day)
            .distinct()
        )

    def tracks_disagree(self) -> CommitmentQuerySet:
        """Commitments where two of the three tracks disagree (Commitment.levels_disagree, in SQL)."""
        return self.filter(disagreement_q())

    def tracks_agree(self) -> CommitmentQuerySet:
        return self.exclude(disagreement_q())

    def completion_figures(self):  # -> commitments.figures.values.CompletionFigures
        """The completion figures (both tracks) of these commitments, in one query."""
        from commitments.figures.counting import completion_figures

        return completion_figures(self)

    def next_free_ogp_ids(self, member: Member, count: int = 1) -> list[str]:
        """The next `count` ids with the member's prefix after the highest one in use or retired
        (PE0049, PE0050...): what a new commitment is offered. Two queries."""
        prefix = member.commitment_prefix
        if not prefix:
            return []
        pattern = rf"^{prefix}[0-9]{{4}}$"
        used = [
            self.filter(ogp_id__regex=pattern).aggregate(highest=Max("ogp_id"))["highest"],
            CommitmentFormerId.objects.filter(ogp_id__regex=pattern).aggregate(
                highest=Max("ogp_id")
            )["highest"],
        ]
        highest = max((int(ogp_id[len(prefix) :]) for ogp_id in used if ogp_id), default=0)
        return [
            f"{prefix}{number:04d}"
            for number in range(highest + 1, min(highest + 1 + count, 10_000))
        ]


def organizations_in_role(
    verbose_name: str | Promise, related_name: str, help_text: str | Promise = ""
) -> models.ManyToManyField:
    """The organisations that play one role in a commitment besides leading it (co-lead, support,
    monitor): optional, many. `CommitmentQuerySet.involving` reads every such role."""
    return models.ManyToManyField(
        Organization,
        verbose_name=verbose_name,
        blank=True,
        related_name=related_name,
        help_text=help_text,
    )


class Commitment(VersionedModel):
    ogp_id = models.CharField(
        _("OGP id"),
        max_length=12,
        unique=True,
        help_text=_("The member's prefix as OGP writes it and a number, e.g. PE0008, UK0012."),
    )
    id_provisional = models.BooleanField(
        _("provisional id"),
        default=False,
        help_text=_(
            "The source had no OGP id (the 2017 Explorer file): this id was given in file order "
            "and is replaced when a file with OGP's own ids is reconciled."
        ),
    )
    source_key = models.CharField(
        _("source key"),
        max_length=120,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_(
            "Member, plan number, commitment number and occurrence: how rows of files without "
            "ids are matched to this commitment."
        ),
    )
    url = models.URLField(_("OGP page"), max_length=500, blank=True)
    # Accent- and case-blind text of the id, number, titles and full text (make_search_text).
    search_text = models.TextField(blank=True, editable=False)
    contact_name = models.CharField(_("contact person"), max_length=300, blank=True)
    contact_email = models.CharField(_("contact email"), max_length=300, blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=200, blank=True)
    action_plan = action_plan_field("commitments", on_delete=models.PROTECT)
    number = models.CharField(
        _("number in the plan"), max_length=40, blank=True, help_text=_("As written: 1:h, 2.1...")
    )
    title = models.TextField(_("title"))
    short_title = models.CharField(_("short title"), max_length=1000, blank=True)
    full_text = models.TextField(_("full text"), blank=True)
    lead_organization = models.ForeignKey(
        Organization,
        verbose_name=_("lead organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_commitments",
    )
    co_lead_organizations = organizations_in_role(
        _("co-lead organisations"),
        "co_led_commitments",
        _("Other institutions the source names as leading the commitment too."),
    )
    supporting_organizations = organizations_in_role(
        _("supporting organisations"), "supported_commitments"
    )
    monitoring_organizations = organizations_in_role(
        _("monitoring organisations"),
        "monitored_commitments",
        _("Civil-society organisations whose editors may report on this commitment."),
    )
    value_access_to_information = models.BooleanField(_("access to information"), default=False)
    value_civic_participation = models.BooleanField(_("civic participation"), default=False)
    value_public_accountability = models.BooleanField(_("public accountability"), default=False)
    value_technology_innovation = models.BooleanField(_("technology and innovation"), default=False)
    policy_areas = models.ManyToManyField(
        PolicyArea, verbose_name=_("policy areas"), blank=True, related_name="commitments"
    )
    theme = models.CharField(_("theme"), max_length=300, blank=True)
    cluster = models.CharField(_("cluster"), max_length=200, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    start_date_text = models.CharField(
        _("start date as written"),
        max_length=100,
        blank=True,
        help_text=_("Kept when the source date cannot be read as a date."),
    )
    end_date = models.DateField(_("end date"), null=True, blank=True)
    end_date_text = models.CharField(_("end date as written"), max_length=100, blank=True)
    added_after_approval = models.BooleanField(_("added after the plan's approval"), default=False)
    predecessors = models.ManyToManyField(
        "self",
        verbose_name=_("predecessors"),
        symmetrical=False,
        blank=True,
        related_name="successors",
        help_text=_("The same reform in earlier plans, carried over into this commitment."),
    )

    # Cached summaries, each written in the same transaction as what it summarises.
    self_reported_completion = models.CharField(
        _("civil-society completion"), max_length=20, choices=CompletionLevel.choices, blank=True
    )
    self_reported_as_of = models.DateField(_("civil society as of"), null=True, blank=True)
    # The government's self-assessment (status updates in its voice), cached the same way. The
    # two fields above are civil society's track, named `civil_society` in every public place.
    government_completion = models.CharField(
        _("government completion"), max_length=20, choices=CompletionLevel.choices, blank=True
    )
    government_as_of = models.DateField(_("government as of"), null=True, blank=True)
    irm_completion = models.CharField(
        _("IRM completion"),
        max_length=20,
        choices=CompletionLevel.choices,
        blank=True,
        help_text=_("From the latest published IRM assessment that rates completion."),
    )
    irm_starred = models.BooleanField(_("starred by the IRM"), default=False)
    # The report that cached IRM level comes from, so today's figures say which report they count
    # (commitments.figures.counting' irm_basis) without reading the assessments.
    irm_report_kind = models.CharField(_("IRM report kind"), max_length=20, blank=True)
    irm_report_published_on = models.DateField(_("IRM report published on"), null=True, blank=True)
    irm_report_year = models.PositiveSmallIntegerField(
        _("IRM report publication year"), null=True, blank=True
    )

    source_file = models.CharField(_("source file"), max_length=200, blank=True)
    source_row = models.PositiveIntegerField(_("source row"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Indexed, unlike the base's: the API lists filter commitments by `updated_since`.
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    # The links an OGP file defines are kept with each record, so the public change history can
    # show them change (commitments.audit).
    _history_m2m_fields = [co_lead_organizations, supporting_organizations, policy_areas]

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["ogp_id"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            models.CheckConstraint(
                condition=Q(ogp_id__regex=r"^[A-Z]{2,6}(-P)?[0-9]{4}$"),
                name="commitment_ogp_id_format",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(start_date__lte=models.F("end_date")),
                name="commitment_starts_before_it_ends",
            ),
        ]
        indexes = [models.Index(fields=["action_plan", "ogp_id"])]

    def __str__(self) -> str:
        return f"{self.ogp_id} {self.short_title or self.title[:80]}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = self.make_search_text(
            self.ogp_id, self.number, self.title, self.short_title, self.full_text
        )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) & SEARCHED_FIELDS:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    @staticmethod
    def make_search_text(*parts: str) -> str:
        """What text searches match: id, number, titles and full text, without accents or case."""
        return normalize_name(" ".join(part for part in parts if part))

    @property
    def tracks_disagree(self) -> bool:
        """Two of the three tracks (government, civil society, IRM) disagree (`levels_disagree`)."""
        return self.levels_disagree(*(getattr(self, field) for field in TRACK_LEVEL_FIELDS))

    @staticmethod
    def levels_disagree(*levels: str | None) -> bool:
        """The one rule: tracks disagree when one says substantial or complete and another not
        started or limited (a missing voice disagrees with nobody)."""
        found = set(levels)
        return bool(found & set(HIGH_COMPLETION_LEVELS)) and bool(
            found & set(LOW_COMPLETION_LEVELS)
        )


def commitment_field(related_name: str, *, on_delete: Callable[..., None]) -> models.ForeignKey:
    """The link from a record about one commitment (its milestones, indicators, reports, source
    rows, questions, assessments...), labelled "commitment" wherever it is shown."""
    return models.ForeignKey(
        Commitment, verbose_name=_("commitment"), on_delete=on_delete, related_name=related_name
    )


class CommitmentFormerId(models.Model):
    """An id a commitment was known by before (a provisional id replaced by OGP's own): its old
    address redirects to the commitment."""

    ogp_id = models.CharField(_("former id"), max_length=12, unique=True)
    commitment = commitment_field("former_ids", on_delete=models.CASCADE)
    replaced_at = models.DateTimeField(_("replaced on"), auto_now_add=True)

    class Meta:
        verbose_name = _("former commitment id")
        verbose_name_plural = _("former commitment ids")

    def __str__(self) -> str:
        return f"{self.ogp_id} → {self.commitment_id}"

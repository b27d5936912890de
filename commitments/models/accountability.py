"""Accountability by design: indicators and their readings, the co-creation record (proposals and
consultation events) and each plan's process and responsibility, including the IRM's process data."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .commitments import Commitment, commitment_field
from .history import VersionedModel
from .members import Organization
from .milestones import Milestone
from .plans import ActionPlan, action_plan_field
from .reports import authorship_fields, chronological


class IAP2Level(models.TextChoices):
    """The IAP2 spectrum of public influence, weakest first."""

    INFORM = "inform", _("Inform")
    CONSULT = "consult", _("Consult")
    INVOLVE = "involve", _("Involve")
    COLLABORATE = "collaborate", _("Collaborate")
    EMPOWER = "empower", _("Empower")


# --- Indicators --------------------------------------------------------------------------------------


class IndicatorQuerySet(models.QuerySet):
    def for_list(self) -> IndicatorQuerySet:
        """Indicators with their commitment, plan, member, milestone and reporting organisation."""
        return self.select_related(
            "commitment__action_plan__member", "milestone", "reported_by"
        ).order_by("commitment__ogp_id", "pk")

    def with_readings(self) -> IndicatorQuerySet:
        """`for_list()` plus every reading, oldest first (one extra query for any number)."""
        return self.for_list().prefetch_related(
            models.Prefetch(
                "readings",
                queryset=IndicatorReading.objects.select_related(
                    "author", "author_organization"
                ).order_by(*chronological("as_of")),
            )
        )


class Indicator(VersionedModel):
    """How progress on a commitment (or one of its milestones) is measured."""

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")
        SEMIANNUAL = "semiannual", _("Every six months")
        ANNUAL = "annual", _("Yearly")
        ONCE = "once", _("Once, at the end")
        OTHER = "other", _("Other")

    commitment = commitment_field("indicators", on_delete=models.CASCADE)
    milestone = models.ForeignKey(
        Milestone,
        verbose_name=_("milestone"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicators",
        help_text=_("Leave empty when the indicator measures the whole commitment."),
    )
    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(_("unit"), max_length=60, help_text=_("e.g. %, requests, entities"))
    baseline_value = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    target_value = models.DecimalField(
        _("target"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    target_date = models.DateField(_("target date"), null=True, blank=True)
    data_source = models.TextField(_("data source"), blank=True)
    method = models.TextField(_("how the value is obtained"), blank=True)
    frequency = models.CharField(
        _("how often"), max_length=20, choices=Frequency.choices, blank=True
    )
    reported_by = models.ForeignKey(
        Organization,
        verbose_name=_("who reports it"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reported_indicators",
    )

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["commitment", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=Q(baseline_value__isnull=True) | Q(baseline_date__isnull=False),
                name="indicator_baseline_has_date",
                violation_error_message=_("A baseline needs the date it was measured."),
            ),
            models.CheckConstraint(
                condition=Q(target_value__isnull=True) | Q(target_date__isnull=False),
                name="indicator_target_has_date",
                violation_error_message=_("A target needs the date it should be reached by."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if (
            self.milestone_id
            and self.commitment_id
            and (self.milestone.commitment_id != self.commitment_id)
        ):
            raise ValidationError(
                {"milestone": _("The milestone must belong to the indicator's commitment.")}
            )


class IndicatorReading(models.Model):
    """A value of an indicator on a date. Never edited or deleted: a newer reading corrects it."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="readings"
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    as_of = models.DateField(_("as of"))
    evidence_url = models.URLField(_("evidence (link)"), max_length=1000, blank=True)
    note = models.TextField(_("note"), blank=True)
    author, author_organization, corrects, recorded_at = authorship_fields(
        "indicator_readings",
        author_label=_("reported by"),
        organization_label=_("reporter's organisation"),
    )

    class Meta:
        ordering = ["indicator", "as_of", "recorded_at", "pk"]
        verbose_name = _("indicator reading")
        verbose_name_plural = _("indicator readings")
        indexes = [models.Index(fields=["indicator", "as_of"])]

    def __str__(self) -> str:
        return f"{self.indicator} = {self.value} ({self.as_of})"


# --- Co-creation record ------------------------------------------------------------------------------


class ProposalQuerySet(models.QuerySet):
    def for_list(self) -> ProposalQuerySet:
        return (
            self.select_related("action_plan__member", "resulting_commitment")
            .prefetch_related("proposers")
            .order_by("action_plan__ogp_id", "-priority", "pk")
        )

    def from_civil_society(self) -> ProposalQuerySet:
        return self.filter(by_civil_society=True)


class Proposal(VersionedModel):
    """A proposal made during a plan's co-creation, and what became of it."""

    class Outcome(models.TextChoices):
        ADOPTED = "adopted", _("Adopted as a commitment")
        MERGED = "merged", _("Merged into a commitment")
        ALTERED = "altered", _("Adopted in altered form")
        DROPPED = "dropped", _("Rejected or dropped")
        UNANSWERED = "unanswered", _("Never answered")

    LEFT_OUT = (Outcome.DROPPED, Outcome.UNANSWERED)

    action_plan = action_plan_field("proposals", on_delete=models.CASCADE)
    title = models.CharField(_("title"), max_length=500)
    text = models.TextField(_("text"), blank=True)
    proposers = models.ManyToManyField(
        Organization,
        verbose_name=_("proposing organisations"),
        blank=True,
        related_name="proposals",
    )
    by_civil_society = models.BooleanField(_("proposed by civil society"), default=True)
    proposed_on = models.DateField(_("proposed on"), null=True, blank=True)
    priority = models.BooleanField(
        _("priority for its proposers"),
        default=False,
        help_text=_("The proposers marked this proposal as one of their priorities."),
    )
    outcome = models.CharField(_("what became of it"), max_length=20, choices=Outcome.choices)
    resulting_commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("resulting commitment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="source_proposals",
        help_text=_("The commitment it became, was merged into, or was altered into."),
    )
    government_response = models.TextField(_("government's reasoned response"), blank=True)
    response_date = models.DateField(_("response date"), null=True, blank=True)
    source = models.TextField(_("source"), blank=True)
    _history_m2m_fields = [proposers]

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["action_plan", "-priority", "pk"]
        verbose_name = _("co-creation proposal")
        verbose_name_plural = _("co-creation proposals")
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome="merged") | Q(resulting_commitment__isnull=False),
                name="proposal_merged_names_commitment",
                violation_error_message=_("Say which commitment the proposal was merged into."),
            ),
            models.CheckConstraint(
                condition=~Q(outcome__in=["dropped", "unanswered"])
                | Q(resulting_commitment__isnull=True),
                name="proposal_left_out_has_no_commitment",
                violation_error_message=_(
                    "A dropped or unanswered proposal did not become a commitment."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(outcome="unanswered") | (Q(government_response="")),
                name="proposal_unanswered_has_no_response",
                violation_error_message=_("An unanswered proposal has no government response."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def left_out(self) -> bool:
        return self.outcome in self.LEFT_OUT


class ConsultationEventQuerySet(models.QuerySet):
    def for_list(self) -> ConsultationEventQuerySet:
        return (
            self.select_related("action_plan__member")
            .prefetch_related("participants")
            .order_by("action_plan__ogp_id", "date", "pk")
        )


class Phase(models.TextChoices):
    DEVELOPMENT = "development", _("Plan development")
    IMPLEMENTATION = "implementation", _("Implementation")


class ConsultationEvent(VersionedModel):
    """A meeting, workshop or online consultation held while a plan was made or carried out."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        WORKSHOP = "workshop", _("Workshop")
        ONLINE = "online", _("Online consultation")
        FORUM = "forum", _("Multi-stakeholder forum")
        OTHER = "other", _("Other")

    action_plan = action_plan_field("consultation_events", on_delete=models.CASCADE)
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    in_capital = models.BooleanField(_("held in the capital"), null=True, blank=True)
    participants = models.ManyToManyField(
        Organization,
        verbose_name=_("participating organisations"),
        blank=True,
        related_name="consultation_events",
    )
    iap2_level = models.CharField(
        _("level of public influence (IAP2)"), max_length=20, choices=IAP2Level.choices, blank=True
    )
    description = models.TextField(_("description"), blank=True)
    _history_m2m_fields = [participants]

    objects = ConsultationEventQuerySet.as_manager()

    class Meta:
        ordering = ["action_plan", "date", "pk"]
        verbose_name = _("consultation event")
        verbose_name_plural = _("consultation events")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date or ''}".strip()


# --- Per-plan process and responsibility -------------------------------------------------------------


class PlanProcess(VersionedModel):
    """Who is responsible for a plan, and how it was co-created as the IRM's process data records it.

    The `irm_*` fields come from the IRM process database (its importer, in the IRM app) and keep each
    label as it arrived; the responsibility fields are entered by plan administrators."""

    class OfficeLevel(models.TextChoices):
        HEAD_OF_GOVERNMENT = "head_of_government", _("Office of the president or prime minister")
        MINISTRY = "ministry", _("Ministry (minister's office)")
        MID_LEVEL = "mid_level", _("Mid-level office (secretariat, directorate)")
        AUTONOMOUS = "autonomous", _("Autonomous body")
        OTHER = "other", _("Other")

    action_plan = models.OneToOneField(
        ActionPlan, verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="process"
    )
    responsible_organizations = models.ManyToManyField(
        Organization,
        verbose_name=_("responsible offices"),
        blank=True,
        related_name="responsible_for_plans",
        help_text=_("The offices the plan places responsibility with."),
    )
    office_level = models.CharField(
        _("level of the responsible office"),
        max_length=20,
        choices=OfficeLevel.choices,
        blank=True,
    )
    political_endorsement = models.TextField(
        _("political endorsement"),
        blank=True,
        help_text=_("Who above the responsible office backs the plan, if anyone."),
    )
    notes = models.TextField(_("notes"), blank=True)

    # From the IRM process database.
    irm_year_submitted = models.PositiveSmallIntegerField(null=True, blank=True)
    irm_development_level = models.CharField(
        _("IAP2 level during development"), max_length=20, choices=IAP2Level.choices, blank=True
    )
    irm_development_level_label = models.CharField(max_length=60, blank=True)
    irm_development_participation = models.CharField(
        _("participation during development"), max_length=60, blank=True
    )
    irm_implementation_level = models.CharField(
        _("IAP2 level during implementation"), max_length=20, choices=IAP2Level.choices, blank=True
    )
    irm_implementation_level_label = models.CharField(max_length=60, blank=True)
    irm_implementation_participation = models.CharField(
        _("participation during implementation"), max_length=60, blank=True
    )
    irm_regular_forum = models.BooleanField(_("regular forum"), null=True, blank=True)
    irm_timeline_available = models.BooleanField(_("timeline available"), null=True, blank=True)
    irm_advance_notice = models.BooleanField(_("advance notice"), null=True, blank=True)
    irm_days_in_advance = models.PositiveIntegerField(_("days of notice"), null=True, blank=True)
    irm_awareness_raising = models.BooleanField(_("awareness raising"), null=True, blank=True)
    irm_online_consultation = models.BooleanField(_("online consultation"), null=True, blank=True)
    irm_in_person_consultation = models.BooleanField(
        _("in-person consultations"), null=True, blank=True
    )
    irm_summary_of_comments = models.BooleanField(_("summary of comments"), null=True, blank=True)
    irm_steps_followed = models.PositiveSmallIntegerField(
        _("steps followed (of 6)"), null=True, blank=True
    )
    irm_multi_agency = models.BooleanField(_("multi-agency lead"), null=True, blank=True)
    irm_raw = models.JSONField(_("process data as published"), default=dict, blank=True)
    source_file = models.CharField(max_length=200, blank=True, editable=False)
    source_row = models.PositiveIntegerField(null=True, blank=True, editable=False)
    _history_m2m_fields = [responsible_organizations]

    class Meta:
        verbose_name = _("plan process and responsibility")
        verbose_name_plural = _("plan processes and responsibilities")
        constraints = [
            models.CheckConstraint(
                condition=Q(irm_steps_followed__isnull=True) | Q(irm_steps_followed__lte=6),
                name="planprocess_steps_at_most_six",
            ),
        ]

    def __str__(self) -> str:
        return str(self.action_plan)

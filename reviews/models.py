"""The independent track: IRM reports and their assessments of commitments.

Never mixed with civil society's self-reports: the only link back is the cached IRM completion on each
commitment, which `reviews.services.refresh_irm_summary` keeps in step when a report is published.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from commitments.models import CompletionLevel, VersionedModel, action_plan_field, commitment_field


class Methodology(models.TextChoices):
    PRE_2021 = "pre_2021", _("Before 2021 (progress and end-of-term reports)")
    FROM_2021 = "from_2021", _("2021 onward (action plan review and results report)")


class Specificity(models.TextChoices):
    NONE = "none", _("None")
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class PotentialImpact(models.TextChoices):
    NONE = "none", pgettext_lazy("potential impact (impacto, masculine)", "None")
    MINOR = "minor", _("Minor")
    MODERATE = "moderate", _("Moderate")
    TRANSFORMATIVE = "transformative", _("Transformative")
    UNCLEAR = "unclear", _("Unclear")


class PotentialForResults(models.TextChoices):
    UNCLEAR = "unclear", _("Unclear")
    MODEST = "modest", _("Modest")
    SUBSTANTIAL = "substantial", _("Substantial")


class OpenedGovernment(models.TextChoices):
    WORSENED = "worsened", _("Worsened")
    DID_NOT_CHANGE = "did_not_change", _("Did not change")
    MARGINAL = "marginal", _("Marginal")
    MAJOR = "major", _("Major")
    OUTSTANDING = "outstanding", _("Outstanding")


class EarlyResults(models.TextChoices):
    NONE_YET = "none_yet", _("No early results to report yet")
    NO_NOTABLE = "no_notable", _("No notable results")
    MARGINAL = "marginal", _("Marginal")
    MODERATE = "moderate", _("Moderate")
    SIGNIFICANT = "significant", _("Significant")
    OUTSTANDING = "outstanding", _("Outstanding")


class StarFormula(models.TextChoices):
    PRE_2014 = "pre_2014", _("Before June 2014")
    Y2015 = "2015", _("2015 formula")
    CURRENT = "current", _("Current formula")


class IRMReportQuerySet(models.QuerySet):
    def published(self) -> IRMReportQuerySet:
        return self.filter(state=IRMReport.State.PUBLISHED)

    def visible_to(self, user) -> IRMReportQuerySet:
        """Published reports for everyone; drafts only for their researchers and administrators."""
        if user is None or not user.is_authenticated:
            return self.published()
        if user.is_superuser or user.has_perm("reviews.publish_irmreport"):
            return self
        return self.filter(Q(state=IRMReport.State.PUBLISHED) | Q(researchers=user)).distinct()

    def editable_by(self, user) -> IRMReportQuerySet:
        """Draft reports whose assessments `user` may write: those they are assigned to research."""
        if user is None or not (user.is_authenticated and user.is_active):
            return self.none()
        if not user.has_perm("reviews.change_assessment"):
            return self.none()
        return self.filter(state=IRMReport.State.DRAFT, researchers=user)

    def researched_by(self, user) -> IRMReportQuerySet:
        """Reports, of any state, that `user` is assigned to research."""
        return self.filter(researchers=user)

    def for_workspace(self) -> IRMReportQuerySet:
        """Reports with their plan and member, for the researcher's and administrator's pages."""
        return self.select_related("action_plan__member")


class IRMReport(VersionedModel):
    class Kind(models.TextChoices):
        DESIGN = "design", _("Design report")
        PROGRESS = "progress", _("Progress report")
        END_OF_TERM = "end_of_term", _("End-of-term report")
        IMPLEMENTATION = "implementation", _("Implementation report")
        ACTION_PLAN_REVIEW = "action_plan_review", _("Action plan review")
        RESULTS = "results", _("Results report")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for publication")
        PUBLISHED = "published", _("Published")

    action_plan = action_plan_field("irm_reports", on_delete=models.PROTECT)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    methodology = models.CharField(
        _("methodology"), max_length=10, choices=Methodology.choices, default=Methodology.PRE_2021
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    published_on = models.DateField(_("publication date"), null=True, blank=True)
    publication_year = models.PositiveSmallIntegerField(
        _("publication year"), null=True, blank=True, help_text=_("When only the year is known.")
    )
    url = models.URLField(_("link"), blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    researchers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("IRM researchers"),
        blank=True,
        related_name="irm_reports",
    )

    objects = IRMReportQuerySet.as_manager()

    class Meta:
        ordering = ["action_plan", "published_on", "pk"]
        verbose_name = _("IRM report")
        verbose_name_plural = _("IRM reports")
        permissions = [("publish_irmreport", _("Can publish IRM reports"))]
        constraints = [
            models.UniqueConstraint(
                fields=["action_plan", "kind"], name="one_report_per_plan_and_kind"
            ),
        ]

    def __str__(self) -> str:
        return self.title or f"{self.action_plan.ogp_id} {self.get_kind_display()}"

    # Where each kind of report falls in a plan's cycle, earliest first.
    STAGES = {
        Kind.DESIGN: 1,
        Kind.ACTION_PLAN_REVIEW: 1,
        Kind.PROGRESS: 2,
        Kind.IMPLEMENTATION: 2,
        Kind.END_OF_TERM: 3,
        Kind.RESULTS: 3,
    }

    @classmethod
    def stage_expression(cls, field: str) -> models.Case:
        """The stage of the report named by `field`, as a database expression (for ordering)."""
        return models.Case(
            *(models.When(**{field: kind}, then=models.Value(n)) for kind, n in cls.STAGES.items()),
            default=models.Value(0),
        )


class AssessmentQuerySet(models.QuerySet):
    def published(self) -> AssessmentQuerySet:
        return self.filter(report__state=IRMReport.State.PUBLISHED)

    def visible_to(self, user) -> AssessmentQuerySet:
        return self.filter(report__in=IRMReport.objects.visible_to(user))

    def for_list(self) -> AssessmentQuerySet:
        return self.select_related("report__action_plan__member", "commitment")

    def search(self, text: str) -> AssessmentQuerySet:
        """Assessments whose narrative matches `text`, with `search_rank` (commitments.search.matching).
        Narrow with published() or visible_to(user) first: search never decides who sees what."""
        from commitments.search.matching import search_documents

        return search_documents(self, text, "narrative")

    def latest_first(self) -> AssessmentQuerySet:
        """Latest report first, by the day its findings count from: its publication date, or for
        a report known only by its year, that year's last day (so a year-only 2015 report comes
        after one published in March 2015); on the same day, the later kind of report in a plan's
        cycle (an end-of-term report after the progress report)."""
        return self.alias(**latest_report_aliases()).order_by(*LATEST_REPORT_ORDERING)


def latest_report_aliases(prefix: str = "report__") -> dict[str, Any]:
    """The aliases LATEST_REPORT_ORDERING sorts on, for a queryset reaching the report by `prefix`."""
    return {
        "_stage": IRMReport.stage_expression(f"{prefix}kind"),
        "_year": Coalesce(
            ExtractYear(f"{prefix}published_on"), models.F(f"{prefix}publication_year")
        ),
    }


# Latest first: the year the findings count from, then a year-only report (it counts from the
# year's last day) before dated ones, then the latest date, then the later stage, then the newest row.
LATEST_REPORT_ORDERING = (
    models.F("_year").desc(nulls_last=True),
    models.F("report__published_on").desc(nulls_first=True),
    models.F("_stage").desc(),
    models.F("pk").desc(),
)


class Assessment(VersionedModel):
    """The IRM's findings on one commitment in one report. Each scale keeps the label as it arrived."""

    report = models.ForeignKey(
        IRMReport,
        verbose_name=_("IRM report"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    commitment = commitment_field("assessments", on_delete=models.PROTECT)
    # Design
    specificity = models.CharField(
        _("specificity"), max_length=10, choices=Specificity.choices, blank=True
    )
    specificity_label = models.CharField(max_length=60, blank=True, editable=False)
    verifiable = models.BooleanField(_("verifiable"), null=True, blank=True)
    verifiable_label = models.CharField(max_length=60, blank=True, editable=False)
    relevant = models.BooleanField(
        _("relevant to an OGP value"),
        null=True,
        blank=True,
        help_text=_(
            "The IRM's overall verdict, where the source records it; otherwise read from the values "
            "below (technology and innovation alone does not count)."
        ),
    )
    relevant_access_to_information = models.BooleanField(
        _("relevant to access to information"), null=True, blank=True
    )
    relevant_civic_participation = models.BooleanField(
        _("relevant to civic participation"), null=True, blank=True
    )
    relevant_public_accountability = models.BooleanField(
        _("relevant to public accountability"), null=True, blank=True
    )
    relevant_technology_innovation = models.BooleanField(
        _("relevant to technology and innovation"), null=True, blank=True
    )
    open_government_lens = models.BooleanField(_("open government lens"), null=True, blank=True)
    potential_impact = models.CharField(
        _("potential impact"), max_length=20, choices=PotentialImpact.choices, blank=True
    )
    potential_impact_label = models.CharField(max_length=60, blank=True, editable=False)
    potential_for_results = models.CharField(
        _("potential for results"), max_length=20, choices=PotentialForResults.choices, blank=True
    )
    potential_for_results_label = models.CharField(max_length=60, blank=True, editable=False)
    promising = models.BooleanField(_("promising"), null=True, blank=True)
    # Implementation
    completion = models.CharField(
        _("completion"), max_length=20, choices=CompletionLevel.choices, blank=True
    )
    completion_label = models.CharField(max_length=60, blank=True, editable=False)
    opened_government = models.CharField(
        _("did it open government?"), max_length=20, choices=OpenedGovernment.choices, blank=True
    )
    opened_government_label = models.CharField(max_length=60, blank=True, editable=False)
    early_results = models.CharField(
        _("early results"), max_length=20, choices=EarlyResults.choices, blank=True
    )
    early_results_label = models.CharField(max_length=80, blank=True, editable=False)
    # Computed, never typed: see reviews.stars.
    starred = models.BooleanField(_("starred"), default=False, editable=False)
    star_formula = models.CharField(
        _("star formula"), max_length=10, choices=StarFormula.choices, blank=True, editable=False
    )
    formula_stars = models.JSONField(
        _("star under each formula"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_(
            "Computed under each of the IRM's three star formulas: pre_2014, 2015, current."
        ),
    )
    source_stars = models.JSONField(
        _("stars as published"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("The star given under each formula in the imported data, as it arrived."),
    )
    narrative = models.TextField(_("narrative"), blank=True)
    sources = models.TextField(_("sources"), blank=True)
    source_file = models.CharField(max_length=200, blank=True, editable=False)
    source_row = models.PositiveIntegerField(null=True, blank=True, editable=False)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["report", "commitment"]
        verbose_name = _("IRM assessment")
        verbose_name_plural = _("IRM assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "commitment"], name="one_assessment_per_report_and_commitment"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commitment_id} / {self.report_id}"


def import_upload_to(run: ImportRun, filename: str) -> str:
    return f"imports/{timezone.now():%Y/%m}/{Path(filename).name}"


class ImportFormat(models.TextChoices):
    """The two OGP formats the importer reads (reviews.importers.irm), by code: a run stores the
    code and each reader reads the name in their language."""

    EXPLORER_2017 = "explorer_2017", _("IRM Explorer table (2017)")
    CURRENT_SHEET = "current_sheet", _("OGP commitments sheet (current)")


class ImportRun(models.Model):
    """An OGP sheet uploaded in the admin: checked first (a dry run, nothing written), then, once a
    plan administrator confirms, imported. Both run as background tasks; the report stays."""

    class State(models.TextChoices):
        CHECKING = "checking", _("Being checked")
        CHECKED = "checked", _("Checked: waiting for confirmation")
        REFUSED = "refused", _("Refused: nothing written")
        IMPORTING = "importing", _("Importing")
        IMPORTED = "imported", _("Imported")
        FAILED = "failed", _("Failed: nothing written")

    file = models.FileField(_("file"), upload_to=import_upload_to)
    file_name = models.CharField(_("file name"), max_length=200, editable=False)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.CHECKING, editable=False
    )
    file_format = models.CharField(
        _("format"), max_length=100, choices=ImportFormat.choices, blank=True, editable=False
    )
    rows_read = models.PositiveIntegerField(_("rows read"), default=0, editable=False)
    # Each report as written in every site language ({"es": ..., "en": ...}), so every reader
    # reads it in theirs; a run from before 8 December 2026 holds one, in its uploader's language.
    check_reports = models.JSONField(_("check (dry run)"), default=dict, editable=False)
    import_reports = models.JSONField(_("import"), default=dict, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import of an OGP sheet")
        verbose_name_plural = _("imports of OGP sheets")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(file_format__in=["", *ImportFormat.values]),
                name="importrun_file_format_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_state_display()})"

    @staticmethod
    def in_reader_language(reports: dict[str, str]) -> str:
        """One of `check_reports` or `import_reports` in the active language; a run that holds
        it in one language only (from before both were kept) as written."""
        language = translation.get_language() or settings.LANGUAGE_CODE
        return reports.get(language) or next(iter(reports.values()), "")

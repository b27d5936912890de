"""Writes of the IRM track that touch several models."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from commitments.models import Commitment
from commitments.services import enqueue_after_commit
from commitments.versioning import claim_version

from .models import Assessment, IRMReport
from .stars import apply_stars
from .tasks import notify_report_published


def refresh_irm_summary(commitment_ids: Iterable[int]) -> int:
    """Cache, on each commitment, the completion (and star) of its latest published assessment that
    rates completion, and which report that is. One UPDATE whatever the number of commitments;
    returns the rows updated."""
    return Commitment.objects.filter(pk__in=list(commitment_ids)).update(
        **irm_summary_columns(Assessment.objects.published()), updated_at=timezone.now()
    )


def irm_summary_columns(published: QuerySet) -> dict[str, Any]:
    """The cached IRM columns of a commitment, as expressions over its `published` assessments
    (also used by the migration that first filled them)."""
    latest = published.filter(commitment=OuterRef("pk")).exclude(completion="").latest_first()
    return {
        "irm_completion": Coalesce(Subquery(latest.values("completion")[:1]), Value("")),
        "irm_starred": Coalesce(Subquery(latest.values("starred")[:1]), Value(False)),
        "irm_report_kind": Coalesce(Subquery(latest.values("report__kind")[:1]), Value("")),
        "irm_report_published_on": Subquery(latest.values("report__published_on")[:1]),
        "irm_report_year": Subquery(latest.values("report__publication_year")[:1]),
    }


def irm_figures_changed(commitment_ids: Iterable[int | None]) -> None:
    """End of every write that can move a published IRM rating: refresh those commitments' cached
    IRM summary now, in the same transaction. Nothing for an empty set."""
    ids = set(commitment_ids) - {None}
    if not ids:
        return
    refresh_irm_summary(ids)


def save_report(*, report: IRMReport, user, expected_version: int | None = None) -> IRMReport:
    """Create or edit an IRM report (its state moves only through submit_report and publish_report).
    An edit is refused with StaleVersion when the report is no longer at `expected_version`. For a
    published report a new publication date can change each commitment's latest assessment."""
    with transaction.atomic():
        if report.pk is not None:
            claim_version(report, report.version if expected_version is None else expected_version)
        report._history_user = user
        report.save()
        if report.state == IRMReport.State.PUBLISHED:
            irm_figures_changed(report.assessments.values_list("commitment_id", flat=True))
    return report


def delete_reports(*, reports: QuerySet[IRMReport]) -> None:
    """Delete IRM reports with their assessments; published ones move their commitments' figures."""
    with transaction.atomic():
        affected = list(
            Assessment.objects.filter(report__in=reports)
            .published()
            .values_list("commitment_id", flat=True)
        )
        reports.delete()
        irm_figures_changed(affected)


def save_assessments(
    *,
    user,
    assessments: Sequence[tuple[Assessment, int | None]] = (),
    deleted: Sequence[Assessment] = (),
) -> None:
    """Save assessments as a plan administrator edits them (the admin), published reports included:
    each existing one over the version its form started from (StaleVersion otherwise; None: its
    current one), its star computed from its scales; `deleted` ones removed. The commitments whose
    latest published assessment may have moved get their summary and figures refreshed."""
    with transaction.atomic():
        known = [a.pk for a, _ in assessments if a.pk is not None] + [a.pk for a in deleted]
        touched = set(
            Assessment.objects.filter(pk__in=known)
            .published()
            .values_list("commitment_id", flat=True)
        )
        for assessment, expected in assessments:
            if assessment.pk is not None:
                claim_version(assessment, assessment.version if expected is None else expected)
            apply_stars(assessment, assessment.report.methodology)
            assessment._history_user = user
            assessment.save()
            if assessment.report.state == IRMReport.State.PUBLISHED:
                touched.add(assessment.commitment_id)
        for assessment in deleted:
            assessment.delete()
        irm_figures_changed(touched)


def delete_assessments(*, assessments: QuerySet[Assessment]) -> None:
    """Delete assessments; those of published reports move their commitments' figures."""
    with transaction.atomic():
        affected = list(assessments.published().values_list("commitment_id", flat=True))
        assessments.delete()
        irm_figures_changed(affected)


def publish_report(
    *, report: IRMReport, user, published_on: datetime.date | None = None
) -> IRMReport:
    """Publish a submitted IRM report: its assessments become public and the commitments' IRM
    figures move. A draft or an already published report is a ValidationError."""
    if not (user.is_authenticated and user.has_perm("reviews.publish_irmreport")):
        raise PermissionDenied(_("Only a plan administrator may publish IRM reports."))
    with transaction.atomic():
        locked = IRMReport.objects.select_for_update().get(pk=report.pk)
        if locked.state == IRMReport.State.PUBLISHED:
            raise ValidationError(_("This report is already published."))
        if locked.state != IRMReport.State.SUBMITTED:
            # A draft is still being written: its researchers submit it first.
            raise ValidationError(_("Only a report submitted for publication can be published."))
        locked.state = IRMReport.State.PUBLISHED
        locked.published_on = published_on or locked.published_on or timezone.localdate()
        claim_version(locked, locked.version)
        locked._history_user = user
        locked.save(update_fields=["state", "published_on", "version", "updated_at"])
        # After commit only: the figures and the emails must see the published report.
        irm_figures_changed(locked.assessments.values_list("commitment_id", flat=True))
        enqueue_after_commit(notify_report_published, locked.pk)
    return locked


def _lock_draft(report: IRMReport, user, *, not_draft: str, not_assigned: str) -> IRMReport:
    """The report, locked, if `user` may still edit it (a draft they are assigned to); otherwise
    ValidationError(`not_draft`) for an assigned researcher, PermissionDenied(`not_assigned`) for
    anyone else. Call inside the write's transaction."""
    locked = (
        IRMReport.objects.editable_by(user)
        .select_for_update(of=("self",))
        .filter(pk=report.pk)
        .first()
    )
    if locked is None:
        if IRMReport.objects.filter(pk=report.pk, researchers=user).exists():
            raise ValidationError(not_draft)
        raise PermissionDenied(not_assigned)
    return locked


def save_draft_assessment(
    *,
    report: IRMReport,
    commitment: Commitment,
    researcher,
    data: Mapping[str, Any],
    expected_version: int | None = None,
) -> Assessment:
    """Create or update the researcher's draft assessment of one commitment in one report.

    Only the scales of the report's methodology (plus narrative and sources) may be given; the star
    is computed from them. With `expected_version`, an existing assessment at another version raises
    commitments.versioning.StaleVersion. Raises PermissionDenied or ValidationError; writes nothing
    then."""
    from .scales import METHODOLOGY_SCALES

    allowed = {*METHODOLOGY_SCALES.get(report.methodology, ()), "narrative", "sources"}
    unexpected = sorted(set(data) - allowed)
    if unexpected:
        raise ValidationError(
            {
                name: [_("This scale is not part of the report's methodology.")]
                for name in unexpected
            }
        )
    if commitment.action_plan_id != report.action_plan_id:
        raise ValidationError(_("This commitment is not part of the report's action plan."))
    with transaction.atomic():
        locked = _lock_draft(
            report,
            researcher,
            not_draft=_("This report is no longer a draft: it cannot be changed."),
            not_assigned=_("Only the researchers assigned to a report may assess in it."),
        )
        assessment = Assessment.objects.select_for_update().filter(
            report=locked, commitment=commitment
        ).first() or Assessment(report=locked, commitment=commitment)
        if assessment.pk is not None:
            claim_version(
                assessment, assessment.version if expected_version is None else expected_version
            )
        for name, value in data.items():
            setattr(assessment, name, "" if value is None and name not in _NULLABLE else value)
        apply_stars(assessment, locked.methodology)
        assessment.full_clean(validate_unique=False, validate_constraints=False)
        assessment._history_user = researcher
        assessment.save()
    return assessment


_NULLABLE = frozenset(
    f.name for f in Assessment._meta.get_fields() if getattr(f, "null", False) and f.concrete
)


def assessment_coverage(report: IRMReport) -> tuple[int, int]:
    """(commitments assessed in the report, commitments in its plan): two counts."""
    assessed = report.assessments.values("commitment_id").distinct().count()
    return assessed, report.action_plan.commitments.count()


def submit_report(*, report: IRMReport, user, confirmed_unassessed: int | None = None) -> IRMReport:
    """A researcher assigned to a draft report hands it to the plan administrators to publish.
    With commitments still unassessed, only when the researcher confirmed that very number (a
    report cannot be edited once submitted)."""
    with transaction.atomic():
        locked = _lock_draft(
            report,
            user,
            not_draft=_("Only a draft report can be submitted."),
            not_assigned=_("Only the researchers assigned to a report may submit it."),
        )
        if not locked.assessments.exists():
            raise ValidationError(_("Assess at least one commitment before submitting the report."))
        assessed, total = assessment_coverage(locked)
        if assessed < total and confirmed_unassessed != total - assessed:
            raise ValidationError(
                _(
                    "%(assessed)d of %(total)d commitments are assessed; %(left)d are not. "
                    "Once submitted, the report can no longer be edited: confirm to submit anyway."
                ),
                params={"assessed": assessed, "total": total, "left": total - assessed},
                code="unassessed",
            )
        locked.state = IRMReport.State.SUBMITTED
        claim_version(locked, locked.version)
        locked._history_user = user
        locked.save(update_fields=["state", "version", "updated_at"])
    return locked

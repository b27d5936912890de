"""Background work of the IRM track. Thin: each task calls one domain function, safe to repeat."""

from __future__ import annotations

from celery import shared_task
from django.utils.translation import gettext as _

from commitments.notifications import Event, absolute_url, notify_of

from .models import IRMReport


def report_published_event(report: IRMReport) -> Event:
    plan = report.action_plan
    url = absolute_url("reviews:report", pk=str(report.pk))
    commitment_ids = tuple(report.assessments.values_list("commitment_id", flat=True).distinct())
    lines = [
        _("The IRM published its %(kind)s on %(plan)s, assessing %(count)d commitments.")
        % {"kind": report.get_kind_display(), "plan": plan, "count": len(commitment_ids)},
        _("By: the Independent Reporting Mechanism (IRM)"),
        url,
    ]
    return Event(
        key=f"irmreport:{report.pk}",
        commitment_ids=commitment_ids,
        subject=_("[OGP Tracker] %(plan)s: IRM %(kind)s published")
        % {"plan": plan.ogp_id, "kind": report.get_kind_display()},
        body="\n".join(str(line) for line in lines),
        url=url,
    )


@shared_task
def notify_report_published(report_id: int) -> int:
    """Tell the followers of the report's commitments, plan and organisations. Returns emails sent."""
    report = (
        IRMReport.objects.published()
        .select_related("action_plan__member")
        .filter(pk=report_id)
        .first()
    )
    return notify_of(report, report_published_event)


@shared_task
def check_import_run(run_id: int) -> None:
    """Dry-run an uploaded OGP sheet and keep the report (reviews.importers.runs)."""
    from .importers.runs import execute_import_run

    execute_import_run(run_id, dry_run=True)


@shared_task
def perform_import_run(run_id: int) -> None:
    """Import a checked, confirmed OGP sheet (reviews.importers.runs)."""
    from .importers.runs import execute_import_run

    execute_import_run(run_id, dry_run=False)

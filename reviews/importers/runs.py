"""Imports started from the admin: upload, check (a dry run), confirm, import. The same importer as
`manage.py import_ogp_irm`; the work runs as background tasks (reviews.tasks), in-process without a
broker. Progress (rows read) lives in the cache, because the import's own transaction keeps its
writes invisible until it ends."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reviews.models import ImportRun

from .irm import ImportRowError, import_ogp_irm

PERMISSION = "reviews.add_importrun"


def progress_key(run_id: int) -> str:
    return f"importrun:{run_id}:rows"


def rows_read(run: ImportRun) -> int:
    """Rows read so far by a running check or import; the final count once it has finished."""
    if run.state in (ImportRun.State.CHECKING, ImportRun.State.IMPORTING):
        return cache.get(progress_key(run.pk), run.rows_read)
    return run.rows_read


def refuse_unless_plan_admin(user) -> None:
    """Fail closed: only a plan administrator starts or confirms an import."""
    if not (user.is_authenticated and user.has_perm(PERMISSION)):
        raise PermissionDenied(_("Only a plan administrator may import OGP sheets."))


def start_import_run(*, upload: UploadedFile, user) -> ImportRun:
    """Keep the uploaded sheet and check it in the background; nothing is imported yet."""
    from reviews.tasks import check_import_run

    refuse_unless_plan_admin(user)
    with transaction.atomic():
        # Saving the row stores the uploaded file under its own name (ImportRun.file's upload_to).
        run = ImportRun.objects.create(file=upload, uploaded_by=user, file_name=upload.name[:200])
        check_import_run.delay_on_commit(run.pk)
    return run


def confirm_import_run(*, run: ImportRun, user) -> ImportRun:
    """Import a checked sheet for real, in the background."""
    from reviews.tasks import perform_import_run

    refuse_unless_plan_admin(user)
    with transaction.atomic():
        claimed = ImportRun.objects.filter(pk=run.pk, state=ImportRun.State.CHECKED).update(
            state=ImportRun.State.IMPORTING, confirmed_by=user
        )
        if not claimed:
            raise ValidationError(_("Only a checked sheet, not yet imported, can be imported."))
        perform_import_run.delay_on_commit(run.pk)
    run.refresh_from_db()
    return run


def execute_import_run(run_id: int, *, dry_run: bool) -> None:
    """Run the importer on the run's file and keep its report in every site language. Safe to
    repeat: a run that has moved on is left alone, and importing the same file twice changes
    nothing."""
    wanted = ImportRun.State.CHECKING if dry_run else ImportRun.State.IMPORTING
    run = ImportRun.objects.filter(pk=run_id, state=wanted).first()
    if run is None:
        return

    def progress(rows: int) -> None:
        cache.set(progress_key(run_id), rows, timeout=24 * 3600)

    # The importer words its warnings and refusals as it finds them, so it reads the file once per
    # language: a rolled-back pass for each but the last, which writes (unless this is the check).
    # One transaction, so every pass sees the same records and reports the same. Progress is
    # reported by the last pass, the one that writes: the earlier ones have finished by then.
    languages = [code for code, _name in settings.LANGUAGES]
    reports: dict[str, str] = {}
    with transaction.atomic():
        for language in languages:
            last = language == languages[-1]
            with translation.override(language):
                file_format, rows, reports[language], read = _report(
                    run.file.path,
                    dry_run=dry_run or not last,
                    as_check=dry_run,
                    progress=progress if last else None,
                )
    if read:
        state = ImportRun.State.CHECKED if dry_run else ImportRun.State.IMPORTED
    else:
        state = ImportRun.State.REFUSED if dry_run else ImportRun.State.FAILED
    field = "check_reports" if dry_run else "import_reports"
    ImportRun.objects.filter(pk=run_id, state=wanted).update(
        state=state,
        file_format=file_format,
        rows_read=rows,
        finished_at=timezone.now(),
        **{field: reports},
    )
    cache.delete(progress_key(run_id))


def _report(
    path: str, *, dry_run: bool, as_check: bool, progress: Callable[[int], None] | None
) -> tuple[str, int, str, bool]:
    """(format, rows, the report in the active language, whether the file was read)."""
    try:
        file_format, summary = import_ogp_irm(path=path, dry_run=dry_run, progress=progress)
    except ImportRowError as error:
        return "", 0, str(error), False
    heading = _("%(format)s, %(rows)d rows.") % {"format": file_format.label, "rows": summary.rows}
    if as_check:
        heading += " " + _("Dry run: nothing was written; confirm to import.")
    return file_format, summary.rows, "\n".join([heading, *summary.lines()]), True

"""Import OGP commitments with their IRM assessments from the Explorer table or the current sheet."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from reviews.importers.irm import ImportRowError, import_ogp_irm


class Command(BaseCommand):
    help = (
        "Import OGP commitments and their IRM assessments from the 2017 IRM Explorer table or OGP's "
        "current commitments sheet (detected from the header). All or nothing; running it again "
        "changes nothing. See reviews/importers/irm.py for the identity rule."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="The CSV file.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Do the whole import, print the summary, then roll everything back.",
        )

    def handle(self, *args: Any, path: str, dry_run: bool = False, **options: Any) -> None:
        started = time.monotonic()

        def progress(rows: int) -> None:
            self.stderr.write(_("  %(rows)d rows read so far...") % {"rows": rows})

        try:
            file_format, summary = import_ogp_irm(path=path, dry_run=dry_run, progress=progress)
        except ImportRowError as exc:
            raise CommandError(
                _("%(path)s: %(error)s. Nothing was imported.") % {"path": path, "error": exc}
            ) from None
        self.stdout.write(
            _("%(path)s: %(format)s, %(rows)d rows in %(seconds).1f s.")
            % {
                "path": path,
                "format": file_format.label,
                "rows": summary.rows,
                "seconds": time.monotonic() - started,
            }
        )
        for line in summary.lines():
            self.stdout.write(f"  {line}")
        if dry_run:
            self.stdout.write(self.style.WARNING(_("Dry run: everything was rolled back.")))

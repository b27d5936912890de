"""Import OGP commitments with their IRM assessments from the Explorer table or the current sheet."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

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
            self.stderr.write(f"  {rows} rows imported so far...")

        try:
            format_name, summary = import_ogp_irm(path=path, dry_run=dry_run, progress=progress)
        except ImportRowError as exc:
            raise CommandError(f"{path}: {exc}. Nothing was imported.") from None
        self.stdout.write(
            f"{path}: {format_name}, {summary.rows} rows in {time.monotonic() - started:.1f} s."
        )
        for line in summary.lines():
            self.stdout.write(f"  {line}")
        if dry_run:
            self.stdout.write(self.style.WARNING("Dry run: everything was rolled back."))

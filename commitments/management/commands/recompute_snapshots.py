"""Write the completion snapshot now, in this process (no worker needed): after an import, a restore,
or to fill a day beat missed."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser

from commitments.snapshots import recompute_snapshots


class Command(BaseCommand):
    help = "Recompute today's (or --day's) completion snapshot for every grouping and both tracks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--day", help="YYYY-MM-DD (default: today)")

    def handle(self, *args, day: str | None = None, **options) -> None:
        try:
            when = datetime.date.fromisoformat(day) if day else None
        except ValueError:
            raise CommandError(f"--day must be a date as YYYY-MM-DD, not {day!r}.") from None
        result = recompute_snapshots(day=when)
        self.stdout.write(
            f"Snapshot for {result.day}: {result.rows} rows ({result.removed} removed)."
        )

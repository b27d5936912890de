"""Write the completion snapshot now, in this process (no worker needed): after an import, a restore,
or to fill a day beat missed; with --since, rebuild the snapshot cache for a whole range of days from
the dated records."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser

from commitments.figures.snapshots import rebuild_snapshots, recompute_snapshots


def _day(name: str, raw: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(raw) if raw else None
    except ValueError:
        raise CommandError(f"--{name} must be a date as YYYY-MM-DD, not {raw!r}.") from None


class Command(BaseCommand):
    help = (
        "Recompute today's (or --day's) completion snapshot for every grouping and both tracks; "
        "with --since (and --until, default today), rebuild the snapshots of every day in that "
        "range from the dated records (status updates, IRM publications, plan starts). Safe to "
        "repeat."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--day", help="YYYY-MM-DD (default: today)")
        parser.add_argument("--since", help="rebuild from this day (YYYY-MM-DD)")
        parser.add_argument("--until", help="rebuild up to this day (YYYY-MM-DD; default today)")

    def handle(self, *args, day: str | None = None, **options) -> None:
        since, until = _day("since", options.get("since")), _day("until", options.get("until"))
        when = _day("day", day)
        if since is None and until is None:
            result = recompute_snapshots(day=when)
            self.stdout.write(
                f"Snapshot for {result.day}: {result.rows} rows ({result.removed} removed)."
            )
            return
        if when is not None or since is None:
            raise CommandError("Give --since (and optionally --until), or --day, not both.")
        if until is not None and since > until:
            raise CommandError("--since must not be after --until.")
        rebuilt = rebuild_snapshots(since=since, until=until)
        self.stdout.write(
            f"Snapshots {rebuilt.since}..{rebuilt.until}: {rebuilt.days} days with a change, "
            f"{rebuilt.rows} rows ({rebuilt.removed} replaced)."
        )

"""Import the IRM's process database: IAP2 levels and consultation steps for every action plan."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from reviews.importers.process import ProcessImportError, import_process_database

DEFAULT_PATH = (
    Path(settings.BASE_DIR).parent
    / "shared"
    / "data"
    / "ogp-irm"
    / "explorer-2017-process_database.csv"
)


class Command(BaseCommand):
    help = (
        "Import the IRM process database (one row per action plan): IAP2 level of public influence "
        "during development and implementation, and the consultation steps followed. Creates the "
        "members and plans it does not find. All or nothing; safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH), help="The CSV file.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and count everything, then roll back."
        )

    def handle(self, *args: Any, path: str, dry_run: bool = False, **options: Any) -> None:
        if not Path(path).is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        try:
            result = import_process_database(path, dry_run=dry_run)
        except ProcessImportError as error:
            raise CommandError(
                _("Nothing was imported:") + "\n" + "\n".join(f"  {e}" for e in error.errors)
            ) from error
        counts = {
            "rows": result.rows,
            "created": result.processes_created,
            "updated": result.processes_updated,
            "unchanged": result.processes_unchanged,
            "members": len(result.members_created),
            "plans": len(result.plans_created),
        }
        summary = (
            _(
                "Dry run, nothing written: %(rows)d plans read; process data created %(created)d, "
                "updated %(updated)d, unchanged %(unchanged)d; new members %(members)d, new plans "
                "%(plans)d."
            )
            if dry_run
            else _(
                "%(rows)d plans read; process data created %(created)d, updated %(updated)d, "
                "unchanged %(unchanged)d; new members %(members)d, new plans %(plans)d."
            )
        )
        self.stdout.write(summary % counts)
        for warning in result.warnings:
            self.stdout.write("  " + _("warning: %(message)s") % {"message": warning})

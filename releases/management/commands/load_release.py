"""manage.py load_release FOLDER: load a data release (its datapackage.json and CSVs, e.g. downloaded
from /data/<date>/) into an empty, migrated database. One transaction: all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from releases.loader import load_release


class Command(BaseCommand):
    help = (
        "Load a data release (a folder with datapackage.json and its CSVs) into an empty database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", help="The folder holding datapackage.json and the CSV files.")

    def handle(self, *args: Any, folder: str, **options: Any) -> None:
        source = Path(folder)
        if not source.is_dir():
            raise CommandError(f"{source} is not a folder.")
        loaded = load_release(source)
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {sum(loaded.values())} rows in {len(loaded)} tables from {source}."
            )
        )

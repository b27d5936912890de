"""manage.py import_dataset PATH: restore an export_dataset archive into an empty, migrated
database. One transaction: it restores everything or writes nothing. An archive made by an older
version is restored at that version and migrated forward."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from releases.dataset import import_dataset


class Command(BaseCommand):
    help = "Restore a dataset archive (from export_dataset) into an empty database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="The .tar.gz archive written by export_dataset.")

    def handle(self, *args: Any, path: str, **options: Any) -> None:
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"{source} does not exist.")
        restored = import_dataset(source)
        loaded = restored.loaded
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {sum(loaded.values())} records in {len(loaded)} tables from {source}."
            )
        )
        if restored.left_out:
            tables = ", ".join(
                f"{label} ({rows} rows)" for label, rows in restored.left_out.items()
            )
            self.stdout.write(f"Left out, as this version no longer has these tables: {tables}.")
        if restored.migrated:
            self.stdout.write(
                f"The archive was made by an older version: its data was brought up to this one "
                f"by {len(restored.migrated)} migrations ({restored.migrated[0]} to "
                f"{restored.migrated[-1]}), as an upgrade in place does."
            )

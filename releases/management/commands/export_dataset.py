"""manage.py export_dataset [PATH]: the whole dataset (records, history, evidence files) in one
versioned archive. Restore it with import_dataset."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from releases.dataset import default_archive_name, export_dataset


class Command(BaseCommand):
    help = (
        "Write the whole database (records, change history, evidence files) to a .tar.gz archive."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path", nargs="?", help="Archive to write (default: ogptracker-dataset-<time>.tar.gz)."
        )

    def handle(self, *args: Any, path: str | None = None, **options: Any) -> None:
        target = Path(path or default_archive_name())
        manifest = export_dataset(target)
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {target}: {rows} records in {len(manifest['counts'])} tables, "
                f"{len(manifest['files'])} files (format {manifest['format']} "
                f"v{manifest['version']})."
            )
        )

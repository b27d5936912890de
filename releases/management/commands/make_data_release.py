"""manage.py make_data_release [--date YYYY-MM-DD]: make the day's data release (or show it)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from releases.services import publish_data_release


class Command(BaseCommand):
    help = "Make today's data release (a Frictionless data package); an existing one is kept."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date",
            type=datetime.date.fromisoformat,
            default=None,
            help="The release's date (default: today). Not in the future, not before the latest.",
        )

    def handle(self, *args: Any, date: datetime.date | None, **options: Any) -> None:
        day = date or timezone.localdate()
        try:
            release = publish_data_release(on=day, by=None)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Release {release.date}: {len(release.resources)} files, "
                f"{release.total_bytes} bytes, datapackage.json sha256 {release.package_sha256}, "
                f"in {release.folder}."
            )
        )

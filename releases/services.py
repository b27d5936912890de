"""Making a data release: the one entry point used by the schedule, the command and the admin."""

from __future__ import annotations

import datetime
import hashlib
import json
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from releases.dataset import consistent_snapshot

from . import changelog
from .models import DataRelease
from .schema import table_csv, table_schema
from .tables import IRM_ATTRIBUTION, IRM_SOURCE, TABLES

FORMAT = "ogptracker-release"
VERSION = 1
PACKAGE = "datapackage.json"
CHANGELOG = "changelog"
STORAGE_ROOT = "data-releases"


def license_descriptor() -> dict[str, str]:
    return dict(settings.DATA_RELEASE_LICENSE)


def _resource(
    name: str, data: bytes, *, title: str, schema: dict, irm: bool = False
) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "name": name,
        "path": f"{name}.csv",
        "title": title,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": len(data),
        "hash": f"sha256:{hashlib.sha256(data).hexdigest()}",
        "schema": schema,
    }
    if irm:
        resource["sources"] = [IRM_SOURCE]
        resource["description"] = f"IRM data © {IRM_ATTRIBUTION}."
    return resource


def _previous_files(previous: DataRelease | None) -> dict[str, bytes | None]:
    wanted = {"commitments.csv": None, "assessments.csv": None}
    if previous is None:
        return wanted
    for name in wanted:
        entry = previous.resource(name)
        if entry is not None:
            with default_storage.open(entry["path"], "rb") as handle:
                wanted[name] = handle.read()
    return wanted


def build_package(
    *, on: datetime.date, previous: DataRelease | None
) -> tuple[dict[str, bytes], dict[str, int], changelog.Changelog]:
    """The files of a release (name -> bytes, datapackage.json last), rows per table and the
    changelog. Reads every table in one consistent snapshot; writes nothing."""
    files: dict[str, bytes] = {}
    rows: dict[str, int] = {}
    resources = []
    # The data dictionary is written in English, whatever language the caller speaks.
    with translation.override("en"), consistent_snapshot():
        for table in TABLES:
            data, count = table_csv(table)
            files[f"{table.name}.csv"] = data
            rows[table.name] = count
            resources.append(
                _resource(
                    table.name,
                    data,
                    title=str(table.title),
                    schema=table_schema(table),
                    irm=table.irm,
                )
            )
        old = _previous_files(previous)
        log = changelog.compare(
            previous=previous.date.isoformat() if previous else None,
            old_commitments=old["commitments.csv"],
            new_commitments=files["commitments.csv"],
            old_assessments=old["assessments.csv"],
            new_assessments=files["assessments.csv"],
        )
        data = log.csv()
        files[f"{CHANGELOG}.csv"] = data
        rows[CHANGELOG] = len(log.rows)
        resources.append(
            _resource(CHANGELOG, data, title=str(changelog.TITLE), schema=changelog.SCHEMA)
        )
        package = {
            "profile": "tabular-data-package",
            "name": f"ogp-tracker-{on.isoformat()}",
            "title": f"OGP Tracker data release {on.isoformat()}",
            "description": (
                "Open Government Partnership action plans, commitments, milestones, civil "
                "society's status updates and the IRM's published findings, as this tracker held "
                f"them on {on.isoformat()}. IRM data © {IRM_ATTRIBUTION}."
            ),
            "version": on.isoformat(),
            "created": timezone.now().astimezone(datetime.UTC).isoformat().replace("+00:00", "Z"),
            "homepage": f"{settings.SITE_URL}{reverse('releases:index')}",
            "licenses": [license_descriptor()],
            "sources": [IRM_SOURCE],
            "contributors": [{"title": IRM_ATTRIBUTION, "role": "contributor"}],
            "ogptracker": {
                "format": FORMAT,
                "version": VERSION,
                "previous": log.previous,
            },
            "resources": resources,
        }
    files[PACKAGE] = (json.dumps(package, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    return files, rows, log


def publish_data_release(*, on: datetime.date, by: Any = None) -> DataRelease:
    """The release of `on`, made now from the current data unless it exists (then returned as it
    is: a release never changes). `by` is the plan administrator who asked, None for the schedule."""
    existing = DataRelease.objects.filter(date=on).first()
    if existing is not None:
        return existing
    if on > timezone.localdate():
        raise ValidationError({"on": _("A release cannot be dated in the future.")})
    previous = DataRelease.objects.filter(date__lt=on).latest_first().first()
    if DataRelease.objects.filter(date__gt=on).exists():
        raise ValidationError(
            {"on": _("A later release exists: a release is made from today's data, not the past.")}
        )
    files, rows, log = build_package(on=on, previous=previous)
    # A folder of its own per attempt: two runs racing for one date never mix their files.
    folder = f"{STORAGE_ROOT}/{on.isoformat()}/{secrets.token_hex(4)}"
    entries = []
    for name, data in files.items():
        path = default_storage.save(f"{folder}/{name}", ContentFile(data))
        entry: dict[str, Any] = {
            "name": name,
            "path": path,
            "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
        }
        table = name.removesuffix(".csv")
        if table in rows:
            entry["rows"] = rows[table]
        entries.append(entry)
    try:
        with transaction.atomic():
            return DataRelease.objects.create(
                date=on,
                created_by=by,
                folder=folder,
                resources=entries,
                package_sha256=hashlib.sha256(files[PACKAGE]).hexdigest(),
                changes=log.summary(),
                previous=previous,
            )
    except IntegrityError:
        # Another run made this date's release first: keep theirs, drop our files.
        for entry in entries:
            default_storage.delete(entry["path"])
        return DataRelease.objects.get(date=on)

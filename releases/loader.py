"""Load a data release (a folder holding its datapackage.json and CSVs) into an empty database.

The package is checked before anything is written: it must be an OGP Tracker release, every file it
lists must be a plain name in the folder, of the size and SHA-256 it declares (no other file is read),
and the database must be empty. Then one transaction: everything loads or nothing does.

What a release leaves out stays out: status updates and indicator readings are credited to one
inactive account ("a registered user" on the pages), an uploaded evidence file becomes a link to its
public address, and the IRM's scale labels as they arrived are not restored. The figures come back
the same: they are counted from the completion levels each commitment carries.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, models, transaction
from django.test.utils import override_settings

from commitments.models import Commitment, Organization, StatusEvidence, normalize_name
from releases.dataset import models_with_rows
from reviews.models import Assessment, IRMReport
from reviews.services import irm_summary_columns

from .schema import model_field
from .services import FORMAT, PACKAGE, VERSION
from .tables import TABLES_BY_NAME, Table

MAX_PACKAGE_BYTES = 10 * 1024 * 1024
LOADER_USERNAME = "release-loader"


def _plain_name(name: Any) -> str:
    path = PurePosixPath(str(name))
    if len(path.parts) != 1 or path.name in {"", ".", ".."} or "\\" in str(name):
        raise CommandError(f"The package names an unsafe file path: {name!r}.")
    return path.name


def read_release(folder: Path) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The package and the bytes of each file it lists, checked against its sizes and hashes."""
    package_path = folder / PACKAGE
    if not package_path.is_file():
        raise CommandError(f"{folder} has no {PACKAGE}: it is not a data release.")
    if package_path.stat().st_size > MAX_PACKAGE_BYTES:
        raise CommandError(f"{PACKAGE} is larger than {MAX_PACKAGE_BYTES} bytes: refused.")
    try:
        package = json.loads(package_path.read_bytes())
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CommandError(f"{PACKAGE} is not valid JSON: {exc}") from None
    marker = package.get("ogptracker") if isinstance(package, dict) else None
    if not isinstance(marker, dict) or marker.get("format") != FORMAT:
        raise CommandError(f"{PACKAGE} is not an OGP Tracker data release.")
    if marker.get("version") != VERSION:
        raise CommandError(
            f"The release is format version {marker.get('version')!r}; this version of OGP "
            f"Tracker loads version {VERSION}."
        )
    files: dict[str, bytes] = {}
    problems = []
    for resource in package.get("resources", []):
        name = _plain_name(resource.get("path"))
        path = folder / name
        declared = resource.get("bytes")
        if not path.is_file():
            problems.append(f"{name} is missing")
            continue
        if not isinstance(declared, int) or path.stat().st_size != declared:
            problems.append(f"{name} is not the size the package declares")
            continue
        data = path.read_bytes()
        if resource.get("hash") != f"sha256:{hashlib.sha256(data).hexdigest()}":
            problems.append(f"{name} does not match its SHA-256")
            continue
        files[resource["name"]] = data
    if problems:
        raise CommandError("The release is damaged: " + "; ".join(problems) + ".")
    return package, files


def _rows(data: bytes) -> Iterator[dict[str, str]]:
    yield from csv.DictReader(io.StringIO(data.decode("utf-8")))


class _Loader:
    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files
        # table name -> key column value -> pk, for resolving foreign keys.
        self.keys: dict[str, dict[str, Any]] = {}

    def values(self, table: Table, row: dict[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
        """Model field values from a row; self references are returned apart (set afterwards)."""
        values: dict[str, Any] = {}
        deferred: dict[str, str] = {}
        for column in table.columns:
            raw = row.get(column.name, "")
            first, leaf = model_field(table.model, column.path)
            if first.is_relation:
                if raw == "":
                    values[first.attname] = None
                elif first.related_model is table.model:
                    deferred[first.attname] = raw
                else:
                    target = next(t for c, t, _ in table.foreign_keys if c == column.name)
                    values[first.attname] = self.keys[target][raw]
                continue
            if isinstance(leaf, models.BooleanField):
                values[first.name] = None if raw == "" else raw == "true"
            elif raw == "":
                values[first.name] = None if first.null else ""
            else:
                values[first.name] = leaf.to_python(raw)
        return values, deferred

    def load(
        self, name: str, key: str | None, *, prepare: Any = None, extra: dict | None = None
    ) -> None:
        """Create the rows of table `name`; remember them by their `key` column for the tables
        that refer to them."""
        table = TABLES_BY_NAME[name]
        objects, later = [], []
        for row in _rows(self.files[name]):
            values, deferred = self.values(table, row)
            obj = table.model(**values, **(extra or {}))
            if prepare:
                prepare(obj)
            objects.append(obj)
            later.append(deferred)
        table.model.objects.bulk_create(objects, batch_size=1000)
        if key is None:
            return
        path = next(c.path for c in table.columns if c.name == key)
        self.keys[name] = {
            str(value): pk for value, pk in table.model.objects.values_list(path, "pk")
        }
        # Self references (a local member's country, a parent organisation, a correction).
        updates = []
        for obj, deferred in zip(objects, later, strict=True):
            for attname, raw in deferred.items():
                setattr(obj, attname, self.keys[name][raw])
            if deferred:
                updates.append(obj)
        if updates:
            fields = sorted({attname for deferred in later for attname in deferred})
            table.model.objects.bulk_update(updates, fields, batch_size=1000)


def _commitment_text(obj: Commitment) -> None:
    obj.search_text = Commitment.make_search_text(
        obj.ogp_id, obj.number, obj.title, obj.short_title, obj.full_text
    )


def _organization_name(obj: Organization) -> None:
    obj.normalized_name = normalize_name(obj.name)


@contextlib.contextmanager
def _timestamps_as_given(model_list: list[type[models.Model]]) -> Iterator[None]:
    """Keep the release's created/updated times: auto_now fields would stamp the load's time."""
    given = {
        (table.model, column.path) for table in TABLES_BY_NAME.values() for column in table.columns
    }
    switched = [
        (f, f.auto_now, f.auto_now_add)
        for model in model_list
        for f in model._meta.concrete_fields
        if isinstance(f, models.DateField)
        and (f.auto_now or f.auto_now_add)
        and (model, f.name) in given
    ]
    for f, _now, _add in switched:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, now, add in switched:
            f.auto_now, f.auto_now_add = now, add


def load_release(folder: Path) -> dict[str, int]:
    """Load the release in `folder` into an empty database, whole or not at all. Rows per table."""
    _package, files = read_release(folder)
    busy = models_with_rows()
    if busy:
        raise CommandError(
            "The database is not empty (" + ", ".join(busy[:5]) + "...): load a release into a "
            "freshly migrated database."
        )
    connection = connections[DEFAULT_DB_ALIAS]
    loader = _Loader(files)
    # Every model a release table fills, once each, in the tables' order.
    loaded = list(dict.fromkeys(table.model for table in TABLES_BY_NAME.values()))
    try:
        with (
            override_settings(SIMPLE_HISTORY_ENABLED=False),
            _timestamps_as_given(loaded),
            transaction.atomic(),
        ):
            loader.load("members", "code")
            loader.load("organizations", "slug", prepare=_organization_name)
            loader.load("policy_areas", "slug")
            loader.load("action_plans", "ogp_id")
            loader.load("commitments", "ogp_id", prepare=_commitment_text)
            _load_commitment_links(loader)
            loader.load("milestones", "id")
            loader.load("indicators", "id")
            loader.load("irm_reports", "id", extra={"state": IRMReport.State.PUBLISHED})
            loader.load("assessments", None)
            # The release gives each commitment's cached IRM level, not which report it comes
            # from: derive that from the assessments just loaded, as publishing does.
            Commitment.objects.update(
                **{
                    name: expression
                    for name, expression in irm_summary_columns(
                        Assessment.objects.published()
                    ).items()
                    if name.startswith("irm_report_")
                }
            )
            author = get_user_model().objects.create(username=LOADER_USERNAME, is_active=False)
            author.set_unusable_password()
            author.save(update_fields=["password"])
            loader.load("status_updates", "id", extra={"author_id": author.pk})
            loader.load("indicator_readings", "id", extra={"author_id": author.pk})
            _load_evidence(loader)
            statements = connection.ops.sequence_reset_sql(no_style(), loaded)
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)
    except (KeyError, ValueError, IntegrityError) as exc:
        raise CommandError(f"The release could not be loaded: {exc!r}") from exc
    return {
        name: sum(1 for _row in _rows(data)) for name, data in files.items() if name != "changelog"
    }


def _load_commitment_links(loader: _Loader) -> None:
    commitments, organizations = loader.keys["commitments"], loader.keys["organizations"]
    relations = {
        "co_lead": Commitment.co_lead_organizations.through,
        "supporting": Commitment.supporting_organizations.through,
        "monitoring": Commitment.monitoring_organizations.through,
    }
    links: dict[str, list] = {role: [] for role in relations}
    for row in _rows(loader.files["commitment_organizations"]):
        links[row["role"]].append(
            relations[row["role"]](
                commitment_id=commitments[row["commitment"]],
                organization_id=organizations[row["organization"]],
            )
        )
    for role, through in relations.items():
        through.objects.bulk_create(links[role], batch_size=1000)
    areas = loader.keys["policy_areas"]
    Commitment.policy_areas.through.objects.bulk_create(
        [
            Commitment.policy_areas.through(
                commitment_id=commitments[row["commitment"]],
                policyarea_id=areas[row["policy_area"]],
            )
            for row in _rows(loader.files["commitment_policy_areas"])
        ],
        batch_size=1000,
    )


def _load_evidence(loader: _Loader) -> None:
    StatusEvidence.objects.bulk_create(
        [
            StatusEvidence(
                pk=int(row["id"]),
                status_update_id=int(row["status_update"]),
                # The file stays on the site that published it: restored as a link to it.
                url=row["url"] or row["file_url"],
                content_type=row["content_type"],
                size=int(row["size"]) if row["size"] else None,
            )
            for row in _rows(loader.files["evidence"])
        ],
        batch_size=1000,
    )

"""Export and restore the whole dataset as one versioned archive (a .tar.gz):

    manifest.json                     {"format": "ogptracker-dataset", "version": 1, "created_at",
                                       "models": [...in load order], "counts": {...}, "files": [...]}
    data/<app>.<model>.jsonl          one record per line (Django's serializer format, natural keys
                                      for users' groups, permissions and content types)
    media/<path>                      every uploaded file (evidence), with its size and SHA-256

Records include their django-simple-history tables, so the audit trail survives a restore. Restore
goes into an empty, migrated database, in one transaction: it imports whole or writes nothing. An
archive made by an older version is restored at its own version and brought forward by the
migrations (releases/archive_state.py).
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import io
import json
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.apps.registry import Apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist
from django.core.files.storage import default_storage
from django.core.management.base import CommandError
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, models, transaction
from django.test.utils import override_settings
from django.utils import timezone

from .archive_file import FORMAT, VERSION, read_archive
from .archive_state import (
    PROJECT_APPS,
    State,
    StateDeserializer,
    app_migrations,
    applied_state,
    inferred_state,
    migrate_forward,
    migrate_to,
    state_apps,
)

# Apps whose records are the dataset. Content types and permissions are made by `migrate`; sessions,
# lockout counters (axes) are short-lived and stay behind. Public questions and their answers
# (questions) and the data releases (releases) were left out until 8 December 2026.
DATA_APPS = ("auth", "authtoken", "admin", "commitments", "reviews", "questions", "releases")
SKIPPED_MODELS = {"auth.permission", "authtoken.tokenproxy"}
# Models a later version removed. An archive made before still restores, without their rows (said
# in the command's output), and without the permissions and admin log entries that name them. The
# completion snapshot cache went in commitments migration 0026: figures at any date are computed from
# the dated records.
RETIRED_MODELS = frozenset({"commitments.completionsnapshot", "commitments.snapshotrun"})
CHUNK = 2000


class LosslessJSONEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder cuts times to milliseconds; a restore must keep the microseconds."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def dataset_models() -> list[type[models.Model]]:
    """The models exported, in an order that loads parents before children where possible."""
    app_list = []
    for label in DATA_APPS:
        config = apps.get_app_config(label)
        chosen = [
            model
            for model in config.get_models()
            if model._meta.label_lower not in SKIPPED_MODELS
            and not model._meta.proxy
            and model._meta.managed
        ]
        app_list.append((config, chosen))
    return serializers.sort_dependencies(app_list, allow_cycles=True)


def _stored_files(model: type[models.Model]) -> Iterator[str]:
    """The names in the media storage of the files this model's rows keep: its file fields, and
    each data release's files (listed in its `resources`)."""
    for model_field in model._meta.concrete_fields:
        if isinstance(model_field, models.FileField):
            yield from (
                model._default_manager.exclude(**{model_field.name: ""})
                .values_list(model_field.name, flat=True)
                .distinct()
            )
    if model._meta.label_lower == "releases.datarelease":
        for resources in model._default_manager.values_list("resources", flat=True):
            yield from (entry["path"] for entry in resources)


def _records(model: type[models.Model]) -> Iterator[dict[str, Any]]:
    queryset = model._default_manager.order_by("pk")
    buffer: list[models.Model] = []
    for obj in queryset.iterator(chunk_size=CHUNK):
        buffer.append(obj)
        if len(buffer) == CHUNK:
            yield from serializers.serialize("python", buffer, use_natural_foreign_keys=True)
            buffer = []
    if buffer:
        yield from serializers.serialize("python", buffer, use_natural_foreign_keys=True)


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o644
    archive.addfile(info, io.BytesIO(data))


@contextlib.contextmanager
def consistent_snapshot() -> Iterator[None]:
    """One transaction that reads every table as of the same moment (REPEATABLE READ on
    PostgreSQL), for exports that read many tables: the data release and the dataset archive."""
    connection = connections[DEFAULT_DB_ALIAS]
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


def export_dataset(path: Path) -> dict[str, Any]:
    """Write the archive to `path`; return its manifest."""
    counts: dict[str, int] = {}
    files: dict[str, dict[str, Any]] = {}
    order = dataset_models()
    with tarfile.open(path, "w:gz") as archive, consistent_snapshot():
        for model in order:
            label = model._meta.label_lower
            lines = []
            for record in _records(model):
                lines.append(json.dumps(record, cls=LosslessJSONEncoder, ensure_ascii=False))
            counts[label] = len(lines)
            _add_bytes(archive, f"data/{label}.jsonl", ("\n".join(lines) + "\n").encode())
            for name in _stored_files(model):
                if name in files:
                    continue
                with default_storage.open(name, "rb") as handle:
                    data = handle.read()
                files[name] = {
                    "path": name,
                    "size": len(data),
                    "sha256": hashlib.sha256(data).hexdigest(),
                }
                _add_bytes(archive, f"media/{name}", data)
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": timezone.now().isoformat(),
            # The version of the data: a restore by a later version migrates it forward.
            "migrations": applied_state(),
            "models": [model._meta.label_lower for model in order],
            "counts": counts,
            "files": sorted(files.values(), key=lambda f: f["path"]),
        }
        _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
    return manifest


def models_with_rows() -> list[str]:
    """The models that already have rows (groups made by migrations do not count)."""
    busy = []
    for model in dataset_models():
        if model is Group or model._meta.auto_created:
            continue
        if model._default_manager.exists():
            busy.append(model._meta.label_lower)
    return busy


def _names_retired_model(natural_key: Any) -> bool:
    """Whether a permission's natural key ([codename, app, model]) or a content type's ([app,
    model]) belongs to a retired model."""
    return isinstance(natural_key, list) and ".".join(natural_key[-2:]) in RETIRED_MODELS


def _without_retired(label: str, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The records with what names a retired model left out: the permissions of groups and users,
    and the admin log entries about its rows."""
    if label == "admin.logentry":
        return [r for r in records if not _names_retired_model(r["fields"].get("content_type"))]
    for record in records:
        for name in ("permissions", "user_permissions"):
            if name in record["fields"]:
                record["fields"][name] = [
                    p for p in record["fields"][name] if not _names_retired_model(p)
                ]
    return records


def _natural_key_ids(records: dict[str, list[dict[str, Any]]]) -> dict[str, dict[tuple, int]]:
    """The ids behind the natural keys an archive refers by: users and groups as the archive has
    them, permissions and content types as `migrate` made them here (read with today's models:
    those tables are the same at every version)."""
    return {
        "auth.user": {(r["fields"]["username"],): r["pk"] for r in records.get("auth.user", [])},
        "auth.group": {(r["fields"]["name"],): r["pk"] for r in records.get("auth.group", [])},
        "auth.permission": {
            (codename, app, model): pk
            for pk, codename, app, model in Permission.objects.values_list(
                "pk", "codename", "content_type__app_label", "content_type__model"
            )
        },
        "contenttypes.contenttype": {
            (app, model): pk
            for pk, app, model in ContentType.objects.values_list("pk", "app_label", "model")
        },
    }


def _by_id(
    label: str,
    records: list[dict[str, Any]],
    registry: Apps,
    ids: dict[str, dict[tuple, int]],
) -> list[dict[str, Any]]:
    """The records with each natural key (a list) replaced by the id it names. Django's own
    natural-key lookups need today's model classes, which an older migration state's are not."""
    model = registry.get_model(label)
    for record in records:
        for name, value in record["fields"].items():
            if not isinstance(value, list) or not value:
                continue
            target = model._meta.get_field(name).related_model
            known = ids.get(target._meta.label_lower) if target is not None else None
            if known is None:
                continue
            try:
                if model._meta.get_field(name).many_to_many:
                    record["fields"][name] = [
                        known[tuple(key)] if isinstance(key, list) else key for key in value
                    ]
                else:
                    record["fields"][name] = known[tuple(value)]
            except KeyError as missing:
                raise CommandError(
                    f"The archive could not be restored: {label} {record.get('pk')} refers to "
                    f"{target._meta.label_lower} {missing}, which this version does not have."
                ) from None
    return records


@dataclass(frozen=True)
class Restored:
    """Rows restored per model, rows left out per retired model (RETIRED_MODELS), and the
    migrations that brought an older archive's data forward ("app name")."""

    loaded: dict[str, int]
    left_out: dict[str, int]
    migrated: list[str] = field(default_factory=list)


def _parsed(manifest: dict[str, Any], data: dict[str, bytes]) -> dict[str, list[dict[str, Any]]]:
    records = {}
    for label in manifest["models"]:
        # Records end at "\n" only: a text may hold U+2028 or U+0085, which JSON leaves as they
        # are and str.splitlines() would cut a record at (the IRM Explorer file has one).
        lines = data.get(label, b"").decode().split("\n")
        try:
            records[label] = [json.loads(line) for line in lines if line.strip()]
        except ValueError as exc:
            raise CommandError(f"The archive could not be restored: {label}: {exc}") from None
        if len(records[label]) != manifest["counts"].get(label):
            raise CommandError(f"{label}: the archive's row count does not match.")
    return records


def _made_at(manifest: dict[str, Any], records: dict[str, list[dict[str, Any]]]) -> State | None:
    """The migrations the archive's data was at, as recorded or as its tables show."""
    recorded = manifest.get("migrations")
    if isinstance(recorded, dict):
        return {app: recorded.get(app) for app in PROJECT_APPS}
    columns = {
        label: set().union(*(r["fields"] for r in rows)) for label, rows in records.items() if rows
    }
    return inferred_state(manifest["models"], columns, skipped=frozenset(SKIPPED_MODELS))


def import_dataset(path: Path) -> Restored:
    """Restore an archive into an empty database, whole or not at all. An archive made by an
    older version is loaded at its version, then migrated forward (releases/archive_state.py)."""
    manifest, data, media = read_archive(path)
    busy = models_with_rows()
    if busy:
        raise CommandError(
            "The database is not empty (" + ", ".join(busy[:5]) + "...): restore into a freshly "
            "migrated database."
        )
    records = _parsed(manifest, data)
    left_out = {
        label: manifest["counts"].get(label, 0)
        for label in manifest["models"]
        if label in RETIRED_MODELS
    }
    made_at, now = _made_at(manifest, records), applied_state()
    if made_at == now:
        labels = [label for label in manifest["models"] if label not in RETIRED_MODELS]
        known = {model._meta.label_lower for model in dataset_models()}
        unknown = [label for label in labels if label not in known]
        if unknown:
            raise CommandError(f"The archive has tables this version does not know: {unknown}.")
        return Restored(_load(labels, records, media, apps), left_out)
    if made_at is None or not _is_older(made_at):
        raise CommandError(
            "The archive was made by a version of OGP Tracker this one does not know (a newer "
            "one?): its tables or migrations match none of this version's. Restore it with the "
            "version that made it, or a later one."
        )
    return _restore_older(made_at, manifest, records, media, left_out)


def _is_older(state: State) -> bool:
    """Whether every migration named is one this version has (so it can migrate from there)."""
    plans = {app: app_migrations(app) for app in state}
    return all(name is None or name in plans[app] for app, name in state.items())


def _restore_older(
    made_at: State,
    manifest: dict[str, Any],
    records: dict[str, list[dict[str, Any]]],
    media: dict[str, bytes],
    left_out: dict[str, int],
) -> Restored:
    """Take the empty database back to the archive's version, load it there, migrate forward."""
    try:
        migrate_to(made_at)
        loaded = _load(list(manifest["models"]), records, media, state_apps())
    except BaseException:
        migrate_forward()  # back to an empty database of this version
        raise
    try:
        migrated = migrate_forward()
    except Exception as exc:
        raise CommandError(
            f"The archive was restored at the version that made it, but a migration failed on its "
            f"data: {exc}. The database holds the restored data at that version: put the cause "
            "right, then run `manage.py migrate`."
        ) from exc
    return Restored(loaded, left_out, migrated)


def _load(
    labels: list[str],
    records: dict[str, list[dict[str, Any]]],
    media: dict[str, bytes],
    registry: Apps,
) -> dict[str, int]:
    """Save the records with the models of `registry` (today's, or those of an older archive's
    migrations) and write the files, in one transaction."""
    written: list[Path] = []
    loaded: dict[str, int] = {}
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        # The history tables are restored as they were: saving records must not add history rows.
        with override_settings(SIMPLE_HISTORY_ENABLED=False), transaction.atomic():
            # The archive's groups replace those the migrations made (same names, their ids).
            registry.get_model("auth", "Group").objects.all().delete()
            with connection.constraint_checks_disabled():
                ids = _natural_key_ids(records)
                for label in labels:
                    rows = _by_id(label, _without_retired(label, records[label]), registry, ids)
                    objects = StateDeserializer(
                        rows,
                        apps=registry,
                        handle_forward_references=True,
                    )
                    for obj in objects:
                        obj.save()
                    loaded[label] = len(records[label])
            models_loaded = [registry.get_model(label) for label in labels]
            connection.check_constraints(table_names=[m._meta.db_table for m in models_loaded])
            statements = connection.ops.sequence_reset_sql(no_style(), models_loaded)
            if statements:
                with connection.cursor() as cursor:
                    for sql in statements:
                        cursor.execute(sql)
            for name, content in media.items():
                target = Path(settings.MEDIA_ROOT) / name
                if target.exists():
                    raise CommandError(
                        f"{target} already exists: restore into an empty media folder."
                    )
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
                written.append(target)
    except (
        serializers.base.DeserializationError,
        ObjectDoesNotExist,
        LookupError,
        ValueError,
        IntegrityError,
    ) as exc:
        _remove(written)
        raise CommandError(f"The archive could not be restored: {exc}") from exc
    except BaseException:
        _remove(written)
        raise
    return loaded


def _remove(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def default_archive_name() -> str:
    stamp = datetime.datetime.now(tz=datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"ogptracker-dataset-{stamp}.tar.gz"

"""A backup made before the completion snapshot cache was removed still restores: the two retired
tables, and the permissions and admin log entries naming them, are left out and said so; the rest
comes back whole."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.core.management import call_command

from commitments.models import Commitment
from tests import factories

from .archives import write_archive

# Transactional: the restore needs an empty database, and `flush` cannot run inside a test's
# transaction on PostgreSQL.
pytestmark = pytest.mark.django_db(transaction=True)

SNAPSHOT_ROW = {
    "model": "commitments.completionsnapshot",
    "pk": 1,
    "fields": {
        "day": "2015-06-30",
        "grouping": "all",
        "group_key": "all",
        "group_label": "All commitments",
        "track": "government",
        "no_data": 1,
        "total": 1,
        "computed_at": "2015-07-01T00:15:00+00:00",
    },
}
RUN_ROW = {
    "model": "commitments.snapshotrun",
    "pk": 1,
    "fields": {"day": "2015-06-30", "computed_at": "2015-07-01T00:15:00+00:00", "row_count": 1},
}
SNAPSHOT_PERMISSION = ["view_completionsnapshot", "commitments", "completionsnapshot"]


def jsonl(records: list[dict]) -> bytes:
    return b"".join(json.dumps(r).encode() + b"\n" for r in records)


def read(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.splitlines() if line.strip()]


def archive_from_before_the_removal(tmp_path: Path) -> Path:
    """Today's export, written as the last version wrote it: with the snapshot tables, a group
    allowed to view snapshots, and an admin log entry about a snapshot."""
    source = tmp_path / "today.tar.gz"
    call_command("export_dataset", str(source), stdout=io.StringIO())
    with tarfile.open(source, "r:gz") as archive:
        members = {
            m.name: archive.extractfile(m).read() for m in archive.getmembers() if m.isfile()
        }
    manifest = json.loads(members["manifest.json"])
    groups = read(members["data/auth.group.jsonl"])
    groups[0]["fields"]["permissions"].append(SNAPSHOT_PERMISSION)
    members["data/auth.group.jsonl"] = jsonl(groups)
    entries = read(members["data/admin.logentry.jsonl"])
    user = read(members["data/auth.user.jsonl"])[0]["fields"]["username"]
    entries.append(
        {
            "model": "admin.logentry",
            "pk": 900,
            "fields": {
                "action_time": "2015-07-01T09:00:00+00:00",
                "user": [user],
                "content_type": ["commitments", "completionsnapshot"],
                "object_id": "1",
                "object_repr": "2015-06-30 all:all government",
                "action_flag": 2,
                "change_message": "[]",
            },
        }
    )
    members["data/admin.logentry.jsonl"] = jsonl(entries)
    manifest["counts"]["admin.logentry"] = len(entries)
    members["data/commitments.completionsnapshot.jsonl"] = jsonl([SNAPSHOT_ROW])
    members["data/commitments.snapshotrun.jsonl"] = jsonl([RUN_ROW])
    manifest["models"] += ["commitments.snapshotrun", "commitments.completionsnapshot"]
    manifest["counts"].update({"commitments.snapshotrun": 1, "commitments.completionsnapshot": 1})
    members["manifest.json"] = json.dumps(manifest).encode()
    return write_archive(tmp_path / "before-the-removal.tar.gz", members)


def test_a_backup_with_the_retired_snapshot_tables_restores_without_them(
    tmp_path, settings, live_roles
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    factories.make_plan_admin(username="pa")
    factories.CommitmentFactory(title="Portal de transparencia")
    group = Group.objects.order_by("pk").first()
    permissions = sorted(group.permissions.values_list("codename", flat=True))
    archive = archive_from_before_the_removal(tmp_path)
    call_command("flush", "--noinput")

    out = io.StringIO()
    call_command("import_dataset", str(archive), stdout=out)

    assert out.getvalue().splitlines()[1] == (
        "Left out, as this version no longer has these tables: "
        "commitments.snapshotrun (1 rows), commitments.completionsnapshot (1 rows)."
    )
    assert Commitment.objects.get().title == "Portal de transparencia"
    restored = Group.objects.get(name=group.name)
    assert sorted(restored.permissions.values_list("codename", flat=True)) == permissions
    assert not LogEntry.objects.filter(object_repr__contains="all:all").exists()

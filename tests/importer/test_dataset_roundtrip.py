"""export_dataset / import_dataset: a versioned archive of everything, restored losslessly."""

from __future__ import annotations

import datetime
import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.authtoken.models import Token

from commitments.models import Commitment, StatusEvidence
from commitments.services import EvidenceFile, record_status_update
from commitments.versioning import update_versioned
from releases.dataset import dataset_models
from reviews.models import IRMReport
from tests import factories

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _snapshot() -> dict[str, list]:
    tables = {
        model._meta.label_lower: list(model._default_manager.order_by("pk").values())
        for model in dataset_models()
    }
    tables["auth.group"] = sorted(
        (g.name, sorted(g.permissions.values_list("codename", flat=True)))
        for g in Group.objects.all()
    )
    return tables


def _build_dataset() -> None:
    editor = factories.make_editor(username="ana", first_name="Ana")
    admin = factories.make_plan_admin(username="pa")
    Token.objects.create(user=admin)
    commitment = factories.CommitmentFactory(title="Portal")
    commitment.monitoring_organizations.add(editor.profile.organization)
    commitment.supporting_organizations.add(factories.OrganizationFactory())
    milestone = factories.MilestoneFactory(commitment=commitment)
    update_versioned(commitment, expected_version=1, changes={"title": "Portal v2"}, user=admin)
    update_versioned(milestone, expected_version=1, changes={"status": "met"}, user=admin)
    record_status_update(
        commitment=Commitment.objects.get(pk=commitment.pk),
        author=editor,
        completion="limited",
        as_of=datetime.date(2013, 5, 1),
        note="Informe",
        links=["https://example.org/informe"],
        files=[
            EvidenceFile(
                upload=SimpleUploadedFile("informe.pdf", PDF), content_type="application/pdf"
            )
        ],
    )
    researcher = factories.make_researcher(username="irm")
    report = factories.IRMReportFactory(
        action_plan=commitment.action_plan, state=IRMReport.State.DRAFT
    )
    report.researchers.add(researcher)
    factories.AssessmentFactory(report=report, commitment=commitment, source_stars={"2015": True})


@pytest.mark.django_db(transaction=True)
def test_export_flush_import_round_trip_is_lossless(tmp_path, live_roles):
    _build_dataset()
    before = _snapshot()
    evidence = StatusEvidence.objects.exclude(file="").get()
    evidence_name = evidence.file.name
    archive = tmp_path / "dataset.tar.gz"

    call_command("export_dataset", str(archive), stdout=io.StringIO())

    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert (manifest["format"], manifest["version"]) == ("ogptracker-dataset", 1)
    assert manifest["counts"]["commitments.historicalcommitment"] >= 2
    assert [f["path"] for f in manifest["files"]] == [evidence_name]

    call_command("flush", "--noinput")
    shutil.rmtree(settings.MEDIA_ROOT)
    assert not Commitment.objects.exists()

    out = io.StringIO()
    call_command("import_dataset", str(archive), stdout=out)

    assert "Restored" in out.getvalue()
    after = _snapshot()
    assert after.keys() == before.keys()
    for table in before:
        assert after[table] == before[table], table
    assert (Path(settings.MEDIA_ROOT) / evidence_name).read_bytes() == PDF
    # Sequences moved past the restored ids: new rows do not collide.
    assert factories.CommitmentFactory().pk > max(r["id"] for r in before["commitments.commitment"])


@pytest.mark.django_db
def test_import_refuses_a_non_empty_database_and_writes_nothing(tmp_path):
    factories.CommitmentFactory()
    archive = tmp_path / "dataset.tar.gz"
    call_command("export_dataset", str(archive), stdout=io.StringIO())
    count = Commitment.objects.count()
    with pytest.raises(CommandError, match="not empty"):
        call_command("import_dataset", str(archive))
    assert Commitment.objects.count() == count


def _archive_with_manifest(path: Path, manifest: dict) -> None:
    with tarfile.open(path, "w:gz") as tar:
        data = json.dumps(manifest).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        ({"format": "something-else", "version": 1}, "format"),
        ({"format": "ogptracker-dataset", "version": 99}, "version 99"),
        (
            {
                "format": "ogptracker-dataset",
                "version": 1,
                "files": [{"path": "../../etc/passwd", "sha256": "x", "size": 1}],
            },
            "unsafe",
        ),
    ],
)
def test_import_refuses_other_formats_versions_and_unsafe_paths(tmp_path, manifest, message):
    archive = tmp_path / "bad.tar.gz"
    _archive_with_manifest(archive, manifest)
    with pytest.raises(CommandError, match=message):
        call_command("import_dataset", str(archive))


@pytest.mark.django_db
def test_import_refuses_a_file_that_is_not_an_archive(tmp_path):
    bogus = tmp_path / "notes.txt"
    bogus.write_text("hello")
    with pytest.raises(CommandError, match="not a readable dataset archive"):
        call_command("import_dataset", str(bogus))


def _real_archive(tmp_path: Path, extra: dict[str, bytes]) -> Path:
    """An export of a small database with `extra` members added."""
    factories.CommitmentFactory()
    source = tmp_path / "dataset.tar.gz"
    call_command("export_dataset", str(source), stdout=io.StringIO())
    target = tmp_path / "tampered.tar.gz"
    with tarfile.open(source, "r:gz") as old, tarfile.open(target, "w:gz") as new:
        for member in old.getmembers():
            new.addfile(member, old.extractfile(member) if member.isfile() else None)
        for name, data in extra.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            new.addfile(info, io.BytesIO(data))
    _empty_database()
    return target


def _empty_database() -> None:
    from commitments.models import ActionPlan, Member

    Commitment.objects.all().delete()
    ActionPlan.objects.all().delete()
    Member.objects.all().delete()


@pytest.mark.django_db
def test_a_member_the_manifest_does_not_list_refuses_the_archive(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    archive = _real_archive(
        tmp_path, {"media/.htaccess": b"AddType text/html .pdf", "media/page.html": b"<script>"}
    )

    with pytest.raises(CommandError, match=r"does not list: media/\.htaccess, media/page\.html"):
        call_command("import_dataset", str(archive))
    assert not (tmp_path / "media").exists()


@pytest.mark.django_db
def test_a_decompression_bomb_is_refused_before_it_is_read(tmp_path, monkeypatch):
    from releases import archive_file

    monkeypatch.setattr(archive_file, "MIN_ALLOWED_BYTES", 1024)
    archive = _real_archive(tmp_path, {"data/zeros.jsonl": b"\0" * (5 * 1024 * 1024)})
    reads = []
    monkeypatch.setattr(archive_file, "_member_bytes", lambda *a: reads.append(a) or b"")

    with pytest.raises(CommandError, match="more than 100 times its size"):
        call_command("import_dataset", str(archive))
    assert reads == []

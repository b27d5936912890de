"""A backup the first release (3 December 2026) made restores into today's version as an upgrade in
place would leave the same data: restored at the first release's migrations, then migrated forward,
so stars are recomputed, search text filled, the guessed ids made provisional, the roles synced,
the retired snapshot tables dropped (and said so); people log in with their passwords and the
evidence file is served. The archive is written here, in the first release's format: its tables
and columns are those of the first release's migrations (commitments 0004, reviews 0002)."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db.migrations.loader import MigrationLoader
from django.db.models import NOT_PROVIDED

from ogptracker.roles import ROLE_PERMISSIONS
from releases.archive_state import serialized_fields

from .archives import write_archive

# Transactional: the restore migrates the empty database back and forward.
pytestmark = pytest.mark.django_db(transaction=True)

FIRST_RELEASE = [("commitments", "0004_widen_imported_text"), ("reviews", "0002_roles")]
DATA_APPS = ("auth", "authtoken", "admin", "commitments", "reviews")
SKIPPED = {"auth.permission", "authtoken.tokenproxy"}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EVIDENCE = "evidence/0f1e2d3c4b5a69788796a5b4c3d2e1f0.pdf"
PASSWORD = "Rosa-primera-version-2026"
WHEN = "2026-12-03T18:30:00+00:00"


def _first_release_models() -> dict[str, Any]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    state = loader.project_state(FIRST_RELEASE, at_end=True)
    return {
        f"{app}.{name}": model
        for (app, name), model in state.models.items()
        if app in DATA_APPS
        and f"{app}.{name}" not in SKIPPED
        and model.options.get("managed", True)
        and not model.options.get("proxy")
    }


def _row(model: Any, label: str, pk: Any, **values: Any) -> dict[str, Any]:
    """A record with every column the first release's model had: the values given, else the
    column's default, else empty."""
    fields = {}
    for name in serialized_fields(model):
        field = model.fields[name]
        if name in values:
            fields[name] = values[name]
        elif field.many_to_many:
            fields[name] = []
        elif field.default is not NOT_PROVIDED:
            fields[name] = field.default() if callable(field.default) else field.default
        elif field.null:
            fields[name] = None
        elif field.get_internal_type() in ("CharField", "TextField", "SlugField", "URLField"):
            fields[name] = ""
        elif field.get_internal_type() == "DateTimeField":
            fields[name] = WHEN
        else:
            raise AssertionError(f"give {label}.{name} a value")
    return {"model": label, "pk": pk, "fields": fields}


def _records() -> dict[str, list[dict[str, Any]]]:
    """Rosa of Proética, Peru's plan 1 with PE0001 as the first release's Explorer import wrote
    it (history and all), her status update with a PDF, a published IRM assessment starred under
    the first release's formula (moderate impact), and a night's completion snapshot."""
    models = _first_release_models()
    records: dict[str, list[dict[str, Any]]] = {label: [] for label in models}

    def add(label: str, pk: Any, **values: Any) -> None:
        records[label].append(_row(models[label], label, pk, **values))

    add(
        "auth.group",
        1,
        name="Civil-society editor",
        permissions=[
            ["add_statusupdate", "commitments", "statusupdate"],
            ["view_completionsnapshot", "commitments", "completionsnapshot"],
        ],
    )
    add(
        "auth.user",
        1,
        username="rosa",
        password=make_password(PASSWORD),
        first_name="Rosa",
        last_name="Quispe",
        groups=[["Civil-society editor"]],
        date_joined=WHEN,
    )
    add("commitments.member", 1, code="PER", iso_alpha2="PE", commitment_prefix="PE", name="Peru")
    add(
        "commitments.organization",
        1,
        name="Proética",
        normalized_name="proetica",
        slug="proetica",
        kind="civil_society",
        member=1,
    )
    add("commitments.profile", 1, user=["rosa"], organization=1)
    add(
        "commitments.actionplan",
        1,
        member=1,
        number=1,
        ogp_id="AP_PER01",
        title="Plan de Acción de Gobierno Abierto del Perú 2012-2014",
    )
    commitment = {
        "action_plan": 1,
        "ogp_id": "PE0001",
        "number": "1:A",
        "title": "Mejorar marco normativo",
        "source_file": "explorer.csv",
        "source_row": 3,
        "self_reported_completion": "limited",
        "irm_completion": "complete",
        "irm_starred": True,
        "monitoring_organizations": [1],
    }
    add("commitments.commitment", 1, **commitment)
    history = {k: v for k, v in commitment.items() if k != "monitoring_organizations"}
    add(
        "commitments.historicalcommitment",
        1,
        id=1,
        **history,
        history_date=WHEN,
        history_type="+",
        history_change_reason="import_ogp_irm explorer.csv",
    )
    add(
        "commitments.statusupdate",
        1,
        commitment=1,
        author=["rosa"],
        author_organization=1,
        completion="limited",
        as_of="2026-11-20",
        note="Reglamento aprobado.",
    )
    add(
        "commitments.statusevidence",
        1,
        status_update=1,
        file=EVIDENCE,
        file_name="informe.pdf",
        content_type="application/pdf",
        size=len(PDF),
    )
    add(
        "reviews.irmreport",
        1,
        action_plan=1,
        kind="progress",
        methodology="pre_2021",
        title="Perú: Informe de avance 2012-2013",
        state="published",
        publication_year=2014,
    )
    add(
        "reviews.assessment",
        1,
        report=1,
        commitment=1,
        specificity="medium",
        relevant_access_to_information=True,
        potential_impact="moderate",
        completion="complete",
        starred=True,
    )
    add("commitments.snapshotrun", 1, day="2026-12-04", row_count=1)
    add(
        "commitments.completionsnapshot",
        1,
        day="2026-12-04",
        grouping="all",
        group_key="all",
        group_label="All commitments",
        track="irm",
        complete=1,
        total=1,
    )
    return records


def first_release_archive(path: Path) -> Path:
    records = _records()
    members = {
        f"data/{label}.jsonl": "".join(
            json.dumps(r, cls=DjangoJSONEncoder, ensure_ascii=False) + "\n" for r in rows
        ).encode()
        for label, rows in records.items()
    }
    members[f"media/{EVIDENCE}"] = PDF
    manifest = {  # no "migrations": the first release did not record them
        "format": "ogptracker-dataset",
        "version": 1,
        "created_at": WHEN,
        "models": list(records),
        "counts": {label: len(rows) for label, rows in records.items()},
        "files": [{"path": EVIDENCE, "size": len(PDF), "sha256": hashlib.sha256(PDF).hexdigest()}],
    }
    members["manifest.json"] = json.dumps(manifest).encode()
    return write_archive(path, members)


def test_a_first_release_backup_comes_back_as_an_upgrade_leaves_it(
    client, tmp_path, settings, live_roles
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    archive = first_release_archive(tmp_path / "first-release.tar.gz")
    out = io.StringIO()

    call_command("import_dataset", str(archive), stdout=out)

    printed = out.getvalue()
    assert (
        "Left out, as this version no longer has these tables: commitments.snapshotrun" in printed
    )
    assert "made by an older version: its data was brought up to this one by" in printed
    # The id the first release guessed is provisional, its old address leads to it.
    assert client.get("/commitments/PE0001/")["Location"] == "/commitments/PE-P0001/"
    detail = client.get("/api/v1/commitments/PE-P0001/").json()
    # The star under today's formula (transformative impact needed), not the archived one.
    assert (detail["id_provisional"], detail["irm_starred"]) == (True, False)
    # Search finds it (its search text was filled by the migrations).
    assert "PE-P0001" in client.get("/commitments/?q=marco").content.decode()
    # Every role of today's version, with today's permissions; Rosa keeps hers and her password.
    assert set(Group.objects.values_list("name", flat=True)) >= set(ROLE_PERMISSIONS)
    assert (
        client.post("/accounts/login/", {"username": "rosa", "password": PASSWORD}).status_code
        == 302
    )
    assert "PE-P0001" in client.get("/my/commitments/").content.decode()
    assert client.get("/commitments/PE-P0001/report/").status_code == 200
    evidence = client.get("/commitments/PE-P0001/").content.decode()
    href = evidence[evidence.index("/evidence/") :].split('"')[0]
    download = client.get(href)
    body = b"".join(download.streaming_content) if download.streaming else download.content
    assert body == PDF

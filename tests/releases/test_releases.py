"""Dated data releases: a Frictionless data package per date, served at /data/, loadable back."""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
import re
import shutil
from pathlib import Path

import frictionless
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from commitments.figures.counting import completion_by, completion_figures
from commitments.models import Commitment
from releases.models import DataRelease
from releases.services import publish_data_release
from releases.tasks import make_data_release
from reviews.models import IRMReport
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY_1 = TODAY - datetime.timedelta(days=2)
DAY_2 = TODAY - datetime.timedelta(days=1)


@pytest.fixture
def demo(db) -> None:
    call_command("load_demo", stdout=io.StringIO())


def folder_of(release: DataRelease) -> Path:
    return Path(settings.MEDIA_ROOT) / release.folder


def read_csv(release: DataRelease, name: str) -> list[dict[str, str]]:
    data = (folder_of(release) / f"{name}.csv").read_bytes()
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def package_of(release: DataRelease) -> dict:
    return json.loads((folder_of(release) / "datapackage.json").read_bytes())


def all_figures() -> dict:
    by_plan = {
        group.key: group.figures.as_dict()
        for group in completion_by(Commitment.objects.all(), "action_plan")
    }
    return {"all": completion_figures(Commitment.objects.all()).as_dict(), "plans": by_plan}


def test_release_of_the_demo_validates_with_frictionless(demo):
    release = publish_data_release(on=DAY_1, by=None)

    report = frictionless.validate(str(folder_of(release) / "datapackage.json"))

    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    package = package_of(release)
    assert package["profile"] == "tabular-data-package"
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert "Open Government Partnership / Independent Reporting Mechanism" in json.dumps(package)
    commitments = next(r for r in package["resources"] if r["name"] == "commitments")
    fields = {f["name"]: f for f in commitments["schema"]["fields"]}
    assert commitments["schema"]["primaryKey"] == ["ogp_id"]
    assert {
        "fields": ["action_plan"],
        "reference": {"resource": "action_plans", "fields": ["ogp_id"]},
    } in commitments["schema"]["foreignKeys"]
    # The data dictionary is the models' own help text.
    assert fields["ogp_id"]["description"].startswith("The member's prefix as OGP writes it")
    assert fields["irm_starred"]["type"] == "boolean"
    assert fields["start_date"]["type"] == "date"
    assert "complete" in fields["irm_completion"]["constraints"]["enum"]
    assert commitments["sources"][0]["title"].startswith("Open Government Partnership")
    readings = next(r for r in package["resources"] if r["name"] == "indicator_readings")
    assert {"name": "value", "type": "number"}.items() <= readings["schema"]["fields"][2].items()


def test_numbers_and_dates_are_written_the_same_whatever_the_language(demo):
    with translation.override("es"):
        release = publish_data_release(on=DAY_1, by=None)

    reading = read_csv(release, "indicator_readings")[0]
    assert re.fullmatch(r"-?\d+\.\d+", reading["value"]), reading["value"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", reading["as_of"])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z", reading["recorded_at"])
    # The data dictionary is in English even when a Spanish speaker asks for the release.
    fields = package_of(release)["resources"][0]["schema"]["fields"]
    assert fields[0]["description"].startswith("ISO alpha-3 for a nation")


def test_a_damaged_file_fails_frictionless_validation(demo):
    release = publish_data_release(on=DAY_1, by=None)
    path = folder_of(release) / "members.csv"
    path.write_bytes(path.read_bytes().replace(b"PER", b"PEX", 1))

    report = frictionless.validate(str(folder_of(release) / "datapackage.json"))

    assert not report.valid
    assert "hash-count" in {row[0] for row in report.flatten(["type"])}


def test_served_files_match_their_sha256_in_the_package_and_on_the_page(client, demo):
    release = publish_data_release(on=DAY_1, by=None)
    day = DAY_1.isoformat()
    package_bytes = b"".join(client.get(f"/data/{day}/datapackage.json").streaming_content)
    package = json.loads(package_bytes)

    assert hashlib.sha256(package_bytes).hexdigest() == release.package_sha256
    for resource in package["resources"]:
        response = client.get(f"/data/{day}/{resource['path']}")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        data = b"".join(response.streaming_content)
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        assert resource["bytes"] == len(data)
    page = client.get(f"/data/{day}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert release.package_sha256 in page
    for entry in release.resources:
        assert entry["sha256"] in page


def test_drafts_contacts_and_accounts_never_reach_a_release(demo):
    commitment = Commitment.objects.order_by("pk").first()
    Commitment.objects.filter(pk=commitment.pk).update(
        contact_name="Ana Secret", contact_email="ana.secret@example.org", contact_phone="+51 999"
    )
    draft = factories.IRMReportFactory(
        state=IRMReport.State.DRAFT, kind=IRMReport.Kind.RESULTS, title="Secret draft report"
    )
    factories.AssessmentFactory(report=draft, narrative="Secret draft narrative")
    user = factories.UserFactory(username="login-name-x", email="login.email@example.org")
    factories.StatusUpdateFactory(commitment=commitment, author=user, note="Public note")

    release = publish_data_release(on=DAY_1, by=None)

    everything = b"".join(
        (folder_of(release) / entry["name"]).read_bytes() for entry in release.resources
    ).decode()
    for secret in (
        "Ana Secret",
        "ana.secret@example.org",
        "+51 999",
        "Secret draft",
        "login-name-x",
        "login.email@example.org",
    ):
        assert secret not in everything
    assert "Public note" in everything
    assert str(draft.pk) not in {row["id"] for row in read_csv(release, "irm_reports")}


@pytest.mark.django_db(transaction=True)
def test_a_release_loaded_into_an_empty_database_gives_the_same_figures(tmp_path):
    # A real transaction: PostgreSQL cannot flush tables inside the test's own.
    call_command("load_demo", stdout=io.StringIO())
    factories.StatusUpdateFactory(commitment=Commitment.objects.order_by("pk").last())
    before = all_figures()
    release = publish_data_release(on=DAY_1, by=None)
    copy = tmp_path / "release"
    shutil.copytree(folder_of(release), copy)
    # Every table but the changelog, and evidence, whose uploaded files come back as links.
    names = [
        e["name"].removesuffix(".csv") for e in release.resources if e["name"].endswith(".csv")
    ]
    before_rows = {n: read_csv(release, n) for n in names if n not in {"changelog", "evidence"}}
    for name in ("status_updates", "milestones", "indicators", "indicator_readings"):
        assert before_rows[name], name
    call_command("flush", interactive=False, verbosity=0)
    assert Commitment.objects.count() == 0

    call_command("load_release", str(copy), stdout=io.StringIO())

    assert all_figures() == before
    # Released again, each table is the same, row for row and cell for cell.
    again = publish_data_release(on=DAY_2, by=None)
    for name, rows in before_rows.items():
        assert read_csv(again, name) == rows, name
    assert read_csv(again, "changelog") == []


def test_load_release_refuses_a_tampered_file_and_a_database_that_is_not_empty(demo, tmp_path):
    release = publish_data_release(on=DAY_1, by=None)
    copy = tmp_path / "release"
    shutil.copytree(folder_of(release), copy)

    with pytest.raises(CommandError, match="not empty"):
        call_command("load_release", str(copy), stdout=io.StringIO())

    (copy / "commitments.csv").write_bytes(b"ogp_id\r\nXX0001\r\n")
    with pytest.raises(CommandError, match=r"commitments\.csv"):
        call_command("load_release", str(copy), stdout=io.StringIO())


def test_changelog_shows_an_added_commitment_and_a_new_assessment(client, demo):
    first = publish_data_release(on=DAY_1, by=None)
    plan = Commitment.objects.order_by("pk").first().action_plan
    added = factories.CommitmentFactory(action_plan=plan, ogp_id="PE9999", title="Added later")
    report = factories.IRMReportFactory(action_plan=plan, kind=IRMReport.Kind.RESULTS)
    factories.AssessmentFactory(report=report, commitment=added)

    second = publish_data_release(on=DAY_2, by=None)

    assert second.previous == first
    rows = read_csv(second, "changelog")
    assert {
        "change": "commitment_added",
        "commitment": "PE9999",
        "report": "",
        "fields": "",
    } in rows
    assert {
        "change": "assessment_added",
        "commitment": "PE9999",
        "report": str(report.pk),
        "fields": "",
    } in rows
    assert not [row for row in rows if row["change"] == "commitment_removed"]
    page = client.get(f"/data/{DAY_2.isoformat()}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Commitments added: 1" in page
    assert "PE9999" in page
    assert read_csv(first, "changelog") == []


def test_a_changed_field_is_named_in_the_changelog(demo):
    publish_data_release(on=DAY_1, by=None)
    commitment = Commitment.objects.order_by("pk").first()
    Commitment.objects.filter(pk=commitment.pk).update(title="A new title")

    rows = read_csv(publish_data_release(on=DAY_2, by=None), "changelog")

    assert rows == [
        {
            "change": "commitment_changed",
            "commitment": commitment.ogp_id,
            "report": "",
            "fields": "title",
        }
    ]


def test_a_release_is_made_once_per_date_and_never_changes(demo):
    first = publish_data_release(on=DAY_1, by=None)
    before = (folder_of(first) / "commitments.csv").read_bytes()
    factories.CommitmentFactory(action_plan=Commitment.objects.first().action_plan)

    again = publish_data_release(on=DAY_1, by=None)

    assert again.pk == first.pk
    assert (folder_of(again) / "commitments.csv").read_bytes() == before
    assert DataRelease.objects.count() == 1


def test_no_release_in_the_future_nor_before_the_latest(db):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        publish_data_release(on=TODAY + datetime.timedelta(days=1), by=None)
    publish_data_release(on=DAY_2, by=None)
    with pytest.raises(ValidationError):
        publish_data_release(on=DAY_1, by=None)


def test_the_scheduled_task_makes_todays_release_and_is_safe_to_repeat(db):
    assert make_data_release() == TODAY.isoformat()
    assert make_data_release() == TODAY.isoformat()
    assert DataRelease.objects.get().created_by is None
    entry = settings.CELERY_BEAT_SCHEDULE["make-data-release"]
    assert entry["task"] == "releases.tasks.make_data_release"


def test_make_data_release_command_prints_the_package_hash(db):
    out = io.StringIO()
    call_command("make_data_release", "--date", DAY_1.isoformat(), stdout=out)
    assert DataRelease.objects.get(date=DAY_1).package_sha256 in out.getvalue()


@pytest.mark.parametrize(
    ("language", "heading"), [("en", "Data releases"), ("es", "Publicaciones de datos")]
)
def test_data_page_answers_in_both_languages_with_dataset_json_ld(client, demo, language, heading):
    publish_data_release(on=DAY_1, by=None)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    response = client.get("/data/")

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    if language == "en":
        assert f"<h1>{heading}</h1>" in html
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    catalog = json.loads(blocks[0])
    assert "dcat:Catalog" in catalog["@type"]
    dataset = catalog["dataset"][0]
    assert set(dataset["@type"]) == {"Dataset", "dcat:Dataset"}
    assert dataset["datePublished"] == DAY_1.isoformat()
    urls = {d["contentUrl"] for d in dataset["distribution"]}
    assert f"{settings.SITE_URL}/data/{DAY_1.isoformat()}/datapackage.json" in urls


@pytest.mark.parametrize("language", ["en", "es"])
def test_release_page_answers_in_both_languages(client, demo, language):
    publish_data_release(on=DAY_1, by=None)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    response = client.get(f"/data/{DAY_1.isoformat()}/")

    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


def test_latest_redirects_to_the_newest_release_and_its_files(client, db):
    publish_data_release(on=DAY_1, by=None)
    publish_data_release(on=DAY_2, by=None)

    page = client.get("/data/latest/")
    package = client.get("/data/latest/datapackage.json")

    assert page.status_code == 302 and page["Location"] == f"/data/{DAY_2.isoformat()}/"
    assert package["Location"] == f"/data/{DAY_2.isoformat()}/datapackage.json"


def test_unknown_dates_files_and_paths_are_not_found(client, db):
    assert client.get("/data/latest/").status_code == 404
    publish_data_release(on=DAY_1, by=None)
    day = DAY_1.isoformat()
    for path in (
        "/data/2001-01-01/",
        "/data/not-a-date/",
        f"/data/{day}/secret.csv",
        f"/data/{day}/..%2Fdatapackage.json",
        "/data/2001-01-01/datapackage.json",
    ):
        assert client.get(path).status_code == 404, path


def test_data_page_queries_stay_flat_as_releases_grow(client, db):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/data/").status_code == 200
        return len(queries)

    for days in (5, 4):
        publish_data_release(on=TODAY - datetime.timedelta(days=days), by=None)
    two = count()
    for days in (3, 2, 1, 0):
        publish_data_release(on=TODAY - datetime.timedelta(days=days), by=None)
    # The releases (one query, no user for an anonymous visitor).
    assert count() == two == 1


def test_plan_administrator_makes_todays_release_from_the_admin(client, plan_admin):
    client.force_login(plan_admin)

    listing = client.get("/admin/releases/datarelease/", HTTP_ACCEPT_LANGUAGE="en")
    response = client.post("/admin/releases/datarelease/make/")

    assert "Make the release of" in listing.content.decode()
    assert response.status_code == 302
    release = DataRelease.objects.get()
    assert release.date == TODAY and release.created_by == plan_admin
    assert client.post("/admin/releases/datarelease/make/").status_code == 302
    assert DataRelease.objects.count() == 1
    assert client.get(f"/admin/releases/datarelease/{release.pk}/delete/").status_code == 403


def test_editor_cannot_make_a_release(client, editor):
    editor.is_staff = True
    editor.save(update_fields=["is_staff"])
    client.force_login(editor)

    response = client.post("/admin/releases/datarelease/make/")

    assert response.status_code == 403
    assert not DataRelease.objects.exists()


def test_two_runs_racing_for_one_date_keep_one_release_and_one_set_of_files(db, monkeypatch):
    from releases import services

    build = services.build_package

    def build_while_another_run_finishes(**kwargs):
        built = build(**kwargs)
        # The other run commits its release while this one is still writing files.
        DataRelease.objects.create(
            date=kwargs["on"], folder="data-releases/other", package_sha256="0" * 64
        )
        return built

    monkeypatch.setattr(services, "build_package", build_while_another_run_finishes)

    release = publish_data_release(on=DAY_1, by=None)

    assert release.folder == "data-releases/other"
    assert DataRelease.objects.count() == 1
    ours = list((Path(settings.MEDIA_ROOT) / "data-releases" / DAY_1.isoformat()).rglob("*.*"))
    assert ours == []


def test_files_answer_head_requests_for_download_tools(client, db):
    publish_data_release(on=DAY_1, by=None)

    response = client.head(f"/data/{DAY_1.isoformat()}/commitments.csv")

    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"


def test_release_page_queries_stay_flat_as_the_changelog_grows(client, demo):
    publish_data_release(on=TODAY - datetime.timedelta(days=3), by=None)
    plan = Commitment.objects.order_by("pk").first().action_plan

    def count(day: datetime.date) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/data/{day.isoformat()}/", HTTP_ACCEPT_LANGUAGE="en")
            assert response.status_code == 200
        return len(queries)

    factories.CommitmentFactory.create_batch(2, action_plan=plan)
    publish_data_release(on=DAY_1, by=None)
    factories.CommitmentFactory.create_batch(20, action_plan=plan)
    publish_data_release(on=DAY_2, by=None)
    # The release with its previous one (one query with a join).
    assert count(DAY_1) == count(DAY_2) == 1

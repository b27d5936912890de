"""A re-import that changes only a commitment's links (supporting organisations, policy areas,
co-lead organisations) is a change a reader sees: the public change history (the commitment page
and /api/v1/commitments/ID/changes/) names what was added and removed, by the import, with the
file; and the commitment's source is the newer file, as for any other change."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .conftest import run_import
from .test_worst_cells import rows

pytestmark = pytest.mark.django_db

LEAD = "Lead Institution"
SUPPORTERS = "Supporting Institution(s)"
MEF = "Ministerio de Economía y Finanzas"
SGD = "Secretaría de Gobierno Digital"
PCM = "Presidencia del Consejo de Ministros"
DEFENSORIA = "Defensoría del Pueblo"
CONTRALORIA = "Contraloría General de la República"
CONGRESO = "Congreso de la República"

# The same commitment in both files; the second swaps one co-lead, one supporter and one policy
# area, and nothing else.
FIRST = {LEAD: f"{MEF}; {SGD}", SUPPORTERS: f"{DEFENSORIA}; {CONTRALORIA}", "Gender": "1"}
SECOND = {LEAD: f"{MEF}; {PCM}", SUPPORTERS: f"{DEFENSORIA}; {CONGRESO}", "Justice": "1"}


@pytest.fixture
def reimported(current_file):
    run_import(current_file(rows(FIRST), name="first.csv"))
    run_import(current_file(rows(SECOND), name="second.csv"))


def text_of(page: bytes) -> str:
    """The page's words, a space where a tag was (table cells read apart)."""
    return " ".join(unescape(re.sub(r"<[^>]*>", " ", page.decode())).split())


@pytest.mark.parametrize(
    ("language", "labels", "system"),
    [
        (
            "en",
            (
                "co-lead organisations",
                "supporting organisations",
                "policy areas",
                "source file",
            ),
            "system (import or maintenance)",
        ),
        (
            "es",
            (
                "organizaciones co-responsables",
                "organizaciones de apoyo",
                "áreas de política",
                "archivo de origen",
            ),
            "sistema (importación o mantenimiento)",
        ),
    ],
)
def test_the_changes_api_names_the_links_added_and_removed_by_the_import(
    client, reimported, language, labels, system
):
    body = client.get("/api/v1/commitments/PE0001/changes/", HTTP_ACCEPT_LANGUAGE=language).json()

    newest, created = body["results"]
    assert (created["action"], created["version"]) == ("created", 1)
    assert (newest["action"], newest["version"], newest["by"]) == ("changed", 2, system)
    assert [
        (
            c["field"],
            c["label"],
            c["old_display"],
            c["new_display"],
            c.get("added"),
            c.get("removed"),
        )
        for c in newest["changes"]
    ] == [
        ("co_lead_organizations", labels[0], SGD, PCM, [PCM], [SGD]),
        (
            "supporting_organizations",
            labels[1],
            f"{CONTRALORIA}, {DEFENSORIA}",
            f"{CONGRESO}, {DEFENSORIA}",
            [CONGRESO],
            [CONTRALORIA],
        ),
        ("policy_areas", labels[2], "Gender", "Justice", ["Justice"], ["Gender"]),
        ("source_file", labels[3], "first.csv", "second.csv", None, None),
    ]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            [
                f"Co-lead organisations {SGD} {PCM} added: {PCM}; removed: {SGD}",
                f"Supporting organisations {CONTRALORIA}, {DEFENSORIA} {CONGRESO}, {DEFENSORIA} "
                f"added: {CONGRESO}; removed: {CONTRALORIA}",
                "Policy areas Gender Justice added: Justice; removed: Gender",
                "Source file first.csv second.csv",
                "system (import or maintenance) · changed",
            ],
        ),
        (
            "es",
            [
                f"Organizaciones co-responsables {SGD} {PCM} añadidas: {PCM}; quitadas: {SGD}",
                f"Organizaciones de apoyo {CONTRALORIA}, {DEFENSORIA} {CONGRESO}, {DEFENSORIA} "
                f"añadidas: {CONGRESO}; quitadas: {CONTRALORIA}",
                "Áreas de política Gender Justice añadidas: Justice; quitadas: Gender",
                "Archivo de origen first.csv second.csv",
                "sistema (importación o mantenimiento) · modificado",
            ],
        ),
    ],
)
def test_the_commitment_page_shows_the_links_added_and_removed(
    client, reimported, language, expected
):
    page = client.get("/commitments/PE0001/", HTTP_ACCEPT_LANGUAGE=language)

    assert page.status_code == 200
    text = text_of(page.content)
    for line in expected:
        assert line in text


def test_a_reimport_that_changes_only_links_takes_the_newer_file_as_source(client, reimported):
    body = client.get("/api/v1/commitments/PE0001/").json()

    assert (body["source_file"], body["source_row"]) == ("second.csv", 2)


def test_the_same_file_again_adds_no_change_to_the_public_history(client, current_file):
    run_import(current_file(rows(FIRST), name="first.csv"))
    run_import(current_file(rows(SECOND), name="second.csv"))
    run_import(current_file(rows(SECOND), name="second.csv"))

    changes = client.get("/api/v1/commitments/PE0001/changes/").json()["results"]
    assert [c["version"] for c in changes] == [2, 1]


def page_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_history_reads_the_links_of_every_change_in_a_fixed_number_of_queries(
    client, current_file, django_assert_num_queries
):
    files = [FIRST, SECOND] * 3
    run_import(current_file(rows(files[0]), name="f0.csv"))
    run_import(current_file(rows(files[1]), name="f1.csv"))
    small = page_queries(client, "/commitments/PE0001/")
    for n, cells in enumerate(files[2:], start=2):
        run_import(current_file(rows(cells), name=f"f{n}.csv"))

    assert page_queries(client, "/commitments/PE0001/") == small
    # 1 the commitment, 2 its history with users/profiles/organisations, 3-5 the supporters, policy
    # areas and co-leads each record kept, with their names, 6 its milestones' history
    with django_assert_num_queries(6):
        body = client.get("/api/v1/commitments/PE0001/changes/").json()
    assert [c["version"] for c in body["results"]] == [6, 5, 4, 3, 2, 1]
    assert all(
        {c["field"] for c in change["changes"]}
        == {"co_lead_organizations", "supporting_organizations", "policy_areas", "source_file"}
        for change in body["results"][:-1]
    )

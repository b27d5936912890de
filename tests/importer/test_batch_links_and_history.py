"""A second file over commitments already imported, as the batch writer takes it
(reviews/importers/batches.py, issue 17): the co-leads, supporters and policy areas it no longer
names are dropped, the ones it names again are kept, and only a real change becomes history, of the
right kind ("changed", not a second "created"), naming the file, with the supporters the commitment
had then; a changed assessment is its next version. A row without its id that matches a commitment
a file with OGP's ids gave leaves that file's assessment as it was, counted as unchanged, still
saying which file and row it came from, and adds only the report that file lacked. A search finds
what the file wrote: ids, titles, text."""

from __future__ import annotations

from html import unescape

import pytest
from django.utils.html import strip_tags

from commitments.models import Commitment
from reviews.models import Assessment
from tests import factories

from .conftest import run_import
from .test_worst_cells import rows, warning

pytestmark = pytest.mark.django_db

SUPPORTERS = "Supporting Institution(s)"
DEFENSORIA = "Defensoría del Pueblo"
CONTRALORIA = "Contraloría General de la República"
LEAD = "Lead Institution"
MEF = "Ministerio de Economía y Finanzas"
SGD = "Secretaría de Gobierno Digital"
PCM = "Presidencia del Consejo de Ministros"

FIRST = rows(
    {
        LEAD: f"{MEF}; {SGD}; {PCM}",
        SUPPORTERS: f"{DEFENSORIA}; {CONTRALORIA}",
        "Open Data": "1",
        "Gender": "1",
    },
    {LEAD: MEF, SUPPORTERS: DEFENSORIA, "Open Data": "1"},
    {},
)
# PE0001 loses one of its two co-leads, a supporter and an area (and nothing else), PE0002 gets a
# new title and a co-lead (the same supporter), PE0003 only its IRM completion: in this order, so
# the rows after PE0001's drops have none of their own.
SECOND = rows(
    {LEAD: f"{MEF}; {SGD}", SUPPORTERS: DEFENSORIA, "Open Data": "1"},
    {
        LEAD: f"{MEF}; {SGD}",
        SUPPORTERS: DEFENSORIA,
        "Open Data": "1",
        "Commitment Title": "Portal nuevo",
    },
    {"Completion (Progress Report)": "Substantial"},
)


def served(client, ogp_id: str) -> tuple[str, list[str], list[str], list[str]]:
    """Title, co-leads, supporters and policy areas, as the API serves them."""
    body = client.get(f"/api/v1/commitments/{ogp_id}/").json()
    return (
        body["title"],
        [o["name"] for o in body["co_lead_organizations"]],
        [o["name"] for o in body["supporting_organizations"]],
        [a["name"] for a in body["policy_areas"]],
    )


def history(ogp_id: str) -> list[tuple[str, int, str, list[tuple[str, str, bool]]]]:
    """Each history record, oldest first: kind, version, reason, and the supporters it kept (the
    commitment, the organisation, and whether it names the link's own row)."""
    commitment = Commitment.objects.get(ogp_id=ogp_id)
    links = dict(
        Commitment.supporting_organizations.through.objects.filter(
            commitment=commitment
        ).values_list("organization_id", "pk")
    )
    return [
        (
            record.history_type,
            record.version,
            record.history_change_reason,
            [
                (ogp, name, links.get(org_id) == link_id)
                for ogp, name, org_id, link_id in record.supporting_organizations.order_by(
                    "organization__name"
                ).values_list("commitment__ogp_id", "organization__name", "organization_id", "id")
            ],
        )
        for record in commitment.history.order_by("history_date", "history_id")
    ]


def test_a_second_file_drops_what_it_no_longer_names_keeps_the_rest_and_records_real_changes(
    client, current_file
):
    run_import(current_file(FIRST, name="first.csv"))
    printed = run_import(current_file(SECOND, name="second.csv"))

    assert warning(printed, "commitments:") == "  commitments: 0 created, 2 updated, 1 unchanged"
    assert warning(printed, "assessments:") == "  assessments: 0 created, 1 updated, 2 unchanged"
    assert warning(printed, "commitments updated, by field:") == (
        "  commitments updated, by field: co-lead organisations 2, supporting organisations 1, "
        "policy areas 1, title 1 (PE0001 (supporting organisations, policy areas, "
        "co-lead organisations); PE0002 (title, co-lead organisations))"
    )
    title = "Portal de datos abiertos"
    assert served(client, "PE0001") == (title, [SGD], [DEFENSORIA], ["Open Data"])
    assert served(client, "PE0002") == ("Portal nuevo", [SGD], [DEFENSORIA], ["Open Data"])
    assert served(client, "PE0003") == (title, [], [], [])

    changes = client.get("/api/v1/commitments/PE0002/changes/").json()["results"]
    assert [(c["action"], c["version"]) for c in changes] == [("changed", 2), ("created", 1)]
    sgd = Commitment.objects.get(ogp_id="PE0002").co_lead_organizations.get().pk
    assert [(c["field"], c["old"], c["new"]) for c in changes[0]["changes"]] == [
        ("title", "Portal de datos abiertos", "Portal nuevo"),
        ("co_lead_organizations", [], [sgd]),
        ("source_file", "first.csv", "second.csv"),
    ]

    created = ("+", 1, "import_ogp_irm first.csv")
    assert history("PE0001") == [
        (*created, [("PE0001", CONTRALORIA, False), ("PE0001", DEFENSORIA, True)]),
        ("~", 2, "import_ogp_irm second.csv", [("PE0001", DEFENSORIA, True)]),
    ]
    assert history("PE0002") == [
        (*created, [("PE0002", DEFENSORIA, True)]),
        ("~", 2, "import_ogp_irm second.csv", [("PE0002", DEFENSORIA, True)]),
    ]
    assert history("PE0003") == [(*created, [])]
    # The assessment that changed: a second version, recorded as a change by the second file.
    pe0003 = Assessment.history.filter(commitment__ogp_id="PE0003").order_by("history_id")
    assert list(
        pe0003.values_list("history_type", "version", "completion", "history_change_reason")
    ) == [
        ("+", 1, "limited", "import_ogp_irm first.csv"),
        ("~", 2, "substantial", "import_ogp_irm second.csv"),
    ]

    # The administrator reads the dropped supporter on the commitment's history page.
    client.force_login(factories.make_plan_admin())
    pk = Commitment.objects.get(ogp_id="PE0001").pk
    page = client.get(
        f"/admin/commitments/commitment/{pk}/history/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    text = " ".join(unescape(strip_tags(page)).split())
    assert "import_ogp_irm second.csv" in text
    assert f"Supporting organisations: [{CONTRALORIA}, {DEFENSORIA}] → [{DEFENSORIA}]" in text

    # The same file again changes nothing, and records nothing.
    before = {ogp_id: history(ogp_id) for ogp_id in ("PE0001", "PE0002", "PE0003")}
    again = run_import(current_file(SECOND, name="second.csv"))
    assert warning(again, "commitments:") == "  commitments: 0 created, 0 updated, 3 unchanged"
    assert warning(again, "assessments:") == "  assessments: 0 created, 0 updated, 3 unchanged"
    assert {ogp_id: history(ogp_id) for ogp_id in before} == before
    assert Assessment.history.count() == 4
    assert served(client, "PE0001") == (title, [SGD], [DEFENSORIA], ["Open Data"])
    assert served(client, "PE0002") == ("Portal nuevo", [SGD], [DEFENSORIA], ["Open Data"])


@pytest.mark.parametrize(
    ("before", "after", "field"),
    [
        (
            {SUPPORTERS: DEFENSORIA},
            {SUPPORTERS: f"{DEFENSORIA}; {CONTRALORIA}"},
            "supporting organisations",
        ),
        ({"Open Data": "1"}, {"Open Data": "1", "Gender": "1"}, "policy areas"),
        ({LEAD: MEF}, {LEAD: f"{MEF}; {SGD}"}, "co-lead organisations"),
    ],
    ids=["supporters", "areas", "co-leads"],
)
def test_one_list_changing_alone_is_a_change_recorded(current_file, before, after, field):
    run_import(current_file(rows({LEAD: MEF, **before}), name="first.csv"))
    printed = run_import(current_file(rows({LEAD: MEF, **after}), name="second.csv"))

    assert warning(printed, "commitments:") == "  commitments: 0 created, 1 updated, 0 unchanged"
    assert warning(printed, "by field:") == (
        f"  commitments updated, by field: {field} 1 (PE0001 ({field}))"
    )
    kinds = [(record[0], record[1], record[2]) for record in history("PE0001")]
    assert kinds == [("+", 1, "import_ogp_irm first.csv"), ("~", 2, "import_ogp_irm second.csv")]


def test_a_row_without_its_id_leaves_the_assessment_of_the_file_with_ids_counted_unchanged(
    client, current_file
):
    run_import(current_file(rows({}, {"Completion (Progress Report)": "Substantial"}), "ids.csv"))
    # The same rows without ids, another progress completion, and an end of term for PE0001.
    without_ids = [
        {**row, "Commitment Unique Identifier": "", "Completion (Progress Report)": "Complete"}
        for row in rows({"Completion (End Of Term)": "Complete"}, {})
    ]

    printed = run_import(current_file(without_ids, name="no-ids.csv"))

    assert warning(printed, "commitments:") == "  commitments: 0 created, 0 updated, 2 unchanged"
    assert warning(printed, "IRM reports:") == "  IRM reports: 1 created, 0 updated, 0 unchanged"
    assert warning(printed, "assessments:") == "  assessments: 1 created, 0 updated, 2 unchanged"
    # Served: the end of term the id file lacked; the progress completions the id file gave.
    latest = [
        client.get(f"/api/v1/commitments/{ogp_id}/").json()["latest_irm_assessment"]
        for ogp_id in ("PE0001", "PE0002")
    ]
    assert [(a["report"]["kind"], a["completion"]) for a in latest] == [
        ("end_of_term", "complete"),
        ("progress", "substantial"),
    ]
    # Each assessment says where it came from: its file, its own spreadsheet row.
    kept = Assessment.objects.order_by("commitment__ogp_id", "report__kind")
    assert list(
        kept.values_list(
            "commitment__ogp_id", "report__kind", "completion", "source_file", "source_row"
        )
    ) == [
        ("PE0001", "end_of_term", "complete", "no-ids.csv", 2),
        ("PE0001", "progress", "limited", "ids.csv", 2),
        ("PE0002", "progress", "substantial", "ids.csv", 3),
    ]
    assert sorted(Assessment.history.values_list("history_type", "history_change_reason")) == [
        ("+", "import_ogp_irm ids.csv"),
        ("+", "import_ogp_irm ids.csv"),
        ("+", "import_ogp_irm no-ids.csv"),
    ]


def test_what_a_search_finds_follows_the_file_ids_titles_and_text(client, current_file):
    def found(query: str) -> list[str]:
        listed = client.get("/api/v1/commitments/", {"q": query}).json()["results"]
        return [c["ogp_id"] for c in listed]

    described = {
        "Short Title": "Presupuesto abierto",
        "Full Text": "Publicar contratos municipales",
    }
    registry = {"Commitment Title": "Registro de beneficiarios"}
    run_import(current_file(rows(described, registry), name="first.csv"))
    run_import(
        current_file(
            rows(described, {"Commitment Title": "Registro nacional de lobistas"}), "second.csv"
        )
    )

    assert {
        query: found(query)
        for query in ("PE0002", "contratos municipales", "presupuesto", "lobistas", "beneficiarios")
    } == {
        "PE0002": ["PE0002"],
        "contratos municipales": ["PE0001"],
        "presupuesto": ["PE0001"],
        "lobistas": ["PE0002"],
        "beneficiarios": [],
    }

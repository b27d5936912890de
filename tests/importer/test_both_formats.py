"""Issue 10, "done when": the whole Explorer file and a current-format sheet both import whole, in
either order, into one database; a second run of either changes nothing; every figure the API gives
per plan and per member equals an independent count of the source files.

There is no real current sheet in the shared data (only its header), so one is written here from
the Explorer file: OGP's real ids (numbered per member across plans in file order, as OGP does;
the United Kingdom's are `UK…`, some written in lower case with a space), the current header's
171 columns, the current vocabulary (`Not Started`, `Low`, `Did Not Change`), some cells wrapped
over two lines. The expected figures are counted from the CSV with the csv module only.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path

import pycountry
import pytest
from django.db import transaction

from commitments.models import Commitment

from .conftest import run_import

pytestmark = [pytest.mark.django_db, pytest.mark.shared_data]

MISSING = {"", "ND", "NR", "NA"}
# Names the Explorer writes that are not ISO short names.
CODES = {"UK": "GBR", "USA": "USA", "Macedonia": "MKD", "Turkey": "TUR"}
NAMES = {"UK": "United Kingdom", "USA": "United States"}
PREFIXES = {"GBR": "UK"}  # OGP's own prefix, not ISO's GB
LEVELS = {
    "not started": "not_started",
    "limited": "limited",
    "substantial": "substantial",
    "complete": "complete",
    "withdrawn": "withdrawn",
    "unclear": "unclear",
}
# Current sheet column <- Explorer column, for cells copied as they are.
COPIED = {
    "Theme": "Theme",
    "Short Title": "Short Title",
    "Start Date": "Start Date",
    "End Date": "End Date",
    "Lead Institution": "Lead Institution",
    "Cluster": "Cluster",
    "Year Of Submission": "Year of submission",
    "Report Publication Year (Progress Report)": "Report publication year (progress report)",
    "Report Publication Year (End Of Term)": "Report publication year (end of term)",
    "OGP Value Access To Information": "Value -Info",
    "OGP Value Civic Participation": "Value -Part",
    "OGP Value Public Accountability": "Value -Acc",
    "OGP Value Technology": "Value -Tech",
    "_Relevant": "_Relevant",
    "Starred (2015 Only)": "Starred (2015 only)",
    "Starred (Current Formula) Progress Report": "Starred (current formula) progress report",
    "Starred (Current Formula) End of Term": "Starred (current formula) end of term",
}
# Current sheet column <- Explorer column, the label written in the current vocabulary.
RELABELLED = {
    "Specificity": "Specificity",
    "Potential Impact": "Potential impact",
    "Completion (Progress Report)": "Completion (progress report)",
    "Completion (End Of Term)": "Completion (end of term)",
    "Did It Open Government (Overall)": "Did it open government (end of term only)",
}
OPENED = {"none": "Did Not Change"}


def explorer_table(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as stream:
        reader = csv.reader(stream)
        next(reader)
        names = next(reader)
        return [dict(zip(names, row, strict=True)) for row in reader]


def code(country: str) -> str:
    return CODES.get(country) or pycountry.countries.lookup(country).alpha_3


def current_label(label: str) -> str:
    """`c. Substantial` -> `Substantial`, `a. Not started` -> `Not Started`, `b. None` (did it open
    government) -> `Did Not Change`; ND, NR, None and the rest as written."""
    head, sep, rest = label.strip().partition(". ")
    if not sep or len(head) != 1:
        return label.strip()
    return OPENED.get(rest.casefold(), " ".join(w[:1].upper() + w[1:] for w in rest.split()))


def wrapped(text: str) -> str:
    """The cell as a spreadsheet wraps it: a line break at the middle space."""
    middle = text.find(" ", len(text) // 2)
    return text if middle < 0 else f"{text[:middle]}\n{text[middle + 1 :]}"


def sheet_rows(table: list[dict[str, str]]) -> list[dict[str, str]]:
    """One current-sheet row per Explorer row, with OGP's ids (per member, in file order)."""
    numbers: Counter[str] = Counter()
    rows = []
    for position, row in enumerate(table):
        member = code(row["Country"])
        numbers[member] += 1
        alpha_2 = PREFIXES.get(member) or pycountry.countries.get(alpha_3=member).alpha_2
        ogp_id = f"{alpha_2}{numbers[member]:04d}"
        if position % 97 == 5:
            ogp_id = f"{alpha_2.lower()} {numbers[member]:04d}"  # as typed by hand
        title = row["Commitment Title"]
        cells = {
            "Commitment Unique Identifier": ogp_id,
            "Country/Locality": NAMES.get(row["Country"], row["Country"]),
            "Code": member,
            "National Or Local": "National",
            "Action Plan Number": row["Action Plan Number"],
            "Action Plan ID": f"AP_{member}{int(row['Action Plan Number']):02d}",
            "Commitment Number": row["Comm No"],
            "Commitment Title": wrapped(title) if position % 7 == 0 else title,
            "Full Text": wrapped(row["Full Text"]) if position % 11 == 0 else row["Full Text"],
            "Supporting Institution(s)": row["Supporting Institution(s)"],
            **{column: row[source] for column, source in COPIED.items()},
            **{column: current_label(row[source]) for column, source in RELABELLED.items()},
        }
        rows.append(cells)
    return rows


@pytest.fixture(scope="module")
def table() -> list[dict[str, str]]:
    from tests.conftest import EXPLORER_CSV

    assert EXPLORER_CSV.exists(), f"The shared IRM dataset is missing: {EXPLORER_CSV}"
    return explorer_table(EXPLORER_CSV)


@pytest.fixture(scope="module")
def sheet(table, tmp_path_factory) -> Path:
    from tests.conftest import CURRENT_HEADER_CSV

    with CURRENT_HEADER_CSV.open(newline="", encoding="utf-8") as stream:
        header = next(csv.reader(stream))
    path = tmp_path_factory.mktemp("sheet") / "ogp-commitments-current.csv"
    with path.open("w", newline="", encoding="utf-8") as target:
        writer = csv.writer(target)
        writer.writerow(header)
        for cells in sheet_rows(table):
            assert set(cells) <= set(header), set(cells) - set(header)
            writer.writerow([cells.get(name, "") for name in header])
    return path


@pytest.fixture(scope="module")
def expected(table) -> dict:
    """Counted here from the CSV: each row's IRM completion on its latest report (end of term
    where the row has one, else the progress report), per plan and per member."""
    per_plan: dict[str, Counter] = defaultdict(Counter)
    per_member: dict[str, Counter] = defaultdict(Counter)
    for row in table:
        end = row["Completion (end of term)"].strip()
        label = end if end not in MISSING else row["Completion (progress report)"].strip()
        level = LEVELS.get(label.casefold().split(". ", 1)[-1], "no_data")
        member = code(row["Country"])
        per_plan[f"AP_{member}{int(row['Action Plan Number']):02d}"][level] += 1
        per_member[member][level] += 1
    return {
        "plans": {k: dict(v) for k, v in per_plan.items()},
        "members": {k: dict(v) for k, v in per_member.items()},
        "commitments": len(table),
    }


def counts(completion: dict) -> dict[str, int]:
    return {k: v for k, v in completion["irm"].items() if isinstance(v, int) and v}


def served(client) -> dict:
    """What a reader gets from the API: every plan's and member's figures, every commitment."""
    plans = client.get("/api/v1/action-plans/", {"page_size": 200}).json()
    members = client.get("/api/v1/stats/completion/", {"group_by": "member"}).json()
    commitments = {}
    url, params = "/api/v1/commitments/", {"page_size": 500}
    while url:
        page = client.get(url, params).json()
        for row in page["results"]:
            commitments[row["ogp_id"]] = (
                " ".join(row["title"].split()),
                row["action_plan"],
                row["irm_completion"],
                row["irm_starred"],
            )
        url, params = page["next"], None
    prefixes = client.get("/api/v1/members/", {"page_size": 200}).json()
    return {
        "prefixes": {m["code"]: m["commitment_prefix"] for m in prefixes["results"]},
        "plans": {p["ogp_id"]: counts(p["completion"]) for p in plans["results"]},
        "members": {m["key"]: counts(m["completion"]) for m in members["results"]},
        "commitments": commitments,
    }


def changes_nothing(printed: str) -> None:
    for line in printed.splitlines():
        if ": " in line and " created, " in line:
            assert ": 0 created, 0 updated, " in line, line
    assert "reconciled" not in printed and "conflict" not in printed


def import_both(first: Path, second: Path) -> None:
    for path in (first, second):
        printed = run_import(path)
        assert "conflict" not in printed, printed
    changes_nothing(run_import(first))
    changes_nothing(run_import(second))


def test_explorer_and_current_sheet_import_whole_in_either_order_and_every_figure_holds(
    client, shared_explorer_csv, sheet, expected
):
    with transaction.atomic():  # rolled back: the second order starts from an empty database
        import_both(shared_explorer_csv, sheet)
        explorer_first = served(client)
        transaction.set_rollback(True)
    assert not Commitment.objects.exists()

    import_both(sheet, shared_explorer_csv)
    sheet_first = served(client)

    # Whole: every row one commitment, every one with OGP's own id (the UK's are UK…).
    assert len(sheet_first["commitments"]) == expected["commitments"] == 1927
    assert not Commitment.objects.filter(id_provisional=True).exists()
    assert Commitment.objects.filter(ogp_id__startswith="UK").count() == sum(
        1 for ogp_id in sheet_first["commitments"] if ogp_id[:2] == "UK"
    )
    assert {"PE0008", "UK0001", "PE0048"} <= set(sheet_first["commitments"])
    # The prefix OGP's ids carry wins over ISO's, whichever file came first.
    assert sheet_first["prefixes"]["GBR"] == "UK" and sheet_first["prefixes"]["PER"] == "PE"
    # Every figure per plan and per member equals the count of the file.
    assert sheet_first["plans"] == expected["plans"]
    assert sheet_first["members"] == expected["members"]
    # The order of the files changes nothing that is served.
    assert explorer_first == sheet_first

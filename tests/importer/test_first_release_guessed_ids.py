"""Upgrading a site that imported the IRM Explorer with the first release: the ids that release
guessed in file order (AL0001...) become provisional (AL-P0001), as today's importer gives them, so
a file with OGP's own ids is matched by title and never writes over the wrong commitment; the old
addresses redirect and the change history says so. Ids entered by hand stay.
(commitments migration 0034)"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from commitments.models import Commitment

from .conftest import run_import

# Transactional: the test migrates the database back one step and forward again.
pytestmark = pytest.mark.django_db(transaction=True)

ID = "Commitment Unique Identifier"
IMPORTED = [  # (the id the first release gave, Comm No, title), in the Explorer's row order
    ("AL0001", "10", "10. The regulation on ethics in research and publishing"),
    ("AL0002", "22", "22. Work inspection, online complaint"),
]


@pytest.fixture
def before_the_upgrade():
    """The database as the release before this migration left it (models of that state)."""
    call_command("migrate", "commitments", "0033", verbosity=0)
    try:
        node = ("commitments", "0033_link_check_results_one_per_change")
        yield MigrationLoader(connection).project_state(node, at_end=True).apps
    finally:
        call_command("migrate", verbosity=0)


def _with_history(apps, commitment, reason):
    Commitment_ = apps.get_model("commitments", "Commitment")
    Historical = apps.get_model("commitments", "HistoricalCommitment")
    Historical.objects.create(
        **{f.attname: getattr(commitment, f.attname) for f in Commitment_._meta.concrete_fields},
        history_date=timezone.now(),
        history_type="+",
        history_change_reason=reason,
    )


def _first_release_site(apps) -> None:
    """Albania's first plan imported from the Explorer by the first release, and one commitment
    a plan administrator added by hand."""
    albania = apps.get_model("commitments", "Member").objects.create(
        code="ALB", iso_alpha2="AL", commitment_prefix="AL", name="Albania"
    )
    plan = apps.get_model("commitments", "ActionPlan").objects.create(
        member=albania, number=1, ogp_id="AP_ALB01"
    )
    model = apps.get_model("commitments", "Commitment")
    for row, (ogp_id, number, title) in enumerate(IMPORTED, start=3):
        commitment = model.objects.create(
            action_plan=plan,
            ogp_id=ogp_id,
            number=number,
            title=title,
            source_file="explorer.csv",
            source_row=row,
            search_text=f"{ogp_id.lower()} {number} {title.lower()}",
        )
        _with_history(apps, commitment, "import_ogp_irm explorer.csv")
    by_hand = model.objects.create(action_plan=plan, ogp_id="AL0003", number="5", title="A mano")
    _with_history(apps, by_hand, None)


def test_guessed_ids_become_provisional_and_their_old_addresses_redirect(
    before_the_upgrade, client
):
    _first_release_site(before_the_upgrade)

    call_command("migrate", verbosity=0)

    response = client.get("/commitments/AL0001/")
    assert response.status_code == 301
    assert response["Location"] == "/commitments/AL-P0001/"
    detail = client.get("/api/v1/commitments/AL-P0002/").json()
    assert (detail["number"], detail["id_provisional"]) == ("22", True)
    assert client.get("/commitments/AL0003/").status_code == 200  # entered by hand: kept
    change = client.get("/api/v1/commitments/AL-P0001/changes/").json()["results"][0]
    ogp_id = next(c for c in change["changes"] if c["field"] == "ogp_id")
    assert (ogp_id["old"], ogp_id["new"]) == ("AL0001", "AL-P0001")
    assert change["by"] == "sistema (importación o mantenimiento)"  # Spanish: the default
    assert client.get("/commitments/?q=al-p0002").content.decode().count("AL-P0002") >= 1


def test_a_sheet_with_ogp_ids_after_the_upgrade_never_writes_over_a_guessed_commitment(
    before_the_upgrade, current_file
):
    _first_release_site(before_the_upgrade)
    call_command("migrate", verbosity=0)
    ogps_own = {  # OGP's real AL0001: commitment 1, not the Explorer's first row (commitment 10)
        ID: "AL0001",
        "Country/Locality": "Albania",
        "Code": "ALB",
        "National Or Local": "National",
        "Action Plan Number": "1",
        "Action Plan ID": "AP_ALB01",
        "Commitment Number": "1",
        "Commitment Title": "1. Open data portal",
    }

    run_import(current_file([ogps_own]))

    assert Commitment.objects.get(ogp_id="AL-P0001").title == IMPORTED[0][2]
    assert Commitment.objects.get(ogp_id="AL0001").title == "1. Open data portal"


def test_ogp_ids_that_run_in_file_order_are_kept(before_the_upgrade, client):
    """A sheet with OGP's own ids imported after the first release, its ids in file order (as a
    sheet sorted by id is): its kept source rows carry the id column, so the ids stay OGP's."""
    _first_release_site(before_the_upgrade)
    SourceRecord = before_the_upgrade.get_model("commitments", "SourceRecord")
    model = before_the_upgrade.get_model("commitments", "Commitment")
    for row, (ogp_id, number, _title) in enumerate(IMPORTED, start=2):
        SourceRecord.objects.create(
            commitment=model.objects.get(ogp_id=ogp_id),
            file_name="explorer.csv",
            sha256="0" * 64,
            file_format="OGP current commitments sheet",
            row=row,
            cells={ID: ogp_id, "Commitment Number": number},
        )

    call_command("migrate", verbosity=0)

    assert client.get("/commitments/AL0001/").status_code == 200
    assert client.get("/api/v1/commitments/AL0002/").json()["id_provisional"] is False

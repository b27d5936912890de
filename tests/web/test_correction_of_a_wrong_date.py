"""A status update whose as-of date was typed wrong is corrected by an update dated right: the
corrected update no longer counts anywhere, even though its (wrong) date is the later one. Until
7 December an editor who reported "substantial as of 7 December" by mistake and corrected it with
"limited as of 1 December" saw the page's status box, the API, the plan's figures and the
downloads keep "substantial as of 7 December", the update the page itself marked as superseded."""

from __future__ import annotations

import pytest

from commitments.models import StatusUpdate

pytestmark = pytest.mark.django_db


def _report(client, commitment, **fields):
    data = {"note": "Informe trimestral.", "links": "https://example.org/informe", "corrects": ""}
    response = client.post(
        f"/commitments/{commitment.ogp_id}/report/",
        {**data, **fields},
        headers={"accept-language": "en"},
    )
    assert response.status_code == 302, response.content.decode()


def test_a_correction_dated_earlier_replaces_the_update_it_corrects(client, world):
    commitment = world.commitment
    client.force_login(world.editor)
    _report(client, commitment, completion="limited", as_of="2013-03-01")
    _report(client, commitment, completion="substantial", as_of="2013-12-07")
    wrong = StatusUpdate.objects.get(as_of="2013-12-07")

    _report(client, commitment, completion="limited", as_of="2013-12-01", corrects=str(wrong.pk))

    served = client.get(f"/api/v1/commitments/{commitment.ogp_id}/").json()
    assert served["civil_society"] == {"completion": "limited", "as_of": "2013-12-01"}
    # As of a day after the wrong date, too: the corrected update is gone from every day.
    plan = commitment.action_plan.ogp_id
    listed = client.get(f"/api/v1/commitments/?action_plan={plan}&as_of=2014-01-01").json()
    row = next(r for r in listed["results"] if r["ogp_id"] == commitment.ogp_id)
    assert row["civil_society"] == {"completion": "limited", "as_of": "2013-12-01"}
    figures = client.get(f"/api/v1/action-plans/{plan}/").json()["completion"]["civil_society"]
    assert figures["substantial"] == 0 and figures["limited"] == 1
    page = client.get(f"/commitments/{commitment.ogp_id}/", HTTP_ACCEPT_LANGUAGE="en")
    status_box = page.content.decode().split("Civil society says", 1)[1].split("</div>", 1)[0]
    assert "Limited" in status_box and "Substantial" not in status_box


def test_a_correction_of_a_correction_leaves_the_last_one_standing(client, world):
    commitment = world.commitment
    client.force_login(world.editor)
    _report(client, commitment, completion="complete", as_of="2013-12-07")
    first = StatusUpdate.objects.get()
    _report(
        client, commitment, completion="substantial", as_of="2013-12-05", corrects=str(first.pk)
    )
    second = StatusUpdate.objects.exclude(pk=first.pk).get()

    _report(client, commitment, completion="limited", as_of="2013-12-01", corrects=str(second.pk))

    served = client.get(f"/api/v1/commitments/{commitment.ogp_id}/").json()
    assert served["civil_society"] == {"completion": "limited", "as_of": "2013-12-01"}

"""/plans/ filters by member as its CSV and Excel links do (the API's filters): a member typed in
lower case or by its ISO code lists that member's plans, and an unknown one is a message (400),
not an empty list. Until 7 December `/plans/?member=pe` listed no plan while the page's own CSV
link downloaded Peru's, and `/plans/?member=ZZZ` answered 200 with "No action plans match"."""

from __future__ import annotations

import csv
import io

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_members():
    for code, iso, name in (("PER", "PE", "Perú"), ("CHL", "CL", "Chile")):
        member = factories.MemberFactory(
            code=code, iso_alpha2=iso, commitment_prefix=iso, name=name
        )
        factories.ActionPlanFactory(member=member, number=1, ogp_id=f"AP_{code}01")


def downloaded_ids(client, url: str) -> list[str]:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return [row["Id"] for row in csv.DictReader(io.StringIO(text))]


@pytest.mark.parametrize("code", ["PER", "per", "pe", "PE"])
def test_plans_of_a_member_typed_in_any_case_or_by_iso_code_match_the_download(
    client, two_members, code
):
    response = client.get(f"/plans/?member={code}", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    html = response.content.decode()
    assert "AP_PER01" in html and "AP_CHL01" not in html
    assert "<caption>1 action plan</caption>" in html
    # The member chosen is marked in the form, whatever spelling the address used.
    assert '<option value="PER" selected>' in html
    assert downloaded_ids(client, f"/downloads/plans.csv?member={code}") == ["AP_PER01"]


def test_an_unknown_member_on_the_plan_list_is_a_message_not_an_empty_list(client, two_members):
    response = client.get("/plans/?member=ZZZ", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    html = response.content.decode()
    assert "Some filters could not be applied" in html
    assert "No OGP member with the code ZZZ." in html
    assert "AP_PER01" not in html and "AP_CHL01" not in html


def test_the_organisation_list_marks_the_member_typed_in_lower_case(client, two_members):
    html = client.get("/organizations/?member=pe", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert '<option value="PER" selected>' in html

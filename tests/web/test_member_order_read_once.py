"""The lists ordered by the member name a page shows read the members once. Until 9 December the
plan list read the whole members table three times per request: to order the plans, to order the
member filter, and for the filter itself (the organisation list twice, the members' list twice).
Now one read gives the filter's choices in name order and the plans' order. Without a cache, a
member renamed in the admin or added by an import takes its place at once."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from commitments.models import Member
from reviews.models import ImportRun
from tests import factories
from tests.importer.conftest import explorer_rows, write_csv

pytestmark = pytest.mark.django_db


def members_read(queries: CaptureQueriesContext) -> int:
    """The queries that read every member (from the members table, with no WHERE)."""
    return sum(
        1
        for q in queries.captured_queries
        if re.match(r'SELECT .* FROM "commitments_member"', q["sql"]) and " WHERE " not in q["sql"]
    )


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # the members (the filter's choices, and the plans' order), the count, the page of plans
        ("/plans/", 3),
        # and the member filtered on
        ("/plans/?member=KEN", 4),
        # the members (the filter's choices), the count, the page of organisations
        ("/organizations/", 3),
        # the members with their counts
        ("/members/", 1),
    ],
)
def test_a_list_ordered_by_member_names_reads_the_members_once(
    client, url, queries, language, django_assert_num_queries
):
    def add(n: int) -> None:
        for code, name, iso in [("KEN", "Kenya", "KE"), ("DEU", "Germany", "DE")][:n]:
            member = factories.MemberFactory(code=code, name=name, iso_alpha2=iso)
            factories.ActionPlanFactory(member=member)
            factories.OrganizationFactory(member=member)
        for _ in range(n * 9):
            member = factories.MemberFactory()
            factories.ActionPlanFactory(member=member)
            factories.OrganizationFactory(member=member)

    add(1)
    with django_assert_num_queries(queries):
        assert client.get(url, HTTP_ACCEPT_LANGUAGE=language).status_code == 200
    add(2)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, HTTP_ACCEPT_LANGUAGE=language).status_code == 200
    assert len(captured) == queries
    assert members_read(captured) == 1


def plan_order(language: str) -> list[str]:
    page = Client().get("/plans/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    return re.findall(r'href="/plans/(AP_[A-Z]+\d+)/"', page)


def filter_order(language: str) -> list[str]:
    page = Client().get("/plans/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    return re.findall(r'<option value="([A-Z]+)"', page)


@pytest.fixture
def three_members():
    made = {}
    for code, name, iso in [
        ("KEN", "Kenya", "KE"),
        ("DEU", "Germany", "DE"),
        ("PRT", "Portugal", "PT"),
    ]:
        member = factories.MemberFactory(
            code=code, name=name, iso_alpha2=iso, commitment_prefix=iso
        )
        factories.ActionPlanFactory(member=member, ogp_id=f"AP_{code}01")
        made[code] = member
    return made


def test_a_member_renamed_in_the_admin_takes_its_place_at_once(three_members):
    assert plan_order("es") == ["AP_DEU01", "AP_KEN01", "AP_PRT01"]  # Alemania, Kenia, Portugal
    assert plan_order("en") == ["AP_DEU01", "AP_KEN01", "AP_PRT01"]  # Germany, Kenya, Portugal

    admin = Client()
    admin.force_login(factories.make_plan_admin())
    kenya = three_members["KEN"]
    response = admin.post(
        f"/admin/commitments/member/{kenya.pk}/change/",
        {
            "code": "KEN",
            "iso_alpha2": "KE",
            "commitment_prefix": "KE",
            "name": "Zanzibar Kenya",
            "kind": "national",
            "country": "",
            "joined_on": "",
        },
    )
    assert response.status_code == 302
    assert Member.objects.get(pk=kenya.pk).name == "Zanzibar Kenya"
    # No longer ISO's English name: shown as OGP writes it, in both languages, so last.
    assert plan_order("es") == ["AP_DEU01", "AP_PRT01", "AP_KEN01"]
    assert plan_order("en") == ["AP_DEU01", "AP_PRT01", "AP_KEN01"]
    assert filter_order("es") == ["DEU", "PRT", "KEN"]


def test_a_member_added_by_an_import_takes_its_place_at_once(
    three_members, tmp_path, django_capture_on_commit_callbacks, tasks_in_process
):
    assert filter_order("es") == ["DEU", "KEN", "PRT"]
    numbers, names, rows = explorer_rows()
    peru = [r for r in rows if r[0] == "Peru"][:2]
    content = write_csv(tmp_path / "peru.csv", [numbers, names, *peru]).read_bytes()
    admin = Client()
    admin.force_login(factories.make_plan_admin(username="planner"))
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(
            "/admin/reviews/importrun/add/",
            {"file": SimpleUploadedFile("peru.csv", content, content_type="text/csv")},
        )
    run = ImportRun.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(f"/admin/reviews/importrun/{run.pk}/change/", {"_confirm_import": "1"})
    peru_member = Member.objects.get(name="Peru")
    plan = peru_member.action_plans.get()

    # Alemania, Kenia, Perú, Portugal; Germany, Kenya, Peru, Portugal.
    for language in ("es", "en"):
        assert plan_order(language) == ["AP_DEU01", "AP_KEN01", plan.ogp_id, "AP_PRT01"]
        assert filter_order(language) == ["DEU", "KEN", peru_member.code, "PRT"]

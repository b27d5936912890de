"""The API's `q` finds a commitment by any of the texts it is searched by: a word only in its short
title, a word only in its full text, its number ("7a": OGP numbers are text). On SQLite these are
read from the accent-blind `search_text` built on save."""

from __future__ import annotations

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(db):
    plan = factories.ActionPlanFactory()
    factories.CommitmentFactory(
        action_plan=plan,
        ogp_id="ZZ0003",
        number="3",
        title="Presupuesto",
        short_title="Presupuesto",
    )
    factories.CommitmentFactory(
        action_plan=plan,
        ogp_id="ZZ0017",
        number="7a",
        title="Acceso a la información",
        short_title="Portal único",
        full_text="Se creará un registro de beneficiarios finales.",
    )
    return plan


@pytest.mark.parametrize("q", ["portal unico", "beneficiarios", "7a"])
def test_q_finds_it_by_short_title_full_text_or_number(client, plan, q):
    body = client.get("/api/v1/commitments/", {"q": q, "action_plan": plan.ogp_id}).json()
    assert [row["ogp_id"] for row in body["results"]] == ["ZZ0017"]

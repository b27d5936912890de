"""Links an earlier version marked "broken since" for a network failure read "could not be checked"
once migrated (commitments/migrations/0031); a 404 stays broken; each link's last check is kept as
its first history row, its English error text a code shown in the reader's language."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps

from commitments.models import EvidenceLink, LinkCheckResult
from tests import factories
from tests.world import build_world

pytestmark = pytest.mark.django_db

migration = importlib.import_module("commitments.migrations.0031_link_checks_unreachable")
DAY = datetime.datetime(2026, 11, 2, 3, 0, tzinfo=datetime.UTC)


def _old_link(update, path: str, **columns) -> EvidenceLink:
    evidence = update.evidence.create(url=f"https://example.org/{path}")
    return EvidenceLink.objects.create(
        status_evidence=evidence, url=evidence.url, checked_at=DAY, **columns
    )


def test_old_network_failures_read_could_not_be_checked_and_404s_stay_broken(client):
    world = build_world()
    update = factories.StatusUpdateFactory(commitment=world.commitment, author=world.editor)
    offline = _old_link(
        update,
        "acta",
        broken_since=DAY - datetime.timedelta(days=3),
        error="the host name does not resolve ([Errno -3] Temporary failure in name resolution)",
    )
    gone = _old_link(update, "ley", broken_since=DAY, status_code=404)
    fine = _old_link(update, "informe", status_code=200, sha256="ab" * 32)

    migration.forwards(apps, None)

    offline.refresh_from_db()
    assert offline.error_code == "dns" and offline.broken_since is None
    assert offline.error == "[Errno -3] Temporary failure in name resolution"
    assert offline.unreachable_since == DAY - datetime.timedelta(days=3)
    gone.refresh_from_db()
    assert gone.broken_since == DAY and gone.unreachable_since == DAY
    outcomes = dict(LinkCheckResult.objects.values_list("link_id", "outcome"))
    assert outcomes == {offline.pk: "unreachable", gone.pk: "broken", fine.pk: "ok"}

    page = client.get(
        f"/commitments/{world.commitment.ogp_id}/", headers={"accept-language": "es"}
    ).content.decode()
    assert page.count("roto desde el") == 1
    assert page.count("no se pudo comprobar el") == 1
    client.force_login(world.plan_admin)
    admin = client.get(
        f"/admin/commitments/evidencelink/{offline.pk}/change/", headers={"accept-language": "es"}
    )
    assert "El nombre del servidor no se resuelve" in admin.content.decode()

"""An old link check's error text was cut at 300 characters; one cut before its closing ")" still
reads as what it was once migrated (commitments/migrations/0031): "the host name does not resolve",
not "could not connect"."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps

from commitments.models import EvidenceLink
from tests import factories
from tests.world import build_world

pytestmark = pytest.mark.django_db

migration = importlib.import_module("commitments.migrations.0031_link_checks_unreachable")
DAY = datetime.datetime(2026, 11, 2, 3, 0, tzinfo=datetime.UTC)


def test_an_old_dns_error_cut_before_its_parenthesis_closes_reads_as_dns(client):
    world = build_world()
    update = factories.StatusUpdateFactory(commitment=world.commitment, author=world.editor)
    evidence = update.evidence.create(url="https://example.org/acta")
    detail = "[Errno -2] Name or service not known: " + "x" * 300
    cut = f"the host name does not resolve ({detail})"[:300]
    link = EvidenceLink.objects.create(
        status_evidence=evidence, url=evidence.url, checked_at=DAY, broken_since=DAY, error=cut
    )

    migration.forwards(apps, None)

    link.refresh_from_db()
    assert link.error_code == "dns" and link.broken_since is None
    assert link.error == cut.removeprefix("the host name does not resolve (")
    client.force_login(world.plan_admin)
    admin = client.get(
        f"/admin/commitments/evidencelink/{link.pk}/change/", headers={"accept-language": "es"}
    )
    assert "El nombre del servidor no se resuelve" in admin.content.decode()


def test_an_old_private_address_error_cut_before_its_parenthesis_closes_reads_as_private():
    world = build_world()
    update = factories.StatusUpdateFactory(commitment=world.commitment, author=world.editor)
    host = "intranet." + "a" * 240 + ".local"
    evidence = update.evidence.create(url=f"https://{host}/acta")
    cut = f"{host} is a private, local or reserved address (10.0.0.7)"[:300]
    link = EvidenceLink.objects.create(
        status_evidence=evidence, url=evidence.url, checked_at=DAY, error=cut
    )

    migration.forwards(apps, None)

    link.refresh_from_db()
    assert link.error_code == "private"

"""Out of the box, an evidence link to a private or loopback address is never fetched: the server
must not be a way into the network it runs in (EVIDENCE_LINK_ALLOW_PRIVATE is off by default)."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings

from commitments.models import EvidenceLink
from tests.commitments.test_evidence_links import Site, _post_link
from tests.world import build_world

pytestmark = pytest.mark.django_db


def test_a_link_to_this_machine_is_refused_with_the_default_settings(
    client, settings, tasks_in_process, django_capture_on_commit_callbacks
):
    settings.EVIDENCE_LINK_CHECKS = True  # tests/conftest.py turns the checks off; nothing else
    assert django_settings.EVIDENCE_LINK_ALLOW_PRIVATE is False
    site = Site()
    try:
        site.page("/interno", b"secret")
        world = build_world()
        link = _post_link(client, world, site.url("/interno"), django_capture_on_commit_callbacks)
    finally:
        site.server.shutdown()
        site.server.server_close()
    link = EvidenceLink.objects.get(pk=link.pk)
    assert site.hits == []
    assert link.error_code == "private"
    assert (
        link.get_error_code_display() == "La dirección es privada, local o reservada"
    )  # es default

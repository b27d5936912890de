"""The Spanish report forms explain a date and a link the same way: until 8 December the status
update form said "No puede estar en el futuro." and "(si falta https://, se añade)", while the
milestone and outcome forms beside it said "No puede ser futura." and "(se agrega https:// si
falta)" for the same rule (the English already said it one way)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

ES = {"HTTP_ACCEPT_LANGUAGE": "es"}


def test_every_report_form_words_the_date_and_link_rules_alike(client, world):
    milestone = world.commitment.milestones.get()
    client.force_login(world.editor)
    pages = {
        "status": client.get(f"/commitments/{world.commitment.ogp_id}/report/", **ES),
        "milestone": client.get(
            f"/commitments/{world.commitment.ogp_id}/milestones/{milestone.pk}/progress/new/", **ES
        ),
        "outcome": client.get(f"/commitments/{world.commitment.ogp_id}/outcome-checks/new/", **ES),
    }
    for name, response in pages.items():
        assert response.status_code == 200, name
        html = response.content.decode()
        assert "No puede estar en el futuro." in html, name
        assert "No puede ser futura" not in html, name
        assert "se agrega https://" not in html, name
    assert "(si falta https://, se añade)" in pages["milestone"].content.decode()

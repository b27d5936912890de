"""A commitment moved to another lead organisation (or another plan) is shown in the public change
history by the names a reader knows, not by database ids."""

from __future__ import annotations

import pytest

from commitments.versioning import update_versioned
from tests import factories
from tests.admin_forms import admin_post_data

pytestmark = pytest.mark.django_db


def _open_in_admin(client, ogp_id: str):
    """A commitment led by the Secretaría, another organisation, and its admin form as posted."""
    secretaria = factories.OrganizationFactory(name="Secretaría de Gestión Pública")
    ministerio = factories.OrganizationFactory(name="Ministerio de Justicia y Derechos Humanos")
    commitment = factories.CommitmentFactory(ogp_id=ogp_id, lead_organization=secretaria)
    client.force_login(factories.make_plan_admin())
    url = f"/admin/commitments/commitment/{commitment.pk}/change/"
    data = admin_post_data(client.get(url, headers={"accept-language": "en"}))
    return commitment, secretaria, ministerio, url, data


def test_a_new_lead_organisation_is_named_in_the_page_and_the_api(client):
    _, secretaria, ministerio, url, data = _open_in_admin(client, "PE0042")
    data["lead_organization"] = str(ministerio.pk)
    assert client.post(url, data).status_code == 302
    client.logout()

    changes = client.get("/api/v1/commitments/PE0042/changes/").json()["results"][0]["changes"]
    assert [
        (c["field"], c["old"], c["new"], c["old_display"], c["new_display"]) for c in changes
    ] == [
        (
            "lead_organization",
            secretaria.pk,
            ministerio.pk,
            "Secretaría de Gestión Pública",
            "Ministerio de Justicia y Derechos Humanos",
        )
    ]
    page = client.get("/commitments/PE0042/", headers={"accept-language": "es"}).content.decode()
    history = page[page.index('id="change-history-title"') :]
    assert "Ministerio de Justicia y Derechos Humanos</td>" in history
    assert f">{ministerio.pk}</td>" not in history


def test_an_organisation_deleted_since_is_shown_by_its_former_id(client):
    gone = factories.OrganizationFactory(name="Oficina disuelta")
    kept = factories.OrganizationFactory(name="Contraloría General de la República")
    commitment = factories.CommitmentFactory(ogp_id="PE0043", lead_organization=gone)
    commitment.lead_organization = kept
    commitment.save()
    gone_id = gone.pk
    gone.delete()

    change = client.get("/api/v1/commitments/PE0043/changes/").json()["results"][0]["changes"][0]
    assert (change["old_display"], change["new_display"]) == (
        f"#{gone_id}",
        "Contraloría General de la República",
    )


def test_an_admin_refused_over_a_newer_change_reads_the_organisations_names(client):
    commitment, _, ministerio, url, data = _open_in_admin(client, "PE0044")
    update_versioned(
        commitment,
        expected_version=1,
        changes={"lead_organization": ministerio},
        user=factories.make_plan_admin(first_name="Rosa", last_name="Quispe"),
    )
    data["title"] = "Mine"

    refused = client.post(url, data, headers={"accept-language": "en"})

    (error,) = refused.context["adminform"].form.non_field_errors()
    assert "Secretaría de Gestión Pública -> Ministerio de Justicia y Derechos Humanos" in error

"""An evidence file sent empty is refused in the site's Spanish, on the form and in the API: Django's
and DRF's catalogues said "El archivo enviado está vació." (a slip) and "fichero"."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

pytestmark = pytest.mark.django_db

EMPTY = "El archivo enviado está vacío."
ES = {"accept-language": "es"}


def test_an_empty_evidence_file_on_the_form(client, monitored):
    commitment, editor = monitored
    client.force_login(editor)
    response = client.post(
        f"/commitments/{commitment.ogp_id}/report/",
        {
            "completion": "limited",
            "as_of": "2013-05-31",
            "note": "Acta de la sesión.",
            "files": SimpleUploadedFile("acta.pdf", b"", "application/pdf"),
        },
        headers=ES,
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert EMPTY in html
    assert "vació" not in html

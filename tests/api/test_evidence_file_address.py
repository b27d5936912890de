"""An uploaded evidence file can be fetched by an API reader: the commitment's history (public) and
the answer to the write API give each file's address on the site. Until 7 December they gave its
name, type and size but no address and no id, so a journalist reading the history through the API
could not download a file the commitment page links to."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.web.conftest import PDF_BYTES

pytestmark = pytest.mark.django_db


def test_the_public_history_gives_each_uploaded_files_address(client, monitored):
    commitment, editor = monitored
    client.force_login(editor)
    posted = client.post(
        f"/commitments/{commitment.ogp_id}/report/",
        {
            "completion": "limited",
            "note": "Informe trimestral.",
            "links": "https://example.org/informe",
            "files": [SimpleUploadedFile("informe.pdf", PDF_BYTES, "application/pdf")],
            "as_of": "2013-06-01",
            "corrects": "",
        },
    )
    assert posted.status_code == 302
    client.logout()

    history = client.get(f"/api/v1/commitments/{commitment.ogp_id}/history/").json()

    link, file = history["status_updates"][0]["evidence"]
    assert link["url"] == "https://example.org/informe" and link["file_url"] is None
    assert file["file_name"] == "informe.pdf" and file["file_url"].startswith("/evidence/")
    download = client.get(file["file_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES


def test_the_write_api_answers_with_the_files_address(token_client, monitored):
    commitment, editor = monitored
    upload = io.BytesIO(PDF_BYTES)
    upload.name = "acta.pdf"

    response = token_client(editor).post(
        f"/api/v1/commitments/{commitment.ogp_id}/status-updates/",
        {"completion": "limited", "as_of": "2013-05-01", "files": [upload]},
        format="multipart",
    )

    assert response.status_code == 201, response.content
    (evidence,) = response.json()["evidence"]
    assert evidence["file_name"] == "acta.pdf"
    assert token_client(editor).get(evidence["file_url"]).status_code == 200

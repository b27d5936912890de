"""Request bodies: anyone may send 1 MB, a signed-in user 101 MB (ten 10 MB evidence files and an
OGP sheet); beyond that 413 before anything reads the body. Form fields (not files) are read into
memory up to 5 MB."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import InMemoryUploadedFile, TemporaryUploadedFile
from django.test import RequestFactory

from ogptracker.uploads import upload_temp_dir
from tests import factories

pytestmark = pytest.mark.django_db
MB = 1024 * 1024


def post(client, size: int, path: str = "/accounts/logout/"):
    # The declared length is what the limit reads; the body itself stays small.
    return client.post(
        path, data=b"x", content_type="application/octet-stream", CONTENT_LENGTH=str(size)
    )


def test_an_anonymous_body_over_one_megabyte_is_refused(client):
    assert post(client, MB).status_code != 413
    assert post(client, MB + 1).status_code == 413
    response = post(client, MB + 1, "/api/v1/commitments/PE0001/status-updates/")
    assert response.status_code == 413
    assert response.json() == {"detail": "La solicitud es mayor que 1,0\xa0MB."}  # Spanish first


def test_a_signed_in_body_over_101_megabytes_is_refused(client):
    client.force_login(factories.make_editor(username="ana"))
    assert post(client, 101 * MB, "/i18n/setlang/").status_code != 413  # not logout: stay signed in
    response = post(client, 101 * MB + 1, "/api/v1/commitments/PE0001/status-updates/")
    assert response.status_code == 413
    # This limit's own answer (Django refuses a body it cannot read with a 413 of its own).
    assert response.json() == {"detail": "La solicitud es mayor que 101,0\xa0MB."}


def test_form_fields_over_five_megabytes_are_refused(client):
    client.force_login(factories.make_editor(username="ana"))
    fields = "note=" + "x" * (5 * MB)
    response = client.post(
        "/i18n/setlang/", data=fields, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    small = client.post(
        "/i18n/setlang/",
        data="language=en&next=/",
        content_type="application/x-www-form-urlencoded",
    )
    assert small.status_code == 302


def test_an_upload_over_five_megabytes_is_spooled_to_the_upload_folder_not_memory():
    factory = RequestFactory()
    big = factory.post("/", {"sheet": ContentFile(b"x" * (5 * MB + 1), name="ogp.csv")})
    upload = big.FILES["sheet"]
    assert isinstance(upload, TemporaryUploadedFile)
    assert Path(upload.temporary_file_path()).parent == upload_temp_dir()
    upload.close()
    small = factory.post("/", {"sheet": ContentFile(b"x" * 1024, name="ogp.csv")})
    assert isinstance(small.FILES["sheet"], InMemoryUploadedFile)

"""A backup keeps what people added since the first release, and restores texts as they are: a
public question and its official answer, a data release with its files, and a title holding the
Unicode line separators the IRM Explorer file has (U+2028; an old restore cut the record there)."""

from __future__ import annotations

import datetime
import io
import shutil

import pytest
from django.core.management import call_command

from commitments.models import Commitment
from questions.services import answer_question, ask_question
from releases.services import publish_data_release
from tests import factories

# Transactional: the restore needs an empty database, and `flush` cannot run inside a test's
# transaction on PostgreSQL.
pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Portal de transparencia\u2028(segunda línea)\u0085y tercera"
DAY = datetime.date(2026, 11, 30)


def test_a_backup_restores_questions_answers_releases_and_line_separators(
    client, tmp_path, settings, live_roles
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    official = factories.make_official(username="funcionaria")
    commitment = factories.CommitmentFactory(
        title=TITLE, lead_organization=official.profile.organization
    )
    asker = factories.UserFactory(username="vecina")
    question = ask_question(commitment=commitment, text="¿Cuándo estará el portal?", user=asker)
    answer_question(question=question, author=official, text="En marzo, con datos de 2026.")
    release = publish_data_release(on=DAY)
    archive = tmp_path / "backup.tar.gz"
    call_command("export_dataset", str(archive), stdout=io.StringIO())
    call_command("flush", "--noinput")
    shutil.rmtree(settings.MEDIA_ROOT)

    call_command("import_dataset", str(archive), stdout=io.StringIO())

    assert Commitment.objects.get().title == TITLE
    page = client.get(f"/commitments/{commitment.ogp_id}/questions/")
    assert page.status_code == 200
    assert "¿Cuándo estará el portal?" in page.content.decode()
    assert "En marzo, con datos de 2026." in page.content.decode()
    listing = client.get(f"/data/{DAY.isoformat()}/")
    assert listing.status_code == 200
    for entry in release.resources:
        download = client.get(f"/data/{DAY.isoformat()}/{entry['name']}")
        assert download.status_code == 200, entry["name"]
        body = b"".join(download.streaming_content) if download.streaming else download.content
        assert len(body) == entry["bytes"], entry["name"]

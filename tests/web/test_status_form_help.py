"""The civil-society status form helps as the researcher's form does (issue 12): level definitions,
no IRM-only level, a counter and an error instead of a silent cut, `www.x.pe` completed, the file
size checked in the browser, and a clear "attach the file again" after an error."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from commitments.models import StatusUpdate
from commitments.models.vocab import COMPLETION_DEFINITIONS
from tests.web.conftest import PDF_BYTES

pytestmark = pytest.mark.django_db


def _url(commitment) -> str:
    return f"/commitments/{commitment.ogp_id}/report/"


def _post(client, commitment, lang: str = "en", **overrides):
    data = {
        "completion": "limited",
        "note": "Half of the ministries publish their budgets.",
        "links": "https://example.org/informe-2013",
        "as_of": "2013-06-01",
        "corrects": "",
    }
    data.update(overrides)
    return client.post(_url(commitment), data, headers={"accept-language": lang})


@pytest.mark.parametrize(
    ("lang", "limited", "meaning"),
    [
        ("en", "Limited", "Some work was done, but most of it is still pending."),
        ("es", "Limitado", "Se hizo algo de trabajo, pero la mayor parte sigue pendiente."),
    ],
)
def test_the_form_defines_each_level_in_the_readers_language(client, world, lang, limited, meaning):
    client.force_login(world.editor)

    html = client.get(_url(world.commitment), HTTP_ACCEPT_LANGUAGE=lang).content.decode()

    assert '<dl class="scale-values">' in html
    assert f"<dt>{limited}</dt><dd>{meaning}</dd>" in html


def test_the_researchers_form_shows_the_same_definitions(client, world):
    from reviews.scales import VALUE_DEFINITIONS

    assert VALUE_DEFINITIONS["completion"] is COMPLETION_DEFINITIONS


def test_civil_society_is_not_offered_the_irm_only_no_evidence_level(client, world):
    client.force_login(world.editor)

    html = client.get(_url(world.commitment), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    response = _post(client, world.commitment, completion="no_evidence")

    assert 'value="no_evidence"' not in html and 'value="unclear"' in html
    assert response.status_code == 400
    assert not StatusUpdate.objects.exists()


def test_the_write_api_refuses_no_evidence_from_civil_society_too(world):
    import datetime

    from django.core.exceptions import ValidationError

    from commitments.services import record_status_update

    with pytest.raises(ValidationError) as error:
        record_status_update(
            commitment=world.commitment,
            author=world.editor,
            completion="no_evidence",
            as_of=datetime.date(2013, 6, 1),
            links=["https://example.org/a"],
        )
    assert "completion" in error.value.message_dict


def test_a_long_note_is_an_error_with_a_counter_not_a_silent_cut(client, world):
    client.force_login(world.editor)

    page = client.get(_url(world.commitment), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    response = _post(client, world.commitment, note="x" * 5001)

    assert 'maxlength="5000"' not in page  # the browser would cut a longer paste silently
    assert 'data-max-length="5000"' in page and 'data-counter="{count} of 5000 characters"' in page
    assert '<script src="/static/js/forms.js" defer></script>' in page
    assert response.status_code == 400
    assert "at most 5000 characters (it has 5001)" in response.content.decode()
    assert not StatusUpdate.objects.exists()


def test_an_address_without_https_is_completed_not_refused(client, world):
    client.force_login(world.editor)

    response = _post(client, world.commitment, links="www.transparencia.gob.pe/informe\nx.pe")

    assert response.status_code == 302
    urls = sorted(StatusUpdate.objects.get().evidence.values_list("url", flat=True))
    assert urls == ["https://www.transparencia.gob.pe/informe", "https://x.pe"]


def test_text_that_is_not_an_address_is_still_refused(client, world):
    client.force_login(world.editor)

    response = _post(client, world.commitment, links="see the minutes")

    assert response.status_code == 400
    assert not StatusUpdate.objects.exists()


def test_the_file_input_carries_the_size_limit_for_the_browser_check(client, world, settings):
    settings.EVIDENCE_MAX_BYTES = 2 * 1024 * 1024
    client.force_login(world.editor)

    html = client.get(_url(world.commitment), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert f'data-max-bytes="{2 * 1024 * 1024}"' in html
    assert 'data-too-large="{name} is larger than 2.0\xa0MB."' in html


@pytest.mark.parametrize(
    ("lang", "message"),
    [("en", "Attach your files again:"), ("es", "Adjunte sus archivos otra vez:")],
)
def test_after_an_error_the_form_says_to_attach_the_files_again(client, world, lang, message):
    client.force_login(world.editor)

    response = _post(
        client,
        world.commitment,
        lang=lang,
        as_of="2999-01-01",  # an error elsewhere in the form
        files=[SimpleUploadedFile("acta.pdf", PDF_BYTES, content_type="application/pdf")],
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert message in html and "acta.pdf" in html


def test_no_reattach_message_when_no_file_was_sent(client, world):
    client.force_login(world.editor)

    response = _post(client, world.commitment, as_of="2999-01-01")

    assert "Attach your files again" not in response.content.decode()

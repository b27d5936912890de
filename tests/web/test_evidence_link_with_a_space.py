"""An evidence link pasted with a space in it (a file name "informe final.pdf", or two addresses on
one line) is refused saying so. Until 7 December the form said "These are not web addresses
starting with http:// or https://" of an address that did start with https://."""

from __future__ import annotations

import pytest

from commitments.models import StatusUpdate

pytestmark = pytest.mark.django_db


def _report(client, commitment, links: str, lang: str):
    return client.post(
        f"/commitments/{commitment.ogp_id}/report/",
        {
            "completion": "limited",
            "note": "",
            "links": links,
            "as_of": "2013-06-01",
            "corrects": "",
        },
        headers={"accept-language": lang},
    )


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "These addresses have a space in them: give one web address per line, without "
            "spaces: https://www.gob.pe/informe final.pdf",
        ),
        (
            "es",
            "Estas direcciones tienen un espacio: escriba una dirección web por línea, sin "
            "espacios: https://www.gob.pe/informe final.pdf",
        ),
    ],
)
def test_a_link_with_a_space_is_refused_saying_so(client, monitored, lang, said):
    commitment, editor = monitored
    client.force_login(editor)

    response = _report(
        client, commitment, "https://www.gob.pe/informe final.pdf\nftp://example.org/a", lang
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert said in html
    # Another bad address on the same form keeps its own message.
    assert "ftp://example.org/a" in html
    assert not StatusUpdate.objects.exists()


def test_two_addresses_on_one_line_are_named_as_having_a_space(client, monitored):
    commitment, editor = monitored
    client.force_login(editor)

    response = _report(client, commitment, "https://a.gob.pe https://b.gob.pe", "en")

    html = response.content.decode()
    assert "have a space in them" in html
    assert "starting with http:// or https://" not in html

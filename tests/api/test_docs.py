"""The API docs as a reader meets them: offline, in one language, public reads shown as public."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db

ATTRIBUTE_URL = re.compile(r"""\b(?:src|href|action)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
MARK = "\u00a7"


def operations(schema: dict):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method.upper(), operation


def test_docs_page_and_its_start_up_script_reach_no_other_host(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    urls = ATTRIBUTE_URL.findall(html)
    assert any("swagger-ui-bundle.js" in url for url in urls)
    assert [url for url in urls if not url.startswith("/")] == []
    assert "<style" not in html and "fonts.g" not in html
    script_url = next(url for url in urls if "script=" in url).replace("&amp;", "&")
    script = client.get(script_url).content.decode()
    assert "http://" not in script and "https://" not in script
    # Swagger UI would otherwise load a badge from validator.swagger.io.
    assert '"validatorUrl": null' in script


def test_redoc_address_leads_to_the_swagger_docs(client):
    response = client.get("/api/redoc/")
    assert response.status_code == 302
    assert response["Location"] == "/api/docs/"


def test_docs_ask_for_the_schema_in_the_page_language(client):
    for language in ("es", "en"):
        html = client.get("/api/docs/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert f'<html lang="{language}">' in html
        script_url = re.search(r'src="(/api/docs/\?[^"]*script=[^"]*)"', html)[1]
        script = client.get(script_url.replace("&amp;", "&"), HTTP_ACCEPT_LANGUAGE=language)
        # escapejs writes "=" as \u003D inside the script.
        assert f"/api/schema/?lang\\u003D{language}" in script.content.decode()


def test_public_reads_carry_no_security_and_writes_need_a_token(client):
    schema = client.get("/api/schema/?format=json").json()
    ops = {(path, method): op for path, method, op in operations(schema)}
    for key in [
        ("/api/v1/commitments/", "GET"),
        ("/api/v1/commitments/{ogp_id}/", "GET"),
        ("/api/v1/commitments/{ogp_id}/changes/", "GET"),
        ("/api/v1/action-plans/", "GET"),
        ("/api/v1/stats/completion/", "GET"),
    ]:
        assert ops[key]["security"] == [], key
    public_gets = [key for key, op in ops.items() if key[1] == "GET" and op.get("security") == []]
    assert len(public_gets) >= 30
    for key, op in ops.items():
        if key[1] in ("POST", "PATCH", "PUT", "DELETE"):
            assert {"tokenAuth": []} in op["security"], key
            assert {} not in op["security"], key
    # Anyone reads a milestone: only changing it needs a token.
    assert ops[("/api/v1/milestones/{id}/", "GET")]["security"] == []


def test_every_operation_has_a_human_title(client):
    schema = client.get("/api/schema/?format=json", HTTP_ACCEPT_LANGUAGE="en").json()
    for path, method, op in operations(schema):
        title = op.get("summary", "")
        assert title and "_" not in title and not title.startswith("api"), (path, method, title)
    ops = {(path, method): op for path, method, op in operations(schema)}
    assert ops[("/api/v1/members/", "GET")]["summary"] == "OGP members"


def test_schema_follows_the_request_language(client):
    spanish = client.get("/api/schema/?format=json", HTTP_ACCEPT_LANGUAGE="es").json()
    english = client.get("/api/schema/?format=json", HTTP_ACCEPT_LANGUAGE="en").json()
    members_es = spanish["paths"]["/api/v1/members/"]["get"]
    members_en = english["paths"]["/api/v1/members/"]["get"]
    assert members_es["description"] == "Miembros OGP: naciones y gobiernos locales."
    assert members_en["description"].startswith("OGP members")
    by_lang = client.get("/api/schema/?format=json&lang=es", HTTP_ACCEPT_LANGUAGE="en").json()
    assert by_lang["paths"]["/api/v1/members/"]["get"]["description"] == members_es["description"]


def test_every_title_and_description_in_the_schema_is_translated(client, monkeypatch):
    """No English docstring leaks into the Spanish docs: all the text goes through gettext."""
    real_gettext = translation._trans.gettext
    monkeypatch.setattr(translation._trans, "gettext", lambda message: MARK + real_gettext(message))
    schema = client.get("/api/schema/?format=json").json()
    assert schema["info"]["description"].startswith(MARK)
    untranslated = [
        (path, method, field)
        for path, method, op in operations(schema)
        for field in ("summary", "description")
        if not op.get(field, MARK).startswith(MARK)
    ]
    assert untranslated == []


def test_unknown_schema_language_is_not_an_error(client):
    assert client.get("/api/schema/?format=json&lang=xx").status_code in (200, 400)

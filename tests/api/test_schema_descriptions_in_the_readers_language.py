"""The API docs describe each object in the reader's language, or not at all: a Python docstring
(English, untranslated, often a note for developers) never becomes a schema object's description.
Twenty objects (ActionPlan, Member, Assessment...) were described in Spanish docs as "Fills in the
description of every field that has none from DESCRIPTIONS.", a base class's docstring."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def object_descriptions(client, language: str) -> dict[str, str]:
    schema = client.get(f"/api/schema/?format=json&lang={language}").json()
    return {
        name: component["description"]
        for name, component in schema["components"]["schemas"].items()
        if component.get("type") == "object" and component.get("description")
    }


def test_spanish_docs_describe_no_object_in_english(client):
    spanish, english = object_descriptions(client, "es"), object_descriptions(client, "en")
    untranslated = {name: text for name, text in spanish.items() if english.get(name) == text}
    assert untranslated == {}


def test_no_object_carries_a_description_meant_for_developers(client):
    described = object_descriptions(client, "en")
    assert not [text for text in described.values() if "DESCRIPTIONS" in text or "schema" in text]

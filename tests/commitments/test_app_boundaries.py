"""The apps depend one way (ARCHITECTURE.md): `commitments` is the base; `reviews`, `questions` and
`releases` build on it, and pages that combine them are assembled above all in ogptracker/pages.py.
Template tags format what a view gives them; the pages' queries run in the views."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.db import connection
from django.template import Template
from django.test.utils import CaptureQueriesContext
from django.urls import resolve

from commitments.models import Follow
from tests import factories

ROOT = Path(__file__).resolve().parents[2]
LATER_APPS = ("reviews", "questions", "releases")


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_the_commitments_app_imports_none_of_the_apps_built_on_it():
    offenders = [
        f"{path.relative_to(ROOT)}: {module}"
        for path in sorted((ROOT / "commitments").rglob("*.py"))
        if "migrations" not in path.parts
        for module in sorted(_imported_modules(path))
        if module.split(".")[0] in LATER_APPS
    ]
    assert offenders == []


def test_the_commitments_templates_load_no_tag_library_and_include_no_template_of_another_app():
    pattern = re.compile(r"reviews|questions|{% load [^%]*\b(irm|accountability)\b")
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "templates" / "commitments").rglob("*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []


@pytest.fixture
def plan_with_every_track(db):
    """A plan whose commitment has a milestone, a civil-society update and a published IRM
    finding, seen by a signed-in editor who follows the plan and the commitment."""
    assessment = factories.AssessmentFactory(
        report__action_plan__ogp_id="AP_TST01", commitment__ogp_id="TS0001"
    )
    commitment = assessment.commitment
    factories.MilestoneFactory(commitment=commitment)
    factories.StatusUpdateFactory(commitment=commitment)
    editor = factories.make_editor()
    Follow.objects.create(user=editor, action_plan=commitment.action_plan)
    Follow.objects.create(user=editor, commitment=commitment)
    return editor


@pytest.mark.parametrize("url", ["/plans/AP_TST01/", "/commitments/TS0001/"])
def test_the_combined_pages_are_assembled_above_the_apps_and_their_tags_never_query(
    client, plan_with_every_track, url, monkeypatch
):
    """Every query of the plan and commitment pages runs in the view, before the template."""
    assert resolve(url).func.__module__ == "ogptracker.pages"
    client.force_login(plan_with_every_track)
    counted = {"depth": 0, "queries": 0}
    render = Template.render

    def watched(self, context):
        counted["depth"] += 1
        try:
            with CaptureQueriesContext(connection) as queries:
                return render(self, context)
        finally:
            counted["depth"] -= 1
            if counted["depth"] == 0:
                counted["queries"] += len(queries.captured_queries)

    monkeypatch.setattr(Template, "render", watched)
    response = client.get(url)
    assert response.status_code == 200
    # The page shows what the view found: the follow, the IRM finding, the milestone.
    assert b"Unfollow" in response.content or b"Dejar de seguir" in response.content
    assert counted["queries"] == 0


# A module path of a later app (`reviews.api`, `questions/models.py`) or a lookup through one of
# their relations (`irm_reports__researchers`) is a dependency too, even in a string or a comment.
LATER_APP_NAMES = re.compile(
    r"\b(reviews|questions|releases)[./][a-z_]"
    r"|\b(irm_reports|assessments|official_answers|answers)__"
    r"|[\"'](irm_reports|assessments|official_answers)[\"']"
)


def test_the_commitments_app_names_no_module_or_relation_of_the_apps_built_on_it():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted((ROOT / "commitments").rglob("*.py"))
        if "migrations" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if LATER_APP_NAMES.search(line)
    ]
    assert offenders == []

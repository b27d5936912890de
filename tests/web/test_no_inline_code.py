"""The web app's templates carry no inline script or style, so a strict Content-Security-Policy
(script-src 'self'; style-src 'self') can be turned on without breaking them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# Every template of ours, whatever folder a new one lands in.
OURS = sorted(TEMPLATES.rglob("*.html"))


@pytest.mark.parametrize("path", OURS, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_template_has_no_inline_script_style_or_event_handler(path: Path):
    text = path.read_text(encoding="utf-8")
    # A JSON-LD data block is never run (and CSP's script-src does not apply to it): allowed.
    assert not re.search(r"<script(?![^>]*\b(?:src=|type=\"application/ld\+json\"))[^>]*>", text), (
        "inline <script>"
    )
    assert "<style" not in text, "inline <style>"
    assert not re.search(r"\sstyle=", text), "style attribute"
    assert not re.search(r"\son[a-z]+=", text), "event handler attribute"
    assert not re.search(r'<(?:script|link)[^>]+(?:src|href)="(?:https?:)?//', text), "remote asset"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["es", "en"])
def test_svg_coordinates_never_carry_a_decimal_comma(client, language):
    from tests.factories import CommitmentFactory

    commitment = CommitmentFactory(irm_completion="complete")
    client.cookies["django_language"] = language

    page = client.get(f"/plans/{commitment.action_plan.ogp_id}/").content.decode()

    assert "<svg" in page
    for svg in re.findall(r"<svg.*?</svg>", page, flags=re.S):
        number = r"-?\d+(?:\.\d+)?"
        coordinates = re.findall(r'\s(?:x|y|x1|x2|y1|y2|cx|cy|r|width|height)="([^"]*)"', svg)
        assert coordinates and all(re.fullmatch(number + "%?", c) for c in coordinates), coordinates
        for points in re.findall(r'\spoints="([^"]*)"', svg):
            assert all(re.fullmatch(f"{number},{number}", p) for p in points.split()), points
        assert 'style="' not in svg

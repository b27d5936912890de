"""The web app's templates carry no inline script or style, so a strict Content-Security-Policy
(script-src 'self'; style-src 'self') can be turned on without breaking them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"
OURS = [
    TEMPLATES / "base.html",
    TEMPLATES / "403.html",
    TEMPLATES / "404.html",
    *sorted((TEMPLATES / "commitments").glob("*.html")),
    *sorted((TEMPLATES / "reviews").glob("*.html")),
    *sorted((TEMPLATES / "registration").glob("*.html")),
]


@pytest.mark.parametrize("path", OURS, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_template_has_no_inline_script_style_or_event_handler(path: Path):
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), "inline <script>"
    assert "<style" not in text, "inline <style>"
    assert not re.search(r"\sstyle=", text), "style attribute"
    assert not re.search(r"\son[a-z]+=", text), "event handler attribute"
    assert not re.search(r'<(?:script|link)[^>]+(?:src|href)="(?:https?:)?//', text), "remote asset"

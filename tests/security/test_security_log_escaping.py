"""The security log cannot be forged: CR, LF and other control characters in a user name or a URL
are written as escapes, so every event stays on one line (issue 13)."""

from __future__ import annotations

import logging

import pytest

FORGED = "\r\n2026-01-01 login succeeded user=admin ip=10.0.0.9\x1b[2K"


def security_lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "ogptracker.security"]


@pytest.mark.django_db
def test_a_user_name_with_a_line_break_is_logged_escaped_on_one_line(client, caplog):
    caplog.set_level(logging.INFO, logger="ogptracker.security")

    client.post("/accounts/login/", {"username": f"ana{FORGED}", "password": "wrong"})

    [line] = [m for m in security_lines(caplog) if m.startswith("login failed")]
    assert "\r" not in line and "\n" not in line and "\x1b" not in line
    assert "user=ana\\r\\n2026-01-01 login succeeded user=admin ip=10.0.0.9\\x1b[2K ip=" in line


@pytest.mark.django_db
def test_a_refused_url_with_a_line_break_is_logged_escaped_on_one_line(client, caplog):
    caplog.set_level(logging.INFO, logger="ogptracker.security")

    response = client.post(
        "/api/v1/commitments/PE0001%0D%0Apermission%20refused%20user=admin/status-updates/", {}
    )

    assert response.status_code == 401
    [line] = [m for m in security_lines(caplog) if m.startswith("permission refused")]
    assert "\r" not in line and "\n" not in line
    assert "path=/api/v1/commitments/PE0001\\r\\npermission refused user=admin/status-updates/" in (
        line
    )

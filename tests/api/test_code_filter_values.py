"""Every code filter (member, country, action_plan, ...) on every list endpoint answers a value
with a "%" in it as a 400 naming the parameter, never a 500 (issue 13)."""

from __future__ import annotations

import pytest
from django.urls import URLPattern

from commitments.api.strict_filters import CodeFilter
from ogptracker.api_urls import v1_patterns


def _code_filter_pairs() -> list[tuple[str, str]]:
    """(path, filter name) for every list route of /api/v1/ whose FilterSet has a CodeFilter."""
    pairs = []
    for pattern in v1_patterns:
        if not isinstance(pattern, URLPattern) or pattern.pattern.regex.groups:
            continue
        view = getattr(pattern.callback, "cls", None)
        filterset = getattr(view, "filterset_class", None)
        if filterset is None:
            continue
        route = str(pattern.pattern).lstrip("^").rstrip("$")
        for name, declared in filterset.base_filters.items():
            if isinstance(declared, CodeFilter):
                pairs.append((f"/api/v1/{route}", name))
    # The HTML index pages filter with the same FilterSets.
    pairs += [("/commitments/", "member"), ("/organizations/", "member")]
    return sorted(set(pairs))


PAIRS = _code_filter_pairs()


def test_the_walk_finds_the_code_filters_of_every_endpoint():
    paths = {path for path, _name in PAIRS}
    assert {
        "/api/v1/commitments/",
        "/api/v1/commitments/export.csv",
        "/api/v1/assessments/",
        "/api/v1/action-plans/",
        "/api/v1/members/",
        "/api/v1/organizations/",
        "/api/v1/indicators/",
        "/api/v1/plan-warnings/",
    } <= paths
    assert len(PAIRS) > 20


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["%", "100%", "%(value)s", "%d", "%s%s"])
@pytest.mark.parametrize(("path", "name"), PAIRS)
def test_a_percent_in_a_code_filter_is_a_400_not_a_500(client, path, name, value):
    response = client.get(path, {name: value})

    assert response.status_code in (400, 200), response.status_code
    if path.startswith("/api/"):
        assert response.status_code == 400
        assert value in response.json()[name][0]
    else:
        assert value.encode() in response.content

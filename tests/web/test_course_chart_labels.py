"""The course charts' labels stay clear of what they label: a commitment's levels and the plan's
percentages are written in a gutter left of the plotted lines (they used to sit at the right end,
on the lines, where every track ends), and the IRM reports' labels take turns on two rows above
the plot, each written away from the chart's edge, so none runs off the chart or over its
neighbour. The phone's larger text is CSS (static/css/app.css), checked by screenshots."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def chart(page: str) -> str:
    return re.search(r'<svg class="course-chart".*?</svg>', page, flags=re.S).group(0)


def plotted_xs(svg: str) -> list[float]:
    """The x of every point of the plotted tracks and of the grid lines' starts."""
    xs = [
        float(p.split(",")[0]) for pts in re.findall(r'points="([^"]*)"', svg) for p in pts.split()
    ]
    xs += [float(x) for x in re.findall(r'<line x1="([^"]+)"', svg)]
    return xs


def label_xs(svg: str) -> list[float]:
    return [float(x) for x in re.findall(r'<text class="level-label" x="([^"]+)"', svg)]


def marker_labels(svg: str) -> list[tuple[float, float, str]]:
    """(x, y, text-anchor) of each report label, left to right."""
    found = re.findall(
        r'<g class="report-marker">.*?<text x="([^"]+)" y="([^"]+)"[^>]*text-anchor="([^"]+)"',
        svg,
        flags=re.S,
    )
    return [(float(x), float(y), anchor) for x, y, anchor in found]


@pytest.mark.parametrize("language", ["es", "en"])
def test_commitment_chart_names_its_levels_left_of_the_plotted_lines(
    client, reported_plan, language
):
    _, first = reported_plan
    page = client.get(f"/commitments/{first.ogp_id}/", HTTP_ACCEPT_LANGUAGE=language)
    svg = chart(page.content.decode())
    labels = label_xs(svg)
    assert len(labels) == 8  # no data, the five levels of the scale, withdrawn, unclear
    assert max(labels) < min(plotted_xs(svg)) - 100  # a gutter a level's name fits in


def test_plan_chart_names_its_percentages_left_of_the_plotted_lines(client, reported_plan):
    plan, _ = reported_plan
    svg = chart(client.get(f"/plans/{plan.ogp_id}/", HTTP_ACCEPT_LANGUAGE="en").content.decode())
    labels = label_xs(svg)
    assert len(labels) == 3  # 100%, 50%, 0%
    assert max(labels) < min(plotted_xs(svg)) - 40


@pytest.mark.parametrize("path", ["/plans/{plan}/", "/commitments/{commitment}/"])
def test_report_labels_take_turns_on_two_rows_and_never_run_off_the_chart(
    client, reported_plan, path
):
    plan, first = reported_plan
    url = path.format(plan=plan.ogp_id, commitment=first.ogp_id)
    svg = chart(client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode())
    left = min(float(x) for x in re.findall(r'<line x1="([^"]+)"', svg))
    right = max(float(x) for x in re.findall(r'<line x1="[^"]+" y1="[^"]+" x2="([^"]+)"', svg))
    third = (right - left) / 3
    top = min(float(y) for y in re.findall(r'class="report-line" x1="[^"]+" y1="([^"]+)"', svg))
    (x1, y1, anchor1), (x2, y2, anchor2) = marker_labels(svg)
    assert y1 != y2 and max(y1, y2) < top  # two rows, both above the plot
    for x, anchor in ((x1, anchor1), (x2, anchor2)):
        # Near an edge a label is written away from it; in the middle, centred.
        expected = "start" if x < left + third else "end" if x > right - third else "middle"
        assert anchor == expected, (x, anchor)

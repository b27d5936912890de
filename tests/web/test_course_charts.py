"""The plan's course chart marks the IRM report publications; the plan page shows the IRM figures on
both bases when both reports exist; the commitment page draws the same timeline for one commitment.
Every SVG coordinate is locale-free in Spanish and English, with no inline style."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db

NUMBER = r"-?\d+(?:\.\d+)?"


def svgs(page: str) -> list[str]:
    return re.findall(r"<svg.*?</svg>", page, flags=re.S)


def assert_locale_free(svg: str) -> None:
    coordinates = re.findall(r'\s(?:x|y|x1|x2|y1|y2|cx|cy|r|width|height)="([^"]*)"', svg)
    assert coordinates and all(re.fullmatch(NUMBER + "%?", c) for c in coordinates), coordinates
    for points in re.findall(r'\spoints="([^"]*)"', svg):
        assert all(re.fullmatch(f"{NUMBER},{NUMBER}", p) for p in points.split()), points
    assert 'style="' not in svg


@pytest.mark.parametrize("language", ["es", "en"])
def test_plan_course_marks_each_report_publication(client, reported_plan, language):
    plan, _ = reported_plan
    page = client.get(f"/plans/{plan.ogp_id}/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    [chart] = [svg for svg in svgs(page) if "course-chart" in svg]
    assert_locale_free(chart)
    markers = re.findall(r'<g class="report-marker">.*?</g>', chart, flags=re.S)
    assert len(markers) == 2  # the progress report and the year-only end-of-term report
    # The same x for the same publication in both languages: written without the locale.
    xs = [re.search(r'x1="([^"]+)"', marker).group(1) for marker in markers]
    assert all(re.fullmatch(NUMBER, x) for x in xs) and xs == sorted(xs, key=float)


def test_plan_page_shows_both_irm_bases_and_says_a_year_only_report_counts_from_year_end(
    client, reported_plan
):
    plan, _ = reported_plan
    page = client.get(f"/plans/{plan.ogp_id}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    bases = re.search(r'<section class="irm-bases".*?</section>', page, flags=re.S).group(0)
    assert "The IRM progress report" in bases and "The IRM end-of-term report" in bases
    assert "2015 (counted from 31 December 2015)" in bases
    assert "IRM end-of-term report" in page and "counted from 31 December 2015" in page


def test_a_plan_with_one_report_shows_no_bases_table(client, reported_plan):
    plan, _ = reported_plan
    plan.irm_reports.filter(kind="end_of_term").delete()
    page = client.get(f"/plans/{plan.ogp_id}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'class="irm-bases"' not in page


@pytest.mark.parametrize("language", ["es", "en"])
def test_commitment_page_draws_its_own_timeline_with_report_markers(
    client, reported_plan, language
):
    _, first = reported_plan
    page = client.get(f"/commitments/{first.ogp_id}/", HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    text = page.content.decode()
    section = re.search(r'<section class="plan-course commitment-course".*?</section>', text, re.S)
    assert section is not None
    [chart] = svgs(section.group(0))
    assert_locale_free(chart)
    assert len(re.findall(r'<g class="report-marker">', chart)) == 2
    # Both tracks drawn as steps: civil society from its update, the IRM from each report.
    assert 'stroke="#1f5fa8"' in chart and 'stroke="#c0621b"' in chart


def test_commitment_timeline_table_reads_the_levels_in_order(client, reported_plan):
    _, first = reported_plan
    text = client.get(f"/commitments/{first.ogp_id}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    section = re.search(r'<section class="plan-course commitment-course".*?</section>', text, re.S)
    cells = re.findall(
        r'<tr><th scope="row" class="card-title">[^<]*</th><td data-label="IRM">([^<]*)</td>'
        r'<td data-label="Civil society">([^<]*)</td><td data-label="Government">([^<]*)</td></tr>',
        section.group(0),
    )
    irm = [c[0] for c in cells]
    assert irm[0] == "No data" and "Limited" in irm and irm[-1] == "Complete"
    assert cells[-1][1] == "Limited"
    assert cells[-1][2] == "No data"  # the government has not reported

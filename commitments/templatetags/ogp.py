"""Template helpers for the public pages: rates in words, completion badges, the SVG chart, API links."""

from __future__ import annotations

import datetime

from django import template
from django.urls import reverse
from django.utils.formats import date_format, number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from commitments.figure_values import CompletionFigures, Rate, TrackDates, TrackFigures
from commitments.models import CompletionLevel
from commitments.models import public_name as _public_name
from commitments.models.vocab import FIGURE_KEYS, NO_DATA

register = template.Library()


def level_label(key: str) -> str:
    if key in ("", NO_DATA, None):
        return _("No data")
    return str(CompletionLevel(key).label)


@register.filter
def completion_label(key: str) -> str:
    """A completion level in words ("No data" when there is none)."""
    return level_label(key)


@register.simple_tag
def completion_badge(key: str) -> SafeString:
    css = key if key else NO_DATA
    return format_html('<span class="badge level-{}">{}</span>', css, level_label(key))


@register.simple_tag
def rate(value: Rate) -> str:
    """ "2 of 48 (4.2%)", with numbers in the active locale."""
    percent = value.percent
    shown = "—" if percent is None else f"{number_format(percent, 1)}\xa0%"
    return _("%(numerator)s of %(denominator)s (%(percent)s)") % {
        "numerator": number_format(value.numerator),
        "denominator": number_format(value.denominator),
        "percent": shown,
    }


@register.simple_tag
def coverage(track: TrackFigures, *, irm: bool = False) -> str:
    """ "reported on 5 of 48" (civil society) or "assessed 15 of 48" (the IRM): a rate's coverage."""
    rate = track.coverage_rate
    numbers = {
        "numerator": number_format(rate.numerator),
        "denominator": number_format(rate.denominator),
    }
    if irm:
        return _("assessed %(numerator)s of %(denominator)s") % numbers
    return _("reported on %(numerator)s of %(denominator)s") % numbers


@register.simple_tag
def as_of(dates: TrackDates | None, track: str) -> str:
    """What a track's figures date from, in the page's language: "as of 5 December 2026" (the
    government and civil society: each one's latest status update; the IRM: its latest published
    report). Which reports the IRM
    counts come from is the figure's own `irm_basis` (`irm_basis_line`/`irm_basis_short`)."""
    dates = dates or TrackDates()
    if track != "irm":
        day = dates.government_as_of if track == "government" else dates.self_reported_as_of
        if day is None:
            return _("no status update yet")
        return _("as of %(date)s") % {"date": date_format(day, "DATE_FORMAT")}
    report = dates.irm_report
    if report is None:
        return _("no published IRM report yet")
    if report.published_on:
        return _("as of %(date)s") % {"date": date_format(report.published_on, "DATE_FORMAT")}
    return _("published in %(year)s") % {"year": report.publication_year}


@register.filter
def iso_date(value: str | datetime.date | None) -> datetime.date | None:
    """An ISO date kept as text (warning facts, JSON) as a date, for the `date` filter."""
    if not value or isinstance(value, datetime.date):
        return value or None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


@register.filter
def minutes(value: datetime.timedelta) -> int:
    """A duration in whole minutes, rounded up ("15", not "0:15:00")."""
    return max(1, -(-int(value.total_seconds()) // 60))


def milestone_overdue(milestone, today: datetime.date | None = None) -> bool:
    """Past its due date and not met: the rule of Milestone.objects.overdue_on(day), for one row."""
    return milestone.is_past_due(today)


@register.filter
def overdue(milestone) -> bool:
    return milestone_overdue(milestone)


@register.simple_tag
def api_links(path: str) -> SafeString:
    """Links to the same data in the public API, as JSON and as CSV."""
    joiner = "&" if "?" in path else "?"
    return format_html(
        '<span class="api-links">{} <a href="{}{}format=json">JSON</a> · '
        '<a href="{}{}format=csv">CSV</a></span>',
        _("Same data in the API:"),
        path,
        joiner,
        path,
        joiner,
    )


@register.simple_tag
def download_links(name: str, query: str = "") -> SafeString:
    """Links to a list as files for people (translated columns, each row's page): CSV and Excel.
    `name` is one of ogptracker/download_urls.py's lists; `query` the page's filters."""
    suffix = f"?{query}" if query else ""
    return format_html(
        '<span class="download-links"><a href="{}{}" download>CSV</a> · '
        '<a href="{}{}" download>Excel</a></span>',
        reverse(f"downloads:{name}-csv"),
        suffix,
        reverse(f"downloads:{name}-xlsx"),
        suffix,
    )


# Chart geometry, in SVG user units. Kept narrow so labels stay legible at phone width.
_LABEL_W, _BAR_W, _NUM_W = 150, 210, 40
_BAR_H, _GAP = 11, 9


@register.simple_tag
def completion_chart(figures: CompletionFigures, chart_id: str = "chart") -> SafeString:
    """Side-by-side bars of the three tracks at each completion level, drawn on the server as SVG."""
    tracks = (
        ("irm", _("IRM")),
        ("civil_society", _("Civil society")),
        ("government", _("Government")),
    )
    largest = max(
        [figures.track(name).counts[key] for name, _label in tracks for key in FIGURE_KEYS] + [1]
    )
    row_h = _BAR_H * len(tracks) + _GAP
    legend_h = 24
    height = legend_h + row_h * len(FIGURE_KEYS)
    width = _LABEL_W + _BAR_W + _NUM_W
    parts = []
    for i, (name, label) in enumerate(tracks):
        x = 4 + i * 130
        parts.append(
            format_html(
                '<rect class="bar-{}" x="{}" y="4" width="12" height="12"/>'
                '<text x="{}" y="14">{}</text>',
                name,
                x,
                x + 16,
                label,
            )
        )
    for row, key in enumerate(FIGURE_KEYS):
        top = legend_h + row * row_h
        parts.append(
            format_html(
                '<text class="chart-label" x="{}" y="{}" text-anchor="end">{}</text>',
                _LABEL_W - 6,
                top + _BAR_H + 3,
                level_label(key),
            )
        )
        for i, (name, _label) in enumerate(tracks):
            count = figures.track(name).counts[key]
            bar = round(_BAR_W * count / largest, 1)
            y = top + i * _BAR_H
            parts.append(
                format_html(
                    '<rect class="bar-{}" x="{}" y="{}" width="{}" height="{}">'
                    "<title>{}: {}, {}</title></rect>"
                    '<text class="chart-count" x="{}" y="{}">{}</text>',
                    name,
                    _LABEL_W,
                    y,
                    bar,
                    _BAR_H - 1,
                    _label,
                    level_label(key),
                    number_format(count),
                    _LABEL_W + bar + 4,
                    y + _BAR_H - 2,
                    number_format(count),
                )
            )
    title = _(
        "Commitments at each completion level: the IRM, civil society and the government side by "
        "side"
    )
    return format_html(
        '<svg class="chart" id="{}" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{}-title">{}</title>{}</svg>',
        chart_id,
        width,
        height,
        chart_id,
        chart_id,
        title,
        format_html_join("", "{}", ((p,) for p in parts)),
    )


@register.simple_tag
def figure_keys() -> tuple[str, ...]:
    return FIGURE_KEYS


@register.filter
def count_of(track, key: str) -> int:
    return track.counts[key]


@register.filter
def public_name(user) -> str:
    """A person as public pages name them: their full name, never their login name."""
    return _public_name(user) if user is not None else ""

"""Template helpers for the public pages: they format what the views give them and never query.
Rates and levels in words, completion badges, the bar chart, API and download links, the follow
button, the change history, which IRM reports a figure counts from."""

from __future__ import annotations

import datetime

from django import template
from django.urls import reverse
from django.utils.formats import date_format, number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext as _

from commitments.charts.bars import completion_bars
from commitments.charts.course import report_label
from commitments.figures.values import CompletionFigures, Rate, TrackDates, TrackFigures
from commitments.models import Follow
from commitments.models import public_name as _public_name
from commitments.models.vocab import FIGURE_KEYS, NO_DATA, level_label

register = template.Library()


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
def track_rate(track: TrackFigures, which: str, *, irm: bool = False) -> str:
    """A track's `complete` or `high_completion` rate ("2 of 48 (4.2%)"); a track that has said
    nothing about any commitment yet has no finding, not a rate of 0 %."""
    if not track.coverage_rate.numerator:
        return _("no IRM finding yet") if irm else _("nothing reported yet")
    return rate(getattr(track, f"{which}_rate"))


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


@register.filter
def overdue(milestone) -> bool:
    """Past its due date and not met: the rule of Milestone.objects.overdue_on(day), for one row."""
    return milestone.is_past_due()


@register.simple_tag
def api_links(path: str, label: str = "") -> SafeString:
    """Links to the same data in the public API, as JSON and as CSV. `label` names what they give
    ("Indicators in the API:") where a page gives several lists; one line reads as one sentence."""
    joiner = "&" if "?" in path else "?"
    return format_html(
        '<span class="api-links">{} <a href="{}{}format=json">JSON</a> · '
        '<a href="{}{}format=csv">CSV</a></span>',
        label or _("Same data in the API:"),
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


@register.simple_tag
def completion_chart(figures: CompletionFigures, chart_id: str = "chart") -> SafeString:
    """Side-by-side bars of the three tracks at each completion level (commitments.charts)."""
    return completion_bars(figures, chart_id)


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


FEEDS = {
    "commitment": ("commitments:feed_commitment", "ogp_id"),
    "plan": ("commitments:feed_plan", "ogp_id"),
    "organization": ("commitments:feed_organization", "slug"),
}


@register.inclusion_tag("follows/button.html", takes_context=True)
def follow_button(context: template.Context, kind: str, key: str, follow: Follow | None) -> dict:
    """A follow/unfollow form for logged-in users (`follow`: theirs, found by the page's view), and
    the Atom feed link for all."""
    request = context.get("request")
    feed_view, kwarg = FEEDS[kind]
    return {
        "kind": kind,
        "key": key,
        "follow": follow,
        "user": context.get("user"),
        "next": request.get_full_path() if request is not None else "",
        "feed_url": reverse(feed_view, kwargs={kwarg: key}),
        "frequencies": Follow.Frequency.choices,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("commitments/_change_history.html")
def change_history(history: dict) -> dict:
    """The public change history block of a commitment page (commitments.audit)."""
    return history


@register.simple_tag
def irm_basis_line(figures) -> str:
    """Which IRM reports a group's IRM counts come from, in words: each report's kind, its
    publication (a year-only one: counted from 31 December) and how many commitments it rates.
    Blank when no report rates any of them."""
    basis = getattr(figures, "irm_basis", None)
    if basis is None or not basis.reports:
        return ""
    parts = []
    for report in basis.reports:
        label = report_label(report.kind)
        if report.published_on:
            part = ngettext(
                "%(report)s, published %(date)s: %(count)s commitment",
                "%(report)s, published %(date)s: %(count)s commitments",
                report.commitment_count,
            ) % {
                "report": label,
                "date": date_format(report.published_on, "DATE_FORMAT"),
                "count": report.commitment_count,
            }
        else:
            part = ngettext(
                "%(report)s, published in %(year)s (counted from %(day)s): %(count)s commitment",
                "%(report)s, published in %(year)s (counted from %(day)s): %(count)s commitments",
                report.commitment_count,
            ) % {
                "report": label,
                "year": report.publication_year,
                "day": date_format(report.counts_from, "DATE_FORMAT"),
                "count": report.commitment_count,
            }
        parts.append(part)
    return gettext("IRM counts from: %(reports)s.") % {"reports": "; ".join(parts)}


@register.simple_tag
def irm_basis_short(figures) -> str:
    """`irm_basis_line` for a table cell: each report's kind and year."""
    basis = getattr(figures, "irm_basis", None)
    if basis is None or not basis.reports:
        return ""
    reports = ", ".join(
        f"{report_label(r.kind)} {r.published_on.year if r.published_on else r.publication_year}"
        for r in basis.reports
    )
    return gettext("From: %(reports)s") % {"reports": reports}

"""A group's completion bars: the three tracks side by side, one row per level."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from ..figures.values import CompletionFigures
from ..models.vocab import FIGURE_KEYS, level_label

# The completion bars of a group: the three tracks side by side.

# Chart geometry, in SVG user units. Kept narrow so labels stay legible at phone width.
_LABEL_W, _BAR_W, _NUM_W = 150, 210, 40
_BAR_H, _GAP = 11, 9


def completion_bars(figures: CompletionFigures, chart_id: str = "chart") -> SafeString:
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

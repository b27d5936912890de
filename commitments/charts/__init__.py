"""The charts of the public pages, drawn on the server as SVG (no script, nothing from a CDN): a
group's completion bars (bars.py), a plan's and a commitment's course over time (course.py), an
indicator's readings (indicator.py).

Every SVG coordinate is written as locale-free text: a Spanish page must never write `110,0`.
Templates draw what these return; they compute nothing."""

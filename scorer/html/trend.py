"""The self-assessment trend chart: the clinician's WAI-T item means over sessions, drawn in Python.

Same conventions as ``scorer.html.charts``: inline SVG, ``role="img"`` with a ``<title>`` and a ``<desc>``
that state the numbers, colours as presentation attributes that the site's CSS overrides through
``wai-chart-*``/``wai-trend-*`` classes, and no ``style`` attribute (the site's CSP forbids it).
Series differ by marker shape and dash pattern as well as colour, so colour is never the only cue.

Kept in its own module so it can be written while ``scorer.html.charts`` changes; ``charts.trend_svg``
forwards here. It reads the history entries of ``scorer.core.history`` (plain dicts).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..core.compare import rescale
from ..core.forms import get_form
from ..core.numbers import coordinate as num
from ..core.numbers import mean
from .markup import escape

__all__ = ["SERIES", "trend_svg"]

#: (series id, legend text, where the value comes from, marker, dash pattern, colour)
SERIES: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("total", "Your total", "therapist", "circle", "", "#00796b"),
    ("goal", "Goal", "therapist", "triangle", "6 3", "#3949ab"),
    ("task", "Task", "therapist", "diamond", "2 3", "#6d4c41"),
    ("bond", "Bond", "therapist", "cross", "8 3 2 3", "#ad1457"),
    ("patient", "Patient total", "patient", "square", "1 0", "#e65100"),
)

_WIDTH, _LEFT, _RIGHT = 560, 44, 20
_TOP = 44  # the legend
_PLOT_H = 200
_AXIS_H = 40
_LO, _HI = 1, 7
_MAX_LABELS = 8


def _entries(history: Any) -> list[Mapping[str, Any]]:
    if isinstance(history, Mapping):
        history = history.get("entries", [])
    if not isinstance(history, Sequence) or isinstance(history, str):
        raise TypeError("trend_svg needs a history {v, entries} or a list of entries")
    return [e for e in history if isinstance(e, Mapping)]


def _value(entry: Mapping[str, Any], series: str, source: str) -> float | None:
    """The series' item mean on the 1-7 metric (a WAI-SR total, on 1-5, is rescaled)."""
    if source == "therapist":
        means = entry.get("therapist_means") or {}
        value = means.get(series)
        return float(value) if isinstance(value, int | float) else None
    means, form_id = entry.get("patient_means"), entry.get("patient_form")
    if not means or not form_id or not isinstance(means.get("total"), int | float):
        return None
    scale = get_form(form_id).scale
    total = float(means["total"])
    return total if (scale.min, scale.max) == (_LO, _HI) else rescale(total, scale.min, scale.max)


def _marker(shape: str, x: float, y: float, attrs: str) -> str:
    if shape == "circle":
        return f'<circle cx="{num(x)}" cy="{num(y)}" r="5"{attrs}/>'
    if shape == "square":
        return f'<rect x="{num(x - 4.5)}" y="{num(y - 4.5)}" width="9" height="9"{attrs}/>'
    if shape == "triangle":
        pts = f"{num(x)},{num(y - 5.5)} {num(x + 5)},{num(y + 4)} {num(x - 5)},{num(y + 4)}"
        return f'<polygon points="{pts}"{attrs}/>'
    if shape == "diamond":
        corners = ((0, -5.5), (5.5, 0), (0, 5.5), (-5.5, 0))
        pts = " ".join(f"{num(x + dx)},{num(y + dy)}" for dx, dy in corners)
        return f'<polygon points="{pts}"{attrs}/>'
    # cross: a plus sign drawn as a polygon so it takes a fill like the others
    a, b = 1.8, 5
    pts = " ".join(
        f"{num(x + dx)},{num(y + dy)}"
        for dx, dy in ((-a, -b), (a, -b), (a, -a), (b, -a), (b, a), (a, a), (a, b), (-a, b),
                       (-a, a), (-b, a), (-b, -a), (-a, -a))
    )
    return f'<polygon points="{pts}"{attrs}/>'


def trend_svg(history: Any, *, uid: str = "wai-trend") -> str:
    """One point per saved session (per series), oldest on the left; y is the item mean on 1-7."""
    entries = _entries(history)
    n = len(entries)
    x0, x1 = _LEFT, _WIDTH - _RIGHT
    y_bottom = _TOP + _PLOT_H
    height = y_bottom + _AXIS_H

    def x_of(index: int) -> float:
        return (x0 + x1) / 2 if n == 1 else x0 + 12 + index * (x1 - x0 - 24) / (n - 1)

    def y_of(value: float) -> float:
        value = min(max(value, _LO), _HI)
        return y_bottom - (value - _LO) / (_HI - _LO) * _PLOT_H

    body: list[str] = []
    for tick in range(_LO, _HI + 1):
        y = num(y_of(tick))
        body.append(f'<line class="wai-chart-grid" x1="{x0}" y1="{y}" x2="{x1}" y2="{y}" '
                    'stroke="#bdbdbd" stroke-width="1" stroke-dasharray="2 3"/>')
        body.append(f'<text class="wai-chart-tick" x="{x0 - 8}" y="{num(y_of(tick) + 4)}" text-anchor="end" '
                    f'font-size="12" fill="currentColor">{tick}</text>')
    body.append(f'<line class="wai-chart-axis" x1="{x0}" y1="{y_bottom}" x2="{x1}" y2="{y_bottom}" '
                'stroke="#757575" stroke-width="1"/>')
    step = max(1, -(-n // _MAX_LABELS))
    for index, entry in enumerate(entries):
        if index % step and index != n - 1:
            continue
        body.append(
            f'<text class="wai-chart-tick" x="{num(x_of(index))}" y="{y_bottom + 16}" text-anchor="middle" '
            f'font-size="11" fill="currentColor">{escape(str(entry.get("date", "")))}</text>'
        )
    body.append(
        f'<text class="wai-chart-label" x="{num((x0 + x1) / 2)}" y="{y_bottom + 34}" text-anchor="middle" '
        f'font-size="12" fill="currentColor">session date (oldest on the left); y: item mean, 1 to 7</text>'
    )

    legend_x = x0
    present = [s for s in SERIES if any(_value(e, s[0], s[2]) is not None for e in entries)]
    for series, label, _source, shape, _dash, colour in present:
        key = f' class="wai-trend-key wai-trend-{series}" fill="{colour}"'
        body.append(_marker(shape, legend_x + 6, 16, key))
        body.append(
            f'<text x="{legend_x + 15}" y="20" font-size="12" fill="currentColor">{escape(label)}</text>'
        )
        legend_x += 20 + 7 * len(label) + 14

    latest: list[str] = []
    for series, label, source, shape, dash, colour in present:
        points = [(i, _value(e, series, source)) for i, e in enumerate(entries)]
        known = [(i, v) for i, v in points if v is not None]
        if len(known) > 1:
            path = " ".join(f"{num(x_of(i))},{num(y_of(v))}" for i, v in known)
            dashes = f' stroke-dasharray="{dash}"' if dash and dash != "1 0" else ""
            width = 3 if series == "total" else 2
            body.append(f'<polyline class="wai-trend-line wai-trend-{series}" points="{path}" fill="none" '
                        f'stroke="{colour}" stroke-width="{width}"{dashes}/>')
        for i, v in known:
            entry_id = escape(str(entries[i].get("id", "")), quote=True)
            title = f"{entries[i].get('date', '')}: {label} {mean(v)}"
            body.append(
                f'<g class="wai-trend-point wai-trend-{series}" data-series="{series}" '
                f'data-entry="{entry_id}">'
                + _marker(shape, x_of(i), y_of(v), f' fill="{colour}"')
                + f"<title>{escape(title)}</title></g>"
            )
        if known and known[-1][0] == n - 1:
            latest.append(f"{label} {mean(known[-1][1])}")

    if n == 0:
        desc = "No sessions saved yet."
    else:
        first, last = entries[0].get("date", ""), entries[-1].get("date", "")
        desc = (f"Item means on the 1 to 7 metric over {n} saved session{'s' if n != 1 else ''}, "
                f"from {first} to {last}.")
        if latest:
            desc += f" Latest session ({last}): " + ", ".join(latest) + "."
        if any(s[0] == "patient" for s in present):
            desc += " Patient totals from the 1 to 5 WAI-SR are rescaled to 1 to 7."
    uid = escape(uid, quote=True)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="wai-chart wai-chart-trend" role="img" '
        f'viewBox="0 0 {_WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{uid}-title {uid}-desc" font-family="sans-serif" data-points="{n}">'
        f'<title id="{uid}-title">Your WAI-T item means over your saved sessions</title>'
        f'<desc id="{uid}-desc">{escape(desc)}</desc>' + "".join(body) + "</svg>"
    )

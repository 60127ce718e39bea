"""SVG charts drawn in Python, so the build and the browser worker draw the same picture.

Every chart is inline SVG with no external reference (no fonts, images or scripts), carries
``role="img"`` and a ``<title>``/``<desc>`` that state the numbers, so a screen reader gets the data
the picture shows. Colours come from presentation attributes that ``docs/css/extra.css`` overrides
with the theme's variables (classes ``wai-chart-*``); no ``style`` attribute, so a strict
Content-Security-Policy does not block anything.

Charts take the plain dicts of ``Result.to_dict()`` / ``Comparison.to_dict()`` (or the objects,
which are converted), so the worker can pass JSON straight through.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..core.answers import PARTS, part_label
from ..core.numbers import coordinate as num
from ..core.numbers import mean as _fmt
from ..core.numbers import signed
from .markup import escape
from .trend import trend_svg as draw_trend

__all__ = ["discrepancy_svg", "profile_svg", "trend_svg"]

ROWS: tuple[tuple[str, str], ...] = tuple((part, part_label(part)) for part in PARTS)

_WIDTH = 560
_LEFT = 70  # room for the row labels
_RIGHT = 60  # room for the value labels
_TOP = 16
_ROW_H = 40
_AXIS_H = 36


def _as_dict(obj: Any) -> Mapping[str, Any]:
    if isinstance(obj, Mapping):
        return obj
    to_dict = getattr(obj, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    raise TypeError(f"expected a mapping or an object with to_dict(), not {type(obj).__name__}")


class _Axis:
    """Maps a value on the scale ``lo``..``hi`` to an x coordinate."""

    def __init__(self, lo: float, hi: float) -> None:
        self.lo, self.hi = lo, hi
        self.x0, self.x1 = _LEFT, _WIDTH - _RIGHT

    def x(self, value: float) -> float:
        value = min(max(value, self.lo), self.hi)
        return self.x0 + (value - self.lo) / (self.hi - self.lo) * (self.x1 - self.x0)

    def svg(self, y: float, label: str) -> list[str]:
        out = [
            f'<line class="wai-chart-axis" x1="{num(self.x0)}" y1="{num(y)}" x2="{num(self.x1)}" '
            f'y2="{num(y)}" stroke="#757575" stroke-width="1"/>'
        ]
        for tick in range(int(self.lo), int(self.hi) + 1):
            x = num(self.x(tick))
            out.append(
                f'<line class="wai-chart-grid" x1="{x}" y1="{_TOP}" x2="{x}" y2="{num(y)}" '
                f'stroke="#bdbdbd" stroke-width="1" stroke-dasharray="2 3"/>'
            )
            out.append(
                f'<text class="wai-chart-tick" x="{x}" y="{num(y + 14)}" text-anchor="middle" '
                f'font-size="12" fill="currentColor">{tick}</text>'
            )
        out.append(
            f'<text class="wai-chart-label" x="{num((self.x0 + self.x1) / 2)}" y="{num(y + 30)}" '
            f'text-anchor="middle" font-size="12" fill="currentColor">{escape(label)}</text>'
        )
        return out


def _frame(uid: str, cls: str, height: float, title: str, desc: str, body: list[str]) -> str:
    uid = escape(uid, quote=True)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="wai-chart {cls}" role="img" '
        f'viewBox="0 0 {_WIDTH} {num(height)}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{uid}-title {uid}-desc" font-family="sans-serif">'
        f'<title id="{uid}-title">{escape(title)}</title>'
        f'<desc id="{uid}-desc">{escape(desc)}</desc>' + "".join(body) + "</svg>"
    )


def _row_label(y: float, text: str, *, bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text class="wai-chart-row" x="{_LEFT - 8}" y="{num(y + 4)}" text-anchor="end" font-size="13" '
        f'fill="currentColor"{weight}>{escape(text)}</text>'
    )


def profile_svg(result: Any, *, uid: str = "wai-profile") -> str:
    """Bars of the item means (Goal, Task, Bond, Total) on the form's own scale."""
    data = _as_dict(result)
    lo, hi = data["scale"]["min"], data["scale"]["max"]
    axis = _Axis(lo, hi)
    form = str(data.get("form", "")).upper()
    rows = [(label, (data["total"] if key == "total" else data["subscales"][key]).get("mean"))
            for key, label in ROWS]
    height = _TOP + _ROW_H * len(rows) + _AXIS_H
    body: list[str] = []
    for index, (label, mean) in enumerate(rows):
        y = _TOP + _ROW_H * index + _ROW_H / 2
        body.append(_row_label(y, label, bold=label == "Total"))
        if mean is None:
            body.append(
                f'<text class="wai-chart-value" x="{num(axis.x0 + 4)}" y="{num(y + 4)}" font-size="12" '
                f'fill="currentColor">not scorable (too many missing answers)</text>'
            )
            continue
        x_end = axis.x(mean)
        cls = "wai-chart-bar wai-chart-total" if label == "Total" else "wai-chart-bar"
        body.append(
            f'<rect class="{cls}" x="{num(axis.x0)}" y="{num(y - 10)}" '
            f'width="{num(max(x_end - axis.x0, 1))}" height="20" fill="#00796b"/>'
        )
        body.append(
            f'<text class="wai-chart-value" x="{num(x_end + 6)}" y="{num(y + 4)}" font-size="12" '
            f'fill="currentColor">{_fmt(mean)}</text>'
        )
    body.extend(axis.svg(_TOP + _ROW_H * len(rows), f"item mean ({lo} to {hi})"))
    title = f"{form} profile: item means by subscale"
    desc = f"Item means on the {lo} to {hi} scale: " + ", ".join(
        f"{label} {_fmt(mean)}" for label, mean in rows
    ) + "."
    return _frame(uid, "wai-chart-profile", height, title, desc, body)


def _comparison_rows(data: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    """``Comparison.to_dict()``'s parts in table order: the subscales, then the total."""
    return [(label, data["total"] if key == "total" else data["subscales"][key]) for key, label in ROWS]


def discrepancy_svg(comparison: Any, *, uid: str = "wai-discrepancy") -> str:
    """Patient (circle) and therapist (square) item means per subscale, joined by a line.

    Rows whose gap reaches the threshold are marked with a bold label and the word "flagged", so
    the mark does not depend on colour.
    """
    data = _as_dict(comparison)
    scale = data.get("scale") or {"min": 1, "max": 7}
    lo, hi = scale["min"], scale["max"]
    axis = _Axis(lo, hi)
    rows = _comparison_rows(data)
    legend_h = 22
    height = _TOP + legend_h + _ROW_H * len(rows) + _AXIS_H
    body: list[str] = [
        f'<circle class="wai-chart-patient" cx="{_LEFT + 6}" cy="{_TOP + 4}" r="6" fill="#00796b"/>',
        f'<text x="{_LEFT + 16}" y="{_TOP + 8}" font-size="12" fill="currentColor">patient</text>',
        f'<rect class="wai-chart-therapist" x="{_LEFT + 90}" y="{_TOP - 2}" width="12" height="12" '
        f'fill="#3949ab"/>',
        f'<text x="{_LEFT + 108}" y="{_TOP + 8}" font-size="12" fill="currentColor">therapist</text>',
    ]
    parts = []
    for index, (label, row) in enumerate(rows):
        y = _TOP + legend_h + _ROW_H * index + _ROW_H / 2
        patient = row["patient_mean"]
        therapist = row["therapist_mean"]
        diff = row.get("difference")
        flagged = bool(row.get("flagged"))
        body.append(_row_label(y, label, bold=flagged))
        if patient is None or therapist is None:
            body.append(
                f'<text class="wai-chart-value" x="{num(axis.x0 + 4)}" y="{num(y + 4)}" font-size="12" '
                f'fill="currentColor">not scorable</text>'
            )
            parts.append(f"{label}: not scorable")
            continue
        xp, xt = axis.x(patient), axis.x(therapist)
        line_cls = "wai-chart-gap wai-chart-flagged" if flagged else "wai-chart-gap"
        stroke = "#c62828" if flagged else "#757575"
        body.append(
            f'<line class="{line_cls}" x1="{num(xp)}" y1="{num(y)}" x2="{num(xt)}" y2="{num(y)}" '
            f'stroke="{stroke}" stroke-width="{3 if flagged else 2}"/>'
        )
        body.append(
            f'<circle class="wai-chart-patient" cx="{num(xp)}" cy="{num(y)}" r="7" fill="#00796b"/>'
        )
        body.append(
            f'<rect class="wai-chart-therapist" x="{num(xt - 6)}" y="{num(y - 6)}" width="12" '
            f'height="12" fill="#3949ab"/>'
        )
        gap = "" if diff is None else signed(diff)
        mark = " flagged" if flagged else ""
        weight = ' font-weight="bold"' if flagged else ""
        body.append(
            f'<text class="wai-chart-value" x="{_WIDTH - _RIGHT + 6}" y="{num(y + 4)}" font-size="12" '
            f'fill="currentColor"{weight}>{gap}{mark}</text>'
        )
        parts.append(
            f"{label}: patient {_fmt(patient)}, therapist {_fmt(therapist)}, difference {gap or 'n/a'}"
            + (" (flagged)" if flagged else "")
        )
    body.extend(axis.svg(_TOP + legend_h + _ROW_H * len(rows), f"item mean ({lo} to {hi})"))
    threshold = data.get("threshold")
    title = "Patient and therapist item means, with the gap between them"
    desc = f"Item means on the {lo} to {hi} scale. " + "; ".join(parts) + "."
    if threshold is not None:
        desc += f" Gaps of {threshold:g} point or more are flagged."
    return _frame(uid, "wai-chart-discrepancy", height, title, desc, body)


def trend_svg(history: Any, *, uid: str = "wai-trend") -> str:
    """The self-assessment trend over saved sessions; drawn in ``scorer.html.trend`` (its own module)."""
    return draw_trend(history, uid=uid)

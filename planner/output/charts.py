"""SVG charts for the programme overview, drawn as plain markup.

The charts are readable in black and white: planned work is a solid bar or line, the
target band is a light shade with a dashed edge, deload weeks are labelled "D" and drawn
with open markers, and every value the eye needs is also written as text. One user unit
is one millimetre, so the charts keep their size on any paper.

Every piece of text goes through :func:`markupsafe.escape`; the result is
:class:`markupsafe.Markup` and can be placed in a template as it is.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

FONT = "DejaVu Sans"
INK = "#111111"
GREY = "#777777"
BAND = "#dddddd"


@dataclass(frozen=True)
class VolumeRow:
    """One muscle's planned weekly sets against its target band."""

    label: str
    planned: float
    target: int
    ceiling: float


@dataclass(frozen=True)
class LiftSeries:
    """One main lift's planned load (or reps) in each week; ``None`` where it is absent."""

    name: str
    unit: str
    values: tuple[float | None, ...]


def number(value: float) -> str:
    """A load or a count as a person writes it: no trailing ``.0``.

    >>> number(62.5), number(60.0), number(12.25)
    ('62.5', '60', '12.25')
    """
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def _text(x: float, y: float, body: str, *, size: float = 2.6, anchor: str = "start",
          weight: str = "normal", fill: str = INK) -> str:  # fmt: skip
    return (
        f'<text x="{x:.2f}" y="{y:.2f}" font-size="{size}" text-anchor="{anchor}" '
        f'font-weight="{weight}" fill="{fill}">{escape(body)}</text>'
    )


def _svg(width: float, height: float, body: list[str], title: str) -> Markup:
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.1f}mm" height="{height:.1f}mm" '
        f'viewBox="0 0 {width:.1f} {height:.1f}" font-family="{FONT}" role="img">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def _nice_step(span: float, ticks: int) -> float:
    """A round tick step (1, 2, 5 x 10^n) giving about ``ticks`` ticks over ``span``."""
    raw = max(span, 1e-9) / ticks
    power: float = 10.0 ** math.floor(math.log10(raw))
    return float(next(step * power for step in (1, 2, 5, 10) if step * power >= raw))


#: Height of one muscle's row and the space above the first, in millimetres; the
#: HTML beside the chart sets its labels on lines of this height (``.volume`` in base.css).
VOLUME_ROW_MM, VOLUME_TOP_MM = 5.4, 2.0


def volume_value(row: VolumeRow) -> str:
    """The planned sets against the target, in words where it matters.

    >>> volume_value(VolumeRow("Glutes", 12.5, 14, 22))
    '12.5 / 14 below'
    >>> volume_value(VolumeRow("Calves", 3, 0, 22))
    '3, no target'
    """
    if row.target <= 0:
        return f"{number(row.planned)}, no target"
    short = " below" if row.planned < row.target else ""
    return f"{number(row.planned)} / {row.target}{short}"


def volume_chart(rows: Sequence[VolumeRow], width: float = 110.0) -> Markup:
    """Horizontal bars of planned weekly sets per muscle over a shaded target band.

    The band runs from the target to the ceiling, with a tick at the target; a muscle
    worked only as a helper, with no target, gets a bar and no band. The muscle names
    and :func:`volume_value` print beside the chart as HTML, one line per row, where
    text costs a fraction of what it costs inside an SVG.
    """
    row_h, top = VOLUME_ROW_MM, VOLUME_TOP_MM
    x0, x1 = 1.0, width - 3.0
    scale_max = max([1.0, *(max(r.planned, r.ceiling) for r in rows)])
    step = _nice_step(scale_max, 6)
    scale_max = math.ceil(scale_max / step) * step
    height = top + row_h * len(rows) + 8.0

    def x(value: float) -> float:
        return x0 + (x1 - x0) * value / scale_max

    body: list[str] = []
    axis_y = top + row_h * len(rows)
    tick = 0.0
    while tick <= scale_max + 1e-9:
        body.append(
            f'<line x1="{x(tick):.2f}" y1="{top:.2f}" x2="{x(tick):.2f}" y2="{axis_y:.2f}" '
            f'stroke="#cccccc" stroke-width="0.15"/>'
        )
        body.append(_text(x(tick), axis_y + 3.2, number(tick), size=2.3, anchor="middle"))
        tick += step
    body.append(_text((x0 + x1) / 2, axis_y + 6.8, "sets per week", size=2.3, anchor="middle"))
    for index, row in enumerate(rows):
        y = top + row_h * index
        mid = y + row_h / 2
        if row.target > 0:
            body.append(
                f'<rect x="{x(row.target):.2f}" y="{y + 0.6:.2f}" '
                f'width="{max(x(row.ceiling) - x(row.target), 0.4):.2f}" '
                f'height="{row_h - 1.2:.2f}" fill="{BAND}" stroke="{GREY}" stroke-width="0.2" '
                f'stroke-dasharray="0.8 0.6"/>'
            )
            body.append(
                f'<line x1="{x(row.target):.2f}" y1="{y + 0.3:.2f}" x2="{x(row.target):.2f}" '
                f'y2="{y + row_h - 0.3:.2f}" stroke="{INK}" stroke-width="0.45"/>'
            )
        if row.planned > 0:
            body.append(
                f'<rect x="{x0:.2f}" y="{mid - 0.9:.2f}" width="{x(row.planned) - x0:.2f}" '
                f'height="1.8" fill="{INK}"/>'
            )
    body.append(
        f'<line x1="{x0:.2f}" y1="{top:.2f}" x2="{x0:.2f}" y2="{axis_y:.2f}" '
        f'stroke="{INK}" stroke-width="0.25"/>'
    )
    return _svg(width, height, body, "Weekly sets per muscle against the target band")


def lift_change(series: LiftSeries) -> str:
    """Where the lift starts and the most it reaches, as the chart's caption says it.

    The last week is often a deload, so "first to last" would undersell the plan.

    >>> lift_change(LiftSeries("Squat", "kg", (None, 60.0, 62.5, None, 50.0)))
    'start 60, peak 62.5 kg'
    """
    present = [v for v in series.values if v is not None]
    if not present:
        return ""
    return f"start {number(present[0])}, peak {number(max(present))} {series.unit}"


def lift_chart(
    series: LiftSeries, deload_weeks: frozenset[int], width: float = 58.0, height: float = 27.0
) -> Markup:
    """A small line chart of one lift's planned load (or reps) over the weeks.

    Normal weeks are filled dots, deload weeks open circles over a "D" on the week axis.
    The lift's name and :func:`lift_change` go in the HTML caption: text inside an SVG
    costs several times what it costs in HTML to print.
    """
    weeks = len(series.values)
    present = [v for v in series.values if v is not None]
    low, high = (min(present), max(present)) if present else (0.0, 1.0)
    if high - low < 1e-9:
        low, high = low - 1, high + 1
    pad = (high - low) * 0.12
    low, high = max(low - pad, 0.0), high + pad
    left, right, top, bottom = 9.0, width - 2.0, 1.0, height - 4.0

    def x(week: int) -> float:
        return left + (right - left) * ((week - 0.5) / max(weeks, 1))

    def y(value: float) -> float:
        return bottom - (bottom - top) * (value - low) / (high - low)

    body = [
        f'<rect x="{left:.2f}" y="{top:.2f}" width="{right - left:.2f}" '
        f'height="{bottom - top:.2f}" fill="none" stroke="#999999" stroke-width="0.2"/>',
        _text(left - 1, top + 2.2, number(high - pad), size=2.1, anchor="end"),
        _text(left - 1, bottom, number(max(low + pad, 0.0)), size=2.1, anchor="end"),
    ]
    # Label the first and last weeks and the deloads; a tick marks every week. Each
    # label is a text run to lay out, so the axis keeps to the ones a reader needs.
    ticks = []
    for week in range(1, weeks + 1):
        ticks.append(f"M{x(week):.2f} {bottom:.2f}v0.8")
        if week in deload_weeks:
            body.append(_text(x(week), bottom + 3.0, "D", size=2.1, anchor="middle", weight="bold"))
        elif week in (1, weeks):
            body.append(_text(x(week), bottom + 3.0, str(week), size=2.1, anchor="middle"))
    body.append(f'<path d="{" ".join(ticks)}" stroke="#999999" stroke-width="0.2"/>')
    body += _line_and_dots(series.values, deload_weeks, x, y)
    return _svg(width, height, body, f"{series.name}: planned {series.unit} by week")


def _line_and_dots(
    values: Sequence[float | None],
    deload_weeks: frozenset[int],
    x: Callable[[int], float],
    y: Callable[[float], float],
) -> list[str]:
    """A lift chart's line, broken where a week has no value, and a dot on every value:
    filled for a normal week, open for a deload."""
    marks = []
    runs: list[list[tuple[float, float]]] = [[]]
    for week, value in enumerate(values, start=1):
        if value is None:
            runs.append([])
            continue
        runs[-1].append((x(week), y(value)))
    for run in runs:
        if len(run) > 1:
            points = " ".join(f"{px:.2f},{py:.2f}" for px, py in run)
            marks.append(
                f'<polyline points="{points}" fill="none" stroke="{INK}" stroke-width="0.35"/>'
            )
    for week, value in enumerate(values, start=1):
        if value is None:
            continue
        fill = "#ffffff" if week in deload_weeks else INK
        marks.append(
            f'<circle cx="{x(week):.2f}" cy="{y(value):.2f}" r="0.75" fill="{fill}" '
            f'stroke="{INK}" stroke-width="0.25"/>'
        )
    return marks

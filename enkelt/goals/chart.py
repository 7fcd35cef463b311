"""Geometry of the indicator chart: an SVG with the series and the target path.

Only coordinates are computed here; the template draws them with classes (the CSP
blocks inline styles). The same numbers are in a data table beside the chart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from enkelt.goals import progress as formula

WIDTH = 640
HEIGHT = 300
LEFT = 70
RIGHT = 20
TOP = 20
BOTTOM = 40


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    on: date
    value: Decimal


@dataclass(frozen=True)
class Chart:
    series: list[ChartPoint]
    path: list[ChartPoint]
    y_ticks: list[tuple[float, Decimal]]
    x_ticks: list[tuple[float, int]]
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def series_points(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.series)

    @property
    def path_points(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.path)

    @property
    def axis_left(self) -> int:
        return LEFT

    @property
    def axis_bottom(self) -> int:
        return HEIGHT - BOTTOM

    @property
    def axis_right(self) -> int:
        return WIDTH - RIGHT


def build(
    *,
    baseline: formula.Point,
    target: formula.Point,
    milestones: list[formula.Point],
    measurements: list[formula.Point],
) -> Chart:
    path = formula.target_path(baseline=baseline, target=target, milestones=milestones)
    dates = [p.on for p in path] + [m.on for m in measurements]
    values = [p.value for p in path] + [m.value for m in measurements]
    first, last = min(dates), max(dates)
    low, high = min(values), max(values)
    pad = (high - low) * Decimal("0.1") or Decimal(1)
    low, high = low - pad, high + pad
    span_days = max((last - first).days, 1)

    def x(on: date) -> float:
        return LEFT + (WIDTH - LEFT - RIGHT) * (on - first).days / span_days

    def y(value: Decimal) -> float:
        return float(TOP + (HEIGHT - TOP - BOTTOM) * (high - value) / (high - low))

    def point(p: formula.Point) -> ChartPoint:
        return ChartPoint(x(p.on), y(p.value), p.on, p.value)

    y_ticks = []
    for i in range(5):
        value = low + (high - low) * Decimal(i) / Decimal(4)
        y_ticks.append((y(value), value.quantize(Decimal("0.1"))))
    x_ticks = [(x(date(year, 1, 1)), year) for year in range(first.year, last.year + 1)]
    x_ticks = [t for t in x_ticks if LEFT <= t[0] <= WIDTH - RIGHT]
    return Chart(
        series=[point(m) for m in sorted(measurements, key=lambda m: m.on)],
        path=[point(p) for p in path],
        y_ticks=y_ticks,
        x_ticks=x_ticks,
    )

"""Geometry of the overviews' bar charts: server-side SVG, a data table beside each.

Only coordinates are computed here; the template draws them with classes (the
CSP blocks inline styles). Each bar carries its label and number as text, and
status bars a pattern class as well as a colour, so colour is never the only signal.
"""

from __future__ import annotations

from dataclasses import dataclass

LABEL_WIDTH = 180
BAR_WIDTH = 300
ROW_HEIGHT = 28
BAR_HEIGHT = 18


@dataclass(frozen=True)
class Bar:
    key: str
    label: str
    count: int
    url: str
    y: int
    width: int

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT - 4

    @property
    def value_x(self) -> int:
        return LABEL_WIDTH + self.width + 6


@dataclass(frozen=True)
class BarChart:
    chart_id: str
    title: str
    bars: list[Bar]

    @property
    def height(self) -> int:
        return max(len(self.bars), 1) * ROW_HEIGHT

    @property
    def width(self) -> int:
        return LABEL_WIDTH + BAR_WIDTH + 60

    @property
    def label_width(self) -> int:
        return LABEL_WIDTH

    @property
    def bar_height(self) -> int:
        return BAR_HEIGHT

    @property
    def total(self) -> int:
        return sum(bar.count for bar in self.bars)


def bar_chart(chart_id: str, title: str, rows: list[tuple[str, str, int, str]]) -> BarChart:
    """`rows` are (key, label, count, link to the detail); bars scale to the largest count."""
    top = max((count for _, _, count, _ in rows), default=0) or 1
    bars = [
        Bar(
            key=key,
            label=label,
            count=count,
            url=url,
            y=index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) // 2,
            width=max(round(BAR_WIDTH * count / top), 1 if count else 0),
        )
        for index, (key, label, count, url) in enumerate(rows)
    ]
    return BarChart(chart_id=chart_id, title=title, bars=bars)

"""Geometry of the results charts: horizontal bars per question, drawn as SVG.

Only coordinates are computed here; the template draws them with classes (the
CSP blocks inline styles). The same numbers are in the data table beside each
chart, and a suppressed group is a text ("fewer than 5"), never a bar.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from enkelt.surveys.models import QuestionKind
from enkelt.surveys.selectors import Cell, QuestionRow, RoundResults

LABEL_WIDTH = 220
BAR_WIDTH = 360
ROW_HEIGHT = 28
WIDTH = LABEL_WIDTH + BAR_WIDTH + 60


@dataclass(frozen=True)
class Bar:
    label: str
    y: int
    width: int
    value: Decimal | None
    suppressed: bool
    empty: bool

    @property
    def text_y(self) -> int:
        return self.y + 18

    @property
    def value_x(self) -> int:
        return LABEL_WIDTH + self.width + 6


@dataclass(frozen=True)
class QuestionChart:
    row: QuestionRow
    bars: list[Bar]
    height: int
    width: int = WIDTH
    bar_x: int = LABEL_WIDTH


def _bar(label: str, index: int, cell: Cell, value: Decimal | None, fraction: Decimal) -> Bar:
    width = 0 if value is None else max(1, round(BAR_WIDTH * fraction))
    return Bar(
        label=label[:30],
        y=index * ROW_HEIGHT,
        width=width,
        value=value,
        suppressed=cell.suppressed,
        empty=cell.n == 0,
    )


def _scale_bars(row: QuestionRow) -> list[Bar]:
    question = row.question
    span = Decimal(question.scale_max - question.scale_min)
    cells = [(_("Everyone"), row.total)] + [
        (group.unit.name if group.unit else _("No unit"), cell) for group, cell in row.groups
    ]
    bars = []
    for index, (label, cell) in enumerate(cells):
        mean = cell.mean
        fraction = (mean - question.scale_min) / span if mean is not None else Decimal(0)
        bars.append(_bar(label, index, cell, mean, fraction))
    return bars


def _choice_bars(row: QuestionRow) -> list[Bar]:
    cell = row.total
    if not cell.shown:
        return [_bar(_("Everyone"), 0, cell, None, Decimal(0))]
    return [
        _bar(share.option.text, index, cell, share.share, (share.share or Decimal(0)) / 100)
        for index, share in enumerate(cell.options)
    ]


def build(results: RoundResults) -> list[QuestionChart]:
    charts = []
    for row in results.rows:
        if row.question.kind == QuestionKind.SCALE:
            bars = _scale_bars(row)
        elif row.question.has_options:
            bars = _choice_bars(row)
        else:
            bars = []
        charts.append(QuestionChart(row=row, bars=bars, height=max(len(bars), 1) * ROW_HEIGHT + 4))
    return charts

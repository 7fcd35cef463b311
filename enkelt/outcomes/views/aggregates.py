"""Aggregates per unit, factor and period: a table and an inline SVG chart beside it.

Small groups (n < 5) are shown as "fewer than 5" to everyone who may not see
the individual courses behind the cell (`common.open_unit_ids`).
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from enkelt.outcomes import selectors
from enkelt.outcomes.forms import AggregateFilterForm
from enkelt.outcomes.views.common import VIEW_AGGREGATES, open_unit_ids, require
from enkelt.tenants.access import municipality_view
from enkelt.tenants.models import Municipality

BAR_WIDTH = 300  # SVG user units of a 100 % bar
ROW_HEIGHT = 32


def chart_rows(aggregates: selectors.Aggregates) -> list[dict[str, Any]]:
    """Stacked bars per factor: improved / unchanged / worsened shares; small groups left out."""
    rows = []
    for index, (factor, cell) in enumerate(aggregates.scope.cell_list(aggregates.factors)):
        row: dict[str, Any] = {
            "label": factor.label,
            "y": index * ROW_HEIGHT,
            "suppressed": cell.suppressed,
            "empty": cell.n == 0,
            "segments": [],
        }
        if cell.n and not cell.suppressed:
            x = 0
            for name, count in (
                ("improved", cell.improved),
                ("unchanged", cell.unchanged),
                ("worsened", cell.worsened),
            ):
                width = round(BAR_WIDTH * count / cell.n)
                row["segments"].append({"name": name, "x": 260 + x, "width": width})
                x += width
        rows.append(row)
    return rows


@municipality_view(staff=True)
def aggregate_page(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    require(request, VIEW_AGGREGATES, municipality)
    form = AggregateFilterForm(request.GET, municipality=municipality)
    values = form.values()
    aggregates = None
    rows: list[dict[str, Any]] = []
    scope_cells: list[Any] = []
    children_rows: list[dict[str, Any]] = []
    if values["scheme"] is not None:
        aggregates = selectors.outcome_aggregates(
            municipality=municipality,
            open_unit_ids=open_unit_ids(request.user),
            today=timezone.localdate(),
            **values,
        )
        rows = chart_rows(aggregates)
        scope_cells = aggregates.scope.cell_list(aggregates.factors)
        children_rows = [
            {"aggregate": child, "cells": child.cell_list(aggregates.factors)}
            for child in aggregates.children
            if child.courses
        ]
    return render(
        request,
        "outcomes/aggregates.html",
        {
            "municipality": municipality,
            "form": form,
            "aggregates": aggregates,
            "rows": rows,
            "scope_cells": scope_cells,
            "children_rows": children_rows,
            "chart_height": max(len(rows), 1) * ROW_HEIGHT + 8,
        },
    )

"""The one-pager's figures as rows with labels, links to their detail pages and charts.

Shared by the page, the managers' view, the PDF and the CSV/XLSX of the figures,
so that every output shows the same numbers under the same names.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from enkelt.dashboards.charts import BarChart, bar_chart
from enkelt.dashboards.selectors import Overview
from enkelt.simplification.models import Outcome
from enkelt.strategy.models import Initiative

GOAL_LABELS = {
    "green": gettext_noop("Green: on track"),
    "amber": gettext_noop("Amber: at risk"),
    "red": gettext_noop("Red: off track"),
    "none": gettext_noop("No measurement yet"),
}


@dataclass(frozen=True)
class Figure:
    """One headline number: its stable key (exports, API), label, value and detail link."""

    key: str
    label: str
    value: int | Decimal | None
    url: str


def _url(name: str, slug: str, **query: Any) -> str:
    base = reverse(name, args=[slug])
    clean = {k: v for k, v in query.items() if v not in (None, "")}
    return f"{base}?{urlencode(clean)}" if clean else base


@dataclass(frozen=True)
class Links:
    """Where each number leads; `inbox` False sends submission numbers to the public list
    (council members do not work in the inbox)."""

    slug: str
    inbox: bool
    unit_id: int | None = None

    def submissions(self, **query: Any) -> str:
        if self.inbox:
            return _url("submissions:inbox", self.slug, unit=self.unit_id, **query)
        public = {k: v for k, v in query.items() if k == "category_code"}
        return _url("submissions:public_list", self.slug, category=public.get("category_code"))

    def funnel(self, overview: Overview) -> str:
        return _url(
            "simplification:funnel",
            self.slug,
            unit=self.unit_id,
            date_from=overview.period.date_from.isoformat(),
            date_to=overview.period.date_to.isoformat(),
        )

    def cases(self, **query: Any) -> str:
        return _url("simplification:case_list", self.slug, unit=self.unit_id, **query)

    def portfolio(self, **query: Any) -> str:
        return _url("strategy:portfolio", self.slug, unit=self.unit_id, **query)

    def indicators(self, **query: Any) -> str:
        return _url("goals:indicator_list", self.slug, **query)

    def outcomes(self, overview: Overview) -> str:
        scheme = overview.outcomes.scheme
        return _url(
            "outcomes:aggregates",
            self.slug,
            scheme=scheme.pk if scheme else None,
            unit=self.unit_id,
            date_from=overview.period.date_from.isoformat(),
            date_to=overview.period.date_to.isoformat(),
        )


def headline_figures(overview: Overview, links: Links) -> list[Figure]:
    """The numbers of the one-pager in reading order."""
    s, f, p = overview.submissions, overview.funnel, overview.portfolio
    figures = [
        Figure("submissions_received", _("Submissions received"), s.received, links.submissions()),
        Figure(
            "submissions_answered",
            _("Submissions answered"),
            s.answered,
            links.submissions(status="answered"),
        ),
        Figure(
            "submissions_answered_on_time",
            _("Answered on time"),
            s.answered_on_time,
            links.submissions(status="answered"),
        ),
        Figure(
            "submissions_overdue",
            _("Open and overdue now"),
            s.overdue,
            links.submissions(overdue="on"),
        ),
        Figure("cases_flagged", _("Rules flagged"), f.flagged, links.funnel(overview)),
        Figure(
            "cases_awaiting_decision",
            _("Cases awaiting a decision"),
            f.awaiting_decision,
            links.cases(stage="selected"),
        ),
        Figure(
            "freed_hours_expected",
            _("Freed hours a year (expected)"),
            f.expected_freed_hours_per_year,
            links.funnel(overview),
        ),
        Figure(
            "freed_hours_realised",
            _("Freed hours a year (realised)"),
            f.realised_freed_hours_per_year,
            links.funnel(overview),
        ),
        Figure("initiatives", _("Initiatives in the plan"), p.total, links.portfolio()),
        Figure(
            "initiatives_red",
            _("Initiatives off track (red)"),
            p.rag_counts.get("red", 0),
            links.portfolio(),
        ),
    ]
    for key in ("green", "amber", "red", "none"):
        figures.append(
            Figure(
                f"indicators_{key}",
                _(GOAL_LABELS[key]),
                overview.goals.get(key, 0),
                links.indicators(status=key),
            )
        )
    figures.append(
        Figure(
            "outcome_courses",
            _("Courses with outcome documentation (5 or more)"),
            overview.outcomes.courses,
            links.outcomes(overview),
        )
    )
    return figures


def charts(overview: Overview, links: Links) -> dict[str, BarChart]:
    """One chart per section, every bar linking to the detail behind it."""
    s, f, p = overview.submissions, overview.funnel, overview.portfolio
    outcome_labels = dict(Outcome.choices)
    status_labels = dict(Initiative.Status.choices)
    rag_labels = dict(Initiative.Rag.choices)
    return {
        "categories": bar_chart(
            "chart-categories",
            _("Most used categories"),
            [
                (
                    str(c.category_id),
                    c.name,
                    c.count,
                    links.submissions(category=c.category_id, category_code=c.code),
                )
                for c in s.top_categories
            ],
        ),
        "funnel": bar_chart(
            "chart-funnel",
            _("Simplification funnel"),
            [
                ("flagged", _("Flagged"), f.flagged, links.cases()),
                ("selected", _("Selected"), f.selected, links.cases(stage="selected")),
                *(
                    (o, str(outcome_labels[o]).capitalize(), getattr(f, o), links.cases(outcome=o))
                    for o in Outcome.values
                ),
            ],
        ),
        "portfolio": bar_chart(
            "chart-portfolio",
            _("Initiatives by status"),
            [
                (st, str(status_labels[st]).capitalize(), n, links.portfolio(status=st))
                for st, n in p.status_counts.items()
            ],
        ),
        "rag": bar_chart(
            "chart-rag",
            _("Initiatives by red/amber/green"),
            [
                (r, str(rag_labels[r]).capitalize(), n, links.portfolio())
                for r, n in p.rag_counts.items()
            ],
        ),
        "goals": bar_chart(
            "chart-goals",
            _("Indicators by status"),
            [
                (k, _(GOAL_LABELS[k]), overview.goals.get(k, 0), links.indicators(status=k))
                for k in ("green", "amber", "red", "none")
            ],
        ),
    }

# The formula is shown to people with the real multiplication and minus signs.
# ruff: noqa: RUF001, RUF002
"""Expected freed hours from a scenario: the same Standard Cost Model as `regulations.burden`.

A scenario changes an activity's population, frequency, minutes or
business-as-usual share; the freed hours are the rule's hours before minus its
hours after, each activity computed by `burden.activity_burden`:

    freed = Σ hours_before − Σ hours_after
    hours = minutes / 60 × population × frequency_per_year × (1 − business_as_usual_share)
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from enkelt.regulations.burden import (
    ActivityBurden,
    ActivityInput,
    activity_burden,
    activity_input,
    annual_norm_hours,
)
from enkelt.regulations.models import Activity, Rule

ZERO = Decimal("0")
ONE = Decimal("1")
CENT = Decimal("0.01")


@dataclass(frozen=True)
class ScenarioChange:
    """The parameters of one activity after the decision."""

    population: Decimal
    frequency_per_year: Decimal
    minutes_per_occurrence: Decimal
    business_as_usual_share: Decimal

    @classmethod
    def of(cls, inputs: ActivityInput) -> "ScenarioChange":
        return cls(
            population=inputs.population,
            frequency_per_year=inputs.frequency_per_year,
            minutes_per_occurrence=inputs.minutes_per_occurrence,
            business_as_usual_share=inputs.business_as_usual_share,
        )

    @property
    def is_valid(self) -> bool:
        values = (self.population, self.frequency_per_year, self.minutes_per_occurrence)
        share = self.business_as_usual_share
        return (
            all(v.is_finite() and v >= 0 for v in values) and share.is_finite() and 0 <= share <= 1
        )


ABOLISHED = ScenarioChange(ZERO, ZERO, ZERO, ZERO)


@dataclass(frozen=True)
class ScenarioLine:
    activity: Activity
    before: ActivityBurden
    after: ActivityBurden

    @property
    def change(self) -> ScenarioChange:
        assert self.after.inputs is not None
        return ScenarioChange.of(self.after.inputs)

    @property
    def freed_hours(self) -> Decimal:
        return self.before.hours_per_year - self.after.hours_per_year

    def formula(self) -> str:
        """The hours after, with the numbers filled in."""
        a = self.after.inputs
        assert a is not None
        return _(
            "%(minutes)s min / 60 × %(population)s × %(frequency)s per year × (1 − %(share)s)"
            " = %(hours)s hours"
        ) % {
            "minutes": _n(a.minutes_per_occurrence),
            "population": _n(a.population),
            "frequency": _n(a.frequency_per_year, 4),
            "share": _n(a.business_as_usual_share),
            "hours": _n(self.after.hours_per_year),
        }


def _n(value: Decimal, places: int = 2) -> str:
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


def activities_of(rule: Rule) -> list[Activity]:
    """The rule's activities with what the tariff needs (a prefetch is used when present)."""
    return list(rule.activities.all())


def scenario_lines(
    rule: Rule, changes: Mapping[int, ScenarioChange], *, activities: Iterable[Activity] = ()
) -> list[ScenarioLine]:
    """Before and after for every activity; an activity without a change stays as it is."""
    norm = annual_norm_hours()
    default_tariff = rule.municipality.default_hourly_tariff
    lines = []
    for activity in list(activities) or activities_of(rule):
        before_inputs = activity_input(activity, default_tariff)
        change = changes.get(activity.pk)
        after_inputs = (
            before_inputs
            if change is None
            else replace(
                before_inputs,
                population=change.population,
                frequency_per_year=change.frequency_per_year,
                minutes_per_occurrence=change.minutes_per_occurrence,
                business_as_usual_share=change.business_as_usual_share,
            )
        )
        lines.append(
            ScenarioLine(
                activity=activity,
                before=activity_burden(before_inputs, annual_norm_hours=norm),
                after=activity_burden(after_inputs, annual_norm_hours=norm),
            )
        )
    return lines


def freed_hours(lines: Iterable[ScenarioLine]) -> Decimal:
    """Σ hours before − Σ hours after, rounded to hundredths of an hour as stored."""
    items = list(lines)
    before = sum((line.before.hours_per_year for line in items), ZERO)
    after = sum((line.after.hours_per_year for line in items), ZERO)
    return (before - after).quantize(CENT)


def freed_formula(lines: Iterable[ScenarioLine]) -> str:
    items = list(lines)
    before = sum((line.before.hours_per_year for line in items), ZERO)
    after = sum((line.after.hours_per_year for line in items), ZERO)
    return _("Freed hours = %(before)s − %(after)s = %(freed)s hours per year") % {
        "before": _n(before),
        "after": _n(after),
        "freed": _n((before - after).quantize(CENT)),
    }

# The formulas are shown to people with the real multiplication and minus signs.
# ruff: noqa: RUF001, RUF002
"""The Standard Cost Model (AMVAB): the burden of a rule, activity by activity.

Per activity (domain.md):

    tariff    = hourly_wage × (1 + overhead)       (or an override, or the municipality's default)
    price     = tariff × minutes / 60 + external_cost_per_occurrence
    quantity  = population × frequency_per_year   (frequency may be below 1)
    cost      = price × quantity × (1 − business_as_usual_share)
    hours     = minutes / 60 × quantity × (1 − business_as_usual_share)
    fte       = hours / annual_norm_hours

A rule's burden is the sum over its activities. The arithmetic here is pure and
exact (`Decimal`, no rounding): totals equal the sum of their parts, and
rounding happens only where a figure is stored or shown. `activity_inputs` and
`rule_burden` are the only functions that read models, and they use whatever
the caller prefetched (`rule.activities.all()`, `activity.job_family`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext

if TYPE_CHECKING:
    from enkelt.regulations.models import Activity, Rule

ZERO = Decimal("0")
ONE = Decimal("1")
SIXTY = Decimal("60")
DEFAULT_ANNUAL_NORM_HOURS = Decimal("1924")

CENT = Decimal("0.01")
FTE_PLACES = Decimal("0.0001")


def annual_norm_hours() -> Decimal:
    """Hours one full-time employee works in a year (`ENKELT_ANNUAL_NORM_HOURS`)."""
    value = Decimal(str(getattr(settings, "ENKELT_ANNUAL_NORM_HOURS", DEFAULT_ANNUAL_NORM_HOURS)))
    return value if value > 0 else DEFAULT_ANNUAL_NORM_HOURS


@dataclass(frozen=True)
class ActivityInput:
    """The parameters of one activity with its tariff already resolved."""

    population: Decimal
    frequency_per_year: Decimal
    minutes_per_occurrence: Decimal
    hourly_tariff: Decimal
    external_cost_per_occurrence: Decimal = ZERO
    business_as_usual_share: Decimal = ZERO
    name: str = ""
    tariff_source: str = ""


@dataclass(frozen=True)
class Burden:
    hours_per_year: Decimal
    cost_per_year: Decimal
    fte: Decimal

    @classmethod
    def zero(cls) -> Burden:
        return cls(ZERO, ZERO, ZERO)

    def __add__(self, other: Burden) -> Burden:
        return Burden(
            self.hours_per_year + other.hours_per_year,
            self.cost_per_year + other.cost_per_year,
            self.fte + other.fte,
        )

    def rounded(self) -> Burden:
        """As stored on the rule: hours and DKK to the øre, FTE to four places."""
        return Burden(
            self.hours_per_year.quantize(CENT),
            self.cost_per_year.quantize(CENT),
            self.fte.quantize(FTE_PLACES),
        )

    def as_dict(self) -> dict[str, Decimal]:
        return {
            "hours_per_year": self.hours_per_year,
            "cost_per_year": self.cost_per_year,
            "fte": self.fte,
        }


@dataclass(frozen=True)
class ActivityBurden:
    hours_per_year: Decimal
    cost_per_year: Decimal
    fte: Decimal
    quantity: Decimal
    price: Decimal
    inputs: ActivityInput | None = None
    annual_norm_hours: Decimal = DEFAULT_ANNUAL_NORM_HOURS

    @property
    def burden(self) -> Burden:
        return Burden(self.hours_per_year, self.cost_per_year, self.fte)

    def explanation(self) -> list[str]:
        """How each figure was computed: the formula with the numbers filled in."""
        return explain(self)


def activity_burden(a: ActivityInput, *, annual_norm_hours: Decimal) -> ActivityBurden:
    """The burden of one activity. Inputs are assumed validated (non-negative, share in 0..1)."""
    kept = ONE - a.business_as_usual_share
    price = a.hourly_tariff * a.minutes_per_occurrence / SIXTY + a.external_cost_per_occurrence
    quantity = a.population * a.frequency_per_year
    cost = price * quantity * kept
    hours = a.minutes_per_occurrence / SIXTY * quantity * kept
    fte = hours / annual_norm_hours if annual_norm_hours else ZERO
    return ActivityBurden(
        hours_per_year=hours,
        cost_per_year=cost,
        fte=fte,
        quantity=quantity,
        price=price,
        inputs=a,
        annual_norm_hours=annual_norm_hours,
    )


def total(burdens: Iterable[Burden | ActivityBurden]) -> Burden:
    result = Burden.zero()
    for b in burdens:
        result = result + (b.burden if isinstance(b, ActivityBurden) else b)
    return result


def reduction(baseline: Burden, current: Burden) -> Decimal | None:
    """(baseline − current) / baseline in hours; None when there is no baseline to reduce."""
    if baseline.hours_per_year <= 0:
        return None
    return (baseline.hours_per_year - current.hours_per_year) / baseline.hours_per_year


def _n(value: Decimal, places: int = 2) -> str:
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


def explain(b: ActivityBurden) -> list[str]:
    """One line per figure, in the active language and number format."""
    a = b.inputs
    if a is None:
        return []
    kept = ONE - a.business_as_usual_share
    lines = [
        gettext(
            "Price per occurrence = %(tariff)s kr./hour × %(minutes)s min / 60"
            " + %(ext)s kr. = %(price)s kr."
        )
        % {
            "tariff": _n(a.hourly_tariff),
            "minutes": _n(a.minutes_per_occurrence),
            "ext": _n(a.external_cost_per_occurrence),
            "price": _n(b.price),
        },
        gettext("Quantity per year = %(population)s × %(frequency)s per year = %(quantity)s")
        % {
            "population": _n(a.population),
            "frequency": _n(a.frequency_per_year, 4),
            "quantity": _n(b.quantity),
        },
        gettext("Cost per year = %(price)s kr. × %(quantity)s × (1 − %(bau)s) = %(cost)s kr.")
        % {
            "price": _n(b.price),
            "quantity": _n(b.quantity),
            "bau": _n(a.business_as_usual_share, 2),
            "cost": _n(b.cost_per_year),
        },
        gettext("Hours per year = %(minutes)s min / 60 × %(quantity)s × %(kept)s = %(hours)s hours")
        % {
            "minutes": _n(a.minutes_per_occurrence),
            "quantity": _n(b.quantity),
            "kept": _n(kept, 2),
            "hours": _n(b.hours_per_year),
        },
        gettext("FTE = %(hours)s hours / %(norm)s hours per FTE = %(fte)s")
        % {
            "hours": _n(b.hours_per_year),
            "norm": _n(b.annual_norm_hours, 0),
            "fte": _n(b.fte, 4),
        },
    ]
    if a.tariff_source:
        lines.insert(0, gettext("Tariff: %(source)s") % {"source": a.tariff_source})
    return lines


def _tariff(activity: Activity, default_tariff: Decimal) -> Decimal:
    """override → job family → the municipality's default (as `resolve_tariff`)."""
    if activity.hourly_tariff is not None:
        return activity.hourly_tariff
    family = activity.job_family if activity.job_family_id else None
    return family.tariff if family is not None else default_tariff


def resolve_tariff(activity: Activity, default_tariff: Decimal) -> tuple[Decimal, str]:
    """override → job family → the municipality's default; with a words-for-humans source."""
    if activity.hourly_tariff is not None:
        return activity.hourly_tariff, gettext("override on the activity (%(t)s kr./hour)") % {
            "t": _n(activity.hourly_tariff)
        }
    family = activity.job_family if activity.job_family_id else None
    if family is not None:
        return family.tariff, gettext(
            "job family %(name)s %(year)s: %(wage)s kr. × (1 + %(overhead)s) = %(t)s kr./hour"
        ) % {
            "name": family.name,
            "year": family.year,
            "wage": _n(family.hourly_wage),
            "overhead": _n(family.overhead_share, 2),
            "t": _n(family.tariff),
        }
    return default_tariff, gettext("the municipality's default tariff (%(t)s kr./hour)") % {
        "t": _n(default_tariff)
    }


def activity_input(
    activity: Activity, default_tariff: Decimal, *, with_source: bool = True
) -> ActivityInput:
    """The formula's inputs; `with_source=False` leaves out the tariff's explanation (an
    import computes 200,000 burdens that nobody reads explained)."""
    if with_source:
        tariff, source = resolve_tariff(activity, default_tariff)
    else:
        tariff, source = _tariff(activity, default_tariff), ""
    return ActivityInput(
        population=activity.population,
        frequency_per_year=activity.frequency_per_year,
        minutes_per_occurrence=activity.minutes_per_occurrence,
        hourly_tariff=tariff,
        external_cost_per_occurrence=activity.external_cost_per_occurrence,
        business_as_usual_share=activity.business_as_usual_share,
        name=activity.name,
        tariff_source=source,
    )


def activity_inputs(rule: Rule) -> list[ActivityInput]:
    """The rule's activities as formula inputs (uses a prefetch of `activities__job_family`)."""
    default = rule.municipality.default_hourly_tariff
    return [activity_input(a, default) for a in rule.activities.all()]


def rule_activity_burdens(rule: Rule) -> list[ActivityBurden]:
    norm = annual_norm_hours()
    return [activity_burden(a, annual_norm_hours=norm) for a in activity_inputs(rule)]


def rule_burden(rule: Rule) -> Burden:
    """The rule's burden, computed afresh from its activities (not the stored columns)."""
    return total(rule_activity_burdens(rule))

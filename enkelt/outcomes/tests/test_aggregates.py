"""Aggregates per unit (with sub-units), factor and period, with n < 5 suppressed."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from enkelt.outcomes.models import Kind
from enkelt.outcomes.selectors import outcome_aggregates
from enkelt.outcomes.tests.factories import CourseFactory, assess, course_with_change

TODAY = date(2026, 6, 1)


@pytest.fixture
def data(offer, other_offer, scheme):
    """Five courses in `offer` (factor 1: 2 improved, 2 unchanged, 1 worsened), two in the other."""
    for intake, latest in [(3, 1), (3, 2), (3, 3), (2, 2), (1, 2)]:
        course_with_change(unit=offer, scheme=scheme, intake=[intake, 2], latest=[latest, 1],
                           goals=[2, None])  # fmt: skip
    for _ in range(2):
        course_with_change(unit=other_offer, scheme=scheme, intake=[2, 2], latest=[1, 1])


def _cells(aggregate, scheme):
    return dict(aggregate.cell_list(list(scheme.factors.all())))


def test_figures_of_a_unit_by_hand(municipality, offer, scheme, data):
    result = outcome_aggregates(
        municipality=municipality, scheme=scheme, unit=offer, open_unit_ids=None, today=TODAY
    )
    factor_1, factor_2 = result.factors
    cell = result.scope.cells[factor_1.pk]
    assert (cell.n, cell.improved, cell.unchanged, cell.worsened) == (5, 2, 2, 1)
    assert cell.share_improved == Decimal("40.0")
    assert cell.mean_change == Decimal("-0.40")  # (-2 -1 +0 +0 +1) / 5
    # goal 2 on factor 1: latest 1, 2, 3, 2, 2 → met 4 of 5
    assert (cell.goals_set, cell.goals_met, cell.share_goals_met) == (5, 4, Decimal("80.0"))
    assert result.scope.cells[factor_2.pk].share_goals_met is None
    assert result.scope.courses == 5
    # every follow-up at day 182: all five first follow-ups on time
    assert (result.scope.compliance.n, result.scope.compliance.met) == (5, 5)


def test_unit_includes_its_sub_units(municipality, area, scheme, data):
    result = outcome_aggregates(
        municipality=municipality, scheme=scheme, unit=area, open_unit_ids=None, today=TODAY
    )
    assert result.scope.courses == 7
    assert {c.unit.slug: c.courses for c in result.children} == {"bornehuset": 5, "vuggestuen": 2}


OUTSIDER = frozenset()


def test_suppression_at_every_level_for_outsiders(municipality, area, other_offer, scheme, data):
    # unit above, with its children: the big child shows, the small child is hidden
    result = outcome_aggregates(
        municipality=municipality, scheme=scheme, unit=area, open_unit_ids=OUTSIDER, today=TODAY
    )
    assert not result.scope.suppressed
    assert not any(c.suppressed for c in result.scope.cells.values())
    small = next(c for c in result.children if c.unit == other_offer)
    big = next(c for c in result.children if c.unit != other_offer)
    assert small.suppressed, "course count of a small unit"
    assert all(c.suppressed for c in small.cells.values()), "factor cells of a small unit"
    assert small.compliance.suppressed, "follow-up compliance of a small unit"
    # secondary suppression: 7 in the area minus 5 shown would give the small unit away
    assert big.suppressed and all(c.suppressed for c in big.cells.values())
    assert big.compliance.suppressed

    # the small unit chosen on its own
    alone = outcome_aggregates(
        municipality=municipality, scheme=scheme, unit=other_offer, open_unit_ids=OUTSIDER,
        today=TODAY,
    )  # fmt: skip
    assert alone.scope.suppressed
    assert all(c.suppressed for c in alone.scope.cells.values())
    assert alone.scope.compliance.suppressed

    # the whole municipality, with the area as its top-level child
    whole = outcome_aggregates(
        municipality=municipality, scheme=scheme, open_unit_ids=OUTSIDER, today=TODAY
    )
    assert whole.scope.unit is None and whole.scope.courses == 7
    assert not whole.scope.suppressed


def test_period_that_leaves_fewer_than_five_is_suppressed(municipality, offer, scheme, data):
    CourseFactory(municipality=municipality, unit=offer, scheme=scheme)  # no intake: not counted
    late = course_with_change(
        unit=offer, scheme=scheme, intake=[4, 4], latest=[0, 0], start=date(2025, 9, 1)
    )
    result = outcome_aggregates(
        municipality=municipality, scheme=scheme, unit=offer, open_unit_ids=OUTSIDER,
        period_from=date(2025, 6, 1), today=TODAY,
    )  # fmt: skip
    assert result.scope.courses == 1
    assert result.scope.suppressed
    assert all(c.suppressed for c in result.scope.cells.values())
    assert late.pk


def test_staff_of_the_offer_see_their_own_small_groups(
    municipality, area, other_offer, scheme, data
):
    own = frozenset({other_offer.pk})
    alone = outcome_aggregates(
        municipality=municipality, scheme=scheme, unit=other_offer, open_unit_ids=own, today=TODAY
    )
    assert not alone.scope.suppressed
    assert not any(c.suppressed for c in alone.scope.cells.values())
    # but not a group that mixes in other offers' courses (when small)
    above = outcome_aggregates(
        municipality=municipality, scheme=scheme, unit=area, open_unit_ids=own, today=TODAY
    )
    small = next(c for c in above.children if c.unit == other_offer)
    assert not small.suppressed


def test_open_course_without_follow_up_counts_but_has_no_change(municipality, offer, scheme):
    course = CourseFactory(municipality=municipality, unit=offer, scheme=scheme)
    assess(course, Kind.INTAKE, date(2025, 1, 1), [2, 2])
    result = outcome_aggregates(
        municipality=municipality, scheme=scheme, unit=offer, open_unit_ids=None, today=TODAY
    )
    assert result.scope.courses == 1
    assert result.scope.cells == {}
    # the window (day 152-212) closed long ago without a follow-up: missed
    assert (result.scope.compliance.n, result.scope.compliance.met) == (1, 0)


def test_constant_query_count(municipality, area, offer, scheme, data):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            outcome_aggregates(
                municipality=municipality, scheme=scheme, unit=area, open_unit_ids=OUTSIDER,
                today=TODAY,
            )  # fmt: skip
        return len(queries)

    before = count()
    for _ in range(6):
        course_with_change(unit=offer, scheme=scheme, intake=[1, 1], latest=[0, 0])
    assert count() == before <= 6


def test_no_small_group_can_be_recovered_by_subtraction(
    municipality, area, offer, other_offer, scheme, data
):
    from enkelt.tenants.models import Unit
    from enkelt.tenants.tests.factories import UnitFactory

    third = UnitFactory(
        municipality=municipality, parent=area, slug="tredje", kind=Unit.Kind.INSTITUTION
    )
    for _ in range(6):
        course_with_change(unit=third, scheme=scheme, intake=[2, 2], latest=[1, 1])
    # the area's own courses (not in any child) are never shown on their own
    course_with_change(unit=area, scheme=scheme, intake=[2, 2], latest=[1, 1])
    result = outcome_aggregates(
        municipality=municipality, scheme=scheme, unit=area, open_unit_ids=OUTSIDER, today=TODAY
    )
    for factor in result.factors:
        total = result.scope.cells[factor.pk]
        shown = [c.cells[factor.pk] for c in result.children if not c.cells[factor.pk].suppressed]
        hidden = total.n - sum(c.n for c in shown)
        assert hidden == 0 or hidden >= 5, hidden
        assert shown, "the largest groups stay visible"
    shown_courses = sum(c.courses for c in result.children if not c.suppressed)
    assert result.scope.courses - shown_courses >= 5


def test_no_secondary_suppression_for_those_who_see_everything(municipality, area, scheme, data):
    result = outcome_aggregates(
        municipality=municipality, scheme=scheme, unit=area, open_unit_ids=None, today=TODAY
    )
    assert not any(c.suppressed for c in result.children)

"""Groups under 5 are suppressed, and no hidden group can be recovered by subtraction.

The property test drives the suppression over random group sizes (and random
numbers answering each question); the database tests check the same through the
selector that the results page and the API use.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enkelt.surveys import selectors
from enkelt.surveys.selectors import SUPPRESSION_THRESHOLD, Cell, Group, suppress
from enkelt.surveys.tests.factories import answer, open_round

QUESTIONS = [1, 2]


def _world(sizes: list[tuple[int, int, int]]) -> tuple[Group, list[Group]]:
    """Groups of (respondents, answering q1, answering q2), plus their total."""
    groups = []
    for respondents, q1, q2 in sizes:
        group = Group(unit=None, respondents=respondents)
        group.cells = {1: Cell(n=min(q1, respondents)), 2: Cell(n=min(q2, respondents))}
        groups.append(group)
    total = Group(unit=None, respondents=sum(g.respondents for g in groups))
    total.cells = {q: Cell(n=sum(g.cells[q].n for g in groups)) for q in QUESTIONS}
    return total, groups


def _hidden_sum_is_safe(total_n: int, total_hidden: bool, parts: list[tuple[int, bool]]) -> bool:
    if total_hidden:
        return True
    hidden = total_n - sum(n for n, suppressed in parts if not suppressed)
    return hidden == 0 or hidden >= SUPPRESSION_THRESHOLD


sizes = st.lists(
    st.tuples(st.integers(0, 14), st.integers(0, 14), st.integers(0, 14)), min_size=1, max_size=7
)


@settings(max_examples=300, deadline=None)
@given(sizes)
def test_no_small_group_is_shown_or_derivable(sizes):
    total, groups = _world(sizes)

    suppress(total, groups, QUESTIONS)

    for group in [total, *groups]:
        if not group.suppressed:
            assert group.respondents == 0 or group.respondents >= SUPPRESSION_THRESHOLD
        for cell in group.cells.values():
            if not cell.suppressed:
                assert cell.n == 0 or cell.n >= SUPPRESSION_THRESHOLD
    assert _hidden_sum_is_safe(
        total.respondents, total.suppressed, [(g.respondents, g.suppressed) for g in groups]
    )
    for question in QUESTIONS:
        assert _hidden_sum_is_safe(
            total.cells[question].n,
            total.cells[question].suppressed,
            [(g.cells[question].n, g.cells[question].suppressed) for g in groups],
        )
    for group in groups:  # a hidden group shows none of its cells
        if group.suppressed:
            assert all(c.suppressed or c.n == 0 for c in group.cells.values())


@pytest.mark.parametrize(
    ("sizes", "hidden"),
    [
        ((6, 7, 3), {"veje", "affald"}),  # 3 is hidden, then 6 so that 3 cannot be derived
        ((6, 7, 5), set()),
        ((2, 9, 0), {"veje", "parker"}),
        ((4, 4, 12), {"veje", "parker"}),  # together 8: safe
        ((12, 12, 12), set()),
    ],
)
def test_results_suppress_small_units(survey, municipality, units, sizes, hidden):
    survey_round = open_round(survey, units)
    for unit, size in zip(units, sizes, strict=True):
        for i in range(size):
            answer(survey_round, unit, value=1 + i % 5, text=f"forslag-{unit.slug}-{i}")

    results = selectors.round_results(municipality=municipality, survey_round=survey_round)

    assert {g.unit.slug for g in results.groups if g.suppressed} == hidden
    for row in results.rows:
        for group, cell in row.groups:
            if group.suppressed:
                assert cell.suppressed or cell.n == 0
                assert cell.mean is None and cell.texts == [] and cell.options == []

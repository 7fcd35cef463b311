"""The demo outcomes: a few hundred children, one small institution, quick and idempotent."""

import time

import pytest

from enkelt.outcomes.models import Assessment, Course, Kind
from enkelt.outcomes.selectors import outcome_aggregates

pytestmark = pytest.mark.django_db


def test_demo_outcomes_load_quickly_once(django_assert_max_num_queries):
    from django.utils import timezone

    from enkelt.accounts.demo import load_demo
    from enkelt.outcomes.demo import SCHEME_SLUG, load_demo_outcomes
    from enkelt.tenants.models import Municipality, Unit

    load_demo()
    demo = Municipality.objects.get(slug="demo")
    started = time.monotonic()
    count = load_demo_outcomes(demo)
    assert time.monotonic() - started < 3
    assert 200 <= count <= 400
    scheme = demo.assessment_schemes.get(slug=SCHEME_SLUG)
    assert scheme.factors.count() == 8 and (scheme.scale_min, scheme.scale_max) == (0, 4)
    assert Assessment.objects.filter(municipality=demo, kind=Kind.FOLLOW_UP).count() > count / 2
    assert Course.objects.filter(municipality=demo).values("unit").distinct().count() >= 4

    # the small institution is suppressed for outsiders
    small = Unit.objects.get(municipality=demo, slug="vuggestuen-maelkebotten")
    result = outcome_aggregates(
        municipality=demo, scheme=scheme, unit=small, open_unit_ids=frozenset(),
        today=timezone.localdate(),
    )  # fmt: skip
    assert result.scope.suppressed
    whole = outcome_aggregates(
        municipality=demo, scheme=scheme, open_unit_ids=frozenset(), today=timezone.localdate()
    )
    cells = list(whole.scope.cells.values())
    assert all(c.improved and c.worsened and c.unchanged for c in cells), "a realistic spread"

    with django_assert_max_num_queries(5):
        assert load_demo_outcomes(demo) == count

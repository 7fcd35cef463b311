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


def test_demo_pedagogue_sees_her_offers_courses_only(client):
    from django.urls import reverse

    from enkelt.accounts.demo import load_demo
    from enkelt.outcomes.demo import load_demo_outcomes
    from enkelt.tenants.models import Municipality

    load_demo()
    demo = Municipality.objects.get(slug="demo")
    load_demo_outcomes(demo)
    own = list(Course.objects.filter(municipality=demo, unit__slug="bornehuset-solsikken"))
    other = list(Course.objects.filter(municipality=demo, unit__slug="nordskolen"))
    assert own and other

    # the demo password works and no second factor is asked for
    assert client.login(username="paedagog", password="demo")
    response = client.get(reverse("outcomes:course_list", args=["demo"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert all(c.pseudonym in html for c in own)
    assert not any(c.pseudonym in html for c in other)

    detail = reverse("outcomes:course_detail", args=["demo", own[0].pseudonym])
    assert client.get(detail).status_code == 200
    foreign = reverse("outcomes:course_detail", args=["demo", other[0].pseudonym])
    assert client.get(foreign).status_code == 404

"""The demo goals: on the strategy chain, the +3 pp indicator amber, loaded once."""

import pytest

from enkelt.goals import selectors
from enkelt.goals.demo import INDICATORS, load_demo_goals
from enkelt.goals.models import FreedHoursAllocation, Goal

pytestmark = pytest.mark.django_db


def test_without_agreements_nothing_is_created(municipality):
    assert load_demo_goals(municipality) == 0
    assert not Goal.objects.exists()


def test_demo_goals_on_the_agreement_chain():
    from enkelt.demo.loaders import load_all
    from enkelt.strategy.demo import load_demo_strategy
    from enkelt.tenants.models import Municipality

    load_all()
    demo = Municipality.objects.get(slug="demo")
    load_demo_strategy(demo)  # in case the loaders do not run it (yet)
    count = load_demo_goals(demo)
    assert count >= 10
    # other apps' demo data may add indicators of their own; these are the goals demo's
    titles = {spec["title"] for spec in INDICATORS}
    indicators = [i for i in selectors.indicator_list(municipality=demo) if i.title in titles]
    assert len(indicators) == len(INDICATORS) == 5
    by_title = {i.title: i for i in indicators}
    plus_three = by_title["Andel borgere der er tilfredse med vejvedligeholdelsen"]
    assert plus_three.target_change == 3
    assert plus_three.evaluation.status == "amber"
    assert any(i.direction == "down" for i in indicators)
    assert {i.evaluation.status for i in indicators} >= {"green", "amber", "red"}
    assert FreedHoursAllocation.objects.filter(municipality=demo).count() == 1
    covered, _active = selectors.coverage(municipality=demo)
    assert covered >= 1
    assert load_demo_goals(demo) == count
    assert FreedHoursAllocation.objects.filter(municipality=demo).count() == 1

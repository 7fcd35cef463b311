"""The demo portfolio: Holbæk's four development areas, two rounds, an agreement chain."""

import pytest

from enkelt.accounts.demo import load_demo as load_people
from enkelt.strategy.demo import AGREEMENT_TITLES, load_demo_strategy
from enkelt.strategy.models import Agreement, DevelopmentArea, ReviewItem, ReviewRound
from enkelt.tenants.models import Municipality

pytestmark = pytest.mark.django_db


def test_demo_strategy_is_complete_and_idempotent():
    load_people()
    demo = Municipality.objects.get(slug="demo")
    count = load_demo_strategy(demo)
    assert count >= 20
    areas = list(DevelopmentArea.objects.filter(plan__municipality=demo))
    assert [a.title for a in areas] == [
        "Medborgerskab og demokrati",
        "Politikker og budget",
        "Sammenhængskraft og trivsel",
        "Ny faglighed og effektiv drift",
    ]
    assert all(a.programmes.exists() for a in areas)
    rounds = ReviewRound.objects.filter(municipality=demo)
    assert rounds.count() == 2
    decided = ReviewItem.objects.filter(round__municipality=demo).exclude(decision="")
    assert decided.filter(decision="stop").exclude(decision_reason="").exists()
    assert decided.count() >= 10
    chain = {a.level: a for a in Agreement.objects.filter(municipality=demo)}
    assert {level: a.title for level, a in chain.items()} == AGREEMENT_TITLES
    assert chain["leader"].parent == chain["chief"]
    assert chain["chief"].parent == chain["director"]
    assert chain["leader"].meetings.count() == 2
    assert load_demo_strategy(demo) == count
    assert ReviewRound.objects.filter(municipality=demo).count() == 2


def test_deleting_the_municipality_removes_the_agreement_chain():
    """Unit and parent of an agreement are RESTRICT, not PROTECT: the demo reset works."""
    load_people()
    demo = Municipality.objects.get(slug="demo")
    load_demo_strategy(demo)
    from enkelt.tenants.models import Membership, Unit

    Membership.objects.filter(municipality=demo).delete()
    Unit.objects.filter(municipality=demo).update(parent=None)
    demo.delete()
    assert not Agreement.objects.filter(title__in=AGREEMENT_TITLES.values()).exists()

"""The demo rules: about 250, across the core areas, with burdens; loading twice adds nothing."""

import pytest
from django.db.models import Count

from enkelt.demo.loaders import load_all
from enkelt.regulations.demo import load_demo_rules
from enkelt.regulations.models import BurdenSnapshot, OffsetEntry, Rule
from enkelt.tenants.models import Municipality

pytestmark = pytest.mark.django_db


def test_demo_rules_are_plausible_and_idempotent():
    counts = load_all()
    demo = Municipality.objects.get(slug="demo")
    count = counts["rules"]
    assert 230 <= count <= 300
    rules = Rule.objects.filter(municipality=demo)
    core_areas = rules.values("owner_unit__parent__name").annotate(n=Count("pk"))
    assert len([row for row in core_areas if row["owner_unit__parent__name"]]) >= 6
    assert rules.filter(hours_per_year__gt=0).count() >= 200
    assert rules.filter(activities__isnull=True).count() >= 20  # for the candidate finder
    assert len(set(rules.values_list("origin", flat=True))) >= 5
    assert BurdenSnapshot.objects.filter(rule__municipality=demo, kind="update").count() >= 10
    assert OffsetEntry.objects.filter(municipality=demo).exists()
    assert load_demo_rules(demo) == count
    # the demo reset removes the rules with the municipality and loads them again
    assert load_all(reset=True)["rules"] == count

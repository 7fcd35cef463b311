"""The demo cases: the Copenhagen funnel, exemption answers, flags from submissions."""

import pytest

from enkelt.simplification.models import Case, ExemptionApplication, Flag
from enkelt.simplification.selectors import funnel, national_list

pytestmark = pytest.mark.django_db


def test_demo_cases_have_the_copenhagen_shape_and_load_once():
    from enkelt.demo.loaders import load_all
    from enkelt.tenants.models import Municipality

    counts = load_all()
    demo = Municipality.objects.get(slug="demo")
    result = funnel(municipality=demo)
    assert (result.flagged, result.selected) == (232, 103)
    assert result.abolished + result.streamlined == 21
    assert (result.kept, result.escalated, result.not_handled) == (35, 19, 28)
    assert result.expected_freed_hours_per_year > result.realised_freed_hours_per_year > 0
    statuses = set(
        ExemptionApplication.objects.filter(municipality=demo).values_list("status", flat=True)
    )
    assert len(statuses) >= 5
    assert Flag.objects.filter(municipality=demo, submission__isnull=False).exists()
    assert counts["cases"] == 232
    assert national_list(), (
        "KL's list gathers the state rules escalated in both demo municipalities"
    )

    before = Case.objects.count()
    load_all()
    assert Case.objects.count() == before

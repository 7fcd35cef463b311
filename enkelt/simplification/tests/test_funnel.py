"""The funnel against the Copenhagen shape, and query counts of the case list and the funnel."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from enkelt.regulations.models import Rule
from enkelt.simplification.models import Case, Outcome, Stage
from enkelt.simplification.selectors import funnel
from enkelt.simplification.tests.factories import FlagFactory, RuleFactory
from enkelt.tenants.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

# Copenhagen: 232 flagged; 103 selected = 21 abolished or streamlined + 35 kept
# + 19 sent on + 28 not handled.
COPENHAGEN = {
    Outcome.ABOLISHED: 9,
    Outcome.STREAMLINED: 12,
    Outcome.KEPT: 35,
    Outcome.ESCALATED: 19,
    Outcome.NOT_HANDLED: 28,
}


def copenhagen_cases(municipality, unit, flagged_on=None):
    """232 cases in the Copenhagen shape, bulk-made (expected 10 hours per freed case)."""
    rules = Rule.objects.bulk_create(
        RuleFactory.build(municipality=municipality, owner_unit=unit) for _ in range(232)
    )
    states = [o for o, n in COPENHAGEN.items() for _ in range(n)]
    cases = []
    for index, rule in enumerate(rules):
        outcome = states[index] if index < len(states) else ""
        frees = outcome in (Outcome.ABOLISHED, Outcome.STREAMLINED)
        cases.append(
            Case(
                municipality=municipality,
                rule=rule,
                stage=Stage.DECIDED if outcome else Stage.FLAGGED,
                outcome=outcome,
                reason="Begrundelse" if outcome else "",
                flagged_on=flagged_on or timezone.localdate(),
                expected_freed_hours_per_year=Decimal("10") if frees else None,
                realised_freed_hours_per_year=Decimal("8") if frees and index % 2 else None,
            )
        )
    return Case.objects.bulk_create(cases)


def test_funnel_counts_the_copenhagen_shape(municipality, unit):
    copenhagen_cases(municipality, unit=unit)
    result = funnel(municipality=municipality)
    assert (result.flagged, result.selected) == (232, 103)
    assert result.abolished + result.streamlined == 21
    assert (result.kept, result.escalated, result.not_handled) == (35, 19, 28)
    assert result.awaiting_decision == 0
    assert result.expected_freed_hours_per_year == Decimal("210")
    # realised: every second freed case (odd indices 1..19 among 0..20) records 8 hours
    assert result.realised_freed_hours_per_year == Decimal("80")


def test_funnel_filters_by_period_and_unit(municipality, unit):
    long_ago = timezone.localdate() - timedelta(days=400)
    copenhagen_cases(municipality, unit=unit, flagged_on=long_ago)
    other_unit = UnitFactory(municipality=municipality)
    RuleFactory(municipality=municipality, owner_unit=other_unit)
    Case.objects.create(
        municipality=municipality,
        rule=RuleFactory(municipality=municipality, owner_unit=other_unit),
        flagged_on=timezone.localdate(),
    )
    recent = funnel(municipality=municipality, date_from=timezone.localdate() - timedelta(days=30))
    assert recent.flagged == 1
    assert funnel(municipality=municipality, unit=unit).flagged == 232
    assert funnel(municipality=municipality, unit=other_unit).selected == 0


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_funnel_page_query_count_is_constant_and_small(as_role, municipality, unit):
    client = as_role("leader")
    url = reverse("simplification:funnel", args=[municipality.slug])
    url += f"?unit={unit.pk}&date_from=2020-01-01"
    client.get(url)
    empty = _count(client, url)
    copenhagen_cases(municipality, unit=unit)
    full = _count(client, url)
    assert full == empty
    assert full <= 15


def test_funnel_api_query_count_is_constant(municipality, unit):
    from rest_framework.test import APIClient

    from enkelt.tenants.tests.factories import MembershipFactory

    client = APIClient()
    client.force_authenticate(MembershipFactory(municipality=municipality, role="chief").user)
    client.get("/api/v1/funnel/")
    empty = _count(client, "/api/v1/funnel/")
    copenhagen_cases(municipality, unit=unit)
    assert _count(client, "/api/v1/funnel/") == empty <= 15


def test_case_list_query_count_is_constant(as_role, municipality, unit):
    client = as_role("employee")
    url = reverse("simplification:case_list", args=[municipality.slug])
    copenhagen_cases(municipality, unit=unit)
    client.get(url)
    few = _count(client, url)
    for case in Case.objects.filter(municipality=municipality)[:30]:
        FlagFactory(case=case)
    assert _count(client, url + "?stage=decided") == few


def test_public_funnel_needs_no_login_and_lists_only_public_units(client, municipality, unit):
    from enkelt.tenants.tests.factories import UnitFactory

    UnitFactory(municipality=municipality, name="Skjult enhed", is_public=False)
    copenhagen_cases(municipality, unit=unit)
    url = reverse("simplification:public_funnel", args=[municipality.slug])
    client.get(url)
    queries = _count(client, url)
    assert queries <= 15
    body = client.get(url).content.decode()
    assert "Skjult enhed" not in body and unit.name in body
    assert 'data-step="kept"' in body

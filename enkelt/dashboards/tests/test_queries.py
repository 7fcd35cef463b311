"""Query counts of every overview: the same at two data sizes, and within the budget."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from enkelt.accounts.tests.factories import KLUserFactory
from enkelt.dashboards import selectors
from enkelt.dashboards.selectors import Period
from enkelt.dashboards.tests.conftest import FROM, TODAY, add_rows, build_world
from enkelt.outcomes.tests.factories import SchemeFactory, course_with_change
from enkelt.tenants.models import Role
from enkelt.tenants.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

BUDGET = 15
QUERY = {"from": "2026-01-01", "to": "2026-06-30"}


def _count(client, url, **query):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, query or QUERY)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(queries)


def _world(scale):
    world = build_world(scale=scale)
    world.scheme = SchemeFactory(municipality=world.a, factors=2)
    _courses(world, 5 * scale)
    return world


def _courses(world, n):
    for _ in range(n):
        course_with_change(
            unit=world.child,
            scheme=world.scheme,
            intake=[3, 3],
            latest=[1, 2],
            start=datetime.date(2026, 1, 5),
        )


def _client(client, world, role):
    membership = MembershipFactory(municipality=world.a, unit=world.root, role=role)
    client.force_login(membership.user)
    return client


def test_counts_agree_between_sizes(client):
    """Both sizes in one database: the count at six times the data equals the count at once."""
    world = _world(1)
    small = {}
    council = _client(client, world, Role.COUNCIL_MEMBER)
    small["council"] = _count(council, reverse("dashboards:council", args=["alfa"]))
    small["pdf"] = _count(council, reverse("dashboards:council_pdf", args=["alfa"]))
    small["api"] = _count(council, "/api/v1/overview/")
    small["export"] = _count(
        council, reverse("dashboards:export", args=["alfa", "overview", "csv"])
    )
    small["opendata"] = _count(
        client, reverse("opendata:dataset", args=["alfa", "submissions", "json"])
    )
    leader = _client(client, world, Role.LEADER)
    small["mine"] = _count(leader, reverse("dashboards:mine", args=["alfa"]))
    client.force_login(KLUserFactory())
    small["national"] = _count(client, reverse("national_overview"))

    # when: five times the rows
    _grow(world, 5)
    large = {}
    council = _client(client, world, Role.COUNCIL_MEMBER)
    large["council"] = _count(council, reverse("dashboards:council", args=["alfa"]))
    large["pdf"] = _count(council, reverse("dashboards:council_pdf", args=["alfa"]))
    large["api"] = _count(council, "/api/v1/overview/")
    large["export"] = _count(
        council, reverse("dashboards:export", args=["alfa", "overview", "csv"])
    )
    large["opendata"] = _count(
        client, reverse("opendata:dataset", args=["alfa", "submissions", "json"])
    )
    leader = _client(client, world, Role.LEADER)
    large["mine"] = _count(leader, reverse("dashboards:mine", args=["alfa"]))
    client.force_login(KLUserFactory())
    large["national"] = _count(client, reverse("national_overview"))
    print("query counts per page:", small)  # shown with -s, for the record
    assert small == large, (small, large)
    # The page shell (session, user, membership, menu permissions) adds about nine.
    assert small["council"] <= BUDGET + 9 and small["api"] <= BUDGET + 2, small


def test_overview_selector_is_within_the_budget(django_assert_max_num_queries):
    world = _world(3)
    with django_assert_max_num_queries(BUDGET):
        overview = selectors.overview(
            municipality=world.a, period=Period(FROM, TODAY), unit=world.root, today=TODAY
        )
    assert overview.outcomes.courses == 15  # the assessments and scores were read too


def _grow(world, times):
    for _ in range(times):
        add_rows(world)
    _courses(world, 5 * times)

"""The one-pager's figures equal numbers computed independently from the fixtures."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from enkelt.dashboards import selectors
from enkelt.dashboards.selectors import Period
from enkelt.dashboards.tests.conftest import FROM, TODAY

PERIOD = Period(FROM, TODAY)


def test_submission_figures_of_the_period(world):
    # when
    figures = selectors.submission_figures(municipality=world.a, period=PERIOD, today=TODAY)
    # then: counted by hand in conftest's docstring
    assert (figures.received, figures.answered, figures.answered_on_time) == (6, 3, 2)
    assert (figures.open, figures.overdue) == (4, 3)  # today's state: with 2025's open one
    assert [(c.code, c.count) for c in figures.top_categories] == [("veje", 4), ("parker", 2)]
    assert figures.on_time_percent == 67


def test_figures_of_a_subtree(world):
    ids = selectors.unit_subtree(municipality=world.a, root=world.root)
    assert ids == {world.root.pk, world.child.pk}
    figures = selectors.submission_figures(
        municipality=world.a, period=PERIOD, unit_ids=ids, today=TODAY
    )
    assert (figures.received, figures.answered, figures.overdue) == (4, 2, 3)
    funnel = selectors.funnel_figures(municipality=world.a, period=PERIOD, unit_ids=ids)
    assert (funnel.flagged, funnel.awaiting_decision, funnel.escalated, funnel.abolished) == (
        3, 1, 1, 0,
    )  # fmt: skip
    portfolio = selectors.portfolio_figures(municipality=world.a, unit_ids=ids)
    assert portfolio.total == 2 and portfolio.red == []


def test_overview_of_the_whole_municipality(world):
    overview = selectors.overview(municipality=world.a, period=PERIOD, today=TODAY)
    f = overview.funnel
    assert (f.flagged, f.selected, f.abolished, f.escalated, f.awaiting_decision) == (4, 3, 1, 1, 1)
    assert f.expected_freed_hours_per_year == Decimal("15")
    assert f.realised_freed_hours_per_year == Decimal("8")
    p = overview.portfolio
    assert p.total == 3
    assert p.status_counts["active"] == 2 and p.status_counts["done"] == 1
    assert (p.rag_counts["green"], p.rag_counts["amber"], p.rag_counts["red"]) == (1, 1, 1)
    assert [i.title for i in p.red] == ["Rød 0"]
    assert sum(overview.goals.values()) == 1
    assert overview.outcomes.scheme is None


def test_outcome_headline_hides_small_groups(world):
    from enkelt.outcomes.tests.factories import SchemeFactory, course_with_change

    scheme = SchemeFactory(municipality=world.a, factors=1)
    for _ in range(4):
        course_with_change(
            unit=world.child, scheme=scheme, intake=[3], latest=[1], start=datetime.date(2026, 1, 5)
        )
    headline = selectors.outcome_headline(municipality=world.a, period=PERIOD, today=TODAY)
    assert headline.courses is None and headline.factors == []
    course_with_change(
        unit=world.child, scheme=scheme, intake=[3], latest=[1], start=datetime.date(2026, 1, 5)
    )
    headline = selectors.outcome_headline(municipality=world.a, period=PERIOD, today=TODAY)
    assert headline.courses == 5
    assert [(f.n, f.share_improved) for f in headline.factors] == [(5, Decimal("100.0"))]


@pytest.mark.parametrize(
    ("frequency", "days"),
    [("Kvartalsvis", 92), ("Månedligt", 31), ("Årligt", 366), ("Halvårligt", 183), ("", None)],
)
def test_frequency_is_read_from_danish_and_english(frequency, days):
    assert selectors.frequency_days(frequency) == days


def test_council_page_shows_the_figures_and_links(login, world):
    client = login("council_member")
    url = reverse("dashboards:council", args=["alfa"])
    response = client.get(url, {"from": "2026-01-01", "to": "2026-06-30"})
    assert response.status_code == 200
    figures = response.context["figures"]
    assert figures["submissions_received"].value == 6
    assert figures["submissions_answered_on_time"].value == 2
    assert figures["initiatives_red"].value == 1
    # a council member does not work in the inbox: submission numbers lead to the public list
    assert figures["submissions_received"].url.startswith("/alfa/submissions/")
    body = response.content.decode()
    assert 'data-figure="submissions_received">6<' in body
    assert "Rød 0" in body


def test_council_page_default_period_is_year_to_date(login, world):
    response = login("director").get(reverse("dashboards:council", args=["alfa"]))
    period = response.context["overview"].period
    assert period.date_from == datetime.date(period.date_to.year, 1, 1)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("council_member", 200), ("director", 200), ("administrator", 200),
        ("chief", 403), ("leader", 403), ("employee", 403),
    ],
)  # fmt: skip
def test_who_sees_the_council_page(login, role, status):
    response = login(role).get(reverse("dashboards:council", args=["alfa"]))
    assert response.status_code == status


def test_other_municipality_gets_404(login, world):
    client = login("council_member", unit=None, municipality=world.b)
    assert client.get(reverse("dashboards:council", args=["alfa"])).status_code == 404


def test_anonymous_is_sent_to_log_in(client, world):
    response = client.get(reverse("dashboards:council", args=["alfa"]))
    assert response.status_code == 302 and "login" in response["Location"]

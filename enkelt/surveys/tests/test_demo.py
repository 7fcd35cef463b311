"""The demo surveys: two closed wellbeing rounds feed the indicator; idempotent; one small unit."""

import pytest

from enkelt.goals.models import Measurement
from enkelt.surveys.models import IndicatorFeed, Response, RoundState, Survey
from enkelt.surveys.selectors import round_results

pytestmark = pytest.mark.django_db


def test_demo_surveys_load_once_and_feed_the_indicators():
    from enkelt.accounts.demo import load_demo
    from enkelt.surveys.demo import CITIZEN_TITLE, WELLBEING_TITLE, load_demo_surveys
    from enkelt.tenants.models import Municipality

    load_demo()
    demo = Municipality.objects.get(slug="demo")

    assert load_demo_surveys(demo) == 2
    responses = Response.objects.filter(municipality=demo).count()
    assert load_demo_surveys(demo) == 2  # idempotent
    assert Response.objects.filter(municipality=demo).count() == responses

    wellbeing = Survey.objects.get(municipality=demo, title_da=WELLBEING_TITLE)
    rounds = list(wellbeing.rounds.order_by("opens_on"))
    assert [r.state for r in rounds] == [RoundState.CLOSED, RoundState.CLOSED, RoundState.OPEN]
    feed = IndicatorFeed.objects.get(question__survey=wellbeing)
    measurements = Measurement.objects.filter(indicator=feed.indicator).order_by("date")
    assert [m.date for m in measurements] == [rounds[0].closes_on, rounds[1].closes_on]
    assert all("n = " in m.source for m in measurements)

    results = round_results(municipality=demo, survey_round=rounds[1])
    by_slug = {g.unit.slug: g for g in results.groups}
    assert by_slug["byggeri-og-miljo"].suppressed  # 3 respondents
    assert not by_slug["veje-og-parker"].suppressed
    assert results.previous_round == rounds[0]

    citizen = Survey.objects.get(municipality=demo, title_da=CITIZEN_TITLE)
    assert citizen.audience == "citizens" and citizen.service_unit.slug == "borgerservice"
    citizen_feed = IndicatorFeed.objects.get(question__survey=citizen)
    assert Measurement.objects.filter(indicator=citizen_feed.indicator).count() == 1


def test_demo_reset_rebuilds_the_surveys():
    from enkelt.demo.loaders import load_all
    from enkelt.surveys.demo import WELLBEING_TITLE

    load_all()
    load_all(reset=True)

    survey = Survey.objects.get(municipality__slug="demo", title_da=WELLBEING_TITLE)
    assert Survey.objects.filter(municipality__slug="demo").count() == 2
    feed = IndicatorFeed.objects.get(question__survey=survey)
    assert feed.indicator.goal is not None  # under the demo's wellbeing goal
    assert Measurement.objects.filter(indicator=feed.indicator).count() == 2

"""The demo: guides and ten ideas at every stage, loaded idempotently."""

import pytest

from enkelt.demo.loaders import load_all
from enkelt.ideas.demo import DEMO_IDEAS, load_demo_ideas
from enkelt.ideas.models import IdeaDevelopment, IdeaGuide, Stage
from enkelt.submissions.models import Submission
from enkelt.tenants.models import Municipality

pytestmark = pytest.mark.django_db


def test_demo_has_ten_ideas_at_every_stage_with_guides():
    load_all()
    demo = Municipality.objects.get(slug="demo")
    developments = IdeaDevelopment.objects.filter(municipality=demo).select_related("guide")
    assert len(DEMO_IDEAS) == 10
    assert developments.count() >= 8  # the two new ones may have no record yet
    titles = {spec.title for spec in DEMO_IDEAS}
    assert Submission.objects.filter(municipality=demo, kind="idea", title__in=titles).count() == 10
    stages = set(developments.values_list("stage", flat=True))
    assert stages >= set(Stage.values) - {Stage.NEW}
    guide = IdeaGuide.objects.get(municipality=demo, user__username="medarbejder")
    assert guide.unit is None
    assert developments.filter(guide__username="medarbejder").count() >= 5
    assert developments.exclude(initiative=None).exists()
    assert developments.exclude(case=None).exists()
    # idempotent
    before = IdeaDevelopment.objects.count(), Submission.objects.count()
    assert load_demo_ideas(demo) == developments.count()
    load_all()
    assert (IdeaDevelopment.objects.count(), Submission.objects.count()) == before


def test_demo_reset_removes_and_recreates_the_ideas():
    load_all()
    load_all(reset=True)
    demo = Municipality.objects.get(slug="demo")
    assert IdeaGuide.objects.filter(municipality=demo).count() == 2
    assert Submission.objects.filter(municipality=demo, title=DEMO_IDEAS[0].title).count() == 1

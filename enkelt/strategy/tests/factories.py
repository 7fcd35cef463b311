"""Plans, areas, programmes and initiatives for tests."""

import datetime

import factory

from enkelt.strategy.models import DevelopmentArea, Initiative, Programme, StrategyPlan
from enkelt.tenants.tests.factories import MunicipalityFactory


class StrategyPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategyPlan

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Strategiplan {n}")
    period_start = datetime.date(2026, 1, 1)


class DevelopmentAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DevelopmentArea

    plan = factory.SubFactory(StrategyPlanFactory)
    title = factory.Sequence(lambda n: f"Udviklingsområde {n}")
    order = factory.Sequence(lambda n: n)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    area = factory.SubFactory(DevelopmentAreaFactory)
    title = factory.Sequence(lambda n: f"Program {n}")
    order = factory.Sequence(lambda n: n)


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    programme = factory.SubFactory(ProgrammeFactory)
    municipality = factory.SelfAttribute("programme.area.plan.municipality")
    title = factory.Sequence(lambda n: f"Indsats {n}")
    status = Initiative.Status.ACTIVE
    rag = Initiative.Rag.GREEN

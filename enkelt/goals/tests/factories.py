"""Agreements, goals, indicators and measurements for tests."""

import datetime
from decimal import Decimal

import factory

from enkelt.goals.models import Goal, Indicator, Measurement
from enkelt.strategy.models import Agreement, DialogueMeeting
from enkelt.tenants.tests.factories import MunicipalityFactory, UnitFactory


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    municipality = factory.SubFactory(MunicipalityFactory)
    level = "director"
    title = factory.Sequence(lambda n: f"Aftale {n}")
    unit = factory.SubFactory(UnitFactory, municipality=factory.SelfAttribute("..municipality"))
    period_start = datetime.date(2026, 1, 1)
    period_end = datetime.date(2026, 12, 31)


class DialogueMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DialogueMeeting

    agreement = factory.SubFactory(AgreementFactory)
    kind = "start"
    held_on = datetime.date(2026, 1, 20)
    minutes = "Målene er drøftet."


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    agreement = factory.SubFactory(AgreementFactory)
    municipality = factory.SelfAttribute("agreement.municipality")
    title = factory.Sequence(lambda n: f"Mål {n}")
    is_local = True


class IndicatorFactory(factory.django.DjangoModelFactory):
    """The worked example of domain.md: 84.0 % on 2024-01-01, +3 pp by 2028-01-01."""

    class Meta:
        model = Indicator

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Indikator {n}")
    unit = "percent"
    direction = "up"
    baseline_value = Decimal("84.0")
    baseline_date = datetime.date(2024, 1, 1)
    target_change = Decimal("3")
    target_date = datetime.date(2028, 1, 1)


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measurement

    indicator = factory.SubFactory(IndicatorFactory)
    date = datetime.date(2026, 1, 1)
    value = Decimal("85.3")

"""Rules, activities and tariffs for tests."""

from decimal import Decimal

import factory

from enkelt.regulations.models import Activity, JobFamilyTariff, Rule
from enkelt.tenants.tests.factories import MunicipalityFactory


class RuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rule

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Regel {n}")
    kind = Rule.Kind.INTERNAL_RULE
    origin = Rule.Origin.ADMINISTRATION


class JobFamilyTariffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobFamilyTariff

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Sagsbehandler {n}")
    year = 2026
    hourly_wage = Decimal("400.00")
    overhead_share = Decimal("0.25")


class ActivityFactory(factory.django.DjangoModelFactory):
    """Raw rows: the rule's stored burden is NOT recomputed (use the services for that)."""

    class Meta:
        model = Activity

    rule = factory.SubFactory(RuleFactory)
    municipality = factory.SelfAttribute("rule.municipality")
    name = factory.Sequence(lambda n: f"Aktivitet {n}")
    population = Decimal("10")
    frequency_per_year = Decimal("12")
    minutes_per_occurrence = Decimal("30")

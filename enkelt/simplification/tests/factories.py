"""Factories for the simplification tests: rules with activities, cases, flags.

Rules are stored directly (the registry's services are tested in their app);
hassle submissions come from the submissions app's factories.
"""

from decimal import Decimal

import factory
from django.utils import timezone

from enkelt.regulations.models import Activity, Rule
from enkelt.simplification.models import Campaign, Case, Flag, Stage
from enkelt.submissions.models import Kind
from enkelt.submissions.tests.factories import CategoryFactory, SubmissionFactory
from enkelt.tenants.tests.factories import MunicipalityFactory, UnitFactory


class RuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rule

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Regel {n}")
    kind = Rule.Kind.DOCUMENTATION_REQUIREMENT
    origin = Rule.Origin.ADMINISTRATION
    owner_unit = factory.SubFactory(
        UnitFactory, municipality=factory.SelfAttribute("..municipality")
    )


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    rule = factory.SubFactory(RuleFactory)
    municipality = factory.SelfAttribute("rule.municipality")
    name = factory.Sequence(lambda n: f"Aktivitet {n}")
    population = Decimal("100")
    frequency_per_year = Decimal("12")
    minutes_per_occurrence = Decimal("30")
    business_as_usual_share = Decimal("0")


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    municipality = factory.SubFactory(MunicipalityFactory)
    theme = factory.Sequence(lambda n: f"Tema {n}")
    opens_on = factory.LazyFunction(timezone.localdate)
    closes_on = factory.LazyFunction(timezone.localdate)


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    municipality = factory.SubFactory(MunicipalityFactory)
    rule = factory.SubFactory(RuleFactory, municipality=factory.SelfAttribute("..municipality"))
    stage = Stage.FLAGGED
    outcome = ""
    flagged_on = factory.LazyFunction(timezone.localdate)


class HassleSubmissionFactory(SubmissionFactory):
    category = factory.SubFactory(
        CategoryFactory, municipality=factory.SelfAttribute("..municipality"), kind=Kind.HASSLE
    )
    contact_email = factory.Sequence(lambda n: f"borger{n}@example.test")
    language = "da"


class FlagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Flag

    case = factory.SubFactory(CaseFactory)
    municipality = factory.SelfAttribute("case.municipality")
    suggestion = "Drop det"


def case_in_state(state: str, **kwargs):
    """A case put straight into a pipeline state (stage, or decided with that outcome)."""
    from enkelt.simplification import pipeline

    stage = pipeline.stage_of(state)
    outcome = state if stage == Stage.DECIDED else ""
    reason = "Fordi" if outcome else ""
    return CaseFactory(stage=stage, outcome=outcome, reason=reason, **kwargs)

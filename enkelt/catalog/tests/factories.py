"""Catalogue examples and tags for tests."""

import datetime

import factory
from django.utils import timezone

from enkelt.catalog.models import Example, ExampleOutcome, Relation, StrategyType, Tag


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"emne-{n}")
    name = factory.LazyAttribute(lambda t: t.slug.replace("-", " ").capitalize())


class ExampleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Example

    title = factory.Sequence(lambda n: f"Eksempel {n}")
    municipality_name = "Testrup Kommune"
    year = 2024
    summary = "Kommunen ændrede arbejdsgangen for ansøgninger."
    what_was_done = "Medarbejderne kortlagde trinene og fjernede dobbeltarbejde."
    results = "30 timer sparet om året."
    relation = Relation.ADMINISTRATION_INSTITUTIONS
    strategy_type = StrategyType.LEAN_WORKFLOWS
    outcome = ExampleOutcome.SUCCESS
    lessons = "Inddrag medarbejderne tidligt."
    source_reference = "Testkilde"
    published = True
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))

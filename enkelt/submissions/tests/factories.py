"""Factories for the submissions app's tests.

Minimal municipality, unit, user and membership factories live here too, so
these tests do not depend on other apps' test helpers.
"""

from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from enkelt.submissions.models import (
    AreaRoute,
    Category,
    CategoryQuestion,
    Kind,
    Submission,
)
from enkelt.submissions.tracking import tracking_code_new
from enkelt.tenants.models import Membership, Municipality, Role, Unit


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    slug = factory.Sequence(lambda n: f"sub-kommune-{n}")
    name = factory.Sequence(lambda n: f"Henvendelseskommune {n}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    municipality = factory.SubFactory(MunicipalityFactory)
    kind = Unit.Kind.DEPARTMENT
    name = factory.Sequence(lambda n: f"Enhed {n}")
    slug = factory.Sequence(lambda n: f"enhed-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"subuser{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.test")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    unit = factory.SubFactory(UnitFactory, municipality=factory.SelfAttribute("..municipality"))
    role = Role.EMPLOYEE


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    municipality = factory.SubFactory(MunicipalityFactory)
    code = factory.Sequence(lambda n: f"kategori-{n}")
    kind = Kind.FAULT
    name_da = factory.Sequence(lambda n: f"Kategori {n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")
    unit = factory.SubFactory(UnitFactory, municipality=factory.SelfAttribute("..municipality"))
    deadline_working_days = 10


class CategoryQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CategoryQuestion

    category = factory.SubFactory(CategoryFactory)
    municipality = factory.SelfAttribute("category.municipality")
    code = factory.Sequence(lambda n: f"q{n}")
    label_da = "Spørgsmål"
    label_en = "Question"
    datatype = CategoryQuestion.Datatype.TEXT


class AreaRouteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AreaRoute

    category = factory.SubFactory(CategoryFactory)
    municipality = factory.SelfAttribute("category.municipality")
    unit = factory.SubFactory(UnitFactory, municipality=factory.SelfAttribute("..municipality"))
    postal_codes = factory.LazyFunction(list)
    polygon = None


class SubmissionFactory(factory.django.DjangoModelFactory):
    """A stored submission, bypassing the service (for selector and query-count tests)."""

    class Meta:
        model = Submission

    municipality = factory.SubFactory(MunicipalityFactory)
    category = factory.SubFactory(
        CategoryFactory, municipality=factory.SelfAttribute("..municipality")
    )
    unit = factory.SelfAttribute("category.unit")
    kind = factory.SelfAttribute("category.kind")
    tracking_code = factory.LazyFunction(tracking_code_new)
    title = factory.Sequence(lambda n: f"Henvendelse {n}")
    description = "Beskrivelse"
    public_title = factory.SelfAttribute("title")
    public_description = factory.SelfAttribute("description")
    lat = Decimal("55.716000")
    lon = Decimal("11.713000")

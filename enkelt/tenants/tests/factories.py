"""Municipalities, units and memberships for tests."""

import factory

from enkelt.tenants.models import Membership, Municipality, Role, Unit


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"kommune-{n}")
    name = factory.Sequence(lambda n: f"Testkommune {n}")
    inhabitants = 50_000
    contact_email = factory.LazyAttribute(lambda m: f"kontakt@{m.slug}.example")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    municipality = factory.SubFactory(MunicipalityFactory)
    kind = Unit.Kind.DEPARTMENT
    name = factory.Sequence(lambda n: f"Afdeling {n}")
    slug = factory.Sequence(lambda n: f"afdeling-{n}")
    is_public = True


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory("enkelt.accounts.tests.factories.UserFactory")
    municipality = factory.SubFactory(MunicipalityFactory)
    unit = factory.SubFactory(UnitFactory, municipality=factory.SelfAttribute("..municipality"))
    role = Role.EMPLOYEE

"""Users. Every factory user has the password `pw` (test settings hash with MD5: fast)."""

import factory
from django.contrib.auth import get_user_model

TEST_PASSWORD = "pw"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.test")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person{n}")
    password = factory.django.Password(TEST_PASSWORD)


class KLUserFactory(UserFactory):
    is_kl = True

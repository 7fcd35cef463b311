"""The anonymous page cache: shared only between visitors without a session, per language."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from enkelt.tenants.models import Role
from enkelt.tenants.tests.factories import MembershipFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.ENKELT_PUBLIC_PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def test_an_anonymous_visitor_gets_the_cached_page(page_cache, django_assert_num_queries):
    municipality = MunicipalityFactory.create(name="Fjordby Kommune")
    url = reverse("municipality_home", args=[municipality.slug])
    first = Client().get(url)
    assert first.status_code == 200 and "Fjordby Kommune" in first.content.decode()
    # nothing personal: no cookie is set and the page carries no CSRF token
    assert not first.cookies and "csrfmiddlewaretoken" not in first.content.decode()
    municipality.name = "Omdøbt Kommune"
    municipality.save()
    with django_assert_num_queries(0):
        again = Client().get(url)
    assert again.content == first.content
    cache.clear()
    assert "Omdøbt Kommune" in Client().get(url).content.decode()


def test_languages_are_cached_apart(page_cache):
    municipality = MunicipalityFactory.create()
    url = reverse("submissions:public_list", args=[municipality.slug])
    danish = Client(HTTP_ACCEPT_LANGUAGE="da").get(url)
    english = Client(HTTP_ACCEPT_LANGUAGE="en").get(url)
    assert danish["Content-Language"] == "da" and english["Content-Language"] == "en"
    assert Client(HTTP_ACCEPT_LANGUAGE="en").get(url).content == english.content
    assert english.content != danish.content


def test_staff_always_get_a_fresh_page(page_cache, django_assert_max_num_queries):
    municipality = MunicipalityFactory.create()
    user = MembershipFactory.create(municipality=municipality, role=Role.EMPLOYEE).user
    client = Client()
    client.force_login(user)
    url = reverse("municipality_home", args=[municipality.slug])
    client.get(url)
    municipality.name = "Ny Kommune"
    municipality.save()
    assert "Ny Kommune" in client.get(url).content.decode()


def test_the_cache_is_off_when_configured(settings):
    settings.ENKELT_PUBLIC_PAGE_CACHE_SECONDS = 0
    municipality = MunicipalityFactory.create(name="Før Kommune")
    url = reverse("municipality_home", args=[municipality.slug])
    Client().get(url)
    municipality.name = "Efter Kommune"
    municipality.save()
    assert "Efter Kommune" in Client().get(url).content.decode()


def test_language_switch_needs_no_token_without_a_session_but_does_with_one(db):
    # an anonymous visitor switches by the cached page's form, which has no token
    anonymous = Client(enforce_csrf_checks=True)
    response = anonymous.post(reverse("language_switch"), {"language": "en", "next": "/"})
    assert response.status_code == 302 and response.cookies["django_language"].value == "en"
    # a logged-in user's choice is saved on the profile, so a forged post is refused
    user = MembershipFactory.create(role=Role.EMPLOYEE).user
    staff = Client(enforce_csrf_checks=True)
    staff.force_login(user)
    forged = staff.post(reverse("language_switch"), {"language": "en", "next": "/"})
    assert forged.status_code == 403
    user.refresh_from_db()
    assert user.language != "en"

"""Language switch, profile, MFA for administrators and log-in throttling."""

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.urls import reverse

from enkelt.accounts.tests.factories import TEST_PASSWORD, UserFactory
from enkelt.audit.selectors import audit_events_for
from enkelt.tenants.models import Role
from enkelt.tenants.tests.factories import MembershipFactory

COOKIE = settings.LANGUAGE_COOKIE_NAME


@pytest.fixture
def employee(db):
    return MembershipFactory(role=Role.EMPLOYEE).user


def test_language_switch_sets_cookie_and_user_language(client, employee):
    client.force_login(employee)
    response = client.post("/language/", {"language": "en", "next": "/accessibility/"})
    assert response.status_code == 302
    assert response["Location"] == "/accessibility/"
    assert response.cookies[COOKIE].value == "en"
    assert response.cookies[COOKIE]["httponly"]
    employee.refresh_from_db()
    assert employee.language == "en"
    assert audit_events_for(obj=employee).get().verb == "user.language_changed"
    # The next page is in English.
    assert '<html lang="en">' in client.get("/accessibility/").content.decode()


def test_language_switch_for_anonymous_sets_cookie_only(client, db):
    response = client.post("/language/", {"language": "en", "next": "/"})
    assert response.cookies[COOKIE].value == "en"
    assert '<html lang="en">' in client.get("/").content.decode()


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "http:/x"])
def test_language_switch_does_not_follow_external_next(client, db, target):
    response = client.post("/language/", {"language": "en", "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_language_switch_refuses_get(client, db):
    assert client.get("/language/").status_code == 405


def test_language_switch_ignores_unknown_language(client, employee):
    client.force_login(employee)
    response = client.post("/language/", {"language": "xx", "next": "/"})
    assert response["Location"] == "/"
    assert COOKIE not in response.cookies
    employee.refresh_from_db()
    assert employee.language == ""


def test_user_language_wins_over_browser(client, employee):
    employee.language = "en"
    employee.save()
    client.force_login(employee)
    response = client.get("/accessibility/", headers={"accept-language": "da"})
    assert '<html lang="en">' in response.content.decode()


def test_profile_post_saves_language(client, employee):
    client.force_login(employee)
    response = client.post(reverse("profile"), {"language": "en"})
    assert response.status_code == 302
    assert response["Location"] == reverse("profile")
    assert response.cookies[COOKIE].value == "en"
    employee.refresh_from_db()
    assert employee.language == "en"


def test_profile_empty_language_follows_browser(client, employee):
    employee.language = "en"
    employee.save()
    client.force_login(employee)
    client.post(reverse("profile"), {"language": ""})
    employee.refresh_from_db()
    assert employee.language == ""
    page = client.get(reverse("profile"), headers={"accept-language": "da"})
    assert '<html lang="da">' in page.content.decode()
    assert employee.membership.municipality.name in page.content.decode()


def test_profile_requires_login(client, db):
    response = client.get(reverse("profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_administrator_without_totp_is_sent_to_mfa_setup(client, db):
    administrator = MembershipFactory(role=Role.ADMINISTRATOR).user
    client.force_login(administrator)
    slug = administrator.membership.municipality.slug
    response = client.get(reverse("staff_home", args=[slug]))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    # With TOTP activated, the staff home opens.
    Authenticator.objects.create(
        user=administrator, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    assert client.get(reverse("staff_home", args=[slug])).status_code == 200


def test_superuser_without_totp_is_sent_to_mfa_setup(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get("/admin/")
    assert response["Location"] == reverse("mfa_activate_totp")


def test_employee_is_not_asked_for_totp(client, employee):
    client.force_login(employee)
    response = client.get(reverse("staff_home", args=[employee.membership.municipality.slug]))
    assert response.status_code == 200


def test_login_with_username_and_password(client, employee):
    response = client.post(
        reverse("account_login"), {"login": employee.username, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("staff_home_redirect")
    assert client.get("/staff/")["Location"] == reverse(
        "staff_home", args=[employee.membership.municipality.slug]
    )


def test_failed_logins_are_throttled(client, employee):
    url = reverse("account_login")
    statuses = [
        client.post(url, {"login": employee.username, "password": "forkert"}).status_code
        for _ in range(6)
    ]
    assert statuses[:5] == [200] * 5
    assert statuses[5] == 429
    # Even the right password is refused while throttled.
    response = client.post(url, {"login": employee.username, "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert response["Content-Type"].startswith("text/html")
    assert "429" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_national_kl_user_lands_on_the_national_list(client, db):
    from enkelt.accounts.tests.factories import UserFactory

    kl = UserFactory(is_kl=True)
    client.force_login(kl)
    assert client.get("/staff/")["Location"] == reverse("simplification_national")
    page = client.get(reverse("simplification_national")).content.decode()
    # the KL menu points at the national list
    assert f'href="{reverse("simplification_national")}"' in page

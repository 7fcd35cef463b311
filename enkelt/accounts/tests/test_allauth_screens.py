"""The allauth screens render with DKFDS markup and keep allauth's behaviour."""

from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.template.loader import get_template
from django.urls import reverse

ACCOUNTS_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
PASSWORD = "correct-horse-battery-staple"


class Page(HTMLParser):
    """Collects the elements the tests look at: inputs, labels, links and ids."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.inputs: list[dict[str, str | None]] = []
        self.labels_for: set[str] = set()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.images: list[dict[str, str | None]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(str(attributes["id"]))
        if tag in {"input", "textarea", "select"}:
            self.inputs.append({"tag": tag, **attributes})
        elif tag == "label" and attributes.get("for"):
            self.labels_for.add(str(attributes["for"]))
        elif tag == "a" and attributes.get("href"):
            self.links.append(str(attributes["href"]))
        elif tag == "img":
            self.images.append(attributes)

    def visible_inputs(self) -> list[dict[str, str | None]]:
        return [i for i in self.inputs if i.get("type") not in {"hidden", "submit"}]

    def input_named(self, name: str) -> dict[str, str | None]:
        matches = [i for i in self.inputs if i.get("name") == name]
        assert len(matches) == 1, f"expected one input named {name!r}, found {matches}"
        return matches[0]


def classes(element: dict[str, str | None]) -> list[str]:
    return (element.get("class") or "").split()


def log_in_and_reauthenticate(client) -> None:
    """allauth.mfa asks for the password again (reauthentication) before TOTP setup."""
    client.post(reverse("account_login"), {"login": "karen", "password": PASSWORD})
    reauthenticate = client.get(reverse("account_reauthenticate"))
    password = Page(reauthenticate.content.decode()).input_named("password")
    assert "form-input" in classes(password)
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    # allauth keeps its rate-limit counters in the cache; tests must not share them.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff_user(db):
    return get_user_model().objects.create_user(
        username="karen", email="karen@example.dk", password=PASSWORD
    )


def test_project_templates_override_allauth():
    # App template directories are searched in INSTALLED_APPS order, so the
    # enkelt apps must come before "allauth" for these overrides to be used.
    for name in ("allauth/elements/field.html", "account/login.html"):
        origin = Path(get_template(name).origin.name)
        assert ACCOUNTS_TEMPLATES in origin.parents, (
            f"{name} comes from {origin}: list enkelt.accounts before allauth in INSTALLED_APPS"
        )


@pytest.mark.django_db
def test_login_page_labels_every_input_and_uses_dkfds_inputs(client):
    response = client.get(reverse("account_login"))

    assert response.status_code == 200
    page = Page(response.content.decode())
    visible = page.visible_inputs()
    assert {i.get("name") for i in visible} >= {"login", "password"}
    for element in visible:
        assert element.get("id"), element
        assert element["id"] in page.labels_for, f"no <label for> for {element}"
    for name in ("login", "password"):
        element = page.input_named(name)
        assert "form-input" in classes(element)
        assert "aria-invalid" not in element
    # Placeholders would only repeat the visible labels.
    assert all("placeholder" not in element for element in visible)
    # Sign-up is closed, so the page does not invite anyone to sign up.
    assert reverse("account_signup") not in page.links
    assert reverse("account_reset_password") in page.links
    assert 'class="button button-primary' in response.content.decode()
    assert b"<h1>" in response.content


@pytest.mark.django_db
def test_failed_login_shows_error_summary_and_marks_fields_invalid(client, staff_user):
    response = client.post(
        reverse("account_login"), {"login": "karen", "password": "wrong-password"}
    )

    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated
    html = response.content.decode()
    page = Page(html)
    assert 'class="alert alert-error"' in html
    assert 'data-module="error-summary"' in html
    login = page.input_named("login")
    password = page.input_named("password")
    # The summary links to the first field the error concerns.
    assert f"#{login['id']}" in page.links
    for element in (login, password):
        assert element.get("aria-invalid") == "true"
        described_by = (element.get("aria-describedby") or "").split()
        assert described_by, element
        assert all(ref in page.ids for ref in described_by), (described_by, page.ids)
    assert "form-error-message" in html
    # The typed username is kept, the password is not sent back.
    assert login.get("value") == "karen"
    assert "value" not in password


@pytest.mark.django_db
def test_field_error_is_linked_from_the_summary(client, staff_user):
    response = client.post(reverse("account_login"), {"login": "karen", "password": ""})

    page = Page(response.content.decode())
    password = page.input_named("password")
    assert password.get("aria-invalid") == "true"
    error_id = f"{password['id']}_error"
    assert error_id in (password.get("aria-describedby") or "").split()
    assert error_id in page.ids
    assert f"#{password['id']}" in page.links


@pytest.mark.django_db
def test_successful_login_still_works(client, staff_user):
    response = client.post(reverse("account_login"), {"login": "karen", "password": PASSWORD})

    assert response.status_code == 302
    assert client.get(reverse("profile")).wsgi_request.user == staff_user


@pytest.mark.django_db
def test_password_reset_sends_email_with_link(client, staff_user):
    form_page = client.get(reverse("account_reset_password"))
    assert form_page.status_code == 200
    email_input = Page(form_page.content.decode()).input_named("email")
    assert "form-input" in classes(email_input)
    assert email_input.get("type") == "email"

    response = client.post(reverse("account_reset_password"), {"email": "karen@example.dk"})

    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["karen@example.dk"]
    assert "/accounts/password/reset/key/" in message.body

    done = client.get(response["Location"])
    assert done.status_code == 200
    assert b"<h1>" in done.content

    # The link in the e-mail leads to a DKFDS form for the new password.
    link = next(word for word in message.body.split() if "/accounts/password/reset/key/" in word)
    path = link[link.index("/accounts/") :]
    key_page = client.get(path, follow=True)
    assert key_page.status_code == 200
    key_form = Page(key_page.content.decode())
    for name in ("password1", "password2"):
        element = key_form.input_named(name)
        assert "form-input" in classes(element)
        assert element["id"] in key_form.labels_for


@pytest.mark.django_db
def test_password_reset_for_unknown_address_sends_nothing_useful(client, db):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.dk"})

    # allauth does not reveal whether the address is known.
    assert response.status_code == 302
    assert all("/accounts/password/reset/key/" not in m.body for m in mail.outbox)


@pytest.mark.django_db
def test_totp_activation_page_shows_qr_code_secret_and_code_field(client, staff_user):
    log_in_and_reauthenticate(client)

    response = client.get(reverse("mfa_activate_totp"))

    assert response.status_code == 200
    page = Page(response.content.decode())
    secret = response.context["form"].secret
    qr_codes = [i for i in page.images if (i.get("src") or "").startswith("data:image/svg+xml")]
    assert len(qr_codes) == 1
    assert qr_codes[0].get("alt")
    assert secret not in (qr_codes[0].get("alt") or "")
    secret_input = next(i for i in page.inputs if i.get("id") == "authenticator_secret")
    assert secret_input.get("value") == secret
    assert "readonly" in secret_input
    code = page.input_named("code")
    assert "form-input" in classes(code)
    assert code["id"] in page.labels_for
    assert code.get("autocomplete") == "one-time-code"


@pytest.mark.django_db
def test_totp_activation_with_wrong_code_shows_error(client, staff_user):
    log_in_and_reauthenticate(client)

    response = client.post(reverse("mfa_activate_totp"), {"code": "000000"})

    assert response.status_code == 200
    html = response.content.decode()
    page = Page(html)
    code = page.input_named("code")
    assert code.get("aria-invalid") == "true"
    assert f"#{code['id']}" in page.links
    assert 'class="alert alert-error"' in html


@pytest.mark.django_db
def test_signup_is_closed(client):
    response = client.get(reverse("account_signup"))

    # allauth answers with its "signup closed" page instead of the form.
    assert response.status_code == 200
    assert "account/signup_closed.html" in [t.name for t in response.templates]
    page = Page(response.content.decode())
    assert not any(i.get("name") in {"password1", "username", "email"} for i in page.inputs)

    response = client.post(
        reverse("account_signup"),
        {
            "username": "mallory",
            "email": "mallory@example.dk",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 200
    assert not get_user_model().objects.filter(username="mallory").exists()

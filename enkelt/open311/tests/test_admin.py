"""The admin creates keys (shown once) and revokes them, through the audited services."""

import re

import pytest

from enkelt.audit.models import AuditEvent
from enkelt.open311.keys import api_key_authenticate, api_key_create
from enkelt.open311.models import ApiKey
from enkelt.submissions.tests.factories import MunicipalityFactory, UserFactory


@pytest.fixture
def admin_client(client, db, settings):
    settings.MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
    user = UserFactory(is_staff=True, is_superuser=True)
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    client.force_login(user)
    return client


def test_add_shows_the_key_once_and_stores_its_hash(admin_client):
    municipality = MunicipalityFactory()
    response = admin_client.post(
        "/admin/open311/apikey/add/",
        {"municipality": municipality.pk, "name": "FixMyStreet"},
        follow=True,
    )
    assert response.status_code == 200
    api_key = ApiKey.objects.get()
    shown = re.search(r"<code>([^<]+)</code>", response.content.decode())
    assert shown, "the new key must be shown"
    clear = shown.group(1)
    assert api_key_authenticate(municipality=municipality, key=clear) == api_key
    assert AuditEvent.objects.filter(verb="open311.api_key_created").count() == 1
    # Shown once: the key's page never shows it again.
    page = admin_client.get(f"/admin/open311/apikey/{api_key.pk}/change/")
    assert page.status_code == 200
    assert clear not in page.content.decode()
    assert api_key.key_prefix in page.content.decode()


def test_revoke_action(admin_client):
    municipality = MunicipalityFactory()
    api_key, clear = api_key_create(actor=None, municipality=municipality, name="App")
    response = admin_client.post(
        "/admin/open311/apikey/",
        {"action": "revoke", "_selected_action": [api_key.pk]},
        follow=True,
    )
    assert response.status_code == 200
    api_key.refresh_from_db()
    assert api_key.revoked_at is not None
    assert api_key_authenticate(municipality=municipality, key=clear) is None
    event = AuditEvent.objects.get(verb="open311.api_key_revoked")
    assert event.actor is not None


def test_keys_cannot_be_deleted(admin_client):
    api_key, _ = api_key_create(actor=None, municipality=MunicipalityFactory(), name="App")
    response = admin_client.post(f"/admin/open311/apikey/{api_key.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert ApiKey.objects.filter(pk=api_key.pk).exists()

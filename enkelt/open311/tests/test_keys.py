"""API keys: creation shows the key once and stores a hash; revocation; the demo key."""

import pytest

from enkelt.audit.models import AuditEvent
from enkelt.open311.demo import DEMO_KEY, load_demo_api_key
from enkelt.open311.keys import api_key_authenticate, api_key_create, api_key_revoke
from enkelt.open311.models import ApiKey, hash_key
from enkelt.submissions.tests.factories import MunicipalityFactory


@pytest.fixture
def municipality(db):
    return MunicipalityFactory()


def test_create_stores_only_a_hash_and_audits(municipality):
    api_key, clear = api_key_create(actor=None, municipality=municipality, name=" App ")
    assert len(clear) >= 24
    assert api_key.key_hash == hash_key(clear) and clear not in api_key.key_hash
    assert api_key.key_prefix == clear[:8] and api_key.name == "App"
    event = AuditEvent.objects.get(verb="open311.api_key_created")
    assert event.municipality == municipality
    assert clear not in str(event.after)


def test_two_keys_differ(municipality):
    _, one = api_key_create(actor=None, municipality=municipality, name="A")
    _, two = api_key_create(actor=None, municipality=municipality, name="B")
    assert one != two


def test_authenticate_marks_use_and_refuses_revoked_foreign_and_junk(municipality):
    api_key, clear = api_key_create(actor=None, municipality=municipality, name="A")
    found = api_key_authenticate(municipality=municipality, key=clear)
    assert found == api_key
    api_key.refresh_from_db()
    assert api_key.last_used_at is not None
    assert api_key_authenticate(municipality=MunicipalityFactory(), key=clear) is None
    assert api_key_authenticate(municipality=municipality, key="") is None
    assert api_key_authenticate(municipality=municipality, key="x" * 500) is None
    api_key_revoke(actor=None, municipality=municipality, api_key=api_key)
    assert api_key_authenticate(municipality=municipality, key=clear) is None


def test_revoke_audits_once(municipality):
    api_key, _ = api_key_create(actor=None, municipality=municipality, name="A")
    api_key_revoke(actor=None, municipality=municipality, api_key=api_key)
    first_revoked = api_key.revoked_at
    api_key_revoke(actor=None, municipality=municipality, api_key=api_key)
    assert api_key.revoked_at == first_revoked is not None
    assert AuditEvent.objects.filter(verb="open311.api_key_revoked").count() == 1


def test_revoke_refuses_another_municipality(municipality):
    api_key, _ = api_key_create(actor=None, municipality=municipality, name="A")
    with pytest.raises(ValueError):
        api_key_revoke(actor=None, municipality=MunicipalityFactory(), api_key=api_key)
    api_key.refresh_from_db()
    assert api_key.revoked_at is None


def test_demo_key_is_idempotent_and_works(municipality):
    first = load_demo_api_key(municipality)
    again = load_demo_api_key(municipality)
    assert first == again
    assert ApiKey.objects.filter(municipality=municipality).count() == 1
    assert api_key_authenticate(municipality=municipality, key=DEMO_KEY) == first

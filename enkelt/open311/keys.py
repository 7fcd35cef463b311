"""Open311 API keys: created and revoked by administrators, checked on every POST.

A key is shown once, when it is created, and stored only as a hash (see
models.ApiKey). Creating and revoking are audited; a key's use only updates
`last_used_at`, which is not audited: it would flood the trail with one event
per report, and the submission's own audit event already records the channel.
"""

from django.db import transaction
from django.utils import timezone

from enkelt.audit.services import audit_record
from enkelt.open311.models import ApiKey, hash_key, new_key
from enkelt.open311.params import MAX_KEY_LENGTH
from enkelt.submissions.services import Actor
from enkelt.tenants.models import Municipality


@transaction.atomic
def api_key_create(
    *, actor: Actor, municipality: Municipality, name: str, key: str | None = None
) -> tuple[ApiKey, str]:
    """A new key for a client of `municipality`; returns the row and the key in clear.

    `key` is for the demo data (its key is fixed in contract.md); real keys are random.
    """
    clear = key or new_key()
    api_key = ApiKey(municipality=municipality, name=name.strip()[:200])
    api_key.set_key(clear)
    api_key.save()
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=api_key,
        verb="open311.api_key_created",
        after={"name": api_key.name, "key_prefix": api_key.key_prefix},
    )
    return api_key, clear


@transaction.atomic
def api_key_revoke(*, actor: Actor, municipality: Municipality, api_key: ApiKey) -> ApiKey:
    """Stop accepting `api_key` from now on. Revoking a revoked key changes nothing."""
    if api_key.municipality_id != municipality.pk:
        raise ValueError("The key belongs to another municipality.")
    api_key.refresh_from_db(from_queryset=ApiKey.objects.select_for_update())
    if api_key.revoked_at is not None:
        return api_key
    api_key.revoked_at = timezone.now()
    api_key.save(update_fields=["revoked_at", "updated_at"])
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=api_key,
        verb="open311.api_key_revoked",
        before={"revoked_at": None},
        after={"revoked_at": api_key.revoked_at},
    )
    return api_key


def api_key_authenticate(*, municipality: Municipality, key: str) -> ApiKey | None:
    """The municipality's live key matching `key`, marked as used; None if none matches."""
    if not key or len(key) > MAX_KEY_LENGTH:
        return None
    api_key = ApiKey.objects.filter(
        municipality=municipality, key_hash=hash_key(key), revoked_at__isnull=True
    ).first()
    if api_key is not None:
        api_key.last_used_at = timezone.now()
        ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=api_key.last_used_at)
    return api_key

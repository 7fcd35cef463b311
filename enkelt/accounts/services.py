"""Writes on users."""

from typing import Any

from django.db import transaction

from enkelt.audit.services import audit_record
from enkelt.tenants.access import membership_of


@transaction.atomic
def user_set_language(*, actor: Any, user: Any, language: str) -> None:
    """Remember the user's language; empty means follow the browser."""
    before = user.language
    if before == language:
        return
    user.language = language
    user.save(update_fields=["language"])
    membership = membership_of(user)
    audit_record(
        actor=actor,
        municipality=membership.municipality if membership else None,
        obj=user,
        verb="user.language_changed",
        before={"language": before},
        after={"language": language},
    )

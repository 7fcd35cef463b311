"""Input checks shared by the simplification services: the municipality and free texts."""

from typing import Any, TypeAlias

from django.contrib.auth.models import AnonymousUser

from enkelt.accounts.models import User
from enkelt.simplification.error_codes import SimplificationError, SimplificationErrorCode
from enkelt.tenants.models import Municipality

Actor: TypeAlias = User | AnonymousUser | None

TEXT_MAX_LENGTH = 10_000


def user_of(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) and actor.is_authenticated else None


def check_municipality(municipality: Municipality, *objects: Any) -> None:
    """Every object must belong to `municipality`, so a caller's mistake cannot cross tenants."""
    for obj in objects:
        if obj is not None and obj.municipality_id != municipality.pk:
            raise SimplificationError(SimplificationErrorCode.WRONG_MUNICIPALITY)


def clean_text(value: str, *, required: bool) -> str:
    text = (value or "").strip()
    if required and not text:
        raise SimplificationError(SimplificationErrorCode.EMPTY_TEXT)
    if len(text) > TEXT_MAX_LENGTH:
        raise SimplificationError(SimplificationErrorCode.TEXT_TOO_LONG)
    return text

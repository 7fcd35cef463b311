"""Reads about users."""

from typing import Any

from allauth.mfa.models import Authenticator

from enkelt.tenants.access import membership_of
from enkelt.tenants.models import Role


def user_is_administrator(*, user: Any) -> bool:
    membership = membership_of(user)
    return bool(user.is_superuser or (membership and membership.role == Role.ADMINISTRATOR))


def user_needs_mfa_setup(*, user: Any) -> bool:
    """Administrators without an active TOTP authenticator must set one up first."""
    if not user_is_administrator(user=user):
        return False
    if not hasattr(user, "_enkelt_has_totp"):
        user._enkelt_has_totp = Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).exists()
    return not user._enkelt_has_totp

"""`manage.py enkelt_demo`: only with ENKELT_DEMO, idempotent, the contract's users."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count, F

from enkelt.tenants.models import Membership, Municipality, Role, Unit

User = get_user_model()

# The contract (contract.md, "Demo data"): username -> (municipality, role).
CONTRACT_USERS = {
    "borger": (None, None),
    "medarbejder": ("demo", Role.EMPLOYEE),
    "leder": ("demo", Role.LEADER),
    "chef": ("demo", Role.CHIEF),
    "direktoer": ("demo", Role.DIRECTOR),
    "politiker": ("demo", Role.COUNCIL_MEMBER),
    "admin": ("demo", Role.ADMINISTRATOR),
    "paedagog": ("demo", Role.EMPLOYEE),  # outcome courses of Børnehuset Solsikken
    "medarbejder2": ("demo2", Role.EMPLOYEE),
    "leder2": ("demo2", Role.LEADER),
    "kl": (None, None),
}


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count() for model in (Municipality, Unit, User, Membership)
    }


@pytest.fixture
def demo(db, settings):
    settings.ENKELT_DEMO = True
    call_command("enkelt_demo")


def test_refused_without_enkelt_demo(db, settings):
    settings.ENKELT_DEMO = False
    with pytest.raises(CommandError, match="ENKELT_DEMO"):
        call_command("enkelt_demo")
    assert Municipality.objects.count() == 0


def test_running_twice_changes_nothing(demo, settings):
    first = _counts()
    call_command("enkelt_demo")
    assert _counts() == first
    assert first["Municipality"] == 2
    assert first["User"] == len(CONTRACT_USERS)
    assert first["Membership"] == 9
    # No duplicate units (same name under the same parent).
    duplicates = (
        Unit.objects.values("municipality", "parent", "name")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert not duplicates.exists()


def test_reset_recreates_the_same(demo):
    first = _counts()
    call_command("enkelt_demo", "--reset")
    assert _counts() == first


def test_rerun_corrects_edited_rows(demo):
    leder = User.objects.get(username="leder")
    leder.first_name = "Ændret"
    leder.save()
    Membership.objects.filter(user=leder).update(role=Role.EMPLOYEE)
    call_command("enkelt_demo")
    leder.refresh_from_db()
    assert leder.first_name == "Lene"
    assert leder.membership.role == Role.LEADER


@pytest.mark.parametrize(("username", "place"), CONTRACT_USERS.items())
def test_contract_users(demo, username, place):
    user = User.objects.get(username=username)
    assert user.check_password("demo")
    municipality, role = place
    membership = Membership.objects.filter(user=user).select_related("municipality").first()
    if municipality is None:
        assert membership is None
    else:
        assert membership.municipality.slug == municipality
        assert membership.role == role
        assert membership.unit is None or membership.unit.municipality.slug == municipality
    assert user.is_kl is (username == "kl")


def test_demo_organisation_shape(demo):
    demo_municipality = Municipality.objects.get(slug="demo")
    assert demo_municipality.is_demo
    assert Municipality.objects.get(slug="demo2").is_demo
    top = Unit.objects.filter(municipality=demo_municipality, parent=None)
    assert top.filter(kind=Unit.Kind.CORE_AREA).count() == 6
    assert top.filter(kind=Unit.Kind.STAFF).count() == 2
    assert top.count() == 8
    # Every unit's parent belongs to the same municipality.
    assert not (
        Unit.objects.exclude(parent=None).exclude(parent__municipality=F("municipality")).exists()
    )

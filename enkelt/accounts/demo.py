"""Demo data: two municipalities, their organisation and the contract's demo users.

Everything is made up, in the project's own words, and marked as demo data. The
organisation of `demo` follows the shape of Holbæk's (six core areas, two
cross-cutting staffs); the names are invented. Idempotent: rows are looked up by
their natural keys and only created or corrected, never duplicated.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify

from enkelt.tenants.models import Membership, Municipality, Role, Unit

DEMO_PASSWORD = "demo"  # noqa: S105 - documented in contract.md, only with ENKELT_DEMO=1

# (core area or staff, kind, [(department, [institutions])])
DEMO_ORGANISATION: list[tuple[str, str, list[tuple[str, list[str]]]]] = [
    ("Børn og Unge", Unit.Kind.CORE_AREA, [
        ("Dagtilbud", ["Børnehuset Solsikken", "Vuggestuen Mælkebøtten"]),
        ("Skoler", ["Nordskolen", "Fjordskolen"]),
        ("Familierådgivning", []),
    ]),
    ("Ældre og Sundhed", Unit.Kind.CORE_AREA, [
        ("Hjemmepleje", ["Hjemmeplejen Vest"]),
        ("Plejecentre", ["Plejecenter Egelunden"]),
        ("Sundhed og Forebyggelse", []),
    ]),
    ("Job og Uddannelse", Unit.Kind.CORE_AREA, [
        ("Jobcenter", []),
        ("Ungeindsats", []),
    ]),
    ("Social og Handicap", Unit.Kind.CORE_AREA, [
        ("Voksenrådgivning", []),
        ("Botilbud", ["Bostedet Lyngbakken"]),
    ]),
    ("Miljø, Teknik og Veje", Unit.Kind.CORE_AREA, [
        ("Veje og Parker", ["Materielgården"]),
        ("Affald og Genbrug", []),
        ("Byggeri og Miljø", []),
    ]),
    ("Kultur, Fritid og Borgerservice", Unit.Kind.CORE_AREA, [
        ("Borgerservice", []),
        ("Biblioteker", ["Hovedbiblioteket"]),
    ]),
    ("Økonomi og Digitalisering", Unit.Kind.STAFF, [
        ("Budget og Analyse", []),
        ("IT og Digitalisering", []),
    ]),
    ("HR, Strategi og Kommunikation", Unit.Kind.STAFF, [
        ("HR", []),
        ("Strategi og Udvikling", []),
    ]),
]  # fmt: skip

DEMO2_ORGANISATION: list[tuple[str, str, list[tuple[str, list[str]]]]] = [
    ("Børn, Skole og Fritid", Unit.Kind.CORE_AREA, [("Skoler", ["Byskolen"])]),
    ("Voksne og Sundhed", Unit.Kind.CORE_AREA, [("Hjemmepleje", [])]),
    ("Teknik og Miljø", Unit.Kind.CORE_AREA, [("Vej og Park", [])]),
    ("Administration", Unit.Kind.STAFF, [("Økonomi", [])]),
]  # fmt: skip


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    municipality: str | None
    unit: str | None
    role: str | None
    is_kl: bool = False


DEMO_USERS = [
    DemoUser("borger", "Bente", "Borger", None, None, None),
    DemoUser("medarbejder", "Mads", "Medarbejder", "demo", "veje-og-parker", Role.EMPLOYEE),
    DemoUser("leder", "Lene", "Leder", "demo", "veje-og-parker", Role.LEADER),
    DemoUser("chef", "Charlotte", "Chef", "demo", "miljo-teknik-og-veje", Role.CHIEF),
    DemoUser("direktoer", "Dan", "Direktør", "demo", None, Role.DIRECTOR),
    DemoUser("politiker", "Pia", "Politiker", "demo", None, Role.COUNCIL_MEMBER),
    DemoUser(
        "admin", "Anders", "Administrator", "demo", "it-og-digitalisering", Role.ADMINISTRATOR
    ),
    # A pedagogue at an institution with outcome courses: sees individual courses without MFA.
    DemoUser("paedagog", "Pernille", "Pædagog", "demo", "bornehuset-solsikken", Role.EMPLOYEE),
    DemoUser("medarbejder2", "Morten", "Medarbejder", "demo2", "vej-og-park", Role.EMPLOYEE),
    DemoUser("leder2", "Louise", "Leder", "demo2", "vej-og-park", Role.LEADER),
    DemoUser("kl", "Karen", "Landsdækkende", None, None, None, is_kl=True),
]


def _unit_slug(name: str) -> str:
    return slugify(name.replace("æ", "ae").replace("ø", "o").replace("å", "aa"))


def _ensure_units(municipality: Municipality, organisation: list) -> None:
    existing = {u.slug: u for u in Unit.objects.filter(municipality=municipality)}

    def ensure(name: str, kind: str, parent: Unit | None) -> Unit:
        slug = _unit_slug(name)
        unit = existing.get(slug)
        if unit is None:
            unit = Unit.objects.create(
                municipality=municipality, name=name, slug=slug, kind=kind, parent=parent
            )
            existing[slug] = unit
        return unit

    for top_name, kind, departments in organisation:
        top = ensure(top_name, kind, None)
        for department_name, institutions in departments:
            department = ensure(department_name, Unit.Kind.DEPARTMENT, top)
            for institution_name in institutions:
                ensure(institution_name, Unit.Kind.INSTITUTION, department)


@transaction.atomic
def load_demo(*, reset: bool = False) -> dict[str, int]:
    """Create or correct the demo data; `reset` first removes the demo municipalities."""
    user_model = get_user_model()
    if reset:
        slugs = ["demo", "demo2"]
        user_model.objects.filter(username__in=[u.username for u in DEMO_USERS]).delete()
        # Unit.parent and Membership.unit are PROTECT (a unit in use cannot go by
        # accident); here the whole tree goes, so release those references first.
        Membership.objects.filter(municipality__slug__in=slugs).delete()
        Unit.objects.filter(municipality__slug__in=slugs).update(parent=None)
        Municipality.objects.filter(slug__in=slugs).delete()

    demo, _ = Municipality.objects.update_or_create(
        slug="demo",
        defaults={
            "name": "Demo Kommune",
            "inhabitants": 69_000,
            "default_hourly_tariff": Decimal("450.00"),
            "contact_email": "kontakt@demo-kommune.example",
            "contact_phone": "+45 70 00 00 00",
            "address": "Rådhuspladsen 1, 4300 Demoby",
            "is_demo": True,
        },
    )
    demo2, _ = Municipality.objects.update_or_create(
        slug="demo2",
        defaults={
            "name": "Lille Demo Kommune",
            "inhabitants": 21_000,
            "default_hourly_tariff": Decimal("430.00"),
            "contact_email": "post@lille-demo.example",
            "contact_phone": "+45 70 00 00 01",
            "address": "Torvet 2, 4500 Lilleby",
            "is_demo": True,
        },
    )
    _ensure_units(demo, DEMO_ORGANISATION)
    _ensure_units(demo2, DEMO2_ORGANISATION)

    municipalities = {"demo": demo, "demo2": demo2}
    for spec in DEMO_USERS:
        user = user_model.objects.filter(username=spec.username).first()
        if user is None:
            user = user_model(username=spec.username)
            user.set_password(DEMO_PASSWORD)
        user.first_name = spec.first_name
        user.last_name = spec.last_name
        user.email = f"{spec.username}@demo-kommune.example"
        user.is_kl = spec.is_kl
        user.is_staff = spec.role == Role.ADMINISTRATOR
        user.is_superuser = spec.role == Role.ADMINISTRATOR
        user.save()
        if spec.municipality:
            municipality = municipalities[spec.municipality]
            unit = (
                Unit.objects.get(municipality=municipality, slug=spec.unit) if spec.unit else None
            )
            Membership.objects.update_or_create(
                user=user, defaults={"municipality": municipality, "unit": unit, "role": spec.role}
            )
    return {
        "municipalities": Municipality.objects.filter(is_demo=True).count(),
        "units": Unit.objects.filter(municipality__is_demo=True).count(),
        "users": user_model.objects.filter(username__in=[u.username for u in DEMO_USERS]).count(),
    }

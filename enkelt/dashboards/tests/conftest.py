"""A small, fully known world for the overviews: two municipalities, figures in both.

Municipality A (`alfa`) has, in the period 2026-01-01 … 2026-06-30 (today
2026-06-30): 6 submissions received (4 in category "veje", 2 in "parker"), of
which 3 answered (2 on time, 1 late) and 3 open (2 overdue); one submission from
2025 outside the period. Cases: 4 flagged in the period (1 selected, 2 decided:
abolished 10 h and escalated 5 h realised). Plan with 3 initiatives (active
green, active red, done amber). Indicators: 1 green-ish (measured), 1 without
measurement. Municipality B has its own rows, which must never count for A.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.utils import timezone

from enkelt.goals.tests.factories import AgreementFactory, GoalFactory, IndicatorFactory
from enkelt.simplification.models import Outcome, Stage
from enkelt.simplification.tests.factories import CaseFactory, RuleFactory
from enkelt.strategy.models import Initiative
from enkelt.strategy.tests.factories import InitiativeFactory, ProgrammeFactory
from enkelt.submissions.models import Submission
from enkelt.submissions.tests.factories import CategoryFactory, SubmissionFactory
from enkelt.tenants.models import Role
from enkelt.tenants.tests.factories import MembershipFactory, MunicipalityFactory, UnitFactory

TODAY = datetime.date(2026, 6, 30)
FROM = datetime.date(2026, 1, 1)


def aware(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@dataclass
class World:
    a: Any
    b: Any
    root: Any
    child: Any
    other: Any
    veje: Any
    parker: Any
    plan_programme: Any
    agreement: Any
    batches: int = 0


def _submission(category, *, created, status="received", due=None, answered=None, **kw):
    s = SubmissionFactory(
        municipality=category.municipality,
        category=category,
        status=status,
        due_at=due,
        answered_at=aware(answered) if answered else None,
        **kw,
    )
    Submission.objects.filter(pk=s.pk).update(created_at=aware(created))
    return s


def add_rows(world: World) -> None:
    """One batch of A's rows (the counts in the module docstring are per batch)."""
    a, child, other = world.a, world.child, world.other
    veje, parker = world.veje, world.parker
    n = world.batches
    world.batches += 1
    # answered on time, answered on time (no due date), answered late
    _submission(
        veje,
        created=datetime.date(2026, 2, 1),
        status="answered",
        due=datetime.date(2026, 2, 10),
        answered=datetime.date(2026, 2, 5),
    )
    _submission(
        veje,
        created=datetime.date(2026, 3, 1),
        status="answered",
        answered=datetime.date(2026, 3, 5),
    )
    _submission(
        parker,
        created=datetime.date(2026, 3, 1),
        status="answered",
        due=datetime.date(2026, 3, 10),
        answered=datetime.date(2026, 3, 20),
    )
    # open: two overdue, one not yet due
    _submission(veje, created=datetime.date(2026, 4, 1), due=datetime.date(2026, 4, 10))
    _submission(
        veje,
        created=datetime.date(2026, 5, 1),
        status="in_progress",
        due=datetime.date(2026, 5, 10),
    )
    _submission(parker, created=datetime.date(2026, 6, 29), due=datetime.date(2026, 7, 10))
    # outside the period (and still open and overdue today)
    _submission(veje, created=datetime.date(2025, 12, 1), due=datetime.date(2025, 12, 10))
    # cases
    CaseFactory(
        municipality=a,
        rule=RuleFactory(municipality=a, owner_unit=child),
        flagged_on=datetime.date(2026, 2, 1),
    )
    CaseFactory(
        municipality=a,
        rule=RuleFactory(municipality=a, owner_unit=child),
        stage=Stage.SELECTED,
        flagged_on=datetime.date(2026, 2, 1),
        selected_on=datetime.date(2026, 3, 1),
    )
    CaseFactory(
        municipality=a,
        rule=RuleFactory(municipality=a, owner_unit=other),
        stage=Stage.DECIDED,
        outcome=Outcome.ABOLISHED,
        flagged_on=datetime.date(2026, 2, 1),
        decided_on=datetime.date(2026, 3, 1),
        expected_freed_hours_per_year=Decimal("10"),
        realised_freed_hours_per_year=Decimal("8"),
    )
    CaseFactory(
        municipality=a,
        rule=RuleFactory(municipality=a, owner_unit=child),
        stage=Stage.DECIDED,
        outcome=Outcome.ESCALATED,
        flagged_on=datetime.date(2026, 2, 1),
        decided_on=datetime.date(2026, 3, 1),
        expected_freed_hours_per_year=Decimal("5"),
    )
    CaseFactory(municipality=a, flagged_on=datetime.date(2025, 2, 1))  # outside
    programme = world.plan_programme
    InitiativeFactory(programme=programme, owner_unit=child, title=f"Grøn {n}")
    InitiativeFactory(
        programme=programme,
        owner_unit=other,
        rag=Initiative.Rag.RED,
        title=f"Rød {n}",
        rag_comment="Forsinket",
    )
    InitiativeFactory(
        programme=programme,
        owner_unit=child,
        status=Initiative.Status.DONE,
        rag=Initiative.Rag.AMBER,
        title=f"Gul {n}",
    )
    goal = GoalFactory(agreement=world.agreement)
    IndicatorFactory(municipality=a, goal=goal, frequency="Kvartalsvis")


def build_world(*, scale: int = 1) -> World:
    """`scale` multiplies A's rows (for query-count tests at two sizes)."""
    a = MunicipalityFactory(slug="alfa", name="Alfa Kommune")
    b = MunicipalityFactory(slug="beta", name="Beta Kommune")
    root = UnitFactory(municipality=a, name="Teknik", slug="teknik")
    child = UnitFactory(municipality=a, name="Veje", slug="veje", parent=root)
    other = UnitFactory(municipality=a, name="Skole", slug="skole")
    veje = CategoryFactory(municipality=a, code="veje", unit=child)
    parker = CategoryFactory(municipality=a, code="parker", unit=other)
    programme = ProgrammeFactory(area__plan__municipality=a)
    agreement = AgreementFactory(municipality=a, unit=child)
    world = World(a, b, root, child, other, veje, parker, programme, agreement)
    for _ in range(scale):
        add_rows(world)
    # Municipality B: the same shapes, never counted for A.
    b_unit = UnitFactory(municipality=b, slug="b-enhed")
    b_cat = CategoryFactory(municipality=b, code="veje", unit=b_unit)
    _submission(
        b_cat,
        created=datetime.date(2026, 2, 1),
        status="answered",
        answered=datetime.date(2026, 2, 2),
    )
    CaseFactory(municipality=b, flagged_on=datetime.date(2026, 2, 1))
    InitiativeFactory(programme__area__plan__municipality=b, rag=Initiative.Rag.RED)
    return world


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def login(client, world):
    def as_role(role: str, unit: Any = None, municipality: Any = None):
        membership = MembershipFactory(
            municipality=municipality or world.a, unit=unit or world.root, role=role
        )
        if role == Role.ADMINISTRATOR:
            Authenticator.objects.create(
                user=membership.user,
                type=Authenticator.Type.TOTP,
                data={"secret": "JBSWY3DPEHPK3PXP"},
            )
        client.force_login(membership.user)
        client.cookies["django_language"] = "en"
        return client

    return as_role

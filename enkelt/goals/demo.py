"""Demo goals and indicators on the strategy app's director → chief → leader chain.

The agreements are looked up by level and parent; without them nothing is created.
One indicator is the "+3 percentage points over four years" kind with measurements
that make it amber; two are descending (lower is better). A decided simplification
case gives hours back to the core task of a leader goal. Idempotent.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from enkelt.accounts.models import User
from enkelt.goals import services
from enkelt.goals.models import FreedHoursAllocation, Goal, Indicator
from enkelt.simplification.models import Case, Outcome, Stage
from enkelt.strategy.models import Agreement, DevelopmentArea, Initiative, Programme
from enkelt.tenants.models import Municipality

D = Decimal


def _chain(municipality: Municipality) -> tuple[Agreement, Agreement, Agreement] | None:
    agreements = Agreement.objects.filter(municipality=municipality)
    for director in agreements.filter(level="director", parent=None).order_by("id"):
        chief = agreements.filter(level="chief", parent=director).order_by("id").first()
        leader = (
            agreements.filter(level="leader", parent=chief).order_by("id").first()
            if chief
            else None
        )
        if chief is not None and leader is not None:
            return director, chief, leader
    return None


def _initiative(municipality: Municipality, title: str) -> Initiative | None:
    return Initiative.objects.filter(municipality=municipality, title=title).first()


def _strategy_link(municipality: Municipality, initiative_title: str) -> dict[str, Any]:
    """The initiative by title, else any active initiative, else a programme or an area."""
    initiative = _initiative(municipality, initiative_title) or (
        Initiative.objects.filter(municipality=municipality, status="active").order_by("id").first()
    )
    if initiative is not None:
        return {"initiative": initiative}
    programme = Programme.objects.filter(area__plan__municipality=municipality).first()
    if programme is not None:
        return {"programme": programme}
    area = DevelopmentArea.objects.filter(plan__municipality=municipality).first()
    if area is not None:
        return {"area": area}
    return {"is_local": True}


# (director goal, chief goal, leader goal, initiative linked at director level)
THREADS = [
    (
        "Mere effektiv drift af veje og grønne områder",
        "Vejvedligehold planlægges ud fra data",
        "Ruteplanlægning med GPS i alle distrikter",
        "Ruteplanlægning af vejvedligehold med GPS-data",
    ),
    (
        "Højere trivsel og lavere sygefravær",
        "Tidlig dialog ved sygefravær i hele området",
        "Sygefraværet i Veje og Parker falder",
        "Sygefravær: tidlig dialog i Veje og Parker",
    ),
    (
        "Borgerne oplever velholdte veje",
        "Flere borgere er tilfredse med vejene",
        "Tilfredsheden med vejvedligeholdelsen stiger 3 procentpoint",
        "Ruteplanlægning af vejvedligehold med GPS-data",
    ),
]

# The indicators of the demo goals, by the leader goal they measure ("gps", "sick" and
# "satisfied" follow THREADS; "local" is the local goal). "satisfied" is the +3 pp kind,
# amber by its measurements; "sick" and "local" are descending.
INDICATORS: list[dict[str, Any]] = [
    {
        "goal": "satisfied",
        "title": "Andel borgere der er tilfredse med vejvedligeholdelsen",
        "definition": (
            "Andel svar 'tilfreds' eller 'meget tilfreds' i den årlige borgerundersøgelse."
        ),
        "unit": "percent",
        "direction": "up",
        "source": "Borgerundersøgelsen",
        "frequency": "Årligt",
        "baseline": (date(2024, 1, 1), D("84.0")),
        "target_change": D("3"),
        "target_date": date(2028, 1, 1),
        "measurements": [(date(2025, 1, 1), D("84.4")), (date(2026, 1, 1), D("85.3"))],
    },
    {
        "goal": "sick",
        "title": "Sygefraværsdage pr. medarbejder",
        "definition": "Kalenderdage med sygefravær pr. fuldtidsansat de seneste 12 måneder.",
        "unit": "days",
        "direction": "down",
        "source": "Lønsystemet",
        "frequency": "Kvartalsvis",
        "baseline": (date(2024, 1, 1), D("14.0")),
        "target_value": D("11.0"),
        "target_date": date(2028, 1, 1),
        "measurements": [(date(2025, 1, 1), D("13.4")), (date(2026, 1, 1), D("12.5"))],
    },
    {
        "goal": "local",
        "title": "Dage fra skademelding til udbedret hul i vejen",
        "definition": "Median antal dage fra en borger melder et hul, til det er lukket.",
        "unit": "days",
        "direction": "down",
        "source": "Enkelt: fejl og mangler",
        "frequency": "Månedligt",
        "baseline": (date(2025, 1, 1), D("21")),
        "target_value": D("7"),
        "target_date": date(2027, 1, 1),
        "measurements": [(date(2025, 7, 1), D("20")), (date(2026, 1, 1), D("19"))],
    },
    {
        "goal": "gps",
        "title": "Km vej med GPS-ruteplanlagt vedligehold",
        "definition": "Kilometer kommunal vej, hvor vedligeholdet planlægges ud fra GPS-data.",
        "unit": "count",
        "direction": "up",
        "source": "Driftssystemet",
        "frequency": "Halvårligt",
        "baseline": (date(2025, 1, 1), D("0")),
        "target_value": D("400"),
        "target_date": date(2027, 1, 1),
        "milestones": [(date(2026, 1, 1), D("100"))],
        "measurements": [(date(2025, 7, 1), D("40")), (date(2026, 1, 1), D("120"))],
    },
    {
        "goal": "gps",
        "title": "Driftsudgift pr. km vej",
        "definition": "Samlede driftsudgifter til vejvedligehold divideret med km kommunal vej.",
        "unit": "dkk",
        "direction": "down",
        "source": "Økonomisystemet",
        "frequency": "Årligt",
        "baseline": (date(2025, 1, 1), D("52000")),
        "target_value": D("48000"),
        "target_date": date(2027, 1, 1),
        "measurements": [(date(2026, 1, 1), D("50100"))],
    },
]  # fmt: skip


def load_demo_goals(municipality: Municipality) -> int:
    """Create the demo goals once; returns how many goals the chain has afterwards."""
    chain = _chain(municipality)
    if chain is None:
        return 0
    director, chief, leader = chain
    existing = Goal.objects.filter(agreement__in=chain)
    if existing.exists():
        return existing.count()
    users = {
        u.username: u for u in User.objects.filter(username__in=["leder", "chef", "direktoer"])
    }
    leader_goals: list[Goal] = []
    for order, (d_title, c_title, l_title, initiative_title) in enumerate(THREADS):
        d_goal = services.goal_create(
            actor=None,
            municipality=municipality,
            agreement=director,
            title=d_title,
            order=order,
            owner=users.get("direktoer"),
            **_strategy_link(municipality, initiative_title),
        )
        c_goal = services.goal_create(
            actor=None,
            municipality=municipality,
            agreement=chief,
            title=c_title,
            parent_goal=d_goal,
            order=order,
            owner=users.get("chef"),
        )
        leader_goals.append(
            services.goal_create(
                actor=None,
                municipality=municipality,
                agreement=leader,
                title=l_title,
                parent_goal=c_goal,
                order=order,
                owner=users.get("leder"),
            )
        )
    local = services.goal_create(
        actor=None,
        municipality=municipality,
        agreement=leader,
        title="Huller i vejen udbedres hurtigere",
        description="Et lokalt mål i Veje og Parker, aftalt ved startmødet.",
        is_local=True,
        order=len(THREADS),
        owner=users.get("leder"),
    )
    goals = dict(zip(("gps", "sick", "satisfied"), leader_goals, strict=True))
    goals["local"] = local
    owner = users.get("leder")
    for spec in INDICATORS:
        fields = dict(spec)
        goal = goals[fields.pop("goal")]
        _indicator(municipality, goal=goal, owner=owner, **fields)
    _freed_hours(municipality, goal=goals["gps"])
    return Goal.objects.filter(agreement__in=chain).count()


def _indicator(
    municipality: Municipality,
    *,
    baseline: tuple[date, Decimal],
    measurements: list[tuple[date, Decimal]],
    **fields: Any,
) -> Indicator:
    indicator = services.indicator_create(
        actor=None,
        municipality=municipality,
        baseline_date=baseline[0],
        baseline_value=baseline[1],
        **fields,
    )
    for on, value in measurements:
        services.measurement_add(
            actor=None,
            municipality=municipality,
            indicator=indicator,
            date=on,
            value=value,
            source=fields.get("source", ""),
        )
    return indicator


def _freed_hours(municipality: Municipality, *, goal: Goal) -> FreedHoursAllocation | None:
    case = (
        Case.objects.filter(
            municipality=municipality,
            stage=Stage.DECIDED,
            outcome__in=[Outcome.ABOLISHED, Outcome.STREAMLINED],
        )
        .order_by("id")
        .first()
    )
    if case is None:
        return None
    hours = case.realised_freed_hours_per_year or case.expected_freed_hours_per_year or D("120")
    return services.freed_hours_allocate(
        actor=None,
        municipality=municipality,
        case=case,
        goal=goal,
        hours_per_year=min(hours, D("120")) if hours > 0 else D("120"),
        note="Timerne går til at planlægge vedligeholdet ud fra GPS-data.",
    )

"""Demo outcome documentation for `demo` (only with ENKELT_DEMO=1), in the project's own words.

The scheme follows the Aarhus model: eight factors on 0-4, lower is better,
follow-up after six months. A few hundred pseudonymous children across the
children's institutions and the family counselling get an intake with goals and
follow-ups spread realistically (most improve a little, some stand still, a few
get worse; some follow-ups come late or not at all). Vuggestuen Mælkebøtten has
fewer than five children, so the aggregates show suppression. Rows are written
with bulk_create so the demo loads quickly. Idempotent: nothing is made when the
demo scheme already has courses.
"""

import random
from datetime import date, timedelta

from django.utils import timezone

from enkelt.outcomes.models import (
    Assessment,
    AssessmentScheme,
    Course,
    Direction,
    Factor,
    Kind,
    Score,
)
from enkelt.tenants.models import Municipality, Unit

SCHEME_SLUG = "resultatdokumentation-8"

FACTORS = [
    ("Udvikling og adfærd", "Barnets udvikling, adfærd og følelsesmæssige trivsel."),
    ("Familieforhold", "Forholdet til forældre og søskende og familiens overskud."),
    ("Skole og beskæftigelse", "Fremmøde, læring og trivsel i dagtilbud, skole eller job."),
    ("Sundhed", "Fysisk og psykisk helbred, søvn, kost og eventuelt misbrug."),
    ("Fritid og venskaber", "Venner, fællesskaber og aktiviteter uden for skole og hjem."),
    ("Netværk og voksenkontakt", "Stabile voksne ud over forældrene, fx familie og naboer."),
    ("Selvstændighed i hverdagen", "At klare hverdagens gøremål alderssvarende."),
    ("Sprog og kommunikation", "At udtrykke sig og forstå andre, alderssvarende."),
]  # fmt: skip

VALUE_LABELS = {
    "0": "Ingen problemer",
    "1": "Lette problemer",
    "2": "Moderate problemer",
    "3": "Betydelige problemer",
    "4": "Svære problemer",
}

# Unit slug (from accounts/demo.py) → number of children; Mælkebøtten is the small one.
CHILDREN = {
    "bornehuset-solsikken": 85,
    "nordskolen": 80,
    "fjordskolen": 70,
    "familieradgivning": 65,
    "vuggestuen-maelkebotten": 3,
    "dagtilbud": 20,  # the department's own day-care counselling, beside its institutions
}


def _ensure_scheme(municipality: Municipality) -> AssessmentScheme:
    scheme, created = AssessmentScheme.objects.get_or_create(
        municipality=municipality,
        slug=SCHEME_SLUG,
        defaults={
            "name": "Resultatdokumentation, børn og unge (demo)",
            "scale_min": 0,
            "scale_max": 4,
            "direction": Direction.LOWER_IS_BETTER,
            "value_labels": VALUE_LABELS,
            "follow_up_interval_days": 182,
            "follow_up_tolerance_days": 30,
        },
    )
    if created:
        Factor.objects.bulk_create(
            Factor(scheme=scheme, order=i, label=label, description=text)
            for i, (label, text) in enumerate(FACTORS, start=1)
        )
    return scheme


def _step(rng: random.Random, value: int) -> int:
    """One half-year's development: most improve a little, some stand still, a few worsen."""
    roll = rng.random()
    delta = -1 if roll < 0.45 else (0 if roll < 0.80 else 1)
    if roll < 0.08:
        delta = -2
    return min(4, max(0, value + delta))


def load_demo_outcomes(municipality: Municipality) -> int:
    """Make the demo scheme and the children's courses; returns the number of courses."""
    scheme = _ensure_scheme(municipality)
    existing = Course.objects.filter(municipality=municipality, scheme=scheme).count()
    if existing:
        return existing
    units = {u.slug: u for u in Unit.objects.filter(municipality=municipality, slug__in=CHILDREN)}
    factors = list(scheme.factors.order_by("order"))
    rng = random.Random(4082)  # noqa: S311 - demo data, not security
    today = timezone.localdate()

    plans: list[tuple[Course, list[tuple[str, date, list[int], list[int | None]]]]] = []
    for slug, count in CHILDREN.items():
        unit = units.get(slug)
        if unit is None:
            continue
        for _ in range(count):
            intake = today - timedelta(days=rng.randint(10, 760))
            course = Course(municipality=municipality, unit=unit, scheme=scheme, started_on=intake)
            values = [min(4, max(0, round(rng.gauss(2.2, 0.9)))) for _f in factors]
            goals: list[int | None] = [max(0, v - 1) if v >= 2 else None for v in values]
            visits = [(Kind.INTAKE.value, intake, values, goals)]
            when = intake
            while True:
                when = when + timedelta(days=182 + round(rng.gauss(8, 22)))
                if when > today or rng.random() < 0.07:  # due later, or a follow-up missed
                    break
                values = [_step(rng, v) for v in values]
                visits.append((Kind.FOLLOW_UP.value, when, values, [None] * len(factors)))
            if len(visits) >= 3 and rng.random() < 0.3:
                _kind, when, values, _g = visits[-1]
                visits[-1] = (Kind.DISCHARGE.value, when, values, [None] * len(factors))
                course.ended_on = when
            plans.append((course, visits))

    Course.objects.bulk_create([course for course, _v in plans])
    assessments = [
        Assessment(municipality=municipality, course=course, kind=kind, date=when)
        for course, visits in plans
        for kind, when, _values, _goals in visits
    ]
    Assessment.objects.bulk_create(assessments, batch_size=500)
    scores: list[Score] = []
    index = 0
    for _course, visits in plans:
        for _kind, _when, values, goals in visits:
            assessment = assessments[index]
            index += 1
            scores.extend(
                Score(assessment=assessment, factor=factor, value=value, goal=goal)
                for factor, value, goal in zip(factors, values, goals, strict=True)
            )
    Score.objects.bulk_create(scores, batch_size=2000)
    return len(plans)

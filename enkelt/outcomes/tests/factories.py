"""Factories for the outcome tests: a scheme with factors, courses, assessments with scores."""

from datetime import date

import factory

from enkelt.outcomes.models import (
    Assessment,
    AssessmentScheme,
    Course,
    Direction,
    Factor,
    Kind,
    Score,
)
from enkelt.tenants.tests.factories import MunicipalityFactory, UnitFactory


class SchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssessmentScheme
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    slug = factory.Sequence(lambda n: f"skema-{n}")
    name = factory.Sequence(lambda n: f"Skema {n}")
    scale_min = 0
    scale_max = 4
    direction = Direction.LOWER_IS_BETTER

    @factory.post_generation
    def factors(self, create: bool, extracted: int | None, **kwargs: object) -> None:
        if not create:
            return
        for order in range(1, (extracted if extracted is not None else 2) + 1):
            Factor.objects.create(scheme=self, order=order, label=f"Faktor {order}")


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    municipality = factory.SubFactory(MunicipalityFactory)
    unit = factory.SubFactory(UnitFactory, municipality=factory.SelfAttribute("..municipality"))
    scheme = factory.SubFactory(SchemeFactory, municipality=factory.SelfAttribute("..municipality"))
    started_on = date(2025, 1, 1)


def assess(
    course: Course,
    kind: str,
    when: date,
    values: list[int],
    goals: list[int | None] | None = None,
) -> Assessment:
    """Store an assessment directly (the services are tested on their own)."""
    assessment = Assessment.objects.create(
        municipality=course.municipality, course=course, kind=kind, date=when
    )
    factors = list(course.scheme.factors.order_by("order"))
    goals = goals or [None] * len(factors)
    for factor, value, goal in zip(factors, values, goals, strict=True):
        Score.objects.create(assessment=assessment, factor=factor, value=value, goal=goal)
    return assessment


def course_with_change(
    *, unit, scheme, intake: list[int], latest: list[int], goals=None, start=date(2025, 1, 1)
) -> Course:
    course = CourseFactory(
        municipality=unit.municipality, unit=unit, scheme=scheme, started_on=start
    )
    assess(course, Kind.INTAKE, start, intake, goals)
    assess(course, Kind.FOLLOW_UP, date.fromordinal(start.toordinal() + 182), latest)
    return course


def isolation_objects(*, actor, municipality, unit) -> tuple[Course, Assessment]:
    """Municipality A's course and intake for the isolation walker (markers SECRET-*-A)."""
    from enkelt.outcomes.services import assessment_record, course_start

    scheme = SchemeFactory(municipality=municipality, slug="secret-scheme", factors=0)
    factor = Factor.objects.create(scheme=scheme, order=1, label="SECRET-FACTOR-A")
    course = course_start(
        actor=actor, municipality=municipality, unit=unit, scheme=scheme,
        started_on=date(2026, 1, 5),
    )  # fmt: skip
    assessment = assessment_record(
        actor=actor, municipality=municipality, course=course, kind=Kind.INTAKE,
        date=date(2026, 1, 5), scores={factor.pk: 3}, goals={factor.pk: 1},
        note="SECRET-OUTCOME-NOTE-A",
    )  # fmt: skip
    return course, assessment

"""Writes of the inspiration catalogue: publishing a decided case, KL's curation.

Keyword-only, typed, atomic, each with an audit event.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enkelt.audit.services import audit_record
from enkelt.catalog.models import Example, ExampleOutcome, Tag
from enkelt.catalog.selectors import FILTER_CHOICES_KEY
from enkelt.simplification.models import Case, Outcome, ScenarioActivity, Stage
from enkelt.tenants.models import Municipality


class CatalogError(Exception):
    """A publication that is not allowed (the message is shown to the user)."""


# A decided case's outcome as the example's outcome: kept rules are a lesson, not a success.
CASE_OUTCOME: dict[str, str] = {
    Outcome.ABOLISHED: ExampleOutcome.SUCCESS,
    Outcome.STREAMLINED: ExampleOutcome.SUCCESS,
    Outcome.ESCALATED: ExampleOutcome.MIXED,
    Outcome.KEPT: ExampleOutcome.FAILURE,
    Outcome.NOT_HANDLED: ExampleOutcome.FAILURE,
}


@dataclass(frozen=True)
class CaseBurden:
    before_hours: Decimal | None
    after_hours: Decimal | None
    freed_hours: Decimal | None


def case_burden(*, case: Case) -> CaseBurden:
    """Burden before and after the decision from the case's scenario (hours per year)."""
    lines = list(
        ScenarioActivity.objects.filter(
            municipality_id=case.municipality_id, scenario__case=case
        ).values_list("baseline_hours_per_year", "hours_per_year")
    )
    if lines:
        before = sum((b for b, _ in lines), Decimal(0))
        after = sum((a for _, a in lines), Decimal(0))
        return CaseBurden(
            before.quantize(Decimal("0.1")),
            after.quantize(Decimal("0.1")),
            (before - after).quantize(Decimal("0.1")),
        )
    freed = case.realised_freed_hours_per_year or case.expected_freed_hours_per_year
    return CaseBurden(None, None, freed)


@transaction.atomic
def example_publish_case(
    *,
    actor: Any,
    municipality: Municipality,
    case: Case,
    title: str,
    summary: str,
    what_was_done: str,
    results: str,
    relation: str,
    strategy_type: str,
    outcome: str,
    lessons: str,
    tags: list[Tag] | None = None,
) -> Example:
    """Publish one of the municipality's own decided cases as a shared example (once per case)."""
    if case.municipality_id != municipality.pk:
        raise CatalogError(_("The case belongs to another municipality."))
    if case.stage != Stage.DECIDED:
        raise CatalogError(_("Only decided cases can be published."))
    if Example.objects.filter(source_case=case).exists():
        raise CatalogError(_("This case has already been published as an example."))
    now = timezone.now()
    try:
        with transaction.atomic():
            example = Example.objects.create(
                title=title,
                municipality_name=municipality.name,
                municipality=municipality,
                year=(case.decided_on or now.date()).year,
                summary=summary,
                what_was_done=what_was_done,
                results=results,
                relation=relation,
                strategy_type=strategy_type,
                outcome=outcome,
                lessons=lessons,
                source_reference=f"{municipality.name}, Enkelt",
                source_case=case,
                published=True,
                published_at=now,
                published_by=actor,
            )
    except IntegrityError as error:
        raise CatalogError(_("This case has already been published as an example.")) from error
    if tags:
        example.tags.set(tags)
    transaction.on_commit(lambda: cache.delete(FILTER_CHOICES_KEY))
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=example,
        verb="catalog.example_published",
        after={"case": str(case.public_id), "title": title},
    )
    return example


CURATED_FIELDS = (
    "title",
    "municipality_name",
    "year",
    "summary",
    "what_was_done",
    "results",
    "relation",
    "strategy_type",
    "outcome",
    "lessons",
    "source_reference",
)


@transaction.atomic
def example_curate(
    *,
    actor: Any,
    example: Example,
    changes: dict[str, Any],
    tags: list[Tag] | None = None,
    published: bool,
) -> Example:
    """KL's curation: edit the texts, publish or unpublish, and mark the example as curated."""
    before = {name: getattr(example, name) for name in CURATED_FIELDS} | {
        "published": example.published
    }
    for name in CURATED_FIELDS:
        if name in changes:
            setattr(example, name, changes[name])
    now = timezone.now()
    if published and not example.published:
        example.published_at = now
    example.published = published
    if example.published_at is None and published:
        example.published_at = now
    example.curated_by = actor
    example.curated_at = now
    example.save()
    if tags is not None:
        example.tags.set(tags)
    transaction.on_commit(lambda: cache.delete(FILTER_CHOICES_KEY))
    audit_record(
        actor=actor,
        municipality=example.municipality,
        obj=example,
        verb="catalog.example_curated",
        before=before,
        after={name: getattr(example, name) for name in CURATED_FIELDS} | {"published": published},
    )
    return example

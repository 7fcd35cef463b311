"""Rules, their activities, tariffs and burden snapshots."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from enkelt.audit.services import audit_record
from enkelt.regulations import burden as scm
from enkelt.regulations.errors import RegulationError, RegulationErrorCode
from enkelt.regulations.models import Activity, BurdenSnapshot, JobFamilyTariff, OffsetEntry, Rule
from enkelt.regulations.services.ledger import offset_entry_record
from enkelt.tenants.models import Municipality, Unit

ZERO = Decimal("0")

# Fields of a rule that `rule_update` may change and the audit trail records.
RULE_FIELDS = (
    "title", "kind", "origin", "legal_reference", "legal_reference_url", "purpose", "text",
    "adopted_by", "adopted_on", "owner_unit", "owner", "status", "review_by",
)  # fmt: skip

ACTIVITY_FIELDS = (
    "name", "population", "frequency_per_year", "minutes_per_occurrence", "job_family",
    "hourly_tariff", "external_cost_per_occurrence", "business_as_usual_share", "source",
    "confidence",
)  # fmt: skip


@dataclass(frozen=True)
class ActivityData:
    """The parameters of one activity as a caller gives them (forms, API, import)."""

    name: str
    population: Decimal
    frequency_per_year: Decimal
    minutes_per_occurrence: Decimal
    hourly_tariff: Decimal | None = None
    job_family: JobFamilyTariff | None = None
    external_cost_per_occurrence: Decimal = ZERO
    business_as_usual_share: Decimal = ZERO
    source: str = Activity.Source.ESTIMATE
    confidence: str = Activity.Confidence.MEDIUM


def _shallow(data: ActivityData) -> dict[str, Any]:
    """Like `dataclasses.asdict` without deep-copying the job family (a model instance)."""
    return {f.name: getattr(data, f.name) for f in fields(data)}


def _check(municipality: Municipality, *objects: Any) -> None:
    for obj in objects:
        if obj is None:
            continue
        owner = obj.municipality_id if hasattr(obj, "municipality_id") else None
        if owner is None and hasattr(obj, "membership"):
            owner = getattr(getattr(obj, "membership", None), "municipality_id", None)
        if owner != municipality.pk:
            raise RegulationError(RegulationErrorCode.WRONG_MUNICIPALITY)


def _plain(value: Any) -> Any:
    """A value as the audit trail stores it: related objects by primary key."""
    if hasattr(value, "pk"):
        return value.pk
    return value


def _rule_state(rule: Rule) -> dict[str, Any]:
    return {name: _plain(getattr(rule, name)) for name in RULE_FIELDS}


def _activity_params(activity: Activity) -> dict[str, Any]:
    data = {name: _plain(getattr(activity, name)) for name in ACTIVITY_FIELDS}
    data["id"] = activity.pk
    return data


def _burden_state(rule: Rule) -> dict[str, Any]:
    return {
        "hours_per_year": rule.hours_per_year,
        "cost_per_year": rule.cost_per_year,
        "fte": rule.fte,
    }


def _activities_of(rule: Rule) -> list[Activity]:
    return list(
        Activity.objects.filter(rule=rule).select_related("job_family").order_by("sort_order", "id")
    )


def rule_refresh_burden(*, rule: Rule) -> scm.Burden:
    """Recompute the rule's stored burden from its activities; the one writer of those columns."""
    activities = _activities_of(rule)
    default = rule.municipality.default_hourly_tariff
    norm = scm.annual_norm_hours()
    result = scm.total(
        scm.activity_burden(scm.activity_input(a, default), annual_norm_hours=norm)
        for a in activities
    ).rounded()
    Rule.objects.filter(pk=rule.pk).update(
        hours_per_year=result.hours_per_year,
        cost_per_year=result.cost_per_year,
        fte=result.fte,
        updated_at=timezone.now(),
    )
    rule.hours_per_year = result.hours_per_year
    rule.cost_per_year = result.cost_per_year
    rule.fte = result.fte
    return result


def _snapshot(*, actor: Any, rule: Rule, kind: str, note: str = "") -> BurdenSnapshot:
    return BurdenSnapshot.objects.create(
        municipality_id=rule.municipality_id,
        rule=rule,
        kind=kind,
        taken_at=timezone.now(),
        taken_by=actor if getattr(actor, "is_authenticated", False) else None,
        note=note,
        hours_per_year=rule.hours_per_year,
        cost_per_year=rule.cost_per_year,
        fte=rule.fte,
        activities=[
            {k: (str(v) if isinstance(v, Decimal) else v) for k, v in _activity_params(a).items()}
            for a in _activities_of(rule)
        ],
    )


def _burden_changed(
    *, actor: Any, rule: Rule, before: dict[str, Any], verb: str, detail: dict[str, Any]
) -> None:
    """Recompute, keep a snapshot (the first measurement is the baseline) and audit it."""
    rule_refresh_burden(rule=rule)
    has_baseline = BurdenSnapshot.objects.filter(
        rule=rule, kind=BurdenSnapshot.Kind.BASELINE
    ).exists()
    kind = BurdenSnapshot.Kind.UPDATE if has_baseline else BurdenSnapshot.Kind.BASELINE
    _snapshot(actor=actor, rule=rule, kind=kind)
    audit_record(
        actor=actor,
        municipality=rule.municipality,
        obj=rule,
        verb=verb,
        before={**before, **detail.get("before", {})},
        after={**_burden_state(rule), **detail.get("after", {})},
    )


def _new_activity(rule: Rule, data: ActivityData, sort_order: int) -> Activity:
    activity = Activity(
        municipality_id=rule.municipality_id, rule=rule, sort_order=sort_order, **_shallow(data)
    )
    activity.full_clean(exclude=["rule", "municipality", "job_family"])
    return activity


@transaction.atomic
def rule_create(
    *,
    actor: Any,
    municipality: Municipality,
    title: str,
    kind: str,
    origin: str,
    legal_reference: str = "",
    legal_reference_url: str = "",
    purpose: str = "",
    text: str = "",
    adopted_by: str = "",
    adopted_on: date | None = None,
    owner_unit: Unit | None = None,
    owner: Any = None,
    applies_to: Iterable[Unit] = (),
    status: str = Rule.Status.ACTIVE,
    review_by: date | None = None,
    activities: Sequence[ActivityData] = (),
    new_requirement: bool = False,
) -> Rule:
    """Register a rule with its activities. `new_requirement` adds its hours to the owner
    unit's offset ledger for this year ("one in")."""
    applies = list(applies_to)
    _check(municipality, owner_unit, *applies, *(a.job_family for a in activities))
    rule = Rule(
        municipality=municipality,
        title=title,
        kind=kind,
        origin=origin,
        legal_reference=legal_reference,
        legal_reference_url=legal_reference_url,
        purpose=purpose,
        text=text,
        adopted_by=adopted_by,
        adopted_on=adopted_on,
        owner_unit=owner_unit,
        owner=owner,
        status=status,
        review_by=review_by,
    )
    rule.full_clean()
    rule.save()
    if applies:
        rule.applies_to.set(applies)
    rows = [_new_activity(rule, data, i) for i, data in enumerate(activities)]
    Activity.objects.bulk_create(rows)
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=rule,
        verb="rule.created",
        after={**_rule_state(rule), "applies_to": [u.pk for u in applies]},
    )
    if rows:
        _burden_changed(
            actor=actor,
            rule=rule,
            before=_burden_state(rule),
            verb="rule.burden_changed",
            detail={"after": {"activities": [_activity_params(a) for a in rows]}},
        )
    if new_requirement and owner_unit is not None:
        offset_entry_record(
            actor=actor,
            municipality=municipality,
            unit=owner_unit,
            year=timezone.localdate().year,
            kind=OffsetEntry.Kind.ADDITION,
            hours_per_year=rule.hours_per_year,
            rule=rule,
            note=title[:300],
        )
    return rule


@transaction.atomic
def rule_update(
    *,
    actor: Any,
    municipality: Municipality,
    rule: Rule,
    applies_to: Iterable[Unit] | None = None,
    **changes: Any,
) -> Rule:
    """Change the rule's fields (any of RULE_FIELDS). Abolishing a rule subtracts its hours in
    the owner unit's offset ledger ("one out")."""
    unknown = set(changes) - set(RULE_FIELDS)
    if unknown:
        raise TypeError(f"rule_update() got unknown fields: {sorted(unknown)}")
    applies = list(applies_to) if applies_to is not None else None
    _check(municipality, rule, changes.get("owner_unit"), *(applies or []))
    before = _rule_state(rule)
    for name, value in changes.items():
        setattr(rule, name, value)
    rule.full_clean()
    rule.save()
    after = _rule_state(rule)
    if applies is not None:
        before["applies_to"] = sorted(rule.applies_to.values_list("pk", flat=True))
        rule.applies_to.set(applies)
        after["applies_to"] = sorted(u.pk for u in applies)
    if before != after:
        audit_record(
            actor=actor, municipality=municipality, obj=rule, verb="rule.updated",
            before=before, after=after,
        )  # fmt: skip
    abolished = Rule.Status.ABOLISHED
    if after["status"] == abolished and before["status"] != abolished and rule.owner_unit_id:
        assert rule.owner_unit is not None
        offset_entry_record(
            actor=actor,
            municipality=municipality,
            unit=rule.owner_unit,
            year=timezone.localdate().year,
            kind=OffsetEntry.Kind.REMOVAL,
            hours_per_year=rule.hours_per_year,
            rule=rule,
            note=rule.title[:300],
        )
    return rule


@transaction.atomic
def activity_set(
    *, actor: Any, municipality: Municipality, rule: Rule, activities: Sequence[ActivityData]
) -> Rule:
    """Replace all of the rule's activities (an import or a new measurement)."""
    _check(municipality, rule, *(a.job_family for a in activities))
    old = _activities_of(rule)
    before = {**_burden_state(rule), "activities": [_activity_params(a) for a in old]}
    Activity.objects.filter(rule=rule).delete()
    rows = Activity.objects.bulk_create(
        [_new_activity(rule, data, i) for i, data in enumerate(activities)]
    )
    _burden_changed(
        actor=actor, rule=rule, before=before, verb="rule.burden_changed",
        detail={"after": {"activities": [_activity_params(a) for a in rows]}},
    )  # fmt: skip
    return rule


@transaction.atomic
def activity_add(
    *, actor: Any, municipality: Municipality, rule: Rule, data: ActivityData
) -> Activity:
    _check(municipality, rule, data.job_family)
    before = _burden_state(rule)
    last = Activity.objects.filter(rule=rule).order_by("-sort_order").first()
    activity = _new_activity(rule, data, (last.sort_order + 1) if last else 0)
    activity.save()
    _burden_changed(
        actor=actor, rule=rule, before=before, verb="rule.burden_changed",
        detail={"after": {"added": _activity_params(activity)}},
    )  # fmt: skip
    return activity


@transaction.atomic
def activity_update(
    *, actor: Any, municipality: Municipality, activity: Activity, data: ActivityData
) -> Activity:
    _check(municipality, activity, data.job_family)
    rule = activity.rule
    old = _activity_params(activity)
    before = _burden_state(rule)
    for name, value in _shallow(data).items():
        setattr(activity, name, value)
    activity.full_clean(exclude=["rule", "municipality", "job_family"])
    activity.save()
    _burden_changed(
        actor=actor, rule=rule, before=before, verb="rule.burden_changed",
        detail={"before": {"changed": old}, "after": {"changed": _activity_params(activity)}},
    )  # fmt: skip
    return activity


@transaction.atomic
def activity_delete(*, actor: Any, municipality: Municipality, activity: Activity) -> Rule:
    _check(municipality, activity)
    rule = activity.rule
    old = _activity_params(activity)
    before = _burden_state(rule)
    activity.delete()
    _burden_changed(
        actor=actor, rule=rule, before=before, verb="rule.burden_changed",
        detail={"before": {"removed": old}},
    )  # fmt: skip
    return rule


@transaction.atomic
def burden_snapshot_take(
    *, actor: Any, municipality: Municipality, rule: Rule, kind: str, note: str = ""
) -> BurdenSnapshot:
    """Keep the rule's burden as it is now (e.g. before and after a decision)."""
    _check(municipality, rule)
    rule_refresh_burden(rule=rule)
    snapshot = _snapshot(actor=actor, rule=rule, kind=kind, note=note)
    audit_record(
        actor=actor, municipality=municipality, obj=rule, verb="rule.snapshot_taken",
        after={"kind": kind, "note": note, **_burden_state(rule)},
    )  # fmt: skip
    return snapshot


@transaction.atomic
def job_family_tariff_create(
    *,
    actor: Any,
    municipality: Municipality,
    name: str,
    year: int,
    hourly_wage: Decimal,
    overhead_share: Decimal = Decimal("0.25"),
) -> JobFamilyTariff:
    tariff = JobFamilyTariff(
        municipality=municipality,
        name=name,
        year=year,
        hourly_wage=hourly_wage,
        overhead_share=overhead_share,
    )
    tariff.full_clean()
    tariff.save()
    moved = _move_activities_to_latest(municipality=municipality, tariff=tariff)
    audit_record(
        actor=actor, municipality=municipality, obj=tariff, verb="tariff.created",
        after={"name": name, "year": year, "hourly_wage": hourly_wage,
               "overhead_share": overhead_share, "rules_recomputed": moved},
    )  # fmt: skip
    return tariff


def _move_activities_to_latest(*, municipality: Municipality, tariff: JobFamilyTariff) -> int:
    """A new year's tariff of a job family becomes the rate of that family's activities.

    Activities point at one year's tariff; when a later year is added, the registry's
    burden would otherwise stay at the old rate. Only a tariff that is the family's
    latest year moves anything. Returns the number of rules whose burden was recomputed.
    """
    newer = JobFamilyTariff.objects.filter(
        municipality=municipality, name=tariff.name, year__gt=tariff.year
    )
    if newer.exists():
        return 0
    activities = Activity.objects.filter(
        municipality=municipality, job_family__name=tariff.name
    ).exclude(job_family=tariff)
    rule_ids = set(activities.values_list("rule_id", flat=True))
    activities.update(job_family=tariff, updated_at=timezone.now())
    rules = Rule.objects.filter(pk__in=rule_ids).select_related("municipality")
    for rule in rules.iterator(chunk_size=500):
        rule_refresh_burden(rule=rule)
    return len(rule_ids)

"""Services of the goals app: keyword-only, typed, atomic, each with an audit event.

Errors are Django `ValidationError`s by field, with a stable `code`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from enkelt.audit.services import audit_record
from enkelt.goals import progress as formula
from enkelt.goals.models import (
    FreedHoursAllocation,
    Goal,
    Indicator,
    Measurement,
    MeetingAssessment,
    Milestone,
)
from enkelt.simplification.models import Case, Outcome, Stage
from enkelt.strategy.models import (
    Agreement,
    DevelopmentArea,
    DialogueMeeting,
    Initiative,
    Programme,
)
from enkelt.tenants.models import Municipality

Actor = Any

INDICATOR_FIELDS = (
    "goal",
    "title",
    "definition",
    "unit",
    "direction",
    "source",
    "frequency",
    "baseline_value",
    "baseline_date",
    "target_value",
    "target_change",
    "target_date",
    "tolerance",
    "owner",
)


def _same_municipality(municipality: Municipality, *objects: Any) -> None:
    for obj in objects:
        if obj is None:
            continue
        owner_id = getattr(obj, "municipality_id", None)
        if owner_id is None and hasattr(obj, "area"):
            owner_id = obj.area.plan.municipality_id  # a programme
        if owner_id is None and hasattr(obj, "plan"):
            owner_id = obj.plan.municipality_id  # a development area
        if owner_id != municipality.pk:
            raise ValidationError(
                _("The object belongs to another municipality."), code="wrong_municipality"
            )


def check_golden_thread(
    *,
    initiative: Initiative | None,
    programme: Programme | None,
    area: DevelopmentArea | None,
    parent_goal: Goal | None,
    is_local: bool,
) -> None:
    """A goal links to exactly one strategy element or parent goal, or is marked local."""
    links = [x for x in (initiative, programme, area, parent_goal) if x is not None]
    if len(links) + int(is_local) != 1:
        raise ValidationError(
            _(
                "Link the goal to exactly one initiative, programme, development area or "
                "parent goal, or mark it as local."
            ),
            code="golden_thread",
        )


@transaction.atomic
def _check_goal(
    municipality: Municipality,
    agreement: Agreement,
    *,
    title: str,
    initiative: Initiative | None,
    programme: Programme | None,
    area: DevelopmentArea | None,
    parent_goal: Goal | None,
    is_local: bool,
) -> None:
    """What a new or changed goal must satisfy: tenant, golden thread, open agreement."""
    _same_municipality(municipality, agreement, initiative, programme, area, parent_goal)
    check_golden_thread(
        initiative=initiative,
        programme=programme,
        area=area,
        parent_goal=parent_goal,
        is_local=is_local,
    )
    if agreement.state == Agreement.State.CLOSED:
        raise ValidationError(
            _("The agreement is closed: its goals can no longer change."), code="agreement_closed"
        )
    if not title.strip():
        raise ValidationError({"title": _("Write a title.")}, code="empty_text")
    if parent_goal is not None and parent_goal.agreement_id != agreement.parent_id:
        raise ValidationError(
            {"parent_goal": _("A parent goal must belong to the parent agreement.")},
            code="parent_goal_not_in_parent_agreement",
        )


def goal_create(
    *,
    actor: Actor,
    municipality: Municipality,
    agreement: Agreement,
    title: str,
    description: str = "",
    initiative: Initiative | None = None,
    programme: Programme | None = None,
    area: DevelopmentArea | None = None,
    parent_goal: Goal | None = None,
    is_local: bool = False,
    owner: Any = None,
    order: int = 0,
) -> Goal:
    _check_goal(
        municipality, agreement, title=title, initiative=initiative, programme=programme,
        area=area, parent_goal=parent_goal, is_local=is_local,
    )  # fmt: skip
    goal = Goal.objects.create(
        municipality=municipality,
        agreement=agreement,
        title=title.strip(),
        description=description,
        initiative=initiative,
        programme=programme,
        area=area,
        parent_goal=parent_goal,
        is_local=is_local,
        owner=owner,
        order=order,
    )
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=goal,
        verb="goals.goal_created",
        after={"title": goal.title, "agreement": str(agreement.public_id)},
    )
    return goal


def goal_values(goal: Goal) -> dict[str, Any]:
    """A goal's changeable fields (related objects by id): the audit's before/after, a form's
    initial values."""
    return {
        "title": goal.title,
        "description": goal.description,
        "initiative": goal.initiative_id,
        "programme": goal.programme_id,
        "area": goal.area_id,
        "parent_goal": goal.parent_goal_id,
        "is_local": goal.is_local,
        "owner": goal.owner_id,
    }


@transaction.atomic
def goal_update(
    *,
    actor: Actor,
    municipality: Municipality,
    goal: Goal,
    title: str,
    description: str = "",
    initiative: Initiative | None = None,
    programme: Programme | None = None,
    area: DevelopmentArea | None = None,
    parent_goal: Goal | None = None,
    is_local: bool = False,
    owner: Any = None,
) -> Goal:
    """Change a goal's text, owner or link (the golden thread is checked as on creation)."""
    _check_goal(
        municipality, goal.agreement, title=title, initiative=initiative, programme=programme,
        area=area, parent_goal=parent_goal, is_local=is_local,
    )  # fmt: skip
    before = goal_values(goal)
    goal.title, goal.description = title.strip(), description
    goal.initiative, goal.programme, goal.area = initiative, programme, area
    goal.parent_goal, goal.is_local = parent_goal, is_local
    goal.owner = owner if owner is not None else goal.owner
    goal.save()
    after = goal_values(goal)
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=goal,
        verb="goals.goal_changed",
        before={k: v for k, v in before.items() if after[k] != v},
        after={k: v for k, v in after.items() if before[k] != v},
    )
    return goal


def _validate_indicator(indicator: Indicator) -> None:
    try:
        target = formula.target_value(
            baseline=indicator.baseline_value,
            target_value=indicator.target_value,
            target_change=indicator.target_change,
        )
        formula.check_direction(
            direction=indicator.direction,  # type: ignore[arg-type]
            baseline=indicator.baseline_value,
            target=target,
        )
    except formula.FormulaError as error:
        raise ValidationError(
            _("The target does not fit the baseline and direction: %(reason)s") % {"reason": error},
            code="invalid_target",
        ) from error
    if indicator.target_date <= indicator.baseline_date:
        raise ValidationError(
            {"target_date": _("The target date must be after the baseline date.")},
            code="invalid_period",
        )


def _validate_milestones(
    indicator: Indicator, milestones: list[tuple[datetime.date, Decimal]] | None
) -> None:
    """Interim milestones lie strictly between the baseline and target dates, one per date."""
    dates = [on for on, _value in milestones or []]
    if len(set(dates)) != len(dates):
        raise ValidationError(
            {"milestones": _("Two milestones have the same date.")}, code="milestone_twice"
        )
    if any(not indicator.baseline_date < on < indicator.target_date for on in dates):
        raise ValidationError(
            {"milestones": _("A milestone must lie between the baseline and the target date.")},
            code="milestone_outside_period",
        )


def _indicator_snapshot(indicator: Indicator) -> dict[str, Any]:
    return {
        name: (
            str(getattr(indicator, name + "_id"))
            if name in ("goal", "owner")
            else getattr(indicator, name)
        )
        for name in INDICATOR_FIELDS
    }


@transaction.atomic
def indicator_create(
    *,
    actor: Actor,
    municipality: Municipality,
    title: str,
    unit: str,
    baseline_value: Decimal,
    baseline_date: datetime.date,
    target_date: datetime.date,
    target_value: Decimal | None = None,
    target_change: Decimal | None = None,
    direction: str = "up",
    goal: Goal | None = None,
    definition: str = "",
    source: str = "",
    frequency: str = "",
    tolerance: Decimal = formula.DEFAULT_TOLERANCE,
    owner: Any = None,
    milestones: list[tuple[datetime.date, Decimal]] | None = None,
) -> Indicator:
    _same_municipality(municipality, goal)
    indicator = Indicator(
        municipality=municipality,
        goal=goal,
        title=title.strip(),
        definition=definition,
        unit=unit,
        direction=direction,
        source=source,
        frequency=frequency,
        baseline_value=baseline_value,
        baseline_date=baseline_date,
        target_value=target_value,
        target_change=target_change,
        target_date=target_date,
        tolerance=tolerance,
        owner=owner,
    )
    _validate_indicator(indicator)
    _validate_milestones(indicator, milestones)
    indicator.save()
    for on, value in milestones or []:
        Milestone.objects.create(indicator=indicator, date=on, value=value)
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=indicator,
        verb="goals.indicator_created",
        after=_indicator_snapshot(indicator),
    )
    return indicator


def _milestone_snapshot(indicator: Indicator) -> list[list[str]]:
    return [[str(m.date), str(m.value)] for m in indicator.milestones.order_by("date")]


@transaction.atomic
def indicator_update(
    *,
    actor: Actor,
    municipality: Municipality,
    indicator: Indicator,
    milestones: list[tuple[datetime.date, Decimal]] | None = None,
    **changes: Any,
) -> Indicator:
    """Change any of INDICATOR_FIELDS; `milestones`, when given, replace the interim
    milestones. The target is checked against baseline and direction as on creation."""
    _same_municipality(municipality, indicator, changes.get("goal"))
    unknown = set(changes) - set(INDICATOR_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields."), code="unknown_field")
    before = _indicator_snapshot(indicator)
    before_milestones = _milestone_snapshot(indicator)
    for name, value in changes.items():
        setattr(indicator, name, value)
    _validate_indicator(indicator)
    _validate_milestones(
        indicator,
        milestones
        if milestones is not None
        else [(m.date, m.value) for m in indicator.milestones.all()],
    )
    indicator.save()
    if milestones is not None:
        indicator.milestones.all().delete()
        Milestone.objects.bulk_create(
            Milestone(indicator=indicator, date=on, value=value) for on, value in milestones
        )
    after = _indicator_snapshot(indicator)
    after_milestones = _milestone_snapshot(indicator)
    if before_milestones != after_milestones:
        before["milestones"] = before_milestones
        after["milestones"] = after_milestones
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=indicator,
        verb="goals.indicator_updated",
        before=before,
        after=after,
    )
    return indicator


@transaction.atomic
def indicator_set_status_override(
    *,
    actor: Actor,
    municipality: Municipality,
    indicator: Indicator,
    status: str,
    comment: str,
) -> Indicator:
    """Set (or with an empty status, clear) the manual status; setting it needs a comment."""
    _same_municipality(municipality, indicator)
    if status not in ("", "green", "amber", "red"):
        raise ValidationError({"status": _("Choose a status.")}, code="invalid_status")
    try:
        formula.check_override(status_override=status, comment=comment)
    except formula.FormulaError as error:
        raise ValidationError(
            {"comment": _("Write why the status is set by hand.")}, code="comment_required"
        ) from error
    before = {"status_override": indicator.status_override, "comment": indicator.override_comment}
    indicator.status_override = status
    indicator.override_comment = comment.strip() if status else ""
    indicator.save(update_fields=["status_override", "override_comment", "updated_at"])
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=indicator,
        verb="goals.status_overridden" if status else "goals.status_override_cleared",
        before=before,
        after={"status_override": status, "comment": indicator.override_comment},
    )
    return indicator


@transaction.atomic
def measurement_add(
    *,
    actor: Actor,
    municipality: Municipality,
    indicator: Indicator,
    date: datetime.date,
    value: Decimal,
    numerator: Decimal | None = None,
    denominator: Decimal | None = None,
    source: str = "",
    preliminary: bool = False,
) -> Measurement:
    """Add the value for a date, or replace the one already there (audited with both)."""
    _same_municipality(municipality, indicator)
    if denominator is not None and denominator == 0:
        raise ValidationError({"denominator": _("The denominator cannot be 0.")}, code="zero")
    existing = (
        Measurement.objects.select_for_update().filter(indicator=indicator, date=date).first()
    )
    before = {"value": existing.value, "preliminary": existing.preliminary} if existing else None
    measurement = existing or Measurement(indicator=indicator, date=date)
    measurement.value = value
    measurement.numerator = numerator
    measurement.denominator = denominator
    measurement.source = source
    measurement.preliminary = preliminary
    measurement.entered_by = actor if getattr(actor, "is_authenticated", False) else None
    measurement.save()
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=indicator,
        verb="goals.measurement_replaced" if existing else "goals.measurement_added",
        before=before,
        after={"date": date, "value": value, "preliminary": preliminary},
    )
    return measurement


@transaction.atomic
def meeting_assess(
    *,
    actor: Actor,
    municipality: Municipality,
    meeting: DialogueMeeting,
    goal: Goal,
    assessment: str,
    rating: str,
) -> MeetingAssessment:
    _same_municipality(municipality, meeting.agreement, goal)
    if goal.agreement_id != meeting.agreement_id:
        raise ValidationError(
            {"goal": _("The goal belongs to another agreement.")}, code="wrong_agreement"
        )
    if not assessment.strip():
        raise ValidationError({"assessment": _("Write the assessment.")}, code="empty_text")
    obj, created = MeetingAssessment.objects.update_or_create(
        meeting=meeting, goal=goal, defaults={"assessment": assessment.strip(), "rating": rating}
    )
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=obj,
        verb="goals.goal_assessed",
        after={"rating": rating, "created": created},
    )
    return obj


@transaction.atomic
def freed_hours_allocate(
    *,
    actor: Actor,
    municipality: Municipality,
    case: Case,
    hours_per_year: Decimal,
    initiative: Initiative | None = None,
    goal: Goal | None = None,
    note: str = "",
) -> FreedHoursAllocation:
    """Give hours freed by a decided case back to the core task of an initiative or a goal."""
    _same_municipality(municipality, case, initiative, goal)
    if (initiative is None) == (goal is None):
        raise ValidationError(_("Choose either an initiative or a goal."), code="one_target")
    if case.stage != Stage.DECIDED or case.outcome not in (Outcome.ABOLISHED, Outcome.STREAMLINED):
        raise ValidationError(
            _("Only a case decided as abolished or streamlined frees hours."),
            code="not_decided_to_free_time",
        )
    if hours_per_year <= 0:
        raise ValidationError(
            {"hours_per_year": _("The hours must be more than 0.")}, code="negative_hours"
        )
    allocation = FreedHoursAllocation.objects.create(
        municipality=municipality,
        case=case,
        initiative=initiative,
        goal=goal,
        hours_per_year=hours_per_year,
        note=note,
    )
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=allocation,
        verb="goals.freed_hours_allocated",
        after={"hours_per_year": hours_per_year, "case": str(case.public_id)},
    )
    return allocation


@dataclass
class ImportRow:
    line: int
    status: str  # "added", "replaced", "error"
    message: str = ""
    values: dict[str, str] = field(default_factory=dict)


@dataclass
class ImportReport:
    rows: list[ImportRow] = field(default_factory=list)

    @property
    def added(self) -> int:
        return sum(1 for r in self.rows if r.status in ("added", "replaced"))

    @property
    def errors(self) -> int:
        return sum(1 for r in self.rows if r.status == "error")


def measurements_import(
    *,
    actor: Actor,
    municipality: Municipality,
    indicator: Indicator,
    rows: list[dict[str, str]],
) -> ImportReport:
    """Import rows with `date`, `value` and optional `numerator`, `denominator`, `source`,
    `preliminary`; each row is saved on its own and reported (line numbers from 2)."""
    from enkelt.goals.transfer import parse_row  # local: transfer imports services

    report = ImportReport()
    for index, raw in enumerate(rows, start=2):
        try:
            values = parse_row(raw)
            existed = Measurement.objects.filter(indicator=indicator, date=values["date"]).exists()
            measurement_add(actor=actor, municipality=municipality, indicator=indicator, **values)
            report.rows.append(
                ImportRow(line=index, status="replaced" if existed else "added", values=raw)
            )
        except ValidationError as error:
            report.rows.append(
                ImportRow(line=index, status="error", message="; ".join(error.messages), values=raw)
            )
    return report

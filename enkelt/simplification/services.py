"""Writes on simplification cases: flags, selection, decisions, follow-up, exemption applications.

Each service is keyword-only, atomic and records an audit event. Callers load
objects scoped to the municipality first; the services check again that every
object belongs to `municipality` (`WRONG_MUNICIPALITY` otherwise). Stage and
outcome move only along `pipeline.ALLOWED_TRANSITIONS`. Submitters hear about a
decision and the realised hours through `notifications` (their status page at
once, e-mail after commit through the task queue).
"""

import logging
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from enkelt.audit.services import audit_record
from enkelt.regulations.models import BurdenSnapshot, Rule
from enkelt.regulations.services import burden_snapshot_take, rule_update
from enkelt.simplification import notifications, pipeline
from enkelt.simplification.error_codes import SimplificationError, SimplificationErrorCode
from enkelt.simplification.exemptions import exemption_create
from enkelt.simplification.models import (
    Campaign,
    Case,
    Flag,
    Outcome,
    Scenario,
    ScenarioActivity,
    Stage,
)
from enkelt.simplification.scenario import ABOLISHED, ScenarioChange, freed_hours, scenario_lines
from enkelt.simplification.texts import Actor, check_municipality, clean_text, user_of
from enkelt.submissions.models import Kind, Submission
from enkelt.tenants.models import Municipality

Code = SimplificationErrorCode
logger = logging.getLogger(__name__)


# What a decision does to the rule's status in the registry (other outcomes leave it).
RULE_STATUS_AFTER: dict[str, str] = {
    Outcome.ABOLISHED: Rule.Status.ABOLISHED,
    Outcome.STREAMLINED: Rule.Status.SIMPLIFIED,
    Outcome.KEPT: Rule.Status.ACTIVE,
    Outcome.NOT_HANDLED: Rule.Status.ACTIVE,
}


def _set_rule_status(
    *, actor: Actor, municipality: Municipality, rule: Rule, status: str, only_from: set[str]
) -> None:
    """Through the registry's service, so its audit trail and offset ledger follow.

    A rule the registry's validation no longer accepts keeps its status (and the
    decision stands): `rule_update` validates before it writes anything.
    """
    if rule.status in only_from and rule.status != status:
        try:
            rule_update(actor=actor, municipality=municipality, rule=rule, status=status)
        except ValidationError:
            logger.warning("rule status not updated", extra={"rule": rule.pk, "status": status})


def _lock(case: Case) -> None:
    case.refresh_from_db(from_queryset=Case.objects.select_for_update())


def _snapshot(case: Case) -> dict[str, Any]:
    return {
        "stage": case.stage,
        "outcome": case.outcome,
        "reason": case.reason,
        "decision_level": case.decision_level,
        "decided_on": case.decided_on,
        "expected_freed_hours_per_year": case.expected_freed_hours_per_year,
        "realised_freed_hours_per_year": case.realised_freed_hours_per_year,
    }


def _move(case: Case, to_state: str) -> str:
    """Check the table and set stage/outcome for `to_state`; returns the state before."""
    from_state = case.state
    if to_state not in pipeline.STATES or not pipeline.can_transition(from_state, to_state):
        raise SimplificationError(Code.TRANSITION_NOT_ALLOWED)
    case.stage = pipeline.stage_of(to_state)
    case.outcome = to_state if case.stage == Stage.DECIDED else ""
    return from_state


# ---------------------------------------------------------------------------
# Flags
# ---------------------------------------------------------------------------


def _case_for_rule(*, actor: Actor, municipality: Municipality, rule: Rule) -> Case:
    """The rule's case, created (stage flagged) on its first flag."""
    case, created = Case.objects.get_or_create(
        municipality=municipality, rule=rule, defaults={"flagged_on": timezone.localdate()}
    )
    if created:
        audit_record(
            actor=actor,
            municipality=municipality,
            obj=case,
            verb="simplification.case_created",
            after={"rule": rule.pk, "stage": case.stage},
        )
    return case


@transaction.atomic
def case_flag_from_submission(
    *, actor: Actor, municipality: Municipality, submission: Submission, rule: Rule
) -> Flag:
    """Link a hassle submission to the rule behind it; the flag lands on the rule's case.

    Linking the same submission to the same rule again returns the existing flag.
    """
    check_municipality(municipality, submission, rule)
    if submission.kind != Kind.HASSLE:
        raise SimplificationError(Code.NOT_HASSLE)
    case = _case_for_rule(actor=actor, municipality=municipality, rule=rule)
    flag, created = Flag.objects.get_or_create(
        municipality=municipality,
        case=case,
        submission=submission,
        defaults={"flagged_by": user_of(actor)},
    )
    if created:
        audit_record(
            actor=actor,
            municipality=municipality,
            obj=case,
            verb="simplification.flag_added",
            after={"flag": flag.pk, "submission": submission.tracking_code},
        )
        notifications.tell_linked(actor=actor, municipality=municipality, flag=flag)
    return flag


@transaction.atomic
def case_flag_rule(
    *, actor: Actor, municipality: Municipality, rule: Rule, suggestion: str
) -> Flag:
    """An employee points at a rule directly from its page, with a suggestion."""
    check_municipality(municipality, rule)
    text = clean_text(suggestion, required=True)
    case = _case_for_rule(actor=actor, municipality=municipality, rule=rule)
    flag = Flag.objects.create(
        municipality=municipality, case=case, flagged_by=user_of(actor), suggestion=text
    )
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=case,
        verb="simplification.flag_added",
        after={"flag": flag.pk, "suggestion": text},
    )
    return flag


# ---------------------------------------------------------------------------
# Selection and decision
# ---------------------------------------------------------------------------


@transaction.atomic
def case_select(
    *,
    actor: Actor,
    municipality: Municipality,
    case: Case,
    campaign: Campaign | None = None,
) -> Case:
    """Take the case up for a decision (from flagged, or again from not handled)."""
    check_municipality(municipality, case, campaign)
    _lock(case)
    before = _snapshot(case)
    _move(case, pipeline.SELECTED)
    case.selected_on = timezone.localdate()
    case.selected_by = user_of(actor)
    if campaign is not None:
        case.campaign = campaign
    case.decided_on = None
    case.decided_by = None
    case.decision_level = ""
    case.save()
    _set_rule_status(
        actor=actor,
        municipality=municipality,
        rule=case.rule,
        status=Rule.Status.UNDER_REVIEW,
        only_from={Rule.Status.ACTIVE},
    )
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=case,
        verb="simplification.case_selected",
        before=before,
        after=_snapshot(case),
    )
    return case


@transaction.atomic
def case_deselect(*, actor: Actor, municipality: Municipality, case: Case) -> Case:
    """Put a selected case back among the flagged ones (not this round)."""
    check_municipality(municipality, case)
    _lock(case)
    before = _snapshot(case)
    _move(case, pipeline.FLAGGED)
    case.selected_on = None
    case.selected_by = None
    case.save()
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=case,
        verb="simplification.case_deselected",
        before=before,
        after=_snapshot(case),
    )
    return case


def _save_scenario(
    *,
    municipality: Municipality,
    case: Case,
    changes: Mapping[int, ScenarioChange],
    note: str,
) -> Decimal:
    """Store the scenario's lines (replacing any earlier one); returns the expected freed hours."""
    rule = Rule.objects.select_related("municipality").get(pk=case.rule_id)
    activities = list(rule.activities.select_related("job_family"))
    known = {a.pk for a in activities}
    if set(changes) - known:
        raise SimplificationError(Code.UNKNOWN_ACTIVITY)
    if not all(change.is_valid for change in changes.values()):
        raise SimplificationError(Code.INVALID_SCENARIO)
    lines = scenario_lines(rule, changes, activities=activities)
    scenario, _created = Scenario.objects.update_or_create(
        case=case, defaults={"municipality": municipality, "note": note}
    )
    scenario.activities.all().delete()
    ScenarioActivity.objects.bulk_create(
        ScenarioActivity(
            municipality=municipality,
            scenario=scenario,
            activity=line.activity,
            name=line.activity.name,
            baseline_hours_per_year=line.before.hours_per_year.quantize(Decimal("0.0001")),
            population=line.change.population,
            frequency_per_year=line.change.frequency_per_year,
            minutes_per_occurrence=line.change.minutes_per_occurrence,
            business_as_usual_share=line.change.business_as_usual_share,
            hours_per_year=line.after.hours_per_year.quantize(Decimal("0.0001")),
        )
        for line in lines
    )
    return freed_hours(lines)


@transaction.atomic
def case_decide(
    *,
    actor: Actor,
    municipality: Municipality,
    case: Case,
    outcome: str,
    reason: str = "",
    decision_level: str = "",
    decided_on: date | None = None,
    implement_by: date | None = None,
    scenario: Mapping[int, ScenarioChange] | None = None,
    scenario_note: str = "",
    exemption: Mapping[str, Any] | None = None,
) -> Case:
    """Decide the case; every linked submitter is told.

    - `kept` needs a `reason` ("follow or explain"); any outcome may carry one.
    - `abolished` and `streamlined` take a `scenario` (activity id → parameters
      after the decision) that gives the expected freed hours; abolishing without
      a scenario frees every activity's hours.
    - `escalated` creates an exemption application; `exemption` holds its fields
      (see `exemption_create`).
    """
    check_municipality(municipality, case)
    text = clean_text(reason, required=outcome == Outcome.KEPT)
    if outcome == Outcome.KEPT and not text:
        raise SimplificationError(Code.REASON_REQUIRED)
    _lock(case)
    before = _snapshot(case)
    _move(case, outcome)
    case.reason = text
    case.decision_level = decision_level
    case.decided_by = user_of(actor)
    case.decided_on = decided_on or timezone.localdate()
    case.implement_by = implement_by
    if outcome in pipeline.FREES_TIME:
        changes = scenario
        if changes is None and outcome == Outcome.ABOLISHED:
            changes = dict.fromkeys(case.rule.activities.values_list("pk", flat=True), ABOLISHED)
        case.expected_freed_hours_per_year = (
            _save_scenario(
                municipality=municipality, case=case, changes=changes, note=scenario_note
            )
            if changes is not None
            else None
        )
    else:
        case.expected_freed_hours_per_year = None
    case.save()
    if outcome in pipeline.FREES_TIME:
        burden_snapshot_take(
            actor=actor,
            municipality=municipality,
            rule=case.rule,
            kind=BurdenSnapshot.Kind.BEFORE_DECISION,
            note=str(case.public_id),
        )
    if outcome in RULE_STATUS_AFTER:
        _set_rule_status(
            actor=actor,
            municipality=municipality,
            rule=case.rule,
            status=RULE_STATUS_AFTER[outcome],
            only_from={Rule.Status.ACTIVE, Rule.Status.UNDER_REVIEW},
        )
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=case,
        verb="simplification.case_decided",
        before=before,
        after=_snapshot(case),
    )
    if outcome == Outcome.ESCALATED:
        exemption_create(actor=actor, municipality=municipality, case=case, **(exemption or {}))
    notifications.tell_submitters(
        actor=actor, municipality=municipality, case=case, news=notifications.DECIDED
    )
    return case


@transaction.atomic
def case_record_realised(
    *,
    actor: Actor,
    municipality: Municipality,
    case: Case,
    hours: Decimal,
    used_for: str = "",
    implemented_on: date | None = None,
) -> Case:
    """Follow-up: the hours a year actually freed, and what they are used for now."""
    check_municipality(municipality, case)
    if not hours.is_finite() or hours < 0:
        raise SimplificationError(Code.NEGATIVE_HOURS)
    text = clean_text(used_for, required=False)
    _lock(case)
    if case.stage != Stage.DECIDED or case.outcome not in pipeline.FREES_TIME:
        raise SimplificationError(Code.NOT_DECIDED_TO_FREE_TIME)
    before = _snapshot(case)
    case.realised_freed_hours_per_year = hours.quantize(Decimal("0.01"))
    case.freed_time_used_for = text
    case.realised_recorded_on = timezone.localdate()
    case.implemented_on = implemented_on or case.implemented_on or timezone.localdate()
    case.save()
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=case,
        verb="simplification.realised_recorded",
        before=before,
        after={**_snapshot(case), "freed_time_used_for": text},
    )
    notifications.tell_submitters(
        actor=actor, municipality=municipality, case=case, news=notifications.REALISED
    )
    return case

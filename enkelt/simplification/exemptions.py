"""Writes on campaigns and exemption applications (same conventions as `services`).

An escalated case creates its application through `exemption_create`
(`services.case_decide`); the ministry's answer, the trial and its evaluation are
recorded by `exemption_answer`.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from enkelt.accounts.models import User
from enkelt.audit.services import audit_record
from enkelt.regulations.models import Rule
from enkelt.regulations.services import rule_update
from enkelt.simplification.error_codes import SimplificationError, SimplificationErrorCode
from enkelt.simplification.models import Campaign, Case, ExemptionApplication
from enkelt.simplification.texts import Actor, check_municipality, clean_text
from enkelt.tenants.models import Municipality

Code = SimplificationErrorCode

# An approval with a trial period suspends the rule in the registry for the trial.
TRIAL_STATUSES = frozenset(
    {
        ExemptionApplication.Status.APPROVED,
        ExemptionApplication.Status.APPROVED_WITH_CONDITIONS,
    }
)


def _suspend_rule_on_trial(
    *, actor: Actor, municipality: Municipality, application: ExemptionApplication
) -> None:
    rule = Rule.objects.get(pk=application.rule_id)
    if rule.status in {Rule.Status.ACTIVE, Rule.Status.UNDER_REVIEW}:
        rule_update(
            actor=actor, municipality=municipality, rule=rule, status=Rule.Status.SUSPENDED_ON_TRIAL
        )


@transaction.atomic
def campaign_create(
    *,
    actor: Actor,
    municipality: Municipality,
    theme: str,
    opens_on: date,
    closes_on: date,
    description: str = "",
    champion: User | None = None,
    decision_deadline: date | None = None,
    presume_abolish: bool = True,
) -> Campaign:
    if closes_on < opens_on:
        raise SimplificationError(Code.INVALID_PERIOD)
    campaign = Campaign.objects.create(
        municipality=municipality,
        theme=clean_text(theme, required=True)[:200],
        description=clean_text(description, required=False),
        opens_on=opens_on,
        closes_on=closes_on,
        champion=champion,
        decision_deadline=decision_deadline,
        presume_abolish=presume_abolish,
    )
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=campaign,
        verb="simplification.campaign_created",
        after={"theme": campaign.theme, "opens_on": opens_on, "closes_on": closes_on},
    )
    return campaign


@transaction.atomic
def exemption_create(
    *,
    actor: Actor,
    municipality: Municipality,
    case: Case,
    provision: str = "",
    instrument: str = ExemptionApplication.Instrument.CHALLENGE_RIGHT,
    ministry: str = "",
    network: str = "",
    submitted_on: date | None = None,
    period_from: date | None = None,
    period_to: date | None = None,
    evaluation_plan: str = "",
) -> ExemptionApplication:
    """An application to the state for exemption from the case's rule, pending an answer."""
    check_municipality(municipality, case)
    if period_from and period_to and period_to < period_from:
        raise SimplificationError(Code.INVALID_PERIOD)
    application = ExemptionApplication.objects.create(
        municipality=municipality,
        case=case,
        rule_id=case.rule_id,
        provision=provision.strip()[:200],
        instrument=instrument,
        ministry=ministry.strip()[:200],
        network=network.strip()[:200],
        submitted_on=submitted_on,
        period_from=period_from,
        period_to=period_to,
        evaluation_plan=clean_text(evaluation_plan, required=False),
    )
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=application,
        verb="simplification.exemption_created",
        after={"case": case.pk, "provision": application.provision, "ministry": ministry},
    )
    return application


@transaction.atomic
def exemption_answer(
    *,
    actor: Actor,
    municipality: Municipality,
    application: ExemptionApplication,
    status: str,
    answer: str = "",
    answered_on: date | None = None,
    trial_start: date | None = None,
    trial_end: date | None = None,
    evaluation_due: date | None = None,
    evaluation_result: str = "",
) -> ExemptionApplication:
    """Record the ministry's answer; a rejection needs its reason."""
    check_municipality(municipality, application)
    Status = ExemptionApplication.Status
    if status not in Status.values:
        raise SimplificationError(Code.TRANSITION_NOT_ALLOWED)
    text = clean_text(answer, required=status == Status.REJECTED)
    if trial_start and trial_end and trial_end < trial_start:
        raise SimplificationError(Code.INVALID_PERIOD)
    before = {"status": application.status, "answer": application.answer}
    application.status = status
    application.answer = text
    application.answered_on = (
        None if status == Status.PENDING else answered_on or timezone.localdate()
    )
    application.trial_start = trial_start
    application.trial_end = trial_end
    application.evaluation_due = evaluation_due
    application.evaluation_result = clean_text(evaluation_result, required=False)
    application.save()
    if status in TRIAL_STATUSES and trial_start is not None:
        _suspend_rule_on_trial(actor=actor, municipality=municipality, application=application)
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=application,
        verb="simplification.exemption_answered",
        before=before,
        after={"status": status, "answer": text},
    )
    return application

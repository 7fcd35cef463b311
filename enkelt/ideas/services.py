"""Writes of idea development. Each service is atomic and records an audit event.

Callers load the idea (a submission of kind `idea`) scoped to the municipality;
the services check again that every object passed in belongs to `municipality`.
An idea's development record is created here the first time someone works on
it. At each change of stage the submitter is told: at once on the public status
page (a public update in their language) and by e-mail after commit, through
the task queue (`tasks.send_idea_stage`).
"""

from datetime import date
from decimal import Decimal
from functools import partial
from typing import Any, TypeAlias

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.text import slugify

from enkelt.accounts.models import User
from enkelt.audit.services import audit_record
from enkelt.ideas import pipeline
from enkelt.ideas.emails import recipient_of, stage_text
from enkelt.ideas.error_codes import IdeaError, IdeaErrorCode
from enkelt.ideas.models import (
    IdeaCriterion,
    IdeaDevelopment,
    IdeaGuide,
    IdeaNote,
    IdeaScore,
    Stage,
)
from enkelt.ideas.tasks import send_idea_stage
from enkelt.regulations.models import Rule
from enkelt.simplification.models import Case
from enkelt.simplification.services import case_flag_rule
from enkelt.strategy.models import Initiative, Programme
from enkelt.strategy.services.portfolio import initiative_create
from enkelt.submissions import pipeline as submission_pipeline
from enkelt.submissions.models import Kind, Submission
from enkelt.submissions.services import submission_add_note, submission_transition
from enkelt.tenants.models import Municipality, Unit

Actor: TypeAlias = User | AnonymousUser | None

TEXT_MAX_LENGTH = 10_000
PEOPLE_MAX_LENGTH = 500

# (code, Danish name, English name, Danish description, English description, higher is better)
DEFAULT_CRITERIA: tuple[tuple[str, str, str, str, str, bool], ...] = (
    (
        "vaerdi-for-borgerne",
        "Værdi for borgerne",
        "Value for citizens",
        "Hvor meget mærker borgerne forbedringen?",
        "How much will citizens notice the improvement?",
        True,
    ),
    (
        "indsats",
        "Indsats",
        "Effort",
        "Hvor meget tid og hvor mange penge kræver det? En høj score tæller imod.",
        "How much time and money does it take? A high score counts against the idea.",
        False,
    ),
    (
        "sammenhaeng-med-maal",
        "Sammenhæng med mål",
        "Fit with goals",
        "Hvor godt passer idéen til kommunens strategi og mål?",
        "How well does the idea fit the municipality's strategy and goals?",
        True,
    ),
)


def _user(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) and actor.is_authenticated else None


def _check_municipality(municipality: Municipality, *objects: Any) -> None:
    for obj in objects:
        if obj is not None and obj.municipality_id != municipality.pk:
            raise IdeaError(IdeaErrorCode.WRONG_MUNICIPALITY)


def _check_staff(municipality: Municipality, user: User | None) -> None:
    if user is None:
        return
    membership = getattr(user, "membership", None)
    if membership is None or membership.municipality_id != municipality.pk:
        raise IdeaError(IdeaErrorCode.NOT_STAFF)


def _text(value: str, *, required: bool = True, limit: int = TEXT_MAX_LENGTH) -> str:
    text = (value or "").strip()
    if required and not text:
        raise IdeaError(IdeaErrorCode.EMPTY_TEXT)
    if len(text) > limit:
        raise IdeaError(IdeaErrorCode.TEXT_TOO_LONG)
    return text


def _state(development: IdeaDevelopment) -> dict[str, Any]:
    return {
        "stage": development.stage,
        "reason": development.reason,
        "guide": development.guide_id,
        "people": development.people,
        "initiative": development.initiative_id,
        "case": development.case_id,
    }


def idea_criteria_defaults(*, municipality: Municipality) -> list[IdeaCriterion]:
    """The municipality's criteria; the three defaults when it has none yet."""
    existing = list(IdeaCriterion.objects.filter(municipality=municipality))
    if existing:
        return existing
    return [
        IdeaCriterion.objects.create(
            municipality=municipality,
            code=code,
            name_da=name_da,
            name_en=name_en,
            description_da=description_da,
            description_en=description_en,
            higher_is_better=higher,
            order=order,
        )
        for order, (code, name_da, name_en, description_da, description_en, higher) in enumerate(
            DEFAULT_CRITERIA
        )
    ]


DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
CRITERION_FIELDS = (
    "name_da", "name_en", "description_da", "description_en", "scale_max", "weight",
    "higher_is_better", "order",
)  # fmt: skip


@transaction.atomic
def idea_criterion_save(
    *,
    actor: Actor,
    municipality: Municipality,
    criterion: IdeaCriterion | None,
    values: dict[str, Any],
) -> IdeaCriterion:
    """Create a criterion (`criterion` None) or change one; `values` has `CRITERION_FIELDS`.

    A new criterion gets a code from its Danish name, unique in the municipality. The
    highest score may not drop below a score ideas already have, which would then lie
    outside the scale.
    """
    if criterion is None:
        criterion = IdeaCriterion(municipality=municipality)
        before = None
    else:
        _check_municipality(municipality, criterion)
        before = {field: _plain(getattr(criterion, field)) for field in CRITERION_FIELDS}
        highest = criterion.scores.aggregate(highest=Max("score"))["highest"]
        if highest is not None and values["scale_max"] < highest:
            raise IdeaError(IdeaErrorCode.SCALE_BELOW_SCORES)
    for field in CRITERION_FIELDS:
        setattr(criterion, field, values[field])
    if not criterion.code:
        danish = str(values["name_da"]).lower().translate(DANISH_LETTERS)
        base = slugify(danish)[:40] or "kriterium"
        taken = set(
            IdeaCriterion.objects.filter(
                municipality=municipality, code__startswith=base
            ).values_list("code", flat=True)
        )
        code, number = base, 2
        while code in taken:
            code, number = f"{base}-{number}", number + 1
        criterion.code = code
    criterion.full_clean()
    criterion.save()
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=criterion,
        verb="ideas.criterion_created" if before is None else "ideas.criterion_changed",
        before=before,
        after={field: _plain(getattr(criterion, field)) for field in CRITERION_FIELDS},
    )
    return criterion


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


@transaction.atomic
def idea_development_ensure(
    *, actor: Actor, municipality: Municipality, submission: Submission
) -> IdeaDevelopment:
    """The idea's development record, created (in stage `new`) on first use, locked."""
    _check_municipality(municipality, submission)
    if submission.kind != Kind.IDEA:
        raise IdeaError(IdeaErrorCode.NOT_AN_IDEA)
    development, created = IdeaDevelopment.objects.select_for_update().get_or_create(
        submission=submission, defaults={"municipality": municipality}
    )
    if created:
        idea_criteria_defaults(municipality=municipality)
        audit_record(
            actor=actor,
            municipality=municipality,
            obj=development,
            verb="ideas.development_started",
            after=_state(development),
        )
    submission.idea_development = development  # type: ignore[attr-defined]
    return development


def _tell_submitter(
    *, actor: Actor, municipality: Municipality, development: IdeaDevelopment
) -> None:
    """Public update on the status page now; the e-mail after commit."""
    submission = development.submission
    with translation.override(submission.language or settings.LANGUAGE_CODE):
        text = stage_text(development)
    submission_add_note(
        actor=actor, municipality=municipality, submission=submission, text=text, is_public=True
    )
    if recipient_of(development):
        transaction.on_commit(
            partial(send_idea_stage.enqueue, development.pk, development.stage), robust=True
        )


@transaction.atomic
def idea_transition(
    *,
    actor: Actor,
    municipality: Municipality,
    submission: Submission,
    to_stage: str,
    reason: str = "",
    note: str = "",
    people: str | None = None,
) -> IdeaDevelopment:
    """Move an idea along the pipeline (pipeline.ALLOWED_TRANSITIONS).

    `not_pursued` needs a `reason`, which the submitter reads. An optional `note`
    is kept with the new stage; `people` (when given) replaces the people involved.
    The first step out of `new` puts a received submission in progress.
    """
    if to_stage not in Stage.values:
        raise IdeaError(IdeaErrorCode.INVALID_STAGE)
    development = idea_development_ensure(
        actor=actor, municipality=municipality, submission=submission
    )
    before = _state(development)
    if not pipeline.can_transition(development.stage, to_stage):
        raise IdeaError(IdeaErrorCode.TRANSITION_NOT_ALLOWED)
    if to_stage in pipeline.NEEDS_REASON:
        development.reason = _text(reason, required=False)
        if not development.reason:
            raise IdeaError(IdeaErrorCode.REASON_REQUIRED)
    else:
        development.reason = ""
    if people is not None:
        development.people = _text(people, required=False, limit=PEOPLE_MAX_LENGTH)
    development.stage = to_stage
    development.stage_changed_at = timezone.now()
    development.save()
    if note.strip():
        IdeaNote.objects.create(
            municipality=municipality,
            development=development,
            stage=to_stage,
            text=_text(note),
            people=development.people,
            author=_user(actor),
        )
    if submission.status == Submission.Status.RECEIVED and submission_pipeline.can_transition(
        submission.status, Submission.Status.IN_PROGRESS
    ):
        submission_transition(
            actor=actor,
            municipality=municipality,
            submission=submission,
            to_status=Submission.Status.IN_PROGRESS,
        )
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=development,
        verb="ideas.stage_changed",
        before=before,
        after=_state(development),
    )
    _tell_submitter(actor=actor, municipality=municipality, development=development)
    return development


@transaction.atomic
def idea_add_note(
    *,
    actor: Actor,
    municipality: Municipality,
    submission: Submission,
    text: str,
    people: str = "",
) -> IdeaNote:
    """A note in the idea's current stage (internal to staff), with the people involved."""
    development = idea_development_ensure(
        actor=actor, municipality=municipality, submission=submission
    )
    note = IdeaNote.objects.create(
        municipality=municipality,
        development=development,
        stage=development.stage,
        text=_text(text),
        people=_text(people, required=False, limit=PEOPLE_MAX_LENGTH),
        author=_user(actor),
    )
    if note.people and note.people != development.people:
        development.people = note.people
        development.save(update_fields=["people", "updated_at"])
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=development,
        verb="ideas.note_added",
        after={"note": note.pk, "stage": note.stage},
    )
    return note


@transaction.atomic
def idea_assign_guide(
    *,
    actor: Actor,
    municipality: Municipality,
    submission: Submission,
    guide: User | None,
) -> IdeaDevelopment:
    """Give the idea a guide (an idea guide of the municipality), or none."""
    _check_municipality(municipality, submission)
    if (
        guide is not None
        and not IdeaGuide.objects.filter(municipality=municipality, user=guide).exists()
    ):
        raise IdeaError(IdeaErrorCode.NOT_A_GUIDE)
    development = idea_development_ensure(
        actor=actor, municipality=municipality, submission=submission
    )
    before = _state(development)
    development.guide = guide
    development.save(update_fields=["guide", "updated_at"])
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=development,
        verb="ideas.guide_assigned",
        before=before,
        after=_state(development),
    )
    return development


@transaction.atomic
def idea_score(
    *,
    actor: Actor,
    municipality: Municipality,
    submission: Submission,
    scores: dict[IdeaCriterion, int],
) -> list[IdeaScore]:
    """Set the idea's score on each given criterion (1 to the criterion's highest score)."""
    _check_municipality(municipality, *scores)
    for criterion, value in scores.items():
        if not 1 <= value <= criterion.scale_max:
            raise IdeaError(IdeaErrorCode.SCORE_OUT_OF_RANGE)
    development = idea_development_ensure(
        actor=actor, municipality=municipality, submission=submission
    )
    saved = []
    for criterion, value in scores.items():
        score, _ = IdeaScore.objects.update_or_create(
            development=development,
            criterion=criterion,
            defaults={"municipality": municipality, "score": value, "scored_by": _user(actor)},
        )
        saved.append(score)
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=development,
        verb="ideas.scored",
        after={c.code: v for c, v in scores.items()},
    )
    return saved


@transaction.atomic
def idea_guide_add(
    *, actor: Actor, municipality: Municipality, user: User, unit: Unit | None = None
) -> IdeaGuide:
    """Make an employee an idea guide for `unit`'s subtree, or municipality-wide (no unit).

    Making someone a guide again changes their unit.
    """
    _check_municipality(municipality, unit)
    _check_staff(municipality, user)
    guide, created = IdeaGuide.objects.update_or_create(
        municipality=municipality, user=user, defaults={"unit": unit}
    )
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=guide,
        verb="ideas.guide_added" if created else "ideas.guide_changed",
        after={"user": user.pk, "unit": unit.pk if unit else None},
    )
    user.__dict__.pop("_enkelt_idea_guide", None)
    return guide


@transaction.atomic
def idea_guide_remove(*, actor: Actor, municipality: Municipality, guide: IdeaGuide) -> None:
    """The employee is no longer an idea guide; the ideas they guided keep their name."""
    _check_municipality(municipality, guide)
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=guide,
        verb="ideas.guide_removed",
        before={"user": guide.user_id, "unit": guide.unit_id},
    )
    guide.delete()


def _check_not_converted(development: IdeaDevelopment) -> None:
    if development.initiative_id is not None or development.case_id is not None:
        raise IdeaError(IdeaErrorCode.ALREADY_CONVERTED)


@transaction.atomic
def idea_convert_to_initiative(
    *,
    actor: Actor,
    municipality: Municipality,
    submission: Submission,
    programme: Programme,
    title: str = "",
    owner_unit: Unit | None = None,
    start: date | None = None,
) -> Initiative:
    """Create an initiative in the portfolio from the idea; the idea keeps the link."""
    development = idea_development_ensure(
        actor=actor, municipality=municipality, submission=submission
    )
    _check_not_converted(development)
    initiative = initiative_create(
        actor=actor,
        municipality=municipality,
        programme=programme,
        title=_text(title, required=False, limit=200) or submission.title[:200],
        description="\n\n".join(p for p in (submission.description, submission.suggestion) if p),
        owner_unit=owner_unit,
        start=start,
    )
    development.initiative = initiative
    development.save(update_fields=["initiative", "updated_at"])
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=development,
        verb="ideas.became_initiative",
        after={"initiative": str(initiative.public_id)},
    )
    return initiative


@transaction.atomic
def idea_convert_to_case(
    *, actor: Actor, municipality: Municipality, submission: Submission, rule: Rule
) -> Case:
    """Flag the rule the idea would change; the idea keeps the link to the rule's case."""
    development = idea_development_ensure(
        actor=actor, municipality=municipality, submission=submission
    )
    _check_not_converted(development)
    _check_municipality(municipality, rule)
    suggestion = "\n\n".join(
        p for p in (submission.title, submission.description, submission.suggestion) if p
    )
    flag = case_flag_rule(actor=actor, municipality=municipality, rule=rule, suggestion=suggestion)
    development.case = flag.case
    development.save(update_fields=["case", "updated_at"])
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=development,
        verb="ideas.became_case",
        after={"case": str(flag.case.public_id)},
    )
    return flag.case

"""Reads of idea development. Every read takes the municipality explicitly.

Who sees which idea: leaders (leader, chief, director, administrator) see every
idea of their municipality; an idea guide sees the ideas of their unit's subtree
(an idea belongs to the unit responsible for it and to the unit of the employee
who sent it in), every idea when municipality-wide, and always the ideas they
guide.
"""

import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet

from enkelt.accounts.models import User
from enkelt.ideas import pipeline
from enkelt.ideas.models import (
    IdeaCriterion,
    IdeaDevelopment,
    IdeaGuide,
    IdeaNote,
    IdeaScore,
    Stage,
)
from enkelt.submissions.models import Kind, Submission
from enkelt.tenants.models import Municipality, Unit


def guide_get(*, municipality: Municipality, user: Any) -> IdeaGuide | None:
    """The user's idea guide role in `municipality`, cached on the user for the request."""
    if not getattr(user, "is_authenticated", False):
        return None
    cache: dict[int, IdeaGuide | None] = user.__dict__.setdefault("_enkelt_idea_guide", {})
    if municipality.pk not in cache:
        cache[municipality.pk] = (
            IdeaGuide.objects.filter(municipality=municipality, user=user)
            .select_related("unit", "municipality")
            .first()
        )
    return cache[municipality.pk]


def guide_list(*, municipality: Municipality) -> QuerySet[IdeaGuide]:
    return IdeaGuide.objects.filter(municipality=municipality).select_related(
        "user", "unit", "user__membership__unit"
    )


def unit_subtree_ids(*, municipality: Municipality, unit: Unit) -> set[int]:
    """The unit and every unit below it (one query for the whole tree)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Unit.objects.filter(municipality=municipality).values_list(
        "pk", "parent_id"
    ):
        children.setdefault(parent_id, []).append(pk)
    found: set[int] = set()
    stack = [unit.pk]
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.add(current)
        stack.extend(children.get(current, []))
    return found


def guide_covers(*, guide: IdeaGuide, submission: Submission, user_id: int | None) -> bool:
    """Whether `guide` works on `submission`: by scope, or because they guide it."""
    development = getattr(submission, "idea_development", None)
    if development is not None and user_id is not None and development.guide_id == user_id:
        return True
    if guide.unit is None:
        return True
    subtree: set[int] | None = guide.__dict__.get("_subtree")
    if subtree is None:
        subtree = unit_subtree_ids(municipality=guide.municipality, unit=guide.unit)
        guide.__dict__["_subtree"] = subtree
    return submission.unit_id in subtree or submission.submitter_unit_id in subtree


def _ideas(municipality: Municipality) -> QuerySet[Submission]:
    return (
        Submission.objects.filter(municipality=municipality, kind=Kind.IDEA)
        .exclude(status=Submission.Status.REJECTED)
        .select_related("unit", "category", "idea_development", "idea_development__guide")
    )


def idea_list(
    *,
    municipality: Municipality,
    viewer: Any,
    unit: Unit | None = None,
    guide: User | None = None,
    stage: str | None = None,
    is_leader: bool = False,
) -> QuerySet[Submission]:
    """The ideas `viewer` may see, filtered; leaders (`is_leader`) see all of them."""
    ideas = _ideas(municipality)
    if not is_leader:
        role = guide_get(municipality=municipality, user=viewer)
        if role is None:
            return ideas.none()
        if role.unit is not None:
            subtree = unit_subtree_ids(municipality=municipality, unit=role.unit)
            ideas = ideas.filter(
                Q(unit_id__in=subtree)
                | Q(submitter_unit_id__in=subtree)
                | Q(idea_development__guide=viewer)
            )
    if unit is not None:
        subtree = unit_subtree_ids(municipality=municipality, unit=unit)
        ideas = ideas.filter(Q(unit_id__in=subtree) | Q(submitter_unit_id__in=subtree))
    if guide is not None:
        ideas = ideas.filter(idea_development__guide=guide)
    if stage == Stage.NEW:
        ideas = ideas.filter(Q(idea_development__isnull=True) | Q(idea_development__stage=stage))
    elif stage:
        ideas = ideas.filter(idea_development__stage=stage)
    return ideas


def stage_of(submission: Submission) -> str:
    development = getattr(submission, "idea_development", None)
    return development.stage if development is not None else Stage.NEW.value


@dataclass(frozen=True)
class Column:
    stage: str
    label: str
    ideas: list[Submission] = field(default_factory=list)


def board(ideas: QuerySet[Submission] | list[Submission]) -> list[Column]:
    """The ideas in one column per stage, in pipeline order."""
    columns = {stage: Column(stage, str(Stage(stage).label)) for stage in pipeline.STAGES}
    for idea in ideas:
        columns[stage_of(idea)].ideas.append(idea)
    return list(columns.values())


def idea_get(*, municipality: Municipality, public_id: str | uuid.UUID) -> Submission | None:
    """One idea by the submission's public id; another municipality's is not found."""
    try:
        key = uuid.UUID(str(public_id))
    except ValueError:
        return None
    return (
        _ideas(municipality)
        .select_related(
            "idea_development__initiative", "idea_development__case__rule", "submitter_unit"
        )
        .filter(public_id=key)
        .first()
    )


def criteria_of(*, municipality: Municipality) -> list[IdeaCriterion]:
    return list(IdeaCriterion.objects.filter(municipality=municipality))


def notes_of(*, development: IdeaDevelopment | None) -> list[IdeaNote]:
    if development is None:
        return []
    return list(development.notes.select_related("author"))


def scores_of(*, development: IdeaDevelopment | None) -> dict[int, IdeaScore]:
    """Scores by criterion id."""
    if development is None:
        return {}
    return {s.criterion_id: s for s in development.scores.select_related("scored_by")}


def weighted_score(
    *, criteria: list[IdeaCriterion], scores: dict[int, IdeaScore]
) -> Decimal | None:
    """0 to 100: the weighted mean of the scores, each turned so that higher is better.

    None until every criterion with a weight has a score.
    """
    total = Decimal(0)
    weights = Decimal(0)
    for criterion in criteria:
        if criterion.weight <= 0:
            continue
        score = scores.get(criterion.pk)
        if score is None:
            return None
        span = Decimal(criterion.scale_max - 1)
        value = Decimal(score.score - 1) / span
        if not criterion.higher_is_better:
            value = 1 - value
        total += criterion.weight * value
        weights += criterion.weight
    if weights == 0:
        return None
    return (total / weights * 100).quantize(Decimal("1"))


def staff_choices(*, municipality: Municipality) -> QuerySet[User]:
    """Active employees of the municipality, for the guide pages."""
    return (
        User.objects.filter(membership__municipality=municipality, is_active=True)
        .select_related("membership__unit")
        .order_by("first_name", "last_name", "username")
    )


def guide_users(*, municipality: Municipality) -> QuerySet[User]:
    """The users who are idea guides of the municipality."""
    return User.objects.filter(
        idea_guide_roles__municipality=municipality, is_active=True
    ).order_by("first_name", "last_name", "username")

"""Reads for the case workers' inbox, detail page and moderation queue.

Built on `selectors.inbox` (municipality, unit, assignee, status, kind,
category, overdue) and adding what only the web inbox needs: age, channel,
photos, free-text search with tracking-code normalisation, sorting, and the
detail page's related lists. Every function takes the municipality (or a
submission already scoped to it).
"""

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from enkelt.accounts.models import User
from enkelt.audit.models import AuditEvent
from enkelt.audit.selectors import audit_events_for
from enkelt.submissions import pipeline
from enkelt.submissions.models import (
    AnswerTemplate,
    Category,
    Photo,
    SavedFilter,
    Submission,
    SubmissionEvent,
)
from enkelt.submissions.selectors import Nearby, inbox, nearby_duplicates, submission_history
from enkelt.submissions.tracking import tracking_code_normalise
from enkelt.tenants.models import Municipality, Unit

Status = Submission.Status

OPEN = "open"  # the status filter's value for "received or in progress"

SORTS: dict[str, tuple[str, ...]] = {
    "created": ("created_at", "id"),
    "-created": ("-created_at", "-id"),
    "due": ("due_at", "id"),
    "-due": ("-due_at", "-id"),
    "status": ("status_order", "-created_at", "-id"),
    "-status": ("-status_order", "-created_at", "-id"),
}
DEFAULT_SORT = "-created"

# Age filter: (newer than N days) or (older than N days).
AGES: dict[str, tuple[str, int]] = {
    "today": ("newer", 1),
    "week": ("newer", 7),
    "older_week": ("older", 7),
    "older_month": ("older", 30),
}


@dataclass(frozen=True)
class InboxFilters:
    """The inbox's query, as parsed from the GET form; empty values do not filter."""

    q: str = ""
    kind: str = ""
    category: Category | None = None
    status: str = ""
    unit: Unit | None = None
    assignee: User | None = None
    unassigned: bool = False
    age: str = ""
    overdue: bool = False
    has_photo: bool = False
    channel: str = ""
    sort: str = DEFAULT_SORT


def _status_order() -> Case:
    """Pipeline order (received first), so sorting by status reads like the workflow."""
    return Case(
        *(When(status=status, then=Value(i)) for i, status in enumerate(Status.values)),
        default=Value(len(Status.values)),
        output_field=IntegerField(),
    )


def text_search(submissions: QuerySet[Submission], q: str) -> QuerySet[Submission]:
    """Title, description, address (icontains) or the tracking code as a citizen reads it."""
    term = q.strip()
    if not term:
        return submissions
    match = (
        Q(title__icontains=term)
        | Q(description__icontains=term)
        | Q(address__icontains=term)
        | Q(tracking_code__iexact=term)
    )
    code = tracking_code_normalise(term)
    if code:
        match |= Q(tracking_code=code)
    return submissions.filter(match)


def inbox_search(
    *, municipality: Municipality, filters: InboxFilters, today: date | None = None
) -> QuerySet[Submission]:
    """The inbox rows for `filters`, with `has_photo` annotated: one query per page."""
    today = today or timezone.localdate()
    if filters.status == OPEN:
        status: Any = sorted(pipeline.OPEN_STATUSES)
    else:
        status = filters.status or None
    submissions = inbox(
        municipality=municipality,
        unit=filters.unit,
        assignee=filters.assignee,
        status=status,
        kind=filters.kind or None,
        category=filters.category,
        overdue=True if filters.overdue else None,
        today=today,
    )
    if filters.unassigned:
        submissions = submissions.filter(assignee__isnull=True)
    if filters.channel:
        submissions = submissions.filter(channel=filters.channel)
    if filters.age in AGES:
        direction, days = AGES[filters.age]
        since = timezone.now() - timedelta(days=days)
        if direction == "newer":
            submissions = submissions.filter(created_at__gte=since)
        else:
            submissions = submissions.filter(created_at__lt=since)
    photos = Photo.objects.filter(municipality_id=municipality.pk, submission_id=OuterRef("pk"))
    submissions = submissions.annotate(has_photo=Exists(photos))
    if filters.has_photo:
        submissions = submissions.filter(has_photo=True)
    submissions = text_search(submissions, filters.q)
    order = SORTS.get(filters.sort, SORTS[DEFAULT_SORT])
    if "status_order" in order[0]:
        submissions = submissions.annotate(status_order=_status_order())
    return submissions.order_by(*order)


def moderation_queue(*, municipality: Municipality) -> QuerySet[Submission]:
    """Submissions awaiting moderation, oldest first (they are hidden until decided)."""
    return (
        Submission.objects.filter(municipality=municipality, needs_moderation=True)
        .select_related("category", "unit")
        .order_by("created_at", "id")
    )


def saved_filter_list(*, municipality: Municipality, user: User) -> QuerySet[SavedFilter]:
    return SavedFilter.objects.filter(municipality=municipality, user=user).order_by("name")


def saved_filter_get(
    *, municipality: Municipality, user: User, filter_id: int | str
) -> SavedFilter | None:
    """Only the user's own filter: another user's id is simply not found."""
    try:
        key = int(filter_id)
    except (TypeError, ValueError):
        return None
    return saved_filter_list(municipality=municipality, user=user).filter(pk=key).first()


def answer_templates_for(
    *, municipality: Municipality, category: Category | None
) -> QuerySet[AnswerTemplate]:
    """Active templates of the category, then the general ones (no category)."""
    scope = Q(category__isnull=True)
    if category is not None:
        scope |= Q(category=category)
    return (
        AnswerTemplate.objects.filter(municipality=municipality, is_active=True)
        .filter(scope)
        .select_related("category")
        .order_by("category_id", "title")
    )


def answer_template_get(
    *, municipality: Municipality, category: Category | None, template_id: int | str
) -> AnswerTemplate | None:
    try:
        key = int(template_id)
    except (TypeError, ValueError):
        return None
    return answer_templates_for(municipality=municipality, category=category).filter(pk=key).first()


def unit_choices(*, municipality: Municipality) -> QuerySet[Unit]:
    return Unit.objects.filter(municipality=municipality).order_by("name")


def staff_choices(*, municipality: Municipality) -> QuerySet[User]:
    """People a submission can be assigned to: the municipality's staff."""
    user_model: Any = get_user_model()
    users: QuerySet[User] = user_model.objects.filter(
        membership__municipality=municipality, is_active=True
    )
    return users.order_by("first_name", "last_name", "username")


def duplicate_radius_m() -> float:
    return float(getattr(settings, "ENKELT_DUPLICATE_RADIUS_M", 50))


def submitter_label(submission: Submission) -> str:
    """Who sent it, as case workers may see it; a pseudonymous employee stays a unit."""
    if submission.employee_mode == Submission.EmployeeMode.PSEUDONYMOUS:
        unit = submission.submitter_unit
        if unit is None:
            return _("An employee")
        return _("An employee in %(unit)s") % {"unit": unit.name}
    user = submission.submitted_by
    if user is not None:
        return user.get_full_name() or user.get_username()
    if submission.contact_name:
        return submission.contact_name
    return _("Anonymous") if submission.is_anonymous else _("Not given")


def _hides_actor(submission: Submission, actor_id: int | None) -> bool:
    return (
        submission.employee_mode == Submission.EmployeeMode.PSEUDONYMOUS
        and actor_id is not None
        and actor_id == submission.submitted_by_id
    )


@dataclass(frozen=True)
class HistoryEntry:
    event: SubmissionEvent
    actor_label: str


@dataclass(frozen=True)
class AuditEntry:
    event: AuditEvent
    actor_label: str


@dataclass(frozen=True)
class SubmissionDetail:
    submission: Submission
    submitter: str
    photos: list[Photo]
    history: list[HistoryEntry]
    audit: list[AuditEntry]
    duplicates: list[Nearby]
    merged: list[Submission]
    templates: list[AnswerTemplate]
    answers: list[tuple[str, str]]


def _answer_rows(submission: Submission) -> list[tuple[str, str]]:
    """Extra questions' labels with the answers given (list choices by their names)."""
    rows = []
    questions = {q.code: q for q in submission.category.questions.all()}
    for code, value in (submission.answers or {}).items():
        question = questions.get(code)
        if question is None:
            rows.append((code, str(value)))
            continue
        values = value if isinstance(value, list) else [value]
        if question.is_list:
            names = {str(c.get("key")): question.choice_name(c) for c in question.choices or []}
            values = [names.get(str(v), str(v)) for v in values]
        rows.append((question.label, ", ".join(str(v) for v in values)))
    return rows


def submission_detail(*, municipality: Municipality, submission: Submission) -> SubmissionDetail:
    """Everything the staff detail page shows, with a pseudonymous submitter kept hidden.

    The submitter's own events and audit entries would name them; they are
    relabelled as "an employee in unit X" unless the identity is revealed.
    """
    assert submission.municipality_id == municipality.pk
    submitter = submitter_label(submission)

    def label(actor_id: int | None, actor: Any, fallback: str) -> str:
        if _hides_actor(submission, actor_id):
            return submitter
        if actor is None:
            return fallback
        return str(actor.get_full_name() or actor.get_username())

    history = [
        HistoryEntry(e, label(e.actor_id, e.actor, _("The system")))
        for e in submission_history(submission=submission, public_only=False)
    ]
    audit = [
        AuditEntry(e, label(e.actor_id, e.actor, e.actor_label))
        for e in audit_events_for(obj=submission).order_by("created_at", "id")
    ]
    photos = list(
        Photo.objects.filter(municipality=municipality, submission=submission).order_by(
            "order", "id"
        )
    )
    merged = list(
        Submission.objects.filter(municipality=municipality, merged_into=submission).order_by(
            "created_at"
        )
    )
    return SubmissionDetail(
        submission=submission,
        submitter=submitter,
        photos=photos,
        history=history,
        audit=audit,
        duplicates=nearby_duplicates(submission=submission, radius_m=duplicate_radius_m()),
        merged=merged,
        templates=list(
            answer_templates_for(municipality=municipality, category=submission.category)
        ),
        answers=_answer_rows(submission),
    )


def submission_by_tracking_code_for_merge(
    *, municipality: Municipality, tracking_code: str
) -> Submission | None:
    code = tracking_code_normalise(tracking_code)
    if not code:
        return None
    return Submission.objects.filter(municipality=municipality, tracking_code=code).first()


def submissions_by_public_ids(
    *, municipality: Municipality, public_ids: list[str]
) -> list[Submission]:
    """The bulk selection, scoped: ids of another municipality are silently not found."""
    keys = []
    for value in public_ids:
        try:
            keys.append(uuid.UUID(str(value)))
        except ValueError:
            continue
    return list(
        Submission.objects.filter(municipality=municipality, public_id__in=keys)
        .select_related("category", "unit", "assignee")
        .order_by("created_at", "id")
    )

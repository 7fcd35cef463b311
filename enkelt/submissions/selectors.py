"""Reads of categories and submissions; each takes the municipality (or a scoped object).

Public reads (`public_submissions`, `submission_get_by_tracking_code` for the
status page) return rows whose `public_*` fields are safe to show; callers must
never render `title`, `description`, `suggestion` or contact fields publicly.
"""

import math
import uuid
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from enkelt.accounts.models import User
from enkelt.submissions import pipeline
from enkelt.submissions.models import Category, CategoryQuestion, Submission, SubmissionEvent
from enkelt.submissions.tracking import tracking_code_normalise
from enkelt.tenants.models import Municipality, Unit

METRES_PER_DEGREE_LAT = 111_320.0

# Rejections that are never shown publicly: there is nothing to show.
UNPUBLISHED_REJECTIONS = (Submission.RejectionReason.SPAM, Submission.RejectionReason.BLANK)


def category_list(
    *, municipality: Municipality, kind: str | None = None, active_only: bool = True
) -> QuerySet[Category]:
    """Categories with their extra questions prefetched (the form and Open311 need them)."""
    categories = Category.objects.filter(municipality=municipality).select_related("unit")
    if active_only:
        categories = categories.filter(is_active=True)
    if kind:
        categories = categories.filter(kind=kind)
    return categories.prefetch_related(
        Prefetch("questions", queryset=CategoryQuestion.objects.order_by("order", "id"))
    )


def category_get(*, municipality: Municipality, code: str) -> Category | None:
    return category_list(municipality=municipality).filter(code=code).first()


def _with_relations(submissions: QuerySet[Submission]) -> QuerySet[Submission]:
    return submissions.select_related(
        "municipality", "category", "unit", "assignee", "submitter_unit", "merged_into"
    )


def submission_get(*, municipality: Municipality, public_id: str | uuid.UUID) -> Submission | None:
    """By the UUID used in staff and API addresses; None for another municipality's or a bad id."""
    try:
        key = public_id if isinstance(public_id, uuid.UUID) else uuid.UUID(str(public_id))
    except ValueError:
        return None
    return _with_relations(
        Submission.objects.filter(municipality=municipality, public_id=key)
    ).first()


def submission_get_by_tracking_code(
    *, municipality: Municipality, tracking_code: str
) -> Submission | None:
    """As a citizen typed it (case, spaces and hyphen do not matter)."""
    code = tracking_code_normalise(tracking_code)
    if not code:
        return None
    return _with_relations(
        Submission.objects.filter(municipality=municipality, tracking_code=code)
    ).first()


def submission_history(*, submission: Submission, public_only: bool) -> QuerySet[SubmissionEvent]:
    """Events oldest first; `public_only` for the citizen's status page."""
    events = SubmissionEvent.objects.filter(
        municipality_id=submission.municipality_id, submission=submission
    ).select_related("actor", "related_submission")
    if public_only:
        events = events.filter(is_public=True)
    return events.order_by("created_at", "id")


def inbox(
    *,
    municipality: Municipality,
    unit: Unit | None = None,
    assignee: User | None = None,
    status: str | Iterable[str] | None = None,
    kind: str | None = None,
    category: Category | None = None,
    overdue: bool | None = None,
    q: str | None = None,
    today: date | None = None,
) -> QuerySet[Submission]:
    """The case workers' list, newest first, with everything a row shows in one query.

    `overdue=True` keeps open submissions past their due date; `False` the rest.
    `q` searches tracking code, title, description and address (case-insensitive).
    """
    submissions = Submission.objects.filter(municipality=municipality)
    if unit is not None:
        submissions = submissions.filter(unit=unit)
    if assignee is not None:
        submissions = submissions.filter(assignee=assignee)
    if status:
        statuses = [status] if isinstance(status, str) else list(status)
        submissions = submissions.filter(status__in=statuses)
    if kind:
        submissions = submissions.filter(kind=kind)
    if category is not None:
        submissions = submissions.filter(category=category)
    if overdue is not None:
        late = Q(due_at__lt=today or timezone.localdate(), status__in=pipeline.OPEN_STATUSES)
        submissions = submissions.filter(late) if overdue else submissions.exclude(late)
    if q and q.strip():
        term = q.strip()
        submissions = submissions.filter(
            Q(tracking_code__iexact=term)
            | Q(title__icontains=term)
            | Q(description__icontains=term)
            | Q(address__icontains=term)
        )
    return _with_relations(submissions).order_by("-created_at", "-id")


class Nearby(NamedTuple):
    submission: Submission
    distance_m: float


def nearby_duplicates(*, submission: Submission, radius_m: float = 50) -> list[Nearby]:
    """Open submissions of the same category within `radius_m`, nearest first.

    A bounding box narrows the query (index on category, lat, lon); the
    distance is then the equirectangular approximation, accurate to well under
    a metre at these distances. A submission without a position has no neighbours.
    """
    if submission.lat is None or submission.lon is None:
        return []
    lat, lon = float(submission.lat), float(submission.lon)
    d_lat = radius_m / METRES_PER_DEGREE_LAT
    d_lon = radius_m / (METRES_PER_DEGREE_LAT * max(math.cos(math.radians(lat)), 1e-6))
    candidates = (
        Submission.objects.filter(
            municipality_id=submission.municipality_id,
            category_id=submission.category_id,
            status__in=pipeline.OPEN_STATUSES,
            merged_into__isnull=True,
            lat__range=(lat - d_lat, lat + d_lat),
            lon__range=(lon - d_lon, lon + d_lon),
        )
        .exclude(pk=submission.pk)
        .select_related("category", "unit")
    )
    found = []
    for candidate in candidates:
        distance = equirectangular_distance_m(
            lat, lon, float(candidate.lat or 0), float(candidate.lon or 0)
        )
        if distance <= radius_m:
            found.append(Nearby(candidate, distance))
    return sorted(found, key=lambda n: (n.distance_m, n.submission.pk))


def equirectangular_distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    mean_lat = math.radians((lat1 + lat2) / 2)
    x = math.radians(lon2 - lon1) * math.cos(mean_lat)
    y = math.radians(lat2 - lat1)
    return math.hypot(x, y) * 6_371_000.0


def public_submissions(*, municipality: Municipality) -> QuerySet[Submission]:
    """What the public list, map and Open311 may show.

    Leaves out hidden submissions, those awaiting moderation, employees'
    internal-only ones, and those
    rejected as spam or blank. Pseudonymous employee submissions are public:
    their text is, their author never is.
    """
    return (
        Submission.objects.filter(
            municipality=municipality, is_hidden=False, needs_moderation=False
        )
        .exclude(employee_mode=Submission.EmployeeMode.INTERNAL)
        .exclude(status=Submission.Status.REJECTED, rejection_reason__in=UNPUBLISHED_REJECTIONS)
        .select_related("municipality", "category", "unit")
        .order_by("-created_at", "-id")
    )

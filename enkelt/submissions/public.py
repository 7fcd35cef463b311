"""Reads for the public pages: list, map markers, one submission's page, its photos.

All start from `selectors.public_submissions`, so what the public may see is
decided in one place (not hidden, not awaiting moderation, not internal-only,
not rejected as spam or blank). Callers render only the `public_*` text fields.
"""

import uuid
from typing import NamedTuple

from django.db.models import Prefetch, QuerySet

from enkelt.submissions.models import Photo, Submission, SubmissionEvent
from enkelt.submissions.selectors import public_submissions, submission_history
from enkelt.tenants.models import Municipality

# The map shows the newest markers only; the list (paginated) shows everything.
MAP_MARKER_LIMIT = 500


def public_submission_list(
    *, municipality: Municipality, kind: str | None = None, category_code: str | None = None
) -> QuerySet[Submission]:
    """Public submissions, newest first, optionally of one kind and/or category code."""
    submissions = public_submissions(municipality=municipality)
    if kind:
        submissions = submissions.filter(kind=kind)
    if category_code:
        submissions = submissions.filter(category__code=category_code)
    return submissions


def public_map_markers(
    *, municipality: Municipality, kind: str | None = None, category_code: str | None = None
) -> list[Submission]:
    """At most `MAP_MARKER_LIMIT + 1` positioned submissions (one more tells "truncated")."""
    submissions = public_submission_list(
        municipality=municipality, kind=kind, category_code=category_code
    ).filter(lat__isnull=False, lon__isnull=False)
    return list(submissions[: MAP_MARKER_LIMIT + 1])


class PublicSubmissionPage(NamedTuple):
    submission: Submission
    events: list[SubmissionEvent]
    photos: list[Photo]


def public_submission_page(
    *, municipality: Municipality, public_id: uuid.UUID
) -> PublicSubmissionPage | None:
    """The submission, its public history and photos; None when the public may not see it."""
    submission = (
        public_submission_list(municipality=municipality)
        .filter(public_id=public_id)
        .prefetch_related(Prefetch("photos", queryset=Photo.objects.order_by("order", "id")))
        .first()
    )
    if submission is None:
        return None
    events = list(submission_history(submission=submission, public_only=True))
    return PublicSubmissionPage(submission, events, list(submission.photos.all()))


def photo_for_viewer(
    *, municipality: Municipality, photo_id: uuid.UUID, is_staff: bool
) -> Photo | None:
    """A photo of `municipality`; for the public only when its submission is public.

    `is_staff` means the viewer may see the inbox of `municipality` (checked by the caller).
    """
    photos = Photo.objects.filter(municipality=municipality, public_id=photo_id)
    if not is_staff:
        photos = photos.filter(
            submission__in=public_submissions(municipality=municipality).values("pk")
        )
    return photos.first()

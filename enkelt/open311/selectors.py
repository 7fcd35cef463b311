"""Reads for the Open311 endpoints, all built on the submissions app's public selectors.

Open311's services are a municipality's active fault categories, and its
requests are the public fault submissions (`selectors.public_submissions`):
nothing hidden, awaiting moderation, internal-only or rejected as spam ever
appears. Each list is loaded in a constant number of queries.
"""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from enkelt.open311.errors import BAD_REQUEST, NOT_FOUND, Open311Error
from enkelt.open311.params import MAX_REQUESTS, RequestsQuery, UpdatesQuery
from enkelt.submissions import pipeline
from enkelt.submissions.models import Category, Kind, Photo, Submission, SubmissionEvent
from enkelt.submissions.selectors import category_list, public_submissions
from enkelt.submissions.tracking import tracking_code_normalise
from enkelt.tenants.models import Municipality, Unit

UPDATE_KINDS = (
    SubmissionEvent.Kind.STATUS_CHANGED,
    SubmissionEvent.Kind.PUBLIC_UPDATE,
    SubmissionEvent.Kind.ANSWERED,
)


def jurisdiction(slug: str) -> Municipality:
    """The municipality named by `jurisdiction_id`.

    Missing (or empty) is allowed only when the instance hosts a single
    municipality; with several it is a 400. An unknown one is a 404.
    """
    if not slug:
        municipalities = list(Municipality.objects.all()[:2])
        if len(municipalities) == 1:
            return municipalities[0]
        raise Open311Error(
            BAD_REQUEST, _("jurisdiction_id is required: give the municipality's short name.")
        )
    municipality = Municipality.objects.filter(slug=slug).first()
    if municipality is None:
        raise Open311Error(NOT_FOUND, _("Unknown jurisdiction_id."))
    return municipality


def services(*, municipality: Municipality) -> QuerySet[Category]:
    """Active fault categories with their questions and unit (two queries)."""
    return category_list(municipality=municipality, kind=Kind.FAULT)


def service_get(*, municipality: Municipality, code: str) -> Category:
    category = services(municipality=municipality).filter(code=code).first()
    if category is None:
        raise Open311Error(NOT_FOUND, _("Unknown service_code."))
    return category


# What `representation.service_request` reads, and nothing else: a page holds up to
# 1,000 requests, and building the full rows (every column of three tables) cost more
# than the query. `test_queries` fails if a field read here is missing (one query a row).
SUBMISSION_FIELDS = (
    "id",
    "municipality",
    "category",
    "unit",
    "tracking_code",
    "kind",
    "status",
    "channel",
    "public_title",
    "public_description",
    "public_answer",
    "due_at",
    "created_at",
    "updated_at",
    "address",
    "postal_code",
    "lat",
    "lon",
)
REQUEST_FIELDS = (
    *SUBMISSION_FIELDS,
    "municipality__name",
    "municipality__slug",
    "category__code",
    "category__name_da",
    "category__name_en",
    "unit__name",
    "unit__is_public",
)


def _public_requests(municipality: Municipality) -> QuerySet[Submission]:
    return (
        public_submissions(municipality=municipality).filter(kind=Kind.FAULT).only(*REQUEST_FIELDS)
    )


# The attribute `_attach_first_photos` sets: the public id of the first photo, or None.
FIRST_PHOTO = "open311_first_photo"


def _attach_first_photos(submissions: list[Submission]) -> None:
    """Open311 shows one photo per request: one query for the page, no related managers."""
    first: dict[int, Any] = {}
    for submission_id, public_id in (
        Photo.objects.filter(submission_id__in=[s.pk for s in submissions])
        .order_by("submission_id", "order", "id")
        .values_list("submission_id", "public_id")
    ):
        first.setdefault(submission_id, public_id)
    for submission in submissions:
        setattr(submission, FIRST_PHOTO, first.get(submission.pk))


def service_requests(*, municipality: Municipality, query: RequestsQuery) -> list[Submission]:
    """`GET requests`: newest first, one page of at most MAX_REQUESTS."""
    submissions = _public_requests(municipality)
    if query.service_request_ids:
        submissions = submissions.filter(tracking_code__in=query.service_request_ids)
    else:
        if query.service_codes:
            # By id, so that the (municipality, category, created_at) index serves the
            # page; a join on the code made PostgreSQL read every row of the municipality.
            category_ids = list(
                Category.objects.filter(
                    municipality=municipality, code__in=query.service_codes
                ).values_list("id", flat=True)
            )
            submissions = submissions.filter(category_id__in=category_ids)
        if query.start is not None:
            submissions = submissions.filter(created_at__gte=query.start)
        if query.end is not None:
            submissions = submissions.filter(created_at__lte=query.end)
        if query.statuses:
            statuses: set[str] = set()
            if pipeline.OPEN in query.statuses:
                statuses |= pipeline.OPEN_STATUSES
            if pipeline.CLOSED in query.statuses:
                statuses |= pipeline.CLOSED_STATUSES
            submissions = submissions.filter(status__in=sorted(statuses))
        if query.updated_after is not None:
            submissions = submissions.filter(updated_at__gte=query.updated_after)
        if query.updated_before is not None:
            submissions = submissions.filter(updated_at__lte=query.updated_before)
    size = min(query.page_size, MAX_REQUESTS)
    offset = (query.page - 1) * size
    # A page shares one municipality and a handful of categories and units: they are
    # read once and attached, instead of being joined and built again for every row.
    page = list(submissions.select_related(None).only(*SUBMISSION_FIELDS)[offset : offset + size])
    categories = Category.objects.only("id", "code", "name_da", "name_en").in_bulk(
        {s.category_id for s in page}
    )
    units = Unit.objects.only("id", "name", "is_public").in_bulk({s.unit_id for s in page})
    for submission in page:
        cache = submission._state.fields_cache
        cache["municipality"] = municipality
        cache["category"] = categories[submission.category_id]
        cache["unit"] = units[submission.unit_id]
    _attach_first_photos(page)
    return page


def service_request_get(*, municipality: Municipality, service_request_id: str) -> Submission:
    code = tracking_code_normalise(service_request_id)
    submission = _public_requests(municipality).filter(tracking_code=code).first() if code else None
    if submission is None:
        raise Open311Error(NOT_FOUND, _("Unknown service_request_id."))
    _attach_first_photos([submission])
    return submission


def service_request_updates(
    *, municipality: Municipality, query: UpdatesQuery
) -> list[SubmissionEvent]:
    """Public status changes, updates and answers on public fault submissions, oldest first."""
    events = SubmissionEvent.objects.filter(
        municipality=municipality,
        is_public=True,
        kind__in=UPDATE_KINDS,
        created_at__gte=query.start,
        submission__in=public_submissions(municipality=municipality)
        .filter(kind=Kind.FAULT)
        .values("pk"),
    )
    if query.end is not None:
        events = events.filter(created_at__lte=query.end)
    return list(events.select_related("submission").order_by("created_at", "id")[:MAX_REQUESTS])

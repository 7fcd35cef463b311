"""Reads for the Open311 endpoints, all built on the submissions app's public selectors.

Open311's services are a municipality's active fault categories, and its
requests are the public fault submissions (`selectors.public_submissions`):
nothing hidden, awaiting moderation, internal-only or rejected as spam ever
appears. Each list is loaded in a constant number of queries.
"""

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from enkelt.open311.errors import BAD_REQUEST, NOT_FOUND, Open311Error
from enkelt.open311.params import MAX_REQUESTS, RequestsQuery, UpdatesQuery
from enkelt.submissions import pipeline
from enkelt.submissions.models import Category, Kind, Photo, Submission, SubmissionEvent
from enkelt.submissions.selectors import category_list, public_submissions
from enkelt.submissions.tracking import tracking_code_normalise
from enkelt.tenants.models import Municipality

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


def _public_requests(municipality: Municipality) -> QuerySet[Submission]:
    return (
        public_submissions(municipality=municipality)
        .filter(kind=Kind.FAULT)
        .prefetch_related(Prefetch("photos", queryset=Photo.objects.order_by("order", "id")))
    )


def service_requests(*, municipality: Municipality, query: RequestsQuery) -> list[Submission]:
    """`GET requests`: newest first, one page of at most MAX_REQUESTS."""
    submissions = _public_requests(municipality)
    if query.service_request_ids:
        submissions = submissions.filter(tracking_code__in=query.service_request_ids)
    else:
        if query.service_codes:
            submissions = submissions.filter(category__code__in=query.service_codes)
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
    return list(submissions[offset : offset + size])


def service_request_get(*, municipality: Municipality, service_request_id: str) -> Submission:
    code = tracking_code_normalise(service_request_id)
    submission = _public_requests(municipality).filter(tracking_code=code).first() if code else None
    if submission is None:
        raise Open311Error(NOT_FOUND, _("Unknown service_request_id."))
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

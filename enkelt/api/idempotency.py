"""POST idempotency for REST actions: the `Idempotency-Key` header.

A client that retries a POST after a timeout must not change a submission twice
(reliability.md: "a retried POST never makes a duplicate"). A POST sent with
`Idempotency-Key: <up to 200 characters>` is answered once; a retry with the
same key, by the same user, in the same municipality, gets the first response
again (with `Idempotent-Replayed: true`) and changes nothing. The same key with
another path or body is refused (422, `idempotency_key_reused`). Only successful
(2xx) responses are kept: after an error the client may fix the request and
retry with the same key. Keys expire after `RETENTION`.

Why a table (`IdempotencyRecord`) rather than the cache: the record is written
in the same database transaction as the action, so the two cannot disagree (a
worker killed after the commit leaves both, one killed before leaves neither),
and a unique constraint makes a concurrent retry wait for the first request
and then replay it, instead of running the action twice. The cache offers
neither guarantee, and entries may be evicted at any time.

Submission creation is also idempotent by itself (`submission_create` takes the
key), which covers the Open311 adapter and the web form; this module is for the
REST actions, and guards creation the same way for a uniform replay.
"""

import hashlib
import json
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.encoders import JSONEncoder

from enkelt.api.models import IdempotencyRecord
from enkelt.tenants.models import Municipality

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
KEY_MAX_LENGTH = 200
RETENTION = timedelta(hours=24)

IDEMPOTENCY_KEY_PARAMETER = OpenApiParameter(
    HEADER,
    str,
    location=OpenApiParameter.HEADER,
    required=False,
    description=(
        "Up to 200 characters chosen by the client, unique per operation. A retry with the "
        "same key gets the first response again and changes nothing."
    ),
)


class IdempotencyKeyReused(exceptions.APIException):
    status_code = 422
    default_code = "idempotency_key_reused"
    default_detail = "This idempotency key was used for another request."


def request_fingerprint(request: Request) -> str:
    """SHA-256 over method, path and body, so a reused key with other content is caught."""
    data: Any = request.data
    if hasattr(data, "lists"):
        data = sorted((k, [str(v) for v in values]) for k, values in data.lists())
    payload = json.dumps(
        [request.method, request.path, data], sort_keys=True, cls=JSONEncoder, default=str
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def idempotency_key_of(request: Request) -> str:
    """The header's value ("" when absent); over-long keys are a validation error."""
    key = (request.headers.get(HEADER) or "").strip()
    if len(key) > KEY_MAX_LENGTH:
        raise exceptions.ValidationError(
            {HEADER: [_("The idempotency key is too long (at most 200 characters).")]}
        )
    return key


def idempotency_claim(
    *, municipality: Municipality, user: Any, key: str, request: Request
) -> tuple[bool, IdempotencyRecord]:
    """Claim `key` for this request: (True, new record) or (False, the earlier record).

    Must run inside the transaction of the action. On PostgreSQL a concurrent
    claim of the same key waits on the unique index until the first commits.
    """
    IdempotencyRecord.objects.filter(
        municipality=municipality,
        user=user,
        key=key,
        created_at__lt=timezone.now() - RETENTION,
    ).delete()
    try:
        with transaction.atomic():
            record = IdempotencyRecord.objects.create(
                municipality=municipality,
                user=user,
                key=key,
                method=request.method or "",
                path=request.path[:500],
                fingerprint=request_fingerprint(request),
            )
        return True, record
    except IntegrityError:
        record = IdempotencyRecord.objects.get(municipality=municipality, user=user, key=key)
        return False, record


def idempotency_store(*, record: IdempotencyRecord, response: Response) -> None:
    """Keep the response to replay; the body as the client received it (JSON types)."""
    record.status_code = response.status_code
    record.response_body = json.loads(json.dumps(response.data, cls=JSONEncoder))
    record.save(update_fields=["status_code", "response_body", "updated_at"])


def replay(record: IdempotencyRecord, request: Request) -> Response:
    if record.fingerprint != request_fingerprint(request) or not record.status_code:
        raise IdempotencyKeyReused(
            _("This idempotency key was used for another request."), code="idempotency_key_reused"
        )
    return Response(
        record.response_body, status=record.status_code, headers={REPLAYED_HEADER: "true"}
    )


ViewMethod = Callable[..., Response]


def idempotent(method: ViewMethod) -> ViewMethod:
    """Decorate a POST method of a view with `get_municipality()` (MunicipalityScopedMixin).

    Without the header the method runs as usual. With it, the claim, the action
    and the stored response share one transaction; an error response or
    exception rolls all three back.
    """

    @wraps(method)
    def wrapper(view: Any, request: Request, *args: Any, **kwargs: Any) -> Response:
        key = idempotency_key_of(request)
        if not key:
            return method(view, request, *args, **kwargs)
        municipality = view.get_municipality()
        with transaction.atomic():
            claimed, record = idempotency_claim(
                municipality=municipality, user=request.user, key=key, request=request
            )
            if not claimed:
                return replay(record, request)
            response = method(view, request, *args, **kwargs)
            if 200 <= response.status_code < 300:
                idempotency_store(record=record, response=response)
            else:
                transaction.set_rollback(True)
            return response

    return wrapper

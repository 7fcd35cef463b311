"""Recording audit events. Every service that changes state calls `audit_record`."""

import json
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model

from enkelt.audit.models import AuditEvent


def _jsonable(value: dict[str, Any] | None) -> dict[str, Any] | None:
    """Dates, decimals and UUIDs become strings so the trail stores what was shown."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))  # type: ignore[no-any-return]


def audit_record(
    *,
    actor: Any,
    municipality: Any,
    obj: Model,
    verb: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. Call inside the service's transaction so both commit or neither."""
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        municipality=municipality,
        actor=actor if is_user else None,
        actor_label=actor.get_username() if is_user else "system",
        verb=verb,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        before=_jsonable(before),
        after=_jsonable(after),
    )

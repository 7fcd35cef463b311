"""Reading the audit trail of one object."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet

from enkelt.audit.models import AuditEvent


def audit_events_for(*, obj: Model) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).select_related("actor")

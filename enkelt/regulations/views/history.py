"""A rule's audit trail in words: what happened, and which fields changed from what to what."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from enkelt.audit.models import AuditEvent
from enkelt.regulations.models import Activity, Rule

VERBS = {
    "rule.created": _("Rule registered"),
    "rule.updated": _("Rule changed"),
    "rule.burden_changed": _("Activities changed, burden recomputed"),
    "rule.snapshot_taken": _("Burden kept as a snapshot"),
    "rule.imported": _("Rule imported from a file"),
}
EXTRA_LABELS = {
    "applies_to": _("applies to"),
    "activities": _("activities"),
    "added": _("added activity"),
    "changed": _("changed activity"),
    "removed": _("removed activity"),
    "note": _("note"),
    "import": _("import"),
}


def _field_labels() -> dict[str, Any]:
    labels: dict[str, Any] = {}
    for model in (Activity, Rule):
        for field in model._meta.get_fields():
            if hasattr(field, "verbose_name"):
                labels[field.name] = field.verbose_name
    return labels | EXTRA_LABELS


@dataclass(frozen=True)
class HistoryItem:
    event: AuditEvent
    label: Any
    changes: list[tuple[Any, object, object]]


def _empty(value: object) -> bool:
    return value is None or value == "" or value == []


def history_items(events: list[AuditEvent]) -> list[HistoryItem]:
    labels = _field_labels()
    return [
        HistoryItem(
            event=event,
            label=VERBS.get(event.verb, event.verb),
            changes=[
                (labels.get(name, name), old, new)
                for name, old, new in event.changes()
                if not (_empty(old) and _empty(new))
            ],
        )
        for event in events
    ]

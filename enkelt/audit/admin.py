from django.contrib import admin
from django.http import HttpRequest

from enkelt.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the trail is written by services, never edited by hand."""

    list_display = ["created_at", "municipality", "actor_label", "verb", "object_repr"]
    list_filter = ["verb", "municipality"]
    search_fields = ["object_repr", "actor_label", "verb"]
    list_select_related = ["municipality"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

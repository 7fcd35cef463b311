"""Admin for Open311 API keys: create (the key is shown once) and revoke.

Keys are never edited or deleted: a revoked key stays for the audit trail, and
a client that needs a new key gets a new row. Both writes go through
`keys.py`, which records them in the audit trail.
"""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from enkelt.open311.keys import api_key_create, api_key_revoke
from enkelt.open311.models import ApiKey


class RevokedFilter(admin.SimpleListFilter):
    title = gettext_lazy("revoked")
    parameter_name = "revoked"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[ApiKey]) -> QuerySet[ApiKey]:
        if self.value() == "yes":
            return queryset.filter(revoked_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(revoked_at__isnull=True)
        return queryset


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "municipality",
        "key_prefix",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["municipality", RevokedFilter]
    list_select_related = ["municipality"]
    search_fields = ["name", "key_prefix"]
    actions = ["revoke"]

    def get_fields(self, request: HttpRequest, obj: ApiKey | None = None) -> Any:
        if obj is None:
            return ["municipality", "name"]
        return ["municipality", "name", "key_prefix", "created_at", "last_used_at", "revoked_at"]

    def get_readonly_fields(self, request: HttpRequest, obj: ApiKey | None = None) -> Any:
        if obj is None:
            return []
        return self.get_fields(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: ApiKey | None = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: ApiKey, form: ModelForm, change: bool) -> None:
        """Only creation writes (through the service); a key is never edited."""
        if change:
            return
        created, clear = api_key_create(
            actor=request.user, municipality=obj.municipality, name=obj.name
        )
        for field in ApiKey._meta.concrete_fields:
            setattr(obj, field.attname, getattr(created, field.attname))
        obj._state.adding = False
        obj._state.db = created._state.db
        self.message_user(
            request,
            format_html(
                "{} <code>{}</code>",
                _("The new key is shown only this once. Copy it now and give it to the client:"),
                clear,
            ),
            messages.WARNING,
        )

    @admin.action(description=gettext_lazy("Revoke the selected keys"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiKey]) -> None:
        count = 0
        for api_key in queryset.select_related("municipality"):
            if api_key.revoked_at is None:
                api_key_revoke(
                    actor=request.user, municipality=api_key.municipality, api_key=api_key
                )
                count += 1
        self.message_user(
            request, _("%(count)d keys revoked.") % {"count": count}, messages.SUCCESS
        )

"""Admin: cases, flags and exemption applications are read-only here.

They change only through the services, so that every change has its audit
record and every linked submitter is told.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from enkelt.simplification.models import Campaign, Case, ExemptionApplication, Flag


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ["rule", "municipality", "stage", "outcome", "flagged_on", "decided_on"]
    list_filter = ["stage", "outcome", "municipality"]
    search_fields = ["rule__title"]
    list_select_related = ["rule", "municipality"]


@admin.register(Flag)
class FlagAdmin(ReadOnlyAdmin):
    list_display = ["case", "submission", "flagged_by", "created_at"]
    list_select_related = ["case__rule", "submission", "flagged_by"]


@admin.register(ExemptionApplication)
class ExemptionApplicationAdmin(ReadOnlyAdmin):
    list_display = ["rule", "municipality", "ministry", "provision", "status"]
    list_filter = ["status", "instrument", "municipality"]
    list_select_related = ["rule", "municipality"]


@admin.register(Campaign)
class CampaignAdmin(ReadOnlyAdmin):
    list_display = ["theme", "municipality", "opens_on", "closes_on", "presume_abolish"]

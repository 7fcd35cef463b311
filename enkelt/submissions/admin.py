"""Admin: categories are managed here; submissions and their history are read-only.

Submissions change only through the services (status, answer, assignment,
moderation), so that every change has its event and its audit record.
"""

import json
from typing import Any

from django.contrib import admin, messages
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from enkelt.submissions.models import (
    AreaRoute,
    Category,
    CategoryQuestion,
    Submission,
    SubmissionEvent,
)
from enkelt.submissions.privacy import citizen_data_export, submitter_data_erase


class CategoryQuestionInline(admin.TabularInline):
    model = CategoryQuestion
    exclude = ["municipality"]
    extra = 0


class AreaRouteInline(admin.TabularInline):
    model = AreaRoute
    exclude = ["municipality"]
    extra = 0


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = [
        "name_da",
        "code",
        "kind",
        "municipality",
        "unit",
        "deadline_working_days",
        "is_active",
        "sort_order",
    ]
    list_filter = ["municipality", "kind", "is_active", "location_required", "allow_anonymous"]
    search_fields = ["name_da", "name_en", "code"]
    list_select_related = ["municipality", "unit"]
    inlines = [CategoryQuestionInline, AreaRouteInline]

    def save_formset(
        self, request: HttpRequest, form: ModelForm, formset: BaseInlineFormSet, change: bool
    ) -> None:
        """Questions and routes carry their category's municipality (sharding, scoping)."""
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        for instance in instances:
            instance.municipality = form.instance.municipality
            instance.save()
        formset.save_m2m()


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


EVENT_FIELDS: Any = ["created_at", "kind", "actor", "status_from", "status_to", "is_public", "text"]


class SubmissionEventInline(admin.TabularInline):
    model = SubmissionEvent
    fk_name = "submission"
    fields = EVENT_FIELDS
    readonly_fields = EVENT_FIELDS
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    list_display = [
        "tracking_code",
        "title",
        "kind",
        "category",
        "status",
        "unit",
        "channel",
        "due_at",
        "is_hidden",
        "created_at",
    ]
    list_filter = [
        "municipality",
        "kind",
        "status",
        "channel",
        "is_hidden",
        "employee_mode",
        "category",
    ]
    search_fields = ["tracking_code", "title", "address"]
    list_select_related = ["municipality", "category", "unit"]
    date_hierarchy = "created_at"
    inlines = [SubmissionEventInline]
    actions = ["export_submitter_data", "erase_submitter_data"]

    @admin.action(description=_("Export the submitters' personal data (GDPR, JSON)"))
    def export_submitter_data(self, request: HttpRequest, queryset: Any) -> HttpResponse:
        emails = sorted(
            {s.contact_email.lower() for s in queryset if s.contact_email}
            | {
                s.submitted_by.email.lower()
                for s in queryset
                if s.submitted_by_id and s.submitted_by.email
            }
        )
        data = [citizen_data_export(email=email) for email in emails]
        response = HttpResponse(
            json.dumps(data, indent=2, ensure_ascii=False),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="personal-data.json"'
        return response

    @admin.action(description=_("Erase the submitters' personal data (GDPR)"))
    def erase_submitter_data(self, request: HttpRequest, queryset: Any) -> None:
        erased = 0
        for submission in queryset:
            erased += submitter_data_erase(actor=request.user, submission=submission)["submissions"]
        self.message_user(
            request,
            ngettext(
                "Personal data erased from %(count)d submission.",
                "Personal data erased from %(count)d submissions.",
                erased,
            )
            % {"count": erased},
            messages.SUCCESS,
        )


@admin.register(SubmissionEvent)
class SubmissionEventAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "submission",
        "kind",
        "status_from",
        "status_to",
        "is_public",
        "actor",
    ]
    list_filter = ["municipality", "kind", "is_public"]
    search_fields = ["submission__tracking_code"]
    list_select_related = ["submission", "actor"]

"""Admin: assessment schemes with their factors, for the instance's administrators.

Courses and assessments are not here: they are personal data for the staff of
the offer, and change only through the services (with their audit events).
"""

from django.contrib import admin

from enkelt.outcomes.models import AssessmentScheme, Factor


class FactorInline(admin.TabularInline):
    model = Factor
    extra = 0
    fields = ["order", "label", "description"]


@admin.register(AssessmentScheme)
class AssessmentSchemeAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "scale_min", "scale_max", "direction"]
    list_filter = ["municipality", "direction"]
    search_fields = ["name"]
    inlines = [FactorInline]

"""Admin: each municipality's assessment criteria are configured here.

Ideas, notes and scores change only through the services (the idea pages and
the API), so that every change has its audit record; guides are managed on the
idea guides page.
"""

from django.contrib import admin

from enkelt.ideas.models import IdeaCriterion


@admin.register(IdeaCriterion)
class IdeaCriterionAdmin(admin.ModelAdmin):
    list_display = ["name_da", "municipality", "scale_max", "weight", "higher_is_better", "order"]
    list_filter = ["municipality"]
    search_fields = ["name_da", "name_en", "code"]
    ordering = ["municipality", "order"]

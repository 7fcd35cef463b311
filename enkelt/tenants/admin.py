from django.contrib import admin

from enkelt.tenants.models import Membership, Municipality, Unit


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "inhabitants", "default_hourly_tariff", "is_demo"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "municipality", "is_public"]
    list_filter = ["municipality", "kind", "is_public"]
    search_fields = ["name"]
    list_select_related = ["municipality", "parent"]
    autocomplete_fields = ["parent"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "municipality", "unit", "role"]
    list_filter = ["municipality", "role"]
    search_fields = ["user__username", "user__email"]
    list_select_related = ["user", "municipality", "unit"]
    autocomplete_fields = ["unit"]
    raw_id_fields = ["user"]

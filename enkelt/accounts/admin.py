from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from enkelt.accounts.models import User
from enkelt.tenants.models import Membership


class MembershipInline(admin.StackedInline):
    model = Membership
    fk_name = "user"
    extra = 0
    max_num = 1


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "email", "first_name", "last_name", "is_kl", "is_staff"]
    list_filter = ["is_kl", "is_staff", "is_superuser", "membership__role"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,  # type: ignore[misc]
        (_("Enkelt"), {"fields": ("language", "is_kl")}),
    )

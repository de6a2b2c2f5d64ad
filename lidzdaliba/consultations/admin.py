"""Admin for configuration (minimum periods) and for support staff; officers use /officer/."""

from django.contrib import admin

from lidzdaliba.core.admin import HttpsLinksAdmin

from .models import Consultation, MinimumPeriod


@admin.register(MinimumPeriod)
class MinimumPeriodAdmin(admin.ModelAdmin):
    list_display = ["key", "days"]


@admin.register(Consultation)
class ConsultationAdmin(HttpsLinksAdmin):
    """Read-only: changes go through the officer desk so they are validated and audited."""

    list_display = ["title", "institution", "opens_at", "closes_at", "announced_at"]
    list_filter = ["institution", "policy_stage", "participation_form"]
    search_fields = ["title", "summary"]
    date_hierarchy = "opens_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

"""Administrators see every delivery and every failed job (read-only)."""

from django.contrib import admin
from django.db import models

from .models import EmailDelivery, JobFailure, MovedWorkingDay


class HttpsLinksAdmin(admin.ModelAdmin):
    """A link typed without a scheme ("vm.gov.lv") becomes https://, as Django 6 will do."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(EmailDelivery)
class EmailDeliveryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "to", "template", "status", "attempts", "sent_at", "error"]
    list_filter = ["status", "template"]
    search_fields = ["to", "subject", "group"]
    date_hierarchy = "created_at"


@admin.register(JobFailure)
class JobFailureAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "task", "error", "will_retry"]
    list_filter = ["task", "will_retry"]
    search_fields = ["task", "error"]
    date_hierarchy = "created_at"


@admin.register(MovedWorkingDay)
class MovedWorkingDayAdmin(admin.ModelAdmin):
    """The coordinator's national list of moved working days (core/working_days.py)."""

    list_display = ["date", "is_working_day", "note"]
    list_filter = ["is_working_day"]
    date_hierarchy = "date"

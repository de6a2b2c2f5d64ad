"""Administrators and the coordinator keep deadline rules; bodies are readable here too."""

from django.contrib import admin

from .models import Body, DeadlineRules, Meeting


@admin.register(DeadlineRules)
class DeadlineRulesAdmin(admin.ModelAdmin):
    list_display = [
        "institution",
        "agenda_working_days",
        "materials_days",
        "minutes_days",
        "answer_days",
    ]


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "institution", "kind", "secretary"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "institution", "starts_at", "mode", "minutes_published_at"]
    list_filter = ["mode"]
    date_hierarchy = "starts_at"
    search_fields = ["title"]

from django.contrib import admin

from .models import NotificationEvent, Subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["email", "kind", "target_key", "frequency", "confirmed_at", "created_at"]
    list_filter = ["kind", "frequency"]
    search_fields = ["email", "target_key"]
    raw_id_fields = ["user", "institution", "topic", "territory", "group", "consultation"]
    readonly_fields = ["token"]


@admin.register(NotificationEvent)
class NotificationEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "key", "kind", "immediate_count", "digest_count"]
    list_filter = ["kind"]
    search_fields = ["key"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

from django.contrib import admin

from lidzdaliba.core.admin import HttpsLinksAdmin

from .models import AffectedGroup, Institution, OfficerRole, Territory, Topic


class OfficerRoleInline(admin.TabularInline):
    model = OfficerRole
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Institution)
class InstitutionAdmin(HttpsLinksAdmin):
    list_display = ["name", "kind", "parent", "territory"]
    list_filter = ["kind"]
    search_fields = ["name", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OfficerRoleInline]


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "kind", "parent", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "name_en"]


@admin.register(Topic, AffectedGroup)
class ReferenceAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en"]

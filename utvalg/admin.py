from django.contrib import admin

from saksarkiv.admin import AuditedAdminMixin

from .models import Medlem, Parti, Utvalg


class MedlemInline(admin.TabularInline):
    model = Medlem
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Utvalg)
class UtvalgAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["kode", "navn", "utvalgstype", "periode_fra", "periode_til", "aktiv"]
    list_filter = ["aktiv", "utvalgstype"]
    search_fields = ["kode", "navn"]
    inlines = [MedlemInline]


@admin.register(Parti)
class PartiAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["kode", "navn"]
    search_fields = ["kode", "navn"]

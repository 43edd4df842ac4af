from django.contrib import admin

from saksarkiv.admin import AuditedAdminMixin

from .models import Utvalg


@admin.register(Utvalg)
class UtvalgAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["kode", "navn", "rekkefolge", "aktiv"]
    list_filter = ["aktiv"]
    search_fields = ["kode", "navn"]

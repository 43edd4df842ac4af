"""The journal's settings in the admin: one row, opened directly, every change audited."""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse

from saksarkiv.admin import AuditedAdminMixin

from .models import Innstillinger


@admin.register(Innstillinger)
class InnstillingerAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """One row: the changelist opens it directly."""

    fieldsets = [
        (
            "Arbeidslister",
            {"fields": ["forfall_dager", "obs_dager", "varsel_dager", "xx_frist_arbeidsdager"]},
        ),
        (
            "Offentlig journal",
            {
                "fields": [
                    "postliste_med_notater",
                    "personnavn_sokbar_maaneder",
                    "innsynskrav_saksmappe",
                ]
            },
        ),
    ]
    raw_id_fields = ["innsynskrav_saksmappe"]

    def changelist_view(self, request, extra_context=None):
        obj = Innstillinger.hent()
        return redirect(reverse("admin:journal_innstillinger_change", args=[obj.pk]))

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

"""Django admin for the system administrator: units, people, roles, access codes and
clearances. Every save goes into the audit log."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from . import audit, services
from .models import (
    AdministrativEnhet,
    Bruker,
    Endringslogg,
    Jobbkjoring,
    Klarering,
    Rapport,
    Rolle,
    Tilgangskode,
    Utsending,
)


class AuditedAdminMixin:
    """Records before → after of every admin save and delete, in the admin's transaction."""

    def save_model(self, request, obj, form, change):
        before = None
        if change and obj.pk:
            before = audit.snapshot(type(obj)._default_manager.get(pk=obj.pk))
        super().save_model(request, obj, form, change)
        services.record_master_data_change(request.user, obj, before)

    def delete_model(self, request, obj):
        before = audit.snapshot(obj)
        services.record_master_data_change(request.user, obj, before, deleted=True)
        super().delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        befores = {}
        for inline_form in formset.initial_forms:
            instance = inline_form.instance
            if instance.pk and inline_form.has_changed():
                stored = type(instance)._default_manager.get(pk=instance.pk)
                befores[instance.pk] = audit.snapshot(stored)
        for deleted in formset.deleted_forms:
            if deleted.instance.pk:
                services.record_master_data_change(
                    request.user, deleted.instance, audit.snapshot(deleted.instance), deleted=True
                )
        instances = formset.save()
        for instance in instances:
            services.record_master_data_change(request.user, instance, befores.get(instance.pk))


class RolleInline(admin.TabularInline):
    model = Rolle
    extra = 0
    autocomplete_fields = ["enhet"]
    fields = ["enhet", "rolle", "gyldig_fra", "gyldig_til", "standard"]


class KlareringInline(admin.TabularInline):
    model = Klarering
    extra = 0
    autocomplete_fields = ["enhet"]
    fields = ["tilgangskode", "enhet", "gyldig_fra", "gyldig_til", "merknad"]


@admin.register(Bruker)
class BrukerAdmin(AuditedAdminMixin, UserAdmin):
    inlines = [RolleInline, KlareringInline]
    list_display = ["username", "first_name", "last_name", "email", "stilling", "is_active"]
    search_fields = ["username", "first_name", "last_name", "email"]
    fieldsets = UserAdmin.fieldsets + (
        ("Saksarkiv", {"fields": ("initialer", "stilling", "telefon", "sprak")}),
    )


@admin.register(AdministrativEnhet)
class AdministrativEnhetAdmin(AuditedAdminMixin, TreeAdmin):
    form = movenodeform_factory(AdministrativEnhet, fields=["kode", "navn", "epost", "aktiv"])
    list_display = ["navn", "kode", "aktiv"]
    search_fields = ["navn", "kode"]


@admin.register(Tilgangskode)
class TilgangskodeAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["kode", "navn", "hjemmel", "midlertidig", "motedokument", "aktiv"]
    list_editable = []
    ordering = ["rekkefolge", "kode"]

    def get_readonly_fields(self, request, obj=None):
        # The code is the key other rows point at: fixed once created.
        return ["kode"] if obj else []


@admin.register(Klarering)
class KlareringAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["person", "tilgangskode", "enhet", "gyldig_fra", "gyldig_til"]
    list_filter = ["tilgangskode"]
    search_fields = ["person__username", "person__first_name", "person__last_name"]
    autocomplete_fields = ["person", "enhet"]


@admin.register(Rolle)
class RolleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["person", "rolle", "enhet", "gyldig_fra", "gyldig_til"]
    list_filter = ["rolle"]
    search_fields = ["person__username", "person__first_name", "person__last_name", "enhet__navn"]
    autocomplete_fields = ["person", "enhet"]


@admin.register(Endringslogg)
class EndringsloggAdmin(admin.ModelAdmin):
    """Read-only: the log is never edited."""

    list_display = ["tidspunkt", "aktor_navn", "handling", "content_type", "objekt_tekst"]
    list_filter = ["handling", "content_type"]
    search_fields = ["objekt_tekst", "aktor_navn"]

    def get_queryset(self, request):
        return super().get_queryset(request).readable_by(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- Scheduled jobs (saksarkiv.jobber): read-only, for following up runs and mail ---------


class _KunLesing(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Jobbkjoring)
class JobbkjoringAdmin(_KunLesing):
    list_display = ["jobb", "periode", "startet", "fullfort", "forsok"]
    list_filter = ["jobb"]
    search_fields = ["periode"]


@admin.register(Utsending)
class UtsendingAdmin(_KunLesing):
    list_display = ["nokkel", "til", "emne", "opprettet", "sendt", "forsok", "feil"]
    list_filter = [("sendt", admin.EmptyFieldListFilter)]
    search_fields = ["nokkel", "til"]
    # The body may name restricted titles the recipient is cleared for: show the envelope only.
    exclude = ["tekst", "html"]


@admin.register(Rapport)
class RapportAdmin(_KunLesing):
    list_display = ["type", "periode", "enhet", "antall", "opprettet"]
    list_filter = ["type", "periode"]

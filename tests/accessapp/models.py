"""Test-only models shaped like a case and its posts, to test the access chokepoint
before the journal app exists: a container with explicit grants, and rows that inherit
them."""

from django.db import models
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from saksarkiv.access import AccessPolicy, Grant, RestrictedQuerySet


class Mappe(models.Model):
    tittel = models.CharField(max_length=200)
    offentlig_tittel = models.CharField(max_length=200, blank=True)
    tilgangskode = models.ForeignKey(
        "saksarkiv.Tilgangskode", null=True, blank=True, on_delete=models.PROTECT
    )
    enhet = models.ForeignKey("saksarkiv.AdministrativEnhet", on_delete=models.PROTECT)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        app_label = "accessapp"
        permissions = [("les_mappe", "Kan lese skjermet innhold i mappen")]

    def __str__(self):
        return f"Mappe {self.pk}"


class MappeUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Mappe, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        app_label = "accessapp"


class MappeGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Mappe, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        app_label = "accessapp"


MAPPE_GRANT = Grant(MappeUserObjectPermission, MappeGroupObjectPermission, "les_mappe")
Mappe.access_policy = AccessPolicy(grants=(MAPPE_GRANT,))


class Registrering(models.Model):
    mappe = models.ForeignKey(Mappe, on_delete=models.PROTECT, related_name="registreringer")
    tittel = models.CharField(max_length=200)
    offentlig_tittel = models.CharField(max_length=200, blank=True)
    tilgangskode = models.ForeignKey(
        "saksarkiv.Tilgangskode", null=True, blank=True, on_delete=models.PROTECT
    )
    enhet = models.ForeignKey("saksarkiv.AdministrativEnhet", on_delete=models.PROTECT)

    objects = RestrictedQuerySet.as_manager()
    # Grants on the container (the case) reach its rows.
    access_policy = AccessPolicy(
        grants=(Grant(MappeUserObjectPermission, MappeGroupObjectPermission, "les_mappe", "mappe"),)
    )

    class Meta:
        app_label = "accessapp"

    def __str__(self):
        return f"Registrering {self.pk}"

"""Fields every screenable journal record has: title, public title, access code, hjemmel."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Skjermbar(models.Model):
    tittel = models.CharField(_("tittel"), max_length=500)
    offentlig_tittel = models.CharField(
        _("offentlig tittel"),
        max_length=500,
        blank=True,
        help_text=_("Tittelen med skjermede ord erstattet av *****."),
    )
    tilgangskode = models.ForeignKey(
        "saksarkiv.Tilgangskode",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tilgangskode"),
    )
    skjermingshjemmel = models.CharField(_("hjemmel"), max_length=200, blank=True)

    class Meta:
        abstract = True

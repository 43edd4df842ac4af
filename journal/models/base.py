"""Fields every screenable journal record has: title, public title, access code, hjemmel."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


def aapen_tittel(name: str) -> models.CheckConstraint:
    """Without an access code nothing is screened: the public title is the title.

    Search relies on it (journal.search): on a record without a code a word found in the
    title is found in the public title, so the restricted title is only searched on the
    records that have a code (partial indexes, migration journal.0011)."""
    return models.CheckConstraint(
        condition=Q(tilgangskode__isnull=False) | Q(offentlig_tittel=F("tittel")), name=name
    )


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

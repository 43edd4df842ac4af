"""Committees (utvalg). The register is here so that committee drafts (saksframlegg) can
name the committee that will treat them; meetings, members and queues build on it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Utvalg(models.Model):
    kode = models.CharField(_("kode"), max_length=20, unique=True, help_text=_("F.eks. KST, FSK."))
    navn = models.CharField(_("navn"), max_length=200)
    aktiv = models.BooleanField(_("aktiv"), default=True)
    rekkefolge = models.PositiveSmallIntegerField(
        _("rekkefølge"), default=100, help_text=_("Rekkefølgen i behandlingskjeden.")
    )

    class Meta:
        verbose_name = _("utvalg")
        verbose_name_plural = _("utvalg")
        ordering = ["rekkefolge", "navn"]

    def __str__(self):
        return f"{self.navn} ({self.kode})"

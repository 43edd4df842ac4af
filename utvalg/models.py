"""Committees (utvalg) and which committee treats a committee draft (Behandling). A draft is
a journal post of type S (journal); this app builds on it, the journal knows nothing of
committees. Meetings, members and queues build on these."""

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


class Sakstype(models.TextChoices):
    POLITISK = "PS", _("Politisk sak")
    DELEGERT = "DS", _("Delegert sak")
    REFERAT = "RS", _("Referatsak")


class Behandling(models.Model):
    """A committee's treatment of a draft (saksframlegg): which committee, which kind, in
    which order. The committee queue takes posts whose behandlingsstatus is KL."""

    journalpost = models.ForeignKey(
        "journal.Journalpost", on_delete=models.PROTECT, related_name="behandlinger"
    )
    utvalg = models.ForeignKey(
        Utvalg,
        on_delete=models.PROTECT,
        related_name="behandlinger",
        verbose_name=_("utvalg"),
    )
    sakstype = models.CharField(
        _("sakstype"), max_length=2, choices=Sakstype.choices, default=Sakstype.POLITISK
    )
    rekkefolge = models.PositiveSmallIntegerField(_("rekkefølge"), default=1)

    class Meta:
        verbose_name = _("behandling")
        verbose_name_plural = _("behandlinger")
        ordering = ["rekkefolge", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["journalpost", "utvalg"], name="behandling_unikt_utvalg"
            )
        ]

    def __str__(self):
        return f"{self.get_sakstype_display()} i {self.utvalg.kode}"

"""What moves a post through its workflow besides its status: approval flags, the
committee treatment of a draft (saksframlegg), and remarks."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .journalpost import Journalpost


class Godkjenningssteg(models.TextChoices):
    LEDER = "leder", _("Leder")
    RADMANN = "radmann", _("Rådmann")


class Godkjenningssvar(models.TextChoices):
    VENTER = "", _("Venter på svar")
    GODKJENT = "G", _("Godkjent")
    IKKE_GODKJENT = "IG", _("Ikke godkjent")


class Godkjenning(models.Model):
    """An approval flag: «Send til godkjenning» to a leader, answered «Godkjent» or «Ikke
    godkjent» with a comment. The flags of a post are its approval history."""

    journalpost = models.ForeignKey(
        Journalpost, on_delete=models.PROTECT, related_name="godkjenninger"
    )
    steg = models.CharField(
        _("steg"), max_length=10, choices=Godkjenningssteg.choices, default=Godkjenningssteg.LEDER
    )
    sendt_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("sendt av"),
    )
    sendt_til = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="godkjenninger",
        verbose_name=_("sendt til"),
    )
    sendt = models.DateTimeField(_("sendt"), auto_now_add=True)
    melding = models.CharField(_("melding"), max_length=500, blank=True)
    svar = models.CharField(
        _("svar"), max_length=2, choices=Godkjenningssvar.choices, blank=True, default=""
    )
    besvart = models.DateTimeField(_("besvart"), null=True, blank=True)
    besvart_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besvart av"),
    )
    kommentar = models.TextField(_("kommentar"), blank=True)

    class Meta:
        verbose_name = _("godkjenning")
        verbose_name_plural = _("godkjenninger")
        ordering = ["sendt", "id"]
        indexes = [
            models.Index(fields=["sendt_til"], name="godkjenning_venter", condition=Q(svar=""))
        ]
        constraints = [
            # One open flag per post at a time.
            models.UniqueConstraint(
                fields=["journalpost"], condition=Q(svar=""), name="godkjenning_en_aapen"
            )
        ]

    def __str__(self):
        return f"Godkjenning av {self.journalpost}"


class Merknad(models.Model):
    """A remark on a post. As restricted as the post: shown only with innsyn."""

    journalpost = models.ForeignKey(Journalpost, on_delete=models.PROTECT, related_name="merknader")
    tekst = models.TextField(_("merknad"))
    registrert_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    registrert = models.DateTimeField(_("registrert"), auto_now_add=True)

    class Meta:
        verbose_name = _("merknad")
        verbose_name_plural = _("merknader")
        ordering = ["registrert", "id"]

    def __str__(self):
        return f"Merknad på {self.journalpost}"

"""The journal's settings (one row, kept in the admin)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .saksmappe import Saksmappe


class Innstillinger(models.Model):
    """The journal's settings, kept by the system administrator in the admin (one row).

    Worklist windows, the XX screening deadline and the public journal's rules differ
    between municipalities, so they are data, not code. (Each app owns its settings.)"""

    forfall_dager = models.PositiveSmallIntegerField(
        _("forfallsliste (dager)"),
        default=14,
        help_text=_("Forfallslisten viser post med forfall innen så mange dager."),
    )
    obs_dager = models.PositiveSmallIntegerField(
        _("OBS-liste (dager)"),
        default=14,
        help_text=_("Oppfølging av saker viser saker med OBS-dato innen så mange dager."),
    )
    varsel_dager = models.PositiveSmallIntegerField(
        _("markér som snart forfalt (dager)"),
        default=5,
        help_text=_("Poster som har forfalt eller forfaller innen så mange dager, merkes."),
    )
    xx_frist_arbeidsdager = models.PositiveSmallIntegerField(
        _("frist for offentlighetsvurdering (arbeidsdager)"),
        default=3,
        help_text=_("Leder må vurdere XX innen så mange arbeidsdager (helligdager regnes ikke)."),
    )
    postliste_med_notater = models.BooleanField(
        _("publiser N-notater i postlisten"),
        default=False,
        help_text=_("Interne notater med oppfølging (N) vises i den offentlige postlisten."),
    )
    personnavn_sokbar_maaneder = models.PositiveSmallIntegerField(
        _("personnavn søkbare (måneder)"),
        default=12,
        help_text=_("Navn på private personer kan søkes fram i postlisten så mange måneder."),
    )
    innsynskrav_saksmappe = models.ForeignKey(
        Saksmappe,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sak for innsynskrav"),
        help_text=_("Innsynskrav fra postlisten registreres som inngående post i denne saken."),
    )

    class Meta:
        verbose_name = _("innstillinger")
        verbose_name_plural = _("innstillinger")

    def __str__(self):
        return str(_("Innstillinger"))

    @classmethod
    def hent(cls) -> "Innstillinger":
        """The settings row (created with the defaults the first time)."""
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj

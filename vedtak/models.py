"""Decision follow-up (vedtaksoppfølging, DOMAIN.md §13, seed 000).

A committee decision on a political case (an agenda item with a decision) gets follow-up
registered by the meeting secretary or the chief executive: a deadline, whether it is a
dispatch or an execution deadline, a remark — and one line per responsible caseworker, each
with its own status. A budget decision's verbal points are followed up one by one
(`verbalpunkt`). The lines reach the caseworkers when the minutes are approved; the
administration marks a line «iverksatt», and the committee closes the follow-up through the
report back to it («avsluttet»)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Fristtype(models.TextChoices):
    EKSPEDERING = "E", _("Ekspederingsfrist")
    UTFORING = "U", _("Utførerfrist")


class Oppfolging(models.Model):
    """The follow-up of one decision (or one verbal point of it)."""

    punkt = models.ForeignKey(
        "utvalg.Sakskartpunkt", on_delete=models.PROTECT, related_name="oppfolginger",
        verbose_name=_("sak i møtet"),
    )  # fmt: skip
    verbalpunkt = models.CharField(
        _("verbalpunkt"), max_length=500, blank=True,
        help_text=_("Ved budsjett- og økonomiplanvedtak: verbalpunktet som følges opp."),
    )  # fmt: skip
    frist = models.DateField(_("frist"))
    fristtype = models.CharField(_("fristtype"), max_length=1, choices=Fristtype.choices)
    merknad = models.CharField(_("merknad"), max_length=1000, blank=True)
    registrert = models.DateTimeField(_("registrert"), default=timezone.now)
    registrert_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Closed by the committee through the report back to it (step two of two).
    avsluttet = models.DateTimeField(_("avsluttet"), null=True, blank=True)
    avsluttet_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("vedtaksoppfølging")
        verbose_name_plural = _("vedtaksoppfølginger")
        ordering = ["frist", "pk"]
        indexes = [models.Index(fields=["frist"], name="oppfolging_frist")]

    def __str__(self):
        hva = f" – {self.verbalpunkt[:60]}" if self.verbalpunkt else ""
        return f"Oppfølging av {self.punkt.saksnummer}{hva}"


class Linjestatus(models.TextChoices):
    IKKE_PABEGYNT = "IP", _("Ikke påbegynt")
    UNDER_ARBEID = "UA", _("Under arbeid")
    IVERKSATT = "IV", _("Iverksatt")
    BORTFALT = "BF", _("Bortfalt")


# A line in one of these is done for the administration: never «forsinket».
FERDIG = (Linjestatus.IVERKSATT, Linjestatus.BORTFALT)


class Oppfolgingslinje(models.Model):
    """One responsible caseworker's part of a follow-up: what is done, what comes next, and
    the status. «Forsinket» is derived from the deadline, never stored."""

    oppfolging = models.ForeignKey(Oppfolging, on_delete=models.PROTECT, related_name="linjer")
    saksbehandler = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="vedtakslinjer",
        verbose_name=_("ansvarlig saksbehandler"),
    )  # fmt: skip
    # The caseworker's unit when the line was made: the leader view follows it.
    administrativ_enhet = models.ForeignKey(
        "saksarkiv.AdministrativEnhet", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("enhet"),
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=2, choices=Linjestatus.choices, default=Linjestatus.IKKE_PABEGYNT
    )
    hva_er_gjort = models.TextField(_("hva er gjort"), blank=True, max_length=4000)
    videre_framdrift = models.TextField(_("videre framdrift"), blank=True, max_length=4000)
    utfort = models.DateField(_("utført dato"), null=True, blank=True)
    bortfalt_grunn = models.CharField(_("grunn til bortfall"), max_length=1000, blank=True)
    endret = models.DateTimeField(_("endret"), default=timezone.now)
    endret_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("oppfølgingslinje")
        verbose_name_plural = _("oppfølgingslinjer")
        ordering = ["oppfolging", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["oppfolging", "saksbehandler"],
                name="oppfolgingslinje_en_per_sb",
                violation_error_message=_("Saksbehandleren er allerede ansvarlig."),
            ),  # fmt: skip
            models.CheckConstraint(
                condition=~models.Q(status="IV") | models.Q(utfort__isnull=False),
                name="oppfolgingslinje_iverksatt_har_dato",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="BF") | ~models.Q(bortfalt_grunn=""),
                name="oppfolgingslinje_bortfalt_har_grunn",
            ),
        ]
        indexes = [
            models.Index(fields=["saksbehandler", "status"], name="linje_sb_status"),
            models.Index(fields=["administrativ_enhet", "status"], name="linje_enhet_status"),
        ]

    def __str__(self):
        return f"{self.oppfolging} – {self.saksbehandler}"

    def forsinket(self, idag=None) -> bool:
        """Past the deadline and not done (derived, not typed)."""
        idag = idag or timezone.localdate()
        return self.status not in FERDIG and self.oppfolging.frist < idag

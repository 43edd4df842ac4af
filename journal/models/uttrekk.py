"""A run of the Noark 5 arkivuttrekk ordered from the archive's page (issue 20, item 3).

The row is the job: who ordered it and for which period, its status and progress while the
Celery task works (journal/services/uttrekk.py), where the package was written, and the
checker's verdict on it. At most one run waits or runs at a time (a partial unique index)."""

from django.conf import settings
from django.db import models
from django.db.models import Q, Value


class Uttrekksstatus(models.TextChoices):
    VENTER = "venter", "Venter"
    KJORER = "kjorer", "Kjører"
    FERDIG = "ferdig", "Ferdig"
    FEILET = "feilet", "Feilet"


AKTIVE = (Uttrekksstatus.VENTER, Uttrekksstatus.KJORER)


class Arkivuttrekk(models.Model):
    bestilt_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    bestilt = models.DateTimeField(auto_now_add=True)
    fra = models.DateField("avsluttet fra")
    til = models.DateField("avsluttet til og med")
    status = models.CharField(
        max_length=10, choices=Uttrekksstatus.choices, default=Uttrekksstatus.VENTER
    )
    steg = models.CharField("nåværende steg", max_length=100, blank=True)
    antall_ferdig = models.PositiveIntegerField(default=0)
    antall_totalt = models.PositiveIntegerField(default=0)
    startet = models.DateTimeField(null=True, blank=True)
    ferdig = models.DateTimeField(null=True, blank=True)
    katalog = models.CharField("uttrekkskatalog", max_length=500, blank=True)
    kontroll_feilet = models.BooleanField(null=True, blank=True)
    kontroll_rapport = models.TextField(blank=True)
    feilmelding = models.TextField(blank=True)

    class Meta:
        verbose_name = "arkivuttrekk"
        verbose_name_plural = "arkivuttrekk"
        ordering = ["-bestilt", "-pk"]
        constraints = [
            models.UniqueConstraint(
                Value(1),
                condition=Q(status__in=AKTIVE),
                name="arkivuttrekk_ett_om_gangen",
            ),
            models.CheckConstraint(
                condition=Q(fra__lte=models.F("til")), name="arkivuttrekk_periode"
            ),
        ]

    def __str__(self) -> str:
        return f"Arkivuttrekk {self.fra:%d.%m.%Y}–{self.til:%d.%m.%Y}"

    @property
    def aktiv(self) -> bool:
        return self.status in AKTIVE

    @property
    def prosent(self) -> int:
        if self.status == Uttrekksstatus.FERDIG:
            return 100
        if not self.antall_totalt:
            return 0
        return min(99, self.antall_ferdig * 100 // self.antall_totalt)


class Klasse(models.Model):
    """A class of the classification that no case need carry (Noark 5 klasse): kept when an
    arkivuttrekk is imported, so that the classification it brings — classes without cases
    included — stays whole, and a later export writes it again (journal/uttrekk). Cases name
    their class by (arkivdel, ordningsprinsipp, ordningsverdi) as before."""

    arkivdel = models.CharField("arkivdel", max_length=40)
    ordningsprinsipp = models.CharField("ordningsprinsipp", max_length=40, blank=True)
    ordningsverdi = models.CharField("ordningsverdi", max_length=100, blank=True)
    tittel = models.CharField("tittel", max_length=500)
    opprettet = models.DateTimeField("opprettet")

    class Meta:
        verbose_name = "klasse"
        verbose_name_plural = "klasser"
        constraints = [
            models.UniqueConstraint(
                fields=["arkivdel", "ordningsprinsipp", "ordningsverdi"], name="klasse_unik"
            )
        ]

    def __str__(self):
        return f"{self.arkivdel} {self.ordningsprinsipp} {self.ordningsverdi}".strip()

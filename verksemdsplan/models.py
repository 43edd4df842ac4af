"""The yearly verksemdsplan (DOMAIN.md §14, seed 004, issue 21): the «raude tråden» from a
plan's goals through the chief executive's oppdragsbrev and the assignments delegated down the
organisation, to the indicators, the internal-control checklist and the monthly and tertial
reports.

- Plan → Maal (hovudmål, delmål) → Strategi: adopted municipal plans, with their measures
  (Tiltak). The action and economy plan (type HOP) selects measures for a year (Prioritering)
  and adds verbal points (Verbalpunkt); both go on to the verksemdsplan as assignments. Each
  year and unit has a Verksemdsplan showing the goals and strategies delegated to it.
- Oppdragsbrev (per year and unit, its parent the letter of the unit above) with Oppdragspunkt
  by theme; approved, then published.
- Oppdrag: an assignment in a category with owner, deadline and a required goal or strategy;
  sub-assignments (forelder) delegate it down. A political decision's follow-up
  (vedtak.Oppfolging) becomes an assignment, linked both ways.
- Indikator (with Indikatormaal per year and Indikatorverdi per unit and period).
- Foremaal → Kontrolltype → Sjekkpunkt, answered per unit and year (Sjekkpunktsvar).
- Rapport per unit and period (month or tertial) with a line per assignment
  (Rapportlinje) and a manual five-level assessment per goal (Maalvurdering); its political
  version can be referred to a committee as RS (referert_post).
- Aarshjulfrist: the year wheel's deadlines, reminded in the daily digest.

Field names are nynorsk where the domain is (the seed's words), as the UI of this part.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

BRUKER = settings.AUTH_USER_MODEL
ENHET = "saksarkiv.AdministrativEnhet"


# --- Plans, goals and strategies -------------------------------------------------------------
class Plantype(models.TextChoices):
    SAMFUNNSDEL = "SD", _("Kommuneplanens samfunnsdel")
    KOMMUNEDELPLAN = "KD", _("Kommunedelplan")
    TEMAPLAN = "TP", _("Temaplan")
    HOP = "HO", _("Handlings- og økonomiplan")


class Plan(models.Model):
    namn = models.CharField(_("navn"), max_length=200)
    type = models.CharField(_("type"), max_length=2, choices=Plantype.choices)
    vedteken = models.DateField(_("vedtatt"), null=True, blank=True)
    fra_aar = models.PositiveSmallIntegerField(_("fra år"))
    til_aar = models.PositiveSmallIntegerField(_("til år"))
    # The case the plan was adopted in (optional): its decision and documents.
    saksmappe = models.ForeignKey(
        "journal.Saksmappe", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    aktiv = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("planer")
        ordering = ["type", "namn"]
        constraints = [
            models.CheckConstraint(condition=Q(til_aar__gte=models.F("fra_aar")), name="plan_aar")
        ]

    def __str__(self):
        return self.namn


class Maalnivaa(models.TextChoices):
    HOVUDMAAL = "HM", _("Hovedmål")
    DELMAAL = "DM", _("Delmål")


class Maal(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="maal")
    forelder = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="delmaal"
    )
    nivaa = models.CharField(_("nivå"), max_length=2, choices=Maalnivaa.choices)
    nummer = models.CharField(_("nummer"), max_length=20, help_text=_("F.eks. 1 eller 1.2."))
    tittel = models.CharField(_("tittel"), max_length=300)
    skildring = models.TextField(_("beskrivelse"), blank=True)

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["plan", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "nummer"], name="maal_unikt_nummer"),
            # A hovudmål stands alone; a delmål sits under one.
            models.CheckConstraint(
                condition=Q(nivaa="HM", forelder__isnull=True)
                | Q(nivaa="DM", forelder__isnull=False),
                name="maal_nivaa_forelder",
            ),
        ]

    def __str__(self):
        return f"{self.nummer} {self.tittel}"


class Strategi(models.Model):
    maal = models.ForeignKey(Maal, on_delete=models.PROTECT, related_name="strategiar")
    nummer = models.CharField(_("nummer"), max_length=20)
    tittel = models.CharField(_("tittel"), max_length=300)
    skildring = models.TextField(_("beskrivelse"), blank=True)

    class Meta:
        verbose_name = _("strategi")
        verbose_name_plural = _("strategier")
        ordering = ["maal", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["maal", "nummer"], name="strategi_unikt_nummer")
        ]

    def __str__(self):
        return f"{self.nummer} {self.tittel}"


class Planstatus(models.TextChoices):
    UTKAST = "U", _("Utkast")
    GODKJEND = "G", _("Godkjent")


class Verksemdsplan(models.Model):
    """One unit's plan for one year: the goals and strategies delegated to it (its
    assignments, indicators and checklist hang on the unit and year)."""

    aar = models.PositiveSmallIntegerField(_("år"))
    enhet = models.ForeignKey(ENHET, on_delete=models.PROTECT, related_name="+")
    maal = models.ManyToManyField(Maal, blank=True, related_name="verksemdsplanar")
    strategiar = models.ManyToManyField(Strategi, blank=True, related_name="verksemdsplanar")
    status = models.CharField(
        _("status"), max_length=1, choices=Planstatus.choices, default=Planstatus.UTKAST
    )
    godkjend = models.DateTimeField(_("godkjent"), null=True, blank=True)
    godkjend_av = models.ForeignKey(
        BRUKER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("virksomhetsplan")
        verbose_name_plural = _("virksomhetsplaner")
        ordering = ["-aar", "enhet__path"]
        constraints = [models.UniqueConstraint(fields=["aar", "enhet"], name="verksemdsplan_unik")]

    def __str__(self):
        return f"{self.enhet} {self.aar}"


# --- Oppdragsbrev ----------------------------------------------------------------------------
class Brevstatus(models.TextChoices):
    UTKAST = "U", _("Utkast")
    TIL_GODKJENNING = "T", _("Til godkjenning")
    GODKJEND = "G", _("Godkjent")
    PUBLISERT = "P", _("Publisert")


class Oppdragsbrev(models.Model):
    """The chief executive's letter to the whole organisation for a year (the top unit), and
    each sector's and service's own, written from the one above (`forelder`)."""

    aar = models.PositiveSmallIntegerField(_("år"))
    enhet = models.ForeignKey(ENHET, on_delete=models.PROTECT, related_name="+")
    forelder = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="underbrev"
    )
    innleiing = models.TextField(_("innledning"), blank=True)
    status = models.CharField(
        _("status"), max_length=1, choices=Brevstatus.choices, default=Brevstatus.UTKAST
    )
    skrive_av = models.ForeignKey(BRUKER, on_delete=models.PROTECT, related_name="+")
    oppretta = models.DateTimeField(_("opprettet"), default=timezone.now)
    godkjend = models.DateTimeField(_("godkjent"), null=True, blank=True)
    godkjend_av = models.ForeignKey(
        BRUKER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    publisert = models.DateTimeField(_("publisert"), null=True, blank=True)
    publisert_av = models.ForeignKey(
        BRUKER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("oppdragsbrev")
        verbose_name_plural = _("oppdragsbrev")
        ordering = ["-aar", "enhet__path"]
        constraints = [models.UniqueConstraint(fields=["aar", "enhet"], name="oppdragsbrev_unikt")]

    def __str__(self):
        return f"Oppdragsbrev {self.aar} {self.enhet}"


class Oppdragstema(models.TextChoices):
    STRATEGISK = "ST", _("Strategiske oppdrag")
    OKONOMISK = "OK", _("Økonomiske oppdrag")
    ORGANISATORISK = "OR", _("Organisatoriske oppdrag")
    DIGITALISERING = "DI", _("Digitalisering")
    SERVICE = "SK", _("Service og kommunikasjon")
    SAERSKILT = "SA", _("Særskilte oppdrag")


class Oppdragspunkt(models.Model):
    brev = models.ForeignKey(Oppdragsbrev, on_delete=models.CASCADE, related_name="punkt")
    tema = models.CharField(_("tema"), max_length=2, choices=Oppdragstema.choices)
    tekst = models.TextField(_("tekst"), max_length=4000)
    rekkefolge = models.PositiveSmallIntegerField(_("rekkefølge"), default=1)

    class Meta:
        verbose_name = _("oppdragspunkt")
        verbose_name_plural = _("oppdragspunkt")
        ordering = ["brev", "tema", "rekkefolge", "pk"]

    def __str__(self):
        return self.tekst[:60]


# --- Oppdrag og oppgåver ---------------------------------------------------------------------
class Oppdragskategori(models.TextChoices):
    VERBALPUNKT = "VP", _("Verbalpunkt i økonomiplanen")
    POLITISK_VEDTAK = "PV", _("Politisk vedtak gjennom året")
    TILLEGGSBESTILLING = "TB", _("Tilleggsbestilling fra politisk nivå")
    PLANTILTAK = "PT", _("Tiltak fra vedtatte planer")
    ADMINISTRATIV = "AP", _("Administrativ prioritering")


class Oppdragsstatus(models.TextChoices):
    IKKJE_STARTA = "IS", _("Ikke startet")
    I_RUTE = "IR", _("I rute")
    AVVIK = "AV", _("Avvik")
    FULLFORT = "FF", _("Fullført")
    UTSETT = "UT", _("Utsatt")
    AVBROTE = "AB", _("Avbrutt")


class Oppdrag(models.Model):
    """An assignment for a year with its owner and deadline, tied to a goal or a strategy (the
    «raude tråden»). A sub-assignment (`forelder`) delegates it down the organisation."""

    aar = models.PositiveSmallIntegerField(_("år"))
    kategori = models.CharField(_("kategori"), max_length=2, choices=Oppdragskategori.choices)
    tittel = models.CharField(_("tittel"), max_length=300)
    skildring = models.TextField(_("beskrivelse"), blank=True, max_length=4000)
    enhet = models.ForeignKey(ENHET, on_delete=models.PROTECT, related_name="+")
    eigar = models.ForeignKey(BRUKER, on_delete=models.PROTECT, related_name="+")
    frist = models.DateField(_("frist"))
    maal = models.ForeignKey(
        Maal, on_delete=models.PROTECT, null=True, blank=True, related_name="oppdrag"
    )
    strategi = models.ForeignKey(
        Strategi, on_delete=models.PROTECT, null=True, blank=True, related_name="oppdrag"
    )
    forelder = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="deloppdrag"
    )
    # A political decision with follow-up that became this assignment (issue 21 item 3).
    vedtak = models.OneToOneField(
        "vedtak.Oppfolging",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="oppdrag",
    )
    oppdragspunkt = models.ForeignKey(
        Oppdragspunkt, on_delete=models.PROTECT, null=True, blank=True, related_name="oppdrag"
    )
    status = models.CharField(
        _("status"),
        max_length=2,
        choices=Oppdragsstatus.choices,
        default=Oppdragsstatus.IKKJE_STARTA,
    )
    statuskommentar = models.TextField(_("kommentar til status"), blank=True, max_length=4000)
    vekt = models.PositiveSmallIntegerField(_("vekt"), default=1)
    oppretta = models.DateTimeField(_("opprettet"), default=timezone.now)
    oppretta_av = models.ForeignKey(BRUKER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("oppdrag")
        verbose_name_plural = _("oppdrag")
        ordering = ["aar", "frist", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(maal__isnull=False) | Q(strategi__isnull=False),
                name="oppdrag_raud_traad",
                violation_error_message=_("Oppdraget må knyttes til et mål eller en strategi."),
            )
        ]
        indexes = [models.Index(fields=["enhet", "aar"], name="oppdrag_enhet_aar")]

    def __str__(self):
        return self.tittel


# --- Aktivitet: key figures and indicators ---------------------------------------------------
class Periodetype(models.TextChoices):
    MAANAD = "M", _("Måned")
    TERTIAL = "T", _("Tertial")
    AAR = "A", _("År")


class Retning(models.TextChoices):
    STIGANDE = "S", _("Stigende er bra")
    FALLANDE = "F", _("Fallende er bra")


class Indikator(models.Model):
    """A key figure with its unit of measure, direction, baseline and target. Progress toward
    the target = (current − baseline) / (target − baseline), clamped 0–100 %; the bands
    (`grense_gronn`, `grense_gul`, in per cent of progress) set the status colour."""

    namn = models.CharField(_("navn"), max_length=200)
    skildring = models.TextField(_("beskrivelse"), blank=True)
    maaleining = models.CharField(_("måleenhet"), max_length=40, help_text=_("F.eks. %, dager."))
    desimalar = models.PositiveSmallIntegerField(_("desimaler"), default=0)
    periodetype = models.CharField(_("periodetype"), max_length=1, choices=Periodetype.choices)
    retning = models.CharField(_("ønsket retning"), max_length=1, choices=Retning.choices)
    basisverdi = models.DecimalField(_("basisverdi"), max_digits=14, decimal_places=4)
    basisaar = models.PositiveSmallIntegerField(_("basisår"))
    maalverdi = models.DecimalField(_("målverdi"), max_digits=14, decimal_places=4)
    maalaar = models.PositiveSmallIntegerField(_("målår"))
    grense_gronn = models.PositiveSmallIntegerField(_("grønn fra (% av målet)"), default=90)
    grense_gul = models.PositiveSmallIntegerField(_("gul fra (% av målet)"), default=60)
    maal = models.ForeignKey(
        Maal, on_delete=models.PROTECT, null=True, blank=True, related_name="indikatorar"
    )
    enhet = models.ForeignKey(ENHET, on_delete=models.PROTECT, related_name="+")
    delegert_til = models.ManyToManyField(ENHET, blank=True, related_name="+")
    aktiv = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")
        ordering = ["namn"]
        constraints = [
            models.CheckConstraint(
                condition=Q(grense_gul__lte=models.F("grense_gronn")), name="indikator_grenser"
            ),
            models.CheckConstraint(
                condition=~Q(maalverdi=models.F("basisverdi")), name="indikator_maal_ikkje_basis"
            ),
        ]

    def __str__(self):
        return self.namn


class Indikatormaal(models.Model):
    """The target for one year (the history of targets)."""

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="aarsmaal")
    aar = models.PositiveSmallIntegerField(_("år"))
    verdi = models.DecimalField(_("mål"), max_digits=14, decimal_places=4)

    class Meta:
        verbose_name = _("årsmål")
        verbose_name_plural = _("årsmål")
        ordering = ["indikator", "aar"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "aar"], name="indikatormaal_unikt")
        ]

    def __str__(self):
        return f"{self.indikator} {self.aar}: {self.verdi}"


class Verdikjelde(models.TextChoices):
    MANUELL = "M", _("Registrert")
    CSV = "C", _("Importert fra CSV")


class Indikatorverdi(models.Model):
    """A value for one unit and period: `periode` is the month (1–12), the tertial (1–3) or 0
    for the year, as the indicator's period type says. Corrections are in the audit log."""

    indikator = models.ForeignKey(Indikator, on_delete=models.PROTECT, related_name="verdiar")
    enhet = models.ForeignKey(ENHET, on_delete=models.PROTECT, related_name="+")
    aar = models.PositiveSmallIntegerField(_("år"))
    periode = models.PositiveSmallIntegerField(_("periode"), default=0)
    verdi = models.DecimalField(_("verdi"), max_digits=14, decimal_places=4)
    kjelde = models.CharField(
        _("kjelde"), max_length=1, choices=Verdikjelde.choices, default=Verdikjelde.MANUELL
    )
    registrert = models.DateTimeField(_("registrert"), default=timezone.now)
    registrert_av = models.ForeignKey(BRUKER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("indikatorverdi")
        verbose_name_plural = _("indikatorverdier")
        ordering = ["indikator", "enhet", "aar", "periode"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "enhet", "aar", "periode"], name="indikatorverdi_unik"
            ),
            models.CheckConstraint(condition=Q(periode__lte=12), name="indikatorverdi_periode"),
        ]

    def __str__(self):
        return f"{self.indikator} {self.aar}/{self.periode}: {self.verdi}"


# --- Sjekkliste for internkontroll -----------------------------------------------------------
class Foremaal(models.Model):
    namn = models.CharField(_("formål"), max_length=200, unique=True)
    rekkefolge = models.PositiveSmallIntegerField(_("rekkefølge"), default=1)

    class Meta:
        verbose_name = _("formål")
        verbose_name_plural = _("formål")
        ordering = ["rekkefolge", "namn"]

    def __str__(self):
        return self.namn


class Kontrolltype(models.Model):
    foremaal = models.ForeignKey(Foremaal, on_delete=models.PROTECT, related_name="typar")
    namn = models.CharField(_("type"), max_length=200)
    rekkefolge = models.PositiveSmallIntegerField(_("rekkefølge"), default=1)

    class Meta:
        verbose_name = _("kontrolltype")
        verbose_name_plural = _("kontrolltyper")
        ordering = ["foremaal", "rekkefolge", "namn"]

    def __str__(self):
        return self.namn


class Sjekkpunkt(models.Model):
    type = models.ForeignKey(Kontrolltype, on_delete=models.PROTECT, related_name="sjekkpunkt")
    sporsmaal = models.CharField(
        _("sjekkpunkt"), max_length=300, help_text=_("F.eks. «Er vernerunde gjennomført?»")
    )
    rekkefolge = models.PositiveSmallIntegerField(_("rekkefølge"), default=1)
    aktiv = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("sjekkpunkt")
        verbose_name_plural = _("sjekkpunkt")
        ordering = ["type", "rekkefolge", "pk"]

    def __str__(self):
        return self.sporsmaal


class Svarstatus(models.TextChoices):
    JA = "JA", _("Ja")
    DELVIS = "DE", _("Delvis")
    NEI = "NE", _("Nei")
    IKKJE_AKTUELT = "IA", _("Ikke aktuelt")


class Sjekkpunktsvar(models.Model):
    sjekkpunkt = models.ForeignKey(Sjekkpunkt, on_delete=models.PROTECT, related_name="svar")
    enhet = models.ForeignKey(ENHET, on_delete=models.PROTECT, related_name="+")
    aar = models.PositiveSmallIntegerField(_("år"))
    status = models.CharField(_("status"), max_length=2, choices=Svarstatus.choices)
    kommentar = models.TextField(_("kommentar"), blank=True, max_length=2000)
    svart = models.DateTimeField(_("svart"), default=timezone.now)
    svart_av = models.ForeignKey(BRUKER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("svar på sjekkpunkt")
        verbose_name_plural = _("svar på sjekkpunkt")
        constraints = [
            models.UniqueConstraint(
                fields=["sjekkpunkt", "enhet", "aar"], name="sjekkpunktsvar_unikt"
            )
        ]

    def __str__(self):
        return f"{self.sjekkpunkt} {self.aar}: {self.get_status_display()}"


# --- Rapportering ----------------------------------------------------------------------------
class Rapportstatus(models.TextChoices):
    UTKAST = "U", _("Under arbeid")
    LEVERT = "L", _("Levert")


class Rapport(models.Model):
    """A unit's report for a month (periodetype M, periode 1–12) or a tertial (T, 1–3)."""

    enhet = models.ForeignKey(ENHET, on_delete=models.PROTECT, related_name="+")
    aar = models.PositiveSmallIntegerField(_("år"))
    periodetype = models.CharField(_("periodetype"), max_length=1, choices=Periodetype.choices)
    periode = models.PositiveSmallIntegerField(_("periode"))
    status = models.CharField(
        _("status"), max_length=1, choices=Rapportstatus.choices, default=Rapportstatus.UTKAST
    )
    kommentar = models.TextField(_("kommentar"), blank=True, max_length=4000)
    levert = models.DateTimeField(_("levert"), null=True, blank=True)
    levert_av = models.ForeignKey(
        BRUKER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The journal post holding the political report, referred to committees as RS.
    referert_post = models.ForeignKey(
        "journal.Journalpost", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("rapport")
        verbose_name_plural = _("rapporter")
        ordering = ["-aar", "-periode", "enhet__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["enhet", "aar", "periodetype", "periode"], name="rapport_unik"
            ),
            models.CheckConstraint(
                condition=Q(periodetype="M", periode__range=(1, 12))
                | Q(periodetype="T", periode__range=(1, 3)),
                name="rapport_periode",
            ),
        ]

    def __str__(self):
        return f"{self.enhet} {self.aar} {self.get_periodetype_display()} {self.periode}"

    @property
    def periodenamn(self) -> str:
        """«november 2026», «2. tertial 2026» in the active language."""
        from .services.indikator_oversikt import periodenamn

        return periodenamn(self.periodetype, self.aar, self.periode)


class Rapportlinje(models.Model):
    """The status and comment reported on one assignment."""

    rapport = models.ForeignKey(Rapport, on_delete=models.CASCADE, related_name="linjer")
    oppdrag = models.ForeignKey(Oppdrag, on_delete=models.PROTECT, related_name="rapportlinjer")
    status = models.CharField(_("status"), max_length=2, choices=Oppdragsstatus.choices)
    kommentar = models.TextField(_("kommentar"), blank=True, max_length=4000)

    class Meta:
        verbose_name = _("rapportlinje")
        verbose_name_plural = _("rapportlinjer")
        constraints = [
            models.UniqueConstraint(fields=["rapport", "oppdrag"], name="rapportlinje_unik")
        ]

    def __str__(self):
        return f"{self.oppdrag}: {self.get_status_display()}"


class Vurdering(models.IntegerChoices):
    """The manual five-level assessment of a goal, apart from the computed status."""

    SVAERT_GOD = 5, _("Svært god måloppnåelse")
    GOD = 4, _("God måloppnåelse")
    MIDDELS = 3, _("Middels måloppnåelse")
    SVAK = 2, _("Svak måloppnåelse")
    SVAERT_SVAK = 1, _("Svært svak måloppnåelse")


class Maalvurdering(models.Model):
    rapport = models.ForeignKey(Rapport, on_delete=models.CASCADE, related_name="vurderingar")
    maal = models.ForeignKey(Maal, on_delete=models.PROTECT, related_name="vurderingar")
    vurdering = models.PositiveSmallIntegerField(_("vurdering"), choices=Vurdering.choices)
    kommentar = models.TextField(_("kommentar"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("målvurdering")
        verbose_name_plural = _("målvurderinger")
        constraints = [
            models.UniqueConstraint(fields=["rapport", "maal"], name="maalvurdering_unik")
        ]

    def __str__(self):
        return f"{self.maal}: {self.get_vurdering_display()}"


class Samanstilling(models.TextChoices):
    """How a parent unit's status is rolled up from its children's."""

    VEKTA_SNITT = "VS", _("Vektet gjennomsnitt")
    DAARLEGASTE = "DA", _("Dårligste underliggende")


class Oppsett(models.Model):
    """The municipality's settings for this part (one row)."""

    samanstilling = models.CharField(
        _("sammenstilling"),
        max_length=2,
        choices=Samanstilling.choices,
        default=Samanstilling.DAARLEGASTE,
    )

    class Meta:
        verbose_name = _("oppsett for virksomhetsplan")
        verbose_name_plural = _("oppsett for virksomhetsplan")

    def __str__(self):
        return str(self.get_samanstilling_display())

    @classmethod
    def hent(cls) -> "Oppsett":
        return cls.objects.order_by("pk").first() or cls(samanstilling=Samanstilling.DAARLEGASTE)


# --- Årshjul ---------------------------------------------------------------------------------
class Fristtype(models.TextChoices):
    OPPDRAGSBREV = "OB", _("Oppdragsbrev ferdig")
    PLAN = "VP", _("Virksomhetsplan ferdig")
    RAPPORT_MAANAD = "RM", _("Månedsrapport")
    RAPPORT_TERTIAL = "RT", _("Tertialrapport")
    ANNA = "AN", _("Annet")


class Aarshjulfrist(models.Model):
    """A deadline in the year wheel (oppdragsbrev and plan ready by 31 January, reporting
    dates), reminded in the daily digest `paaminning_dagar` days before."""

    aar = models.PositiveSmallIntegerField(_("år"))
    type = models.CharField(_("type"), max_length=2, choices=Fristtype.choices)
    tittel = models.CharField(_("tittel"), max_length=200)
    dato = models.DateField(_("dato"))
    paaminning_dagar = models.PositiveSmallIntegerField(_("påminnelse (dager før)"), default=7)

    class Meta:
        verbose_name = _("frist i årshjulet")
        verbose_name_plural = _("frister i årshjulet")
        ordering = ["dato", "pk"]

    def __str__(self):
        return f"{self.tittel} {self.dato}"


# --- Tiltak and the action and economy plan ---------------------------------------------------
class Tiltak(models.Model):
    """A measure in an adopted plan (kommunedelplan, temaplan …) under one of its goals or
    strategies, economic or not. The action and economy plan prioritises measures for a year."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="tiltak")
    maal = models.ForeignKey(
        Maal, on_delete=models.PROTECT, null=True, blank=True, related_name="tiltak"
    )
    strategi = models.ForeignKey(
        Strategi, on_delete=models.PROTECT, null=True, blank=True, related_name="tiltak"
    )
    nummer = models.CharField(_("nummer"), max_length=20)
    tittel = models.CharField(_("tittel"), max_length=300)
    skildring = models.TextField(_("beskrivelse"), blank=True, max_length=4000)
    okonomisk = models.BooleanField(_("økonomisk tiltak"), default=False)
    kostnad = models.PositiveIntegerField(_("kostnadsoverslag (kr)"), null=True, blank=True)
    aktiv = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("tiltak")
        verbose_name_plural = _("tiltak")
        ordering = ["plan", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "nummer"], name="tiltak_unikt_nummer"),
            models.CheckConstraint(
                condition=Q(maal__isnull=False) | Q(strategi__isnull=False),
                name="tiltak_raud_traad",
                violation_error_message=_("Tiltaket må knyttes til et mål eller en strategi."),
            ),
        ]

    def __str__(self):
        return f"{self.nummer} {self.tittel}"


class Prioritering(models.Model):
    """The action and economy plan (a Plan of type HOP) selects a measure for a budget year,
    with the amount granted and the unit responsible; it then goes on to that unit's
    verksemdsplan as an assignment (`oppdrag`, category «Tiltak fra vedtatte planer»)."""

    hop = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="prioriteringar")
    tiltak = models.ForeignKey(Tiltak, on_delete=models.PROTECT, related_name="prioriteringar")
    aar = models.PositiveSmallIntegerField(_("år"))
    belop = models.PositiveIntegerField(_("bevilget beløp (kr)"), null=True, blank=True)
    enhet = models.ForeignKey(
        ENHET, on_delete=models.PROTECT, related_name="+", verbose_name=_("ansvarlig enhet")
    )
    oppdrag = models.OneToOneField(
        Oppdrag, on_delete=models.PROTECT, null=True, blank=True, related_name="prioritering"
    )

    class Meta:
        verbose_name = _("prioritert tiltak")
        verbose_name_plural = _("prioriterte tiltak")
        ordering = ["aar", "tiltak__plan__namn", "tiltak__nummer"]
        constraints = [
            models.UniqueConstraint(fields=["hop", "tiltak", "aar"], name="prioritering_unik")
        ]

    def __str__(self):
        return f"{self.tiltak} ({self.aar})"


class Verbalpunkt(models.Model):
    """A verbal point the council adds to the action and economy plan for a year: an order to
    the organisation, tied to a goal or strategy; it goes on to the responsible unit's
    verksemdsplan as an assignment (category «Verbalpunkt i økonomiplanen»)."""

    hop = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="verbalpunkt")
    aar = models.PositiveSmallIntegerField(_("år"))
    nummer = models.CharField(_("nummer"), max_length=20)
    tekst = models.TextField(_("tekst"), max_length=4000)
    maal = models.ForeignKey(
        Maal, on_delete=models.PROTECT, null=True, blank=True, related_name="verbalpunkt"
    )
    strategi = models.ForeignKey(
        Strategi, on_delete=models.PROTECT, null=True, blank=True, related_name="verbalpunkt"
    )
    enhet = models.ForeignKey(
        ENHET, on_delete=models.PROTECT, related_name="+", verbose_name=_("ansvarlig enhet")
    )
    oppdrag = models.OneToOneField(
        Oppdrag, on_delete=models.PROTECT, null=True, blank=True, related_name="verbalpunkt"
    )

    class Meta:
        verbose_name = _("verbalpunkt")
        verbose_name_plural = _("verbalpunkt")
        ordering = ["aar", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["hop", "aar", "nummer"], name="verbalpunkt_unik"),
            models.CheckConstraint(
                condition=Q(maal__isnull=False) | Q(strategi__isnull=False),
                name="verbalpunkt_raud_traad",
                violation_error_message=_("Verbalpunktet må knyttes til et mål eller en strategi."),
            ),
        ]

    def __str__(self):
        return f"{self.nummer} {self.tekst[:60]}"

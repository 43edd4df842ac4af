"""The foundation every app builds on: people, organisation, roles, access codes, clearance
and the audit log (Noark 5: administrativEnhet, tilgangsrestriksjon, endringslogg)."""

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from .access import AccessPolicy, RestrictedQuerySet


def today():
    return timezone.localdate()


class Bruker(AbstractUser):
    """A person who logs in. Roles and clearances are separate rows (per unit, with dates)."""

    initialer = models.CharField(_("initialer"), max_length=10, blank=True)
    stilling = models.CharField(_("stilling"), max_length=120, blank=True)
    telefon = models.CharField(_("telefon"), max_length=30, blank=True)
    # The language of the pages and the daily digest (saksarkiv/sprak.py): chosen in the
    # header, kept here so that it follows the user to every device.
    sprak = models.CharField(
        _("språk"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    class Meta:
        verbose_name = _("bruker")
        verbose_name_plural = _("brukere")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self):
        return self.get_full_name() or self.username


class AdministrativEnhet(MP_Node):
    """A unit in the organisation tree: kommune → sektor → virksomhet/avdeling.

    The materialised path (`path`) lets one SQL prefix test answer "is this unit inside
    that one's subtree", which the access rules use as a subquery.
    """

    kode = models.CharField(_("kode"), max_length=20, unique=True)
    navn = models.CharField(_("navn"), max_length=200)
    epost = models.EmailField(_("e-post"), blank=True)
    aktiv = models.BooleanField(_("aktiv"), default=True)

    node_order_by = ["navn"]

    class Meta:
        verbose_name = _("administrativ enhet")
        verbose_name_plural = _("administrative enheter")

    def __str__(self):
        return f"{self.kode} – {self.navn}"


class Rolletype(models.TextChoices):
    SAKSBEHANDLER = "SB", _("Saksbehandler")
    LEDER = "LED", _("Leder")
    STEDFORTREDER = "SF", _("Stedfortreder")
    ARKIV = "ARK", _("Arkivtjenesten")
    RADMANN = "RAD", _("Rådmann / kommunedirektør")
    MOTESEKRETAER = "MS", _("Møtesekretær")


# A deputy acts with the leader's rights (DOMAIN.md §1).
LEDERROLLER = (Rolletype.LEDER, Rolletype.STEDFORTREDER)
# The leader chain of a unit, which sees its temporarily restricted (XX) content: leaders and
# deputies of the unit and of every unit above it, up to the chief executive.
LEDERLINJE = (*LEDERROLLER, Rolletype.RADMANN)


def gyldig_q(prefix: str = "", on=None) -> Q:
    """Rows whose validity period [gyldig_fra, gyldig_til] covers the day `on` (default today)."""
    on = on or today()
    return Q(**{f"{prefix}gyldig_fra__lte": on}) & (
        Q(**{f"{prefix}gyldig_til__isnull": True}) | Q(**{f"{prefix}gyldig_til__gte": on})
    )


class GyldigQuerySet(models.QuerySet):
    def gyldige(self, on=None):
        return self.filter(gyldig_q(on=on))


class Rolle(models.Model):
    """A person's role in one administrative unit for a period."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="roller",
        verbose_name=_("person"),
    )
    enhet = models.ForeignKey(
        AdministrativEnhet,
        on_delete=models.PROTECT,
        related_name="roller",
        verbose_name=_("enhet"),
    )
    rolle = models.CharField(_("rolle"), max_length=3, choices=Rolletype.choices)
    gyldig_fra = models.DateField(_("gyldig fra"), default=today)
    gyldig_til = models.DateField(_("gyldig til"), null=True, blank=True)
    standard = models.BooleanField(
        _("standardrolle"), default=False, help_text=_("Rollen personen arbeider i til vanlig.")
    )

    objects = GyldigQuerySet.as_manager()

    class Meta:
        verbose_name = _("rolle")
        verbose_name_plural = _("roller")
        ordering = ["person", "enhet__path", "rolle"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "enhet", "rolle"], name="rolle_unik_per_person_enhet"
            ),
            models.CheckConstraint(
                condition=Q(gyldig_til__isnull=True) | Q(gyldig_til__gte=models.F("gyldig_fra")),
                name="rolle_gyldig_periode",
            ),
        ]
        indexes = [models.Index(fields=["person", "rolle"])]

    def __str__(self):
        return f"{self.person} – {self.get_rolle_display()} i {self.enhet.navn}"


class Tilgangskode(models.Model):
    """Access code (Noark 5 tilgangsrestriksjon) with its default legal basis (hjemmel).

    The catalogue is data: the system administrator maintains it in the admin.
    """

    kode = models.CharField(_("kode"), max_length=4, primary_key=True)
    navn = models.CharField(_("navn"), max_length=100)
    hjemmel = models.CharField(
        _("hjemmel"),
        max_length=200,
        blank=True,
        help_text=_("Standard lovhjemmel, f.eks. «Offl. § 13 jf. fvl. § 13»."),
    )
    beskrivelse = models.TextField(_("beskrivelse"), blank=True)
    midlertidig = models.BooleanField(
        _("midlertidig sperret"),
        default=False,
        help_text=_(
            "Som XX: arkivet er i tvil, og leder for enheten må vurdere koden innen fristen. "
            "Arkivet og enhetens lederlinje ser innholdet."
        ),
    )
    motedokument = models.BooleanField(
        _("møtedokument"),
        default=False,
        help_text=_("Som MU: medlemmer av utvalget ser dokumentene."),
    )
    aktiv = models.BooleanField(_("aktiv"), default=True)
    rekkefolge = models.PositiveSmallIntegerField(_("rekkefølge"), default=100)

    class Meta:
        verbose_name = _("tilgangskode")
        verbose_name_plural = _("tilgangskoder")
        ordering = ["rekkefolge", "kode"]

    def __str__(self):
        return f"{self.kode} – {self.navn}"


class Klarering(models.Model):
    """Clearance: a person may see content with this access code, in every unit or only in
    one unit and its subtree, for a period. Several rows give several units."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="klareringer",
        verbose_name=_("person"),
    )
    tilgangskode = models.ForeignKey(
        Tilgangskode,
        on_delete=models.PROTECT,
        related_name="klareringer",
        verbose_name=_("tilgangskode"),
    )
    enhet = models.ForeignKey(
        AdministrativEnhet,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="klareringer",
        verbose_name=_("begrenset til enhet"),
        help_text=_("Tom: gjelder alle enheter. Ellers enheten og enhetene under den."),
    )
    gyldig_fra = models.DateField(_("gyldig fra"), default=today)
    gyldig_til = models.DateField(_("gyldig til"), null=True, blank=True)
    merknad = models.CharField(_("merknad"), max_length=200, blank=True)

    objects = GyldigQuerySet.as_manager()

    class Meta:
        verbose_name = _("klarering")
        verbose_name_plural = _("klareringer")
        ordering = ["person", "tilgangskode"]
        constraints = [
            models.CheckConstraint(
                condition=Q(gyldig_til__isnull=True) | Q(gyldig_til__gte=models.F("gyldig_fra")),
                name="klarering_gyldig_periode",
            ),
        ]
        indexes = [models.Index(fields=["person", "tilgangskode"])]

    def __str__(self):
        omfang = self.enhet.navn if self.enhet_id else _("alle enheter")
        return f"{self.person}: {self.tilgangskode_id} ({omfang})"


class Endringslogg(models.Model):
    """One audited change (Noark 5 endringslogg): who, when, what, before → after.

    The entry carries the access code and unit of the object at the time, so that the log
    itself is filtered by the same access rules as the object it describes.
    """

    tidspunkt = models.DateTimeField(_("tidspunkt"), default=timezone.now, db_index=True)
    aktor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("endret av"),
    )
    aktor_navn = models.CharField(_("endret av (navn)"), max_length=200, blank=True)
    handling = models.CharField(_("handling"), max_length=40)
    beskrivelse = models.CharField(_("beskrivelse"), max_length=500, blank=True)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, verbose_name=_("objekttype")
    )
    objekt_id = models.CharField(_("objekt-id"), max_length=64)
    objekt_tekst = models.CharField(_("objekt"), max_length=300, blank=True)
    endringer = models.JSONField(_("endringer"), default=dict, blank=True)
    request_id = models.CharField(_("forespørsels-id"), max_length=64, blank=True)
    tilgangskode = models.ForeignKey(
        Tilgangskode,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tilgangskode"),
    )
    enhet = models.ForeignKey(
        AdministrativEnhet,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("enhet"),
    )

    objects = RestrictedQuerySet.as_manager()
    access_policy = AccessPolicy(code="tilgangskode", unit="enhet")

    class Meta:
        verbose_name = _("endringslogg")
        verbose_name_plural = _("endringslogg")
        ordering = ["-tidspunkt", "-id"]
        indexes = [
            models.Index(fields=["content_type", "objekt_id", "-tidspunkt"]),
            models.Index(fields=["aktor", "-tidspunkt"]),
        ]

    def __str__(self):
        tidspunkt = timezone.localtime(self.tidspunkt)  # Oslo time, as on every page
        return f"{tidspunkt:%d.%m.%Y %H:%M} {self.aktor_navn}: {self.handling}"


# --- Scheduled jobs: runs, outbox and stored reports (saksarkiv.jobber) ---------------------
# A job claims its period with one unique row, so a rerun is a no-op; e-mails go through an
# outbox with a unique key, so a rerun after a crash fills the gaps and never sends twice;
# reports are stored once per (type, period, unit).


class Jobbkjoring(models.Model):
    """One run of a scheduled job for one period ("daglig" / "2026-11-23")."""

    jobb = models.CharField(_("jobb"), max_length=40)
    periode = models.CharField(_("periode"), max_length=20)
    startet = models.DateTimeField(_("startet"), default=timezone.now)
    fullfort = models.DateTimeField(_("fullført"), null=True, blank=True)
    forsok = models.PositiveSmallIntegerField(_("antall kjøringer"), default=0)
    resultat = models.JSONField(_("resultat"), default=dict, blank=True)

    class Meta:
        verbose_name = _("jobbkjøring")
        verbose_name_plural = _("jobbkjøringer")
        ordering = ["-startet"]
        constraints = [
            models.UniqueConstraint(fields=["jobb", "periode"], name="jobbkjoring_unik_periode")
        ]

    def __str__(self):
        return f"{self.jobb} {self.periode}"


class Utsending(models.Model):
    """An e-mail in the outbox. `nokkel` says what it is for ("daglig:2026-11-23:17"), so
    the same mail is queued once however often its job runs."""

    nokkel = models.CharField(_("nøkkel"), max_length=200, unique=True)
    mottaker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mottaker"),
    )
    til = models.EmailField(_("til (e-post)"))
    emne = models.CharField(_("emne"), max_length=200)
    tekst = models.TextField(_("tekst"))
    html = models.TextField(_("HTML"), blank=True)
    opprettet = models.DateTimeField(_("opprettet"), default=timezone.now)
    sendt = models.DateTimeField(_("sendt"), null=True, blank=True)
    forsok = models.PositiveSmallIntegerField(_("forsøk"), default=0)
    feil = models.CharField(_("siste feil"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("utsending")
        verbose_name_plural = _("utsendinger")
        ordering = ["-opprettet", "-id"]
        indexes = [
            # The sender loop reads only unsent rows: a small partial index.
            models.Index(fields=["id"], name="utsending_usendt", condition=Q(sendt__isnull=True))
        ]

    def __str__(self):
        return self.nokkel


def rapport_path(instance, filename: str) -> str:
    return f"rapporter/{instance.type}/{instance.periode}/{filename}"


class RapportQuerySet(models.QuerySet):
    def readable_by(self, user) -> "RapportQuerySet":
        """The reports `user` may open, decided by the chokepoint (access.rapportomfang):
        archive and the chief executive all, leaders those of the units they lead."""
        from . import access

        omfang = access.rapportomfang(user, "enhet__")
        return self.none() if omfang is None else self.filter(omfang)


class Rapport(models.Model):
    """A report stored by a job, e.g. the quarterly restanse list of one unit (PDF).

    Stored reports are rendered for a viewer without clearance (screened titles and
    names), so archive and the unit's leader chain can all open the same file."""

    class Type(models.TextChoices):
        RESTANSELISTE = "restanseliste", _("Restanseliste")

    type = models.CharField(_("type"), max_length=30, choices=Type.choices)
    periode = models.CharField(_("periode"), max_length=20)
    enhet = models.ForeignKey(
        AdministrativEnhet,
        on_delete=models.PROTECT,
        related_name="rapporter",
        verbose_name=_("enhet"),
    )
    fil = models.FileField(_("fil"), upload_to=rapport_path, max_length=300)
    antall = models.PositiveIntegerField(_("antall rader"), default=0)
    opprettet = models.DateTimeField(_("opprettet"), default=timezone.now)

    objects = RapportQuerySet.as_manager()

    class Meta:
        verbose_name = _("rapport")
        verbose_name_plural = _("rapporter")
        ordering = ["-periode", "enhet__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["type", "periode", "enhet"], name="rapport_unik_per_enhet"
            )
        ]

    def __str__(self):
        return f"{self.get_type_display()} {self.periode} – {self.enhet.navn}"


# --- Number series -------------------------------------------------------------------------


class Nummerteller(models.Model):
    """The last number handed out in a series per year (the journal's "sak" and
    "journalpost", later a committee's meeting numbers).

    Allocated with one INSERT … ON CONFLICT DO UPDATE … RETURNING late in the registering
    transaction (saksarkiv.nummer.neste_nummer), so numbers are unique and gap-free: a rolled-back
    registration rolls its increment back too.
    """

    serie = models.CharField(_("serie"), max_length=20)
    aar = models.PositiveSmallIntegerField(_("år"))
    siste = models.PositiveIntegerField(_("siste nummer"))

    class Meta:
        verbose_name = _("nummerteller")
        verbose_name_plural = _("nummertellere")
        constraints = [
            models.UniqueConstraint(
                fields=["serie", "aar"], name="saksarkiv_nummerteller_serie_aar"
            )
        ]

    def __str__(self):
        return f"{self.serie} {self.aar}: {self.siste}"


# --- Abstract bases for the apps' archival records ------------------------------------------


class Arkivobjekt(models.Model):
    """An archival record (Noark 5): it keeps its own systemID, so that an export can name
    it and an import can keep the identifier it brings in."""

    systemid = models.UUIDField(_("systemID"), default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        abstract = True


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

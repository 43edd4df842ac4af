"""Journal post (Noark 5 journalpost), its correspondents, write-offs and documents."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from saksarkiv.access import AccessPolicy, RestrictedQuerySet
from saksarkiv.models import Arkivobjekt, Skjermbar, aapen_tittel

from .codes import (
    Avskrivningsmaate,
    Behandlingsstatus,
    Ekspedisjonsmaate,
    Journalposttype,
    Journalstatus,
    Kodenavn,
    Korrespondanseparttype,
    TilknyttetRegistreringSom,
)
from .saksmappe import Saksmappe, case_grant


def til_journalforing() -> Q:
    """Posts finished by the caseworker that archive checks and journalises (J): received
    posts controlled (S), sent letters and notes (E), X notes and final committee drafts
    finished (F). The worklist «Til journalføring» and its partial index share this Q, so
    that PostgreSQL sees the index holds exactly the list."""
    return (
        Q(journalposttype="I", journalstatus="S")
        | Q(journalposttype__in=["U", "N"], journalstatus="E")
        | Q(journalposttype="X", journalstatus="F")
        | Q(journalposttype="S", journalstatus="F", behandlingsstatus="KL")
    )


def _saksansvarlig(user) -> Exists:
    """The user is responsible for the post's case. A correlated EXISTS rather than a join:
    it is only evaluated for the restricted rows that reach it (the access rule first asks
    whether the post has a code at all), and a count or search over thousands of posts does
    not have to join every one of them to its case."""
    return Exists(Saksmappe.objects.filter(pk=OuterRef("saksmappe_id"), saksansvarlig=user))


def _internal_recipient(user, post_ref: str = "pk") -> Q:
    """Internal recipients and copy recipients of a post, and the leader it waits on."""
    from .flyt import Godkjenning

    internal = Korrespondansepart.objects.filter(
        journalpost=OuterRef(post_ref),
        person=user,
        korrespondanseparttype__in=[
            Korrespondanseparttype.INTERN_MOTTAKER,
            Korrespondanseparttype.INTERN_KOPIMOTTAKER,
        ],
    )
    approver = Godkjenning.objects.filter(journalpost=OuterRef(post_ref), sendt_til=user)
    return Q(Exists(internal)) | Q(Exists(approver))


class Journalpost(Skjermbar, Arkivobjekt):
    saksmappe = models.ForeignKey(
        Saksmappe, on_delete=models.PROTECT, related_name="journalposter", verbose_name=_("sak")
    )
    journalaar = models.PositiveSmallIntegerField(_("journalår"))
    journalsekvensnummer = models.PositiveIntegerField(_("journalsekvensnummer"))
    dokumentnummer = models.PositiveIntegerField(
        _("dokumentnummer"), help_text=_("Løpenummer i saken: 2025/1234-5.")
    )
    journalposttype = models.CharField(
        _("journalposttype"), max_length=1, choices=Journalposttype.choices
    )
    journalstatus = models.CharField(
        _("journalstatus"), max_length=1, choices=Journalstatus.choices
    )
    behandlingsstatus = models.CharField(
        _("behandlingsstatus"),
        max_length=2,
        choices=Behandlingsstatus.choices,
        blank=True,
        help_text=_("Bare for saksframlegg (S)."),
    )
    dokumentdato = models.DateField(_("dokumentdato"), null=True, blank=True)
    journaldato = models.DateField(_("journaldato"))
    forfallsdato = models.DateField(_("forfallsdato"), null=True, blank=True)
    saksbehandler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="journalposter",
        verbose_name=_("saksbehandler"),
    )
    administrativ_enhet = models.ForeignKey(
        "saksarkiv.AdministrativEnhet",
        on_delete=models.PROTECT,
        related_name="journalposter",
        verbose_name=_("administrativ enhet"),
    )
    skjerm_korrespondanseparter = models.BooleanField(_("skjerm avsender/mottaker"), default=False)
    skjerm_dokumenter = models.BooleanField(_("skjerm dokumentene"), default=True)
    ekspedisjonsmaate = models.CharField(
        _("ekspedisjonsmåte"), max_length=10, choices=Ekspedisjonsmaate.choices, blank=True
    )
    besvarer = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="svar",
        verbose_name=_("besvarer journalpost"),
    )
    avskriv_ved_ferdigstilling = models.BooleanField(
        _("avskriv når svaret er ferdig"),
        default=False,
        help_text=_("«Besvar og avskriv»: den besvarte posten avskrives når svaret er ferdig."),
    )
    ekspedert_dato = models.DateField(_("ekspedert dato"), null=True, blank=True)
    # The date of the final write-off (not `***`), kept on the post by the write-off services
    # so that «still open» is a column the restanse indexes can hold (DOMAIN.md §6).
    avskrevet_dato = models.DateField(_("endelig avskrevet"), null=True, blank=True, editable=False)
    opprettet = models.DateTimeField(_("opprettet"), auto_now_add=True)
    opprettet_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("registrert av"),
    )

    journalposttype_navn = Kodenavn("journalposttype", Journalposttype.choices)
    journalstatus_navn = Kodenavn("journalstatus", Journalstatus.choices)

    objects = RestrictedQuerySet.as_manager()
    # Grants on the case reach its posts.
    access_policy = AccessPolicy(
        code="tilgangskode",
        unit="administrativ_enhet",
        grants=(case_grant("saksmappe"),),
        # The post's caseworker and the case's responsible caseworker always read it, and
        # so do its internal recipients (kopiboks) and the leader it is sent to for approval.
        extra=(
            lambda user: Q(saksbehandler=user) | Q(_saksansvarlig(user)),
            lambda user: _internal_recipient(user),
        ),
    )

    class Meta:
        verbose_name = _("journalpost")
        verbose_name_plural = _("journalposter")
        ordering = ["-journalaar", "-journalsekvensnummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["journalaar", "journalsekvensnummer"], name="journalpost_unikt_nummer"
            ),
            models.UniqueConstraint(
                fields=["saksmappe", "dokumentnummer"], name="journalpost_unikt_dokumentnummer"
            ),
            models.CheckConstraint(
                condition=Q(behandlingsstatus="") | Q(journalposttype="S"),
                name="journalpost_behandlingsstatus_bare_for_s",
            ),
            aapen_tittel("journalpost_aapen_tittel"),
        ]
        indexes = [
            models.Index(
                fields=["saksbehandler", "journalstatus"],
                name="jp_saksbehandler_aktive",
                condition=~Q(journalstatus__in=["J", "U"]),
            ),
            models.Index(
                fields=["administrativ_enhet", "journaldato"], name="jp_enhet_journaldato"
            ),
            # Archive's control lists (M, F/E to journalise) read the few posts not yet J.
            models.Index(
                fields=["journalstatus", "journaldato", "journalsekvensnummer"],
                name="jp_aktiv_status",
                condition=~Q(journalstatus__in=["J", "U"]),
            ),
            # Archive's «Til journalføring»: a few thousand posts, counted and listed by date.
            models.Index(
                fields=["journaldato", "journalsekvensnummer"],
                name="jp_til_journalforing",
                condition=til_journalforing(),
            ),
            # The public journal: journalised posts by day, in number order.
            models.Index(
                fields=["journaldato", "journalaar", "journalsekvensnummer"],
                name="jp_postliste",
                condition=Q(journalstatus="J"),
            ),
            # Open restanser (received, not finally written off: about 1 % of the posts).
            # Due lists and counts over units read them by due date ...
            models.Index(
                fields=["administrativ_enhet", "forfallsdato"],
                name="jp_restanse_forfall",
                condition=Q(
                    avskrevet_dato__isnull=True,
                    forfallsdato__isnull=False,
                    journalposttype__in=["I", "N"],
                ),
            ),
            # ... and a caseworker's innboks / restanser / mottatte by caseworker.
            models.Index(
                fields=["saksbehandler", "journaldato"],
                name="jp_restanse_sb",
                condition=Q(avskrevet_dato__isnull=True, journalposttype__in=["I", "N"]),
            ),
        ]

    def __str__(self):
        return f"Journalpost {self.journalpostnummer}"

    @property
    def journalpostnummer(self) -> str:
        return f"{self.journalaar}/{self.journalsekvensnummer:06d}"

    @property
    def saksdokumentnummer(self) -> str:
        return f"{self.saksmappe.saksnummer}-{self.dokumentnummer}"


class Korrespondansepart(Arkivobjekt):
    journalpost = models.ForeignKey(
        Journalpost,
        on_delete=models.CASCADE,
        related_name="korrespondanseparter",
        verbose_name=_("journalpost"),
    )
    korrespondanseparttype = models.CharField(
        _("type"), max_length=2, choices=Korrespondanseparttype.choices
    )
    navn = models.CharField(_("navn"), max_length=200)
    adresse = models.CharField(_("adresse"), max_length=200, blank=True)
    postnummer = models.CharField(_("postnummer"), max_length=10, blank=True)
    poststed = models.CharField(_("poststed"), max_length=60, blank=True)
    epost = models.EmailField(_("e-post"), blank=True)
    organisasjon = models.BooleanField(
        _("virksomhet"),
        default=False,
        help_text=_(
            "Avsender/mottaker er en virksomhet, ikke en privatperson. Navn på privatpersoner "
            "kan bare søkes fram i postlisten en begrenset tid."
        ),
    )
    enhet = models.ForeignKey(
        "saksarkiv.AdministrativEnhet",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("intern enhet"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("intern person"),
    )

    class Meta:
        verbose_name = _("korrespondansepart")
        verbose_name_plural = _("korrespondanseparter")
        ordering = ["id"]
        indexes = [
            # Internal recipients and copies of one person (innboks, restanser, kopiboks).
            models.Index(
                fields=["person", "korrespondanseparttype"],
                name="korrpart_person_type",
                condition=Q(person__isnull=False),
            ),
        ]

    def __str__(self):
        # Names can be screened: render them through the chokepoint, never via str().
        return f"{self.get_korrespondanseparttype_display()} på {self.journalpost}"


class Avskrivning(models.Model):
    """A write-off of a received post (I or N). `***` keeps it a restanse."""

    journalpost = models.ForeignKey(
        Journalpost,
        on_delete=models.PROTECT,
        related_name="avskrivninger",
        verbose_name=_("avskrevet journalpost"),
    )
    avskrivningsmaate = models.CharField(
        _("avskrivningsmåte"), max_length=3, choices=Avskrivningsmaate.choices
    )
    avskrivningsdato = models.DateField(_("avskrivningsdato"))
    avskrevet_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("avskrevet av"),
    )
    avskrives_av_journalpost = models.ForeignKey(
        Journalpost,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="avskriver",
        verbose_name=_("besvart med"),
    )
    merknad = models.CharField(_("merknad"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("avskrivning")
        verbose_name_plural = _("avskrivninger")
        ordering = ["avskrivningsdato", "id"]

    def __str__(self):
        return f"{self.avskrivningsmaate} {self.journalpost}"


def dokument_path(instance, filename: str) -> str:
    return f"dokumenter/{instance.journalpost.journalaar}/{instance.journalpost_id}/{filename}"


class Arkivstatus(models.TextChoices):
    """Where a document's archival copy (PDF/A-2b) stands (DOMAIN.md §5)."""

    VENTER = "venter", _("Venter på konvertering")
    KONVERTERT = "konvertert", _("Konvertert")
    FEILET = "feilet", _("Konvertering feilet")
    IKKE_NODVENDIG = "ikke_nodvendig", _("Ikke nødvendig (er PDF/A)")


class Dokument(Arkivobjekt):
    """A document on a post (Noark 5 dokumentbeskrivelse with its production and archival
    versions)."""

    journalpost = models.ForeignKey(
        Journalpost, on_delete=models.PROTECT, related_name="dokumenter"
    )
    tilknyttet_registrering_som = models.CharField(
        _("tilknyttet som"), max_length=1, choices=TilknyttetRegistreringSom.choices
    )
    dokumentnummer = models.PositiveSmallIntegerField(_("nummer"), default=1)
    tittel = models.CharField(_("tittel"), max_length=500)
    fil = models.FileField(_("fil"), upload_to=dokument_path, max_length=300)
    filnavn = models.CharField(_("filnavn"), max_length=255)
    mimetype = models.CharField(_("format"), max_length=100)
    storrelse = models.PositiveBigIntegerField(_("størrelse (byte)"))
    sjekksum = models.CharField(_("SHA-256"), max_length=64)
    arkivformat = models.FileField(
        _("arkivformat (PDF/A)"), upload_to=dokument_path, max_length=300, blank=True
    )
    arkivformat_sjekksum = models.CharField(_("SHA-256 arkivformat"), max_length=64, blank=True)
    # The archival copy (journal.services.arkivkopi): the original's format identified from
    # its content (PRONOM), and how, when and with what the copy was made.
    format_puid = models.CharField(_("format (PRONOM)"), max_length=32, blank=True)
    format_navn = models.CharField(_("formatnavn"), max_length=200, blank=True)
    arkivformat_puid = models.CharField(_("arkivformat (PRONOM)"), max_length=32, blank=True)
    arkivstatus = models.CharField(
        _("arkivformatstatus"),
        max_length=16,
        choices=Arkivstatus.choices,
        default=Arkivstatus.VENTER,
    )
    konvertert_med = models.CharField(_("konvertert med"), max_length=200, blank=True)
    konvertert = models.DateTimeField(_("konvertert"), null=True, blank=True)
    konvertering_feil = models.TextField(_("feilmelding fra konverteringen"), blank=True)
    konvertering_forsok = models.PositiveSmallIntegerField(_("konverteringsforsøk"), default=0)
    # Set while a run converts the document, so that two runs cannot both take it.
    konvertering_startet = models.DateTimeField(null=True, blank=True, editable=False)
    # The text of the PDF/A (archival copy, or the original when it is PDF/A), for «Søk også
    # i dokumentinnhold» (journal.search.innhold_treff). Searched only where the user may
    # read the document; on PostgreSQL served by the full-text GIN index of migration
    # journal.0020_dokument_innhold.
    innhold = models.TextField(_("tekstinnhold"), blank=True, editable=False)
    opprettet = models.DateTimeField(_("opprettet"), auto_now_add=True)
    opprettet_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = RestrictedQuerySet.as_manager()
    # A document is as restricted as its post; grants on the case reach it.
    access_policy = AccessPolicy(
        code="journalpost__tilgangskode",
        unit="journalpost__administrativ_enhet",
        grants=(case_grant("journalpost__saksmappe"),),
        # Whoever reads the post's content reads its documents.
        extra=(
            lambda user: (
                Q(journalpost__saksbehandler=user) | Q(journalpost__saksmappe__saksansvarlig=user)
            ),
            lambda user: _internal_recipient(user, "journalpost"),
        ),
    )

    class Meta:
        verbose_name = _("dokument")
        verbose_name_plural = _("dokumenter")
        ordering = ["tilknyttet_registrering_som", "dokumentnummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["journalpost", "dokumentnummer"], name="dokument_unikt_nummer"
            )
        ]
        indexes = [
            # The conversion job and the «Arkivformat feilet» list read the open ones only.
            models.Index(
                fields=["arkivstatus"],
                name="dok_arkivformat_aapne",
                condition=Q(arkivstatus__in=["venter", "feilet"]),
            )
        ]

    def __str__(self):
        return f"Dokument {self.dokumentnummer} på {self.journalpost}"

"""Committees (utvalg) and which committee treats a committee draft (Behandling). A draft is
a journal post of type S (journal); this app builds on it, the journal knows nothing of
committees. Meetings, members and queues build on these."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from saksarkiv.models import Arkivobjekt


class Utvalgstype(models.TextChoices):
    KOMMUNESTYRE = "KS", _("Kommunestyre")
    FORMANNSKAP = "FS", _("Formannskap")
    HOVEDUTVALG = "HU", _("Hovedutvalg")
    RAAD = "RD", _("Råd")
    ADMINISTRATIVT = "AD", _("Administrativt organ")
    DELEGERT = "DO", _("Delegert organ")


class Parti(models.Model):
    """A party or list elected members sit for (AP, H, SP …, or a local list)."""

    kode = models.CharField(_("kode"), max_length=20, unique=True)
    navn = models.CharField(_("navn"), max_length=200)

    class Meta:
        verbose_name = _("parti")
        verbose_name_plural = _("partier")
        ordering = ["navn"]

    def __str__(self):
        return f"{self.navn} ({self.kode})"


class Utvalg(models.Model):
    """A political committee or an administrative body that treats cases (DOMAIN.md §12)."""

    kode = models.CharField(_("kode"), max_length=20, unique=True, help_text=_("F.eks. KST, FSK."))
    navn = models.CharField(_("navn"), max_length=200)
    utvalgstype = models.CharField(
        _("type"), max_length=2, choices=Utvalgstype.choices, default=Utvalgstype.HOVEDUTVALG
    )
    periode_fra = models.DateField(_("periode fra"), null=True, blank=True)
    periode_til = models.DateField(_("periode til"), null=True, blank=True)
    sekretaer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sekretaer_for",
        verbose_name=_("møtesekretær"),
    )
    innkallingsfrist = models.PositiveSmallIntegerField(
        _("innkallingsfrist (dager)"),
        default=5,
        help_text=_("Innkallingen sendes så mange dager før møtet."),
    )
    aktiv = models.BooleanField(_("aktiv"), default=True)
    protokoll_av_leder = models.BooleanField(
        _("protokollen godkjennes av møteleder"),
        default=False,
        help_text=_("Utvalget har vedtatt at møteleder godkjenner protokollen."),
    )
    rekkefolge = models.PositiveSmallIntegerField(
        _("rekkefølge"), default=100, help_text=_("Rekkefølgen i behandlingskjeden.")
    )

    class Meta:
        verbose_name = _("utvalg")
        verbose_name_plural = _("utvalg")
        ordering = ["rekkefolge", "navn"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(periode_til__isnull=True)
                | models.Q(periode_fra__isnull=True)
                | models.Q(periode_til__gte=models.F("periode_fra")),
                name="utvalg_periode_i_rekkefolge",
                violation_error_code="periode",
                violation_error_message=_("Perioden kan ikke slutte før den begynner."),
            )
        ]

    def __str__(self):
        return f"{self.navn} ({self.kode})"


class Medlemsrolle(models.TextChoices):
    LEDER = "LE", _("Leder")
    NESTLEDER = "NL", _("Nestleder")
    MEDLEM = "ME", _("Medlem")
    VARAMEDLEM = "VA", _("Varamedlem")


class MedlemQuerySet(models.QuerySet):
    def gyldige(self, dag=None):
        """Members on `dag` (default today): from ≤ dag, and no end or end ≥ dag."""
        dag = dag or timezone.localdate()
        return self.filter(fra__lte=dag).filter(models.Q(til__isnull=True) | models.Q(til__gte=dag))


class Medlem(models.Model):
    """A seat in a committee: who, in which role, for which party, from when to when.
    Substitutes (varamedlemmer) are called in their order within their party."""

    utvalg = models.ForeignKey(
        Utvalg, on_delete=models.PROTECT, related_name="medlemmer", verbose_name=_("utvalg")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="verv",
        verbose_name=_("person"),
    )
    rolle = models.CharField(_("rolle"), max_length=2, choices=Medlemsrolle.choices)
    parti = models.ForeignKey(
        Parti,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="medlemmer",
        verbose_name=_("parti"),
    )
    vararekkefolge = models.PositiveSmallIntegerField(
        _("vararekkefølge"), null=True, blank=True, help_text=_("For varamedlemmer: 1, 2, 3 …")
    )
    fra = models.DateField(_("fra"))
    til = models.DateField(_("til"), null=True, blank=True)

    objects = MedlemQuerySet.as_manager()

    class Meta:
        verbose_name = _("medlem")
        verbose_name_plural = _("medlemmer")
        ordering = ["utvalg", "rolle", "parti__navn", "vararekkefolge", "person__last_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(til__isnull=True) | models.Q(til__gte=models.F("fra")),
                name="medlem_til_etter_fra",
                violation_error_message=_("Vervet kan ikke slutte før det begynner."),
            )
        ]

    def __str__(self):
        return f"{self.person} – {self.get_rolle_display()} i {self.utvalg.kode}"


class Sakstype(models.TextChoices):
    POLITISK = "PS", _("Politisk sak")
    DELEGERT = "DS", _("Delegert sak")
    REFERAT = "RS", _("Referatsak")


class Behandling(models.Model):
    """A committee's treatment of a journal post (DOMAIN.md §12): a committee draft (PS, an S
    post), a delegated decision to be reported (DS, a U post) or a post referred for
    information (RS, any post). One draft may go to several committees in order (e.g.
    Formannskapet → Kommunestyret). An access code here protects the decision in the public
    minutes; the post's own code leaves the whole draft out of the public notice."""

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
    tilgangskode = models.ForeignKey(
        "saksarkiv.Tilgangskode",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tilgangskode for vedtaket"),
    )
    skjermingshjemmel = models.CharField(_("skjermingshjemmel"), max_length=200, blank=True)
    meldt_opp = models.DateTimeField(_("meldt opp"), default=timezone.now)
    meldt_opp_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("meldt opp av"),
    )
    # A delegated decision is reported when its caseworker says so (behandlingsstatus KL in
    # the seeds): from then it waits in the committee's queue.
    klar = models.DateTimeField(_("klar til referering"), null=True, blank=True)
    # Leaders and the chief executive plan approved drafts for a coming meeting (seed 002),
    # so that the secretary sees what is planned but not ready, and ready but not planned.
    planlagt_mote = models.DateField(_("planlagt møtedato"), null=True, blank=True)
    planlagt_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("planlagt av"),
    )

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


# --- Documents written in the browser (issue 16, items 2–3) ---------------------------------


class Maltype(models.TextChoices):
    SAKSFRAMLEGG = "SF", _("Saksframlegg (politisk sak)")
    DELEGERT = "DV", _("Delegert vedtak")
    PARTSBREV = "PB", _("Partsbrev")
    SAKSUTSKRIFT = "SU", _("Saksutskrift")


class Dokumentmal(models.Model):
    """A document template kept by archive and the secretariat: the head and foot of the
    document with merge fields ([[saksnummer]], [[parter]] …) and the starting text of each
    section. HTML is cleaned (saksarkiv.riktekst) when it is saved."""

    navn = models.CharField(_("navn"), max_length=200)
    maltype = models.CharField(_("type"), max_length=2, choices=Maltype.choices)
    aktiv = models.BooleanField(_("aktiv"), default=True)
    topp = models.TextField(_("topp"), blank=True, help_text=_("Overskrift og saksdata."))
    saksopplysninger = models.TextField(_("saksopplysninger"), blank=True)
    vurdering = models.TextField(_("vurdering"), blank=True)
    innstilling = models.TextField(_("innstilling / vedtak"), blank=True)
    brevtekst = models.TextField(_("brevtekst"), blank=True)
    bunn = models.TextField(_("bunn"), blank=True, help_text=_("Underskrift og avslutning."))
    endret = models.DateTimeField(_("endret"), auto_now=True)

    class Meta:
        verbose_name = _("dokumentmal")
        verbose_name_plural = _("dokumentmaler")
        ordering = ["maltype", "navn"]

    def __str__(self):
        return f"{self.navn} ({self.get_maltype_display()})"


class Tekstdokument(models.Model):
    """A journal post's document written in the browser from a template: a committee draft
    (saksframlegg), a delegated decision or a letter to the parties. The recommendation
    (innstilling / forslag til vedtak) is its own field: the minutes and the follow-up read
    it. When the post is finished (F) the rendered PDF/A becomes its main document and the
    text is frozen until the approval chain sends it back."""

    journalpost = models.OneToOneField(
        "journal.Journalpost", on_delete=models.PROTECT, related_name="tekstdokument"
    )
    mal = models.ForeignKey(
        Dokumentmal, on_delete=models.PROTECT, related_name="+", verbose_name=_("mal")
    )
    saksopplysninger = models.TextField(_("saksopplysninger"), blank=True)
    vurdering = models.TextField(_("vurdering"), blank=True)
    innstilling = models.TextField(_("innstilling / forslag til vedtak"), blank=True)
    brevtekst = models.TextField(_("brevtekst"), blank=True)
    vedlegg = models.TextField(
        _("vedlegg"), blank=True, help_text=_("Ett vedlegg per linje, slik de skal listes.")
    )
    versjon = models.PositiveIntegerField(_("versjon"), default=1)
    endret = models.DateTimeField(_("endret"), default=timezone.now)
    endret_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The main document made from this text the last time the post was finished.
    dokument = models.ForeignKey(
        "journal.Dokument", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("tekstdokument")
        verbose_name_plural = _("tekstdokumenter")

    def __str__(self):
        return f"Tekst til journalpost {self.journalpost_id}"


# --- Meetings (issue 17) ----------------------------------------------------------------------


class Motestatus(models.TextChoices):
    PLANLAGT = "P", _("Planlagt")
    INNKALT = "I", _("Innkalt")
    GJENNOMFORT = "G", _("Gjennomført")
    PROTOKOLL_GODKJENT = "PG", _("Protokoll godkjent")
    AVLYST = "A", _("Avlyst")


class Mote(Arkivobjekt):
    """A committee meeting in the meeting plan (DOMAIN.md §12): when and where, and how far
    it has come. The secretary keeps the plan current; moving or cancelling a meeting tells
    its members."""

    utvalg = models.ForeignKey(
        Utvalg, on_delete=models.PROTECT, related_name="moter", verbose_name=_("utvalg")
    )
    dato = models.DateField(_("dato"))
    klokkeslett = models.TimeField(_("klokkeslett"))
    sted = models.CharField(_("sted"), max_length=200)
    status = models.CharField(
        _("status"), max_length=2, choices=Motestatus.choices, default=Motestatus.PLANLAGT
    )
    merknad = models.CharField(
        _("merknad"),
        max_length=500,
        blank=True,
        help_text=_("Hvorfor møtet er flyttet eller avlyst."),
    )
    # Counts the changes members were told of, so that each notice has its own outbox key.
    endringer = models.PositiveIntegerField(_("endringer"), default=0)
    # The minutes' approval (issue 18 item 7): when, by whom it was registered, and how —
    # «Godkjent i møte 12.02.2027, PS 1/27» or «Godkjent av møteleder etter fullmakt».
    protokoll_godkjent = models.DateTimeField(_("protokoll godkjent"), null=True, blank=True)
    protokoll_godkjent_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    protokoll_godkjenning = models.CharField(_("godkjenning"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("møte")
        verbose_name_plural = _("møter")
        ordering = ["dato", "klokkeslett"]
        constraints = [
            models.UniqueConstraint(
                fields=["utvalg", "dato", "klokkeslett"],
                name="mote_unikt_tidspunkt",
                violation_error_message=_("Utvalget har allerede et møte på dette tidspunktet."),
            )
        ]
        indexes = [models.Index(fields=["utvalg", "dato"], name="mote_utvalg_dato")]

    def __str__(self):
        return f"{self.utvalg.navn} {self.dato:%d.%m.%Y}"


# --- The agenda (sakskart, issue 17 item 3) --------------------------------------------------


class Fastsak(models.TextChoices):
    """Standing items every ordinary meeting opens with."""

    INNKALLING = "IS", _("Godkjenning av innkalling og saksliste")
    PROTOKOLL = "PR", _("Godkjenning av protokoll fra forrige møte")


class Behandlingsresultat(models.TextChoices):
    VEDTATT = "VS", _("Vedtatt som innstilt")
    ENDRET = "VE", _("Vedtatt med endringer")
    UTSATT = "UT", _("Utsatt")
    TILBAKE = "ST", _("Sendt tilbake")


class Sakskartpunkt(models.Model):
    """One item on a meeting's agenda: a treatment from the committee's queue (PS, RS, DS)
    or a standing item. Items get their number (PS 12/26) per committee, case kind and
    year when the agenda is numbered — from a locked counter, so numbers are unique and
    without gaps however many secretaries work at once. A numbered item is never removed:
    it is withdrawn (trukket) and keeps its number; an unnumbered one simply leaves the
    agenda and its treatment goes back to the queue."""

    mote = models.ForeignKey(
        Mote, on_delete=models.PROTECT, related_name="sakskart", verbose_name=_("møte")
    )
    # The meeting's committee, kept here so that the database holds numbers unique.
    utvalg = models.ForeignKey(Utvalg, on_delete=models.PROTECT, related_name="+")
    behandling = models.ForeignKey(
        Behandling,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sakskartpunkter",
        verbose_name=_("behandling"),
    )
    fast = models.CharField(_("fast sak"), max_length=2, choices=Fastsak.choices, blank=True)
    sakstype = models.CharField(_("sakstype"), max_length=2, choices=Sakstype.choices)
    rekkefolge = models.PositiveIntegerField(_("rekkefølge"))
    aar = models.PositiveSmallIntegerField(_("år"), null=True, blank=True)
    nummer = models.PositiveIntegerField(_("saksnummer i utvalget"), null=True, blank=True)
    # Put on the agenda after the notice was published: it goes on a supplementary notice.
    tillegg = models.BooleanField(_("tilleggssak"), default=False)
    # Which notice first carried it: 0 the notice, 1, 2 … the supplementary notices.
    innkalling = models.PositiveSmallIntegerField(_("innkalling"), null=True, blank=True)
    trukket = models.DateTimeField(_("trukket"), null=True, blank=True)
    merknad = models.CharField(_("merknad"), max_length=500, blank=True)
    # The treatment in the meeting (issue 18): closed doors and their legal basis, the
    # result and the decision.
    lukket = models.BooleanField(_("behandlet for lukkede dører"), default=False)
    lukket_hjemmel = models.CharField(_("hjemmel for lukking"), max_length=300, blank=True)
    resultat = models.CharField(
        _("resultat"), max_length=2, choices=Behandlingsresultat.choices, blank=True
    )
    vedtak = models.TextField(_("vedtak"), blank=True)
    behandlet = models.DateTimeField(_("behandlet"), null=True, blank=True)
    # The order the meeting took the items in, when it changed it (kept for the minutes).
    behandlingsrekkefolge = models.PositiveIntegerField(
        _("rekkefølge i møtet"), null=True, blank=True
    )
    # Back to the case (issue 18 item 8): the caseworker's extract of the treatment and
    # when they marked the decision expedited.
    saksutskrift = models.ForeignKey(
        "journal.Journalpost", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("saksutskrift"),
    )  # fmt: skip
    ekspedert = models.DateTimeField(_("ekspedert"), null=True, blank=True)
    ekspedert_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    lagt_til = models.DateTimeField(_("lagt til"), default=timezone.now)
    lagt_til_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("sak på sakskartet")
        verbose_name_plural = _("sakskart")
        ordering = ["mote", "rekkefolge", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["utvalg", "aar", "sakstype", "nummer"],
                condition=models.Q(nummer__isnull=False),
                name="sakskart_unikt_nummer",
            ),
            models.UniqueConstraint(
                fields=["behandling"],
                condition=models.Q(behandling__isnull=False, trukket__isnull=True)
                & ~models.Q(resultat="UT"),
                name="sakskart_behandling_en_gang",
                violation_error_message=_("Saken står allerede på et sakskart."),
            ),
            models.UniqueConstraint(
                fields=["mote", "fast"],
                condition=~models.Q(fast=""),
                name="sakskart_fast_sak_en_gang",
            ),
            models.CheckConstraint(
                condition=models.Q(behandling__isnull=True, sakstype=Sakstype.POLITISK)
                & ~models.Q(fast="")
                | models.Q(behandling__isnull=False, fast=""),
                name="sakskart_fast_eller_behandling",
            ),
            models.CheckConstraint(
                condition=models.Q(nummer__isnull=True) | models.Q(aar__isnull=False),
                name="sakskart_nummer_har_aar",
            ),
        ]

    def __str__(self):
        return f"{self.saksnummer or self.sakstype} i {self.mote}"

    @property
    def saksnummer(self) -> str:
        """«PS 12/26», or "" before the agenda is numbered."""
        if self.nummer is None:
            return ""
        return f"{self.sakstype} {self.nummer}/{self.aar % 100:02d}"


class Motesak(models.Model):
    """The case that holds a committee's meeting documents for one year (notices, public
    notices, minutes), made the first time one is published."""

    utvalg = models.ForeignKey(Utvalg, on_delete=models.PROTECT, related_name="motesaker")
    aar = models.PositiveSmallIntegerField(_("år"))
    saksmappe = models.OneToOneField(
        "journal.Saksmappe", on_delete=models.PROTECT, related_name="motesak"
    )

    class Meta:
        verbose_name = _("møtesak")
        verbose_name_plural = _("møtesaker")
        constraints = [models.UniqueConstraint(fields=["utvalg", "aar"], name="motesak_en_per_aar")]

    def __str__(self):
        return f"Møtesak {self.utvalg.kode} {self.aar}"


class Motedokumenttype(models.TextChoices):
    INNKALLING = "MI", _("Møteinnkalling")
    OFFENTLIG_INNKALLING = "OI", _("Offentlig møteinnkalling")
    PROTOKOLL = "MP", _("Møteprotokoll")
    OFFENTLIG_PROTOKOLL = "OP", _("Offentlig møteprotokoll")
    VEDTAKSLISTE = "VL", _("Vedtaksliste")


class Motedokument(models.Model):
    """A published meeting document: a journal post in the committee's meeting case whose
    main document is the generated PDF/A. `nummer` 0 is the notice, 1, 2 … supplementary
    notices. The member version of a notice with exempt items has access code MU; the
    public one is made from the same data at the same time."""

    mote = models.ForeignKey(Mote, on_delete=models.PROTECT, related_name="dokumenter")
    type = models.CharField(_("type"), max_length=2, choices=Motedokumenttype.choices)
    nummer = models.PositiveSmallIntegerField(_("nummer"), default=0)
    journalpost = models.OneToOneField(
        "journal.Journalpost", on_delete=models.PROTECT, related_name="motedokument"
    )
    publisert = models.DateTimeField(_("publisert"), default=timezone.now)
    publisert_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sider = models.PositiveIntegerField(_("sider"), default=0)

    class Meta:
        verbose_name = _("møtedokument")
        verbose_name_plural = _("møtedokumenter")
        ordering = ["mote", "nummer", "type"]
        constraints = [
            models.UniqueConstraint(fields=["mote", "type", "nummer"], name="motedokument_unikt")
        ]

    def __str__(self):
        tillegg = f" (tillegg {self.nummer})" if self.nummer else ""
        return f"{self.get_type_display()}{tillegg} {self.mote}"


# --- The member portal (issue 17, item 5) -----------------------------------------------------


class Forfallsgrunn(models.TextChoices):
    """Lawful reasons for absence (gyldig forfall, kommuneloven § 8-1)."""

    SYKDOM = "SY", _("Sykdom")
    VELFERD = "VE", _("Viktige velferdsgrunner (f.eks. barns sykdom, begravelse)")
    ARBEID = "AR", _("Arbeid eller utdanning som ikke kan flyttes")
    REISE = "RE", _("Reise som ikke kan flyttes")
    ANNET = "AN", _("Annen tungtveiende grunn")


class Forfall(models.Model):
    """A member's reported absence from a meeting, and the substitute the secretary called
    in for the seat. The substitute then reads the meeting's papers as a member."""

    mote = models.ForeignKey(Mote, on_delete=models.PROTECT, related_name="forfall")
    medlem = models.ForeignKey(Medlem, on_delete=models.PROTECT, related_name="forfall")
    grunn = models.CharField(_("grunn"), max_length=2, choices=Forfallsgrunn.choices)
    merknad = models.CharField(_("merknad"), max_length=500, blank=True)
    meldt = models.DateTimeField(_("meldt"), default=timezone.now)
    meldt_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    vara = models.ForeignKey(
        Medlem, on_delete=models.PROTECT, null=True, blank=True, related_name="innkalt_for",
        verbose_name=_("innkalt vara"),
    )  # fmt: skip
    vara_innkalt = models.DateTimeField(_("vara innkalt"), null=True, blank=True)

    class Meta:
        verbose_name = _("forfall")
        verbose_name_plural = _("forfall")
        ordering = ["mote", "meldt"]
        constraints = [
            models.UniqueConstraint(
                fields=["mote", "medlem"],
                name="forfall_en_gang",
                violation_error_message=_("Forfallet er allerede meldt."),
            ),  # fmt: skip
            models.UniqueConstraint(
                fields=["mote", "vara"],
                condition=models.Q(vara__isnull=False),
                name="forfall_vara_en_gang",
            ),  # fmt: skip
        ]

    def __str__(self):
        return f"Forfall {self.medlem.person} {self.mote}"


class Notat(models.Model):
    """A member's private note on a case on an agenda: only its writer reads it."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    punkt = models.ForeignKey(Sakskartpunkt, on_delete=models.PROTECT, related_name="notater")
    tekst = models.TextField(_("notat"), max_length=5000)
    endret = models.DateTimeField(_("endret"), auto_now=True)

    class Meta:
        verbose_name = _("notat")
        verbose_name_plural = _("notater")
        constraints = [
            models.UniqueConstraint(fields=["person", "punkt"], name="notat_ett_per_sak")
        ]

    def __str__(self):
        return f"Notat {self.pk}"


# --- The meeting itself (issue 18) ------------------------------------------------------------


class Frammotestatus(models.TextChoices):
    MOTT = "M", _("Møtt")
    FORFALL = "F", _("Forfall")
    IKKE_MOTT = "I", _("Ikke møtt")


class Frammote(models.Model):
    """The roll call at the start of a meeting: one row per seat called — the members, and
    each substitute who met, with whom they met for."""

    mote = models.ForeignKey(Mote, on_delete=models.PROTECT, related_name="frammote")
    medlem = models.ForeignKey(Medlem, on_delete=models.PROTECT, related_name="frammote")
    status = models.CharField(_("status"), max_length=1, choices=Frammotestatus.choices)
    vara_for = models.ForeignKey(
        Medlem, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("møtte for"),
    )  # fmt: skip
    registrert = models.DateTimeField(_("registrert"), default=timezone.now)
    registrert_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("frammøte")
        verbose_name_plural = _("frammøte")
        constraints = [
            models.UniqueConstraint(fields=["mote", "medlem"], name="frammote_en_gang"),
            models.UniqueConstraint(
                fields=["mote", "vara_for"],
                condition=models.Q(vara_for__isnull=False),
                name="frammote_en_vara_per_medlem",
            ),  # fmt: skip
        ]

    def __str__(self):
        return f"{self.medlem.person} {self.get_status_display()} {self.mote}"


class Endringstype(models.TextChoices):
    KOM = "KO", _("Kom til møtet")
    GIKK = "GI", _("Fikk permisjon / gikk")
    INHABIL = "IH", _("Erklært inhabil")
    VARA_INN = "VI", _("Vara tiltrådte for saken")


class Frammoteendring(models.Model):
    """A change in who is present during the meeting, from one agenda item on: a late
    arrival or a leave (until further notice), or for that item only a member declared
    inhabil (with the legal basis and who decided) and the substitute who steps in."""

    mote = models.ForeignKey(Mote, on_delete=models.PROTECT, related_name="frammoteendringer")
    punkt = models.ForeignKey(Sakskartpunkt, on_delete=models.PROTECT, related_name="+")
    medlem = models.ForeignKey(Medlem, on_delete=models.PROTECT, related_name="+")
    type = models.CharField(_("type"), max_length=2, choices=Endringstype.choices)
    for_medlem = models.ForeignKey(
        Medlem, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("for"),
    )  # fmt: skip
    hjemmel = models.CharField(_("hjemmel"), max_length=200, blank=True)
    avgjort_av = models.CharField(_("avgjort av"), max_length=200, blank=True)
    merknad = models.CharField(_("merknad"), max_length=500, blank=True)
    registrert = models.DateTimeField(_("registrert"), default=timezone.now)
    registrert_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("endring i frammøtet")
        verbose_name_plural = _("endringer i frammøtet")
        ordering = ["mote", "registrert", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["punkt", "medlem", "type"], name="frammoteendring_en_gang"
            )
        ]

    def __str__(self):
        return f"{self.get_type_display()}: {self.medlem.person}"


class Forslagstype(models.TextChoices):
    INNSTILLING = "IN", _("Innstilling")
    ALTERNATIVT = "AL", _("Alternativt forslag")
    ENDRING = "EN", _("Endringsforslag")
    TILLEGG = "TI", _("Tilleggsforslag")


class Forslag(models.Model):
    """A proposal on an item: the recommendation (innstilling) from the draft, or one made in
    the meeting by one or more members or a party group, entered by the secretary on their
    behalf. It can be changed until it is voted on."""

    punkt = models.ForeignKey(Sakskartpunkt, on_delete=models.PROTECT, related_name="forslag")
    type = models.CharField(_("type"), max_length=2, choices=Forslagstype.choices)
    tekst = models.TextField(_("forslag"))
    fremmet_av = models.ManyToManyField(
        Medlem, blank=True, related_name="forslag", verbose_name=_("fremmet av")
    )
    parti = models.ForeignKey(
        Parti, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("på vegne av partigruppen"),
    )  # fmt: skip
    rekkefolge = models.PositiveSmallIntegerField(_("rekkefølge"), default=1)
    registrert = models.DateTimeField(_("registrert"), default=timezone.now)
    registrert_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("forslag")
        verbose_name_plural = _("forslag")
        ordering = ["punkt", "rekkefolge", "id"]

    def __str__(self):
        return f"{self.get_type_display()} i {self.punkt}"


class Stemmeresultat(models.TextChoices):
    VEDTATT = "V", _("Vedtatt")
    FALT = "F", _("Falt")
    UAVGJORT = "U", _("Uavgjort")


class Votering(models.Model):
    """One vote on an item, in its recorded order: a proposal put to the vote alone (for or
    against), or against another (alternative vote: «for» is for `forslag`, «mot» for
    `mot_forslag`). Open votes keep each present member's vote; a secret ballot (elections
    only) keeps the counts."""

    punkt = models.ForeignKey(Sakskartpunkt, on_delete=models.PROTECT, related_name="voteringer")
    rekkefolge = models.PositiveSmallIntegerField(_("rekkefølge"))
    forslag = models.ForeignKey(Forslag, on_delete=models.PROTECT, related_name="voteringer")
    mot_forslag = models.ForeignKey(
        Forslag, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("alternativ votering mot"),
    )  # fmt: skip
    valg = models.BooleanField(_("valg"), default=False)
    hemmelig = models.BooleanField(_("hemmelig"), default=False)
    for_antall = models.PositiveSmallIntegerField(_("for"), default=0)
    mot_antall = models.PositiveSmallIntegerField(_("mot"), default=0)
    blank_antall = models.PositiveSmallIntegerField(_("blanke"), default=0)
    resultat = models.CharField(_("resultat"), max_length=1, choices=Stemmeresultat.choices)
    dobbeltstemme = models.BooleanField(_("avgjort ved møteleders dobbeltstemme"), default=False)
    # The stock phrase as the secretary edited it for the minutes (blank: the generated one).
    tekst = models.CharField(_("protokolltekst"), max_length=1000, blank=True)
    registrert = models.DateTimeField(_("registrert"), default=timezone.now)
    registrert_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("votering")
        verbose_name_plural = _("voteringer")
        ordering = ["punkt", "rekkefolge"]
        constraints = [
            models.UniqueConstraint(fields=["punkt", "rekkefolge"], name="votering_rekkefolge"),
            models.CheckConstraint(
                condition=models.Q(hemmelig=False) | models.Q(valg=True),
                name="votering_hemmelig_bare_ved_valg",
            ),
        ]

    def __str__(self):
        return f"Votering {self.rekkefolge} i {self.punkt}"


class Stemmegivning(models.TextChoices):
    FOR = "F", _("For")
    MOT = "M", _("Mot")
    BLANK = "B", _("Blank")


class Stemme(models.Model):
    """A present member's vote in an open vote."""

    votering = models.ForeignKey(Votering, on_delete=models.PROTECT, related_name="stemmer")
    medlem = models.ForeignKey(Medlem, on_delete=models.PROTECT, related_name="stemmer")
    stemme = models.CharField(_("stemme"), max_length=1, choices=Stemmegivning.choices)

    class Meta:
        verbose_name = _("stemme")
        verbose_name_plural = _("stemmer")
        constraints = [
            models.UniqueConstraint(fields=["votering", "medlem"], name="stemme_en_per_medlem")
        ]

    def __str__(self):
        return f"{self.medlem.person}: {self.get_stemme_display()}"

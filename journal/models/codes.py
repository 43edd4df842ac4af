"""Noark 5 code lists used by the journal, stored as codes with Norwegian labels.

Where the municipal routines (DOMAIN.md) use a code the Noark 5 lists name differently, the
routine's code is stored and the export maps it: saksstatus X → «Unntatt prosesstyring»
(Noark P), avskrivningsmåte NN → «Besvart med notat» (Noark BN).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kodenavn:
    """`obj.<felt>_navn`: the label of a code field, as `get_<felt>_display()` gives it, from a
    dict made once. Django's method rebuilds and hashes the whole choice list on every call
    (≈ 50 µs), which list pages with 50 rows × several codes feel."""

    def __init__(self, felt: str, choices):
        self.felt = felt
        self.navn = dict(choices)

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        kode = getattr(obj, self.felt)
        return self.navn.get(kode, kode)


class Saksstatus(models.TextChoices):
    RESERVERT = "R", _("Reservert")
    UNDER_BEHANDLING = "B", _("Under behandling")
    AVSLUTTET = "A", _("Avsluttet")
    UTGAR = "U", _("Utgår")
    UNNTATT_PROSESSTYRING = "X", _("Unntatt prosesstyring")


class Journalposttype(models.TextChoices):
    INNGAENDE = "I", _("Inngående dokument")
    UTGAENDE = "U", _("Utgående dokument")
    NOTAT_MED_OPPFOLGING = "N", _("Organinternt dokument for oppfølging")
    NOTAT_UTEN_OPPFOLGING = "X", _("Organinternt dokument uten oppfølging")
    SAKSFRAMLEGG = "S", _("Saksframlegg")


class Journalstatus(models.TextChoices):
    MIDLERTIDIG = "M", _("Midlertidig registrering av innkommet dokument")
    REGISTRERT_AV_SB = "S", _("Saksbehandler har registrert innkommet dokument")
    RESERVERT = "R", _("Reservert dokument")
    FERDIGSTILT = "F", _("Ferdigstilt fra saksbehandler")
    GODKJENT = "G", _("Godkjent av leder")
    EKSPEDERT = "E", _("Ekspedert")
    JOURNALFORT = "J", _("Journalført")
    UTGAR = "U", _("Utgår")


class Behandlingsstatus(models.TextChoices):
    """The approval chain of a committee draft (saksframlegg), DOMAIN.md §9."""

    TIL_LEDER = "SU", _("Sendt til leder")
    GODKJENT_LEDER = "RE", _("Godkjent av leder, til rådmann")
    KLAR = "KL", _("Klar for utvalget")


class Avskrivningsmaate(models.TextChoices):
    TATT_TIL_ETTERRETNING = "TE", _("Tatt til etterretning")
    TATT_TIL_ORIENTERING = "TO", _("Tatt til orientering")
    TELEFON = "TLF", _("Besvart på telefon")
    EPOST = "BE", _("Besvart med e-post")
    BREV = "BU", _("Besvart med brev")
    NOTAT = "NN", _("Besvart med notat")
    FORELOPIG_SVAR = "***", _("Foreløpig svar sendt (fortsatt restanse)")


class Korrespondanseparttype(models.TextChoices):
    AVSENDER = "EA", _("Avsender")
    MOTTAKER = "EM", _("Mottaker")
    KOPIMOTTAKER = "EK", _("Kopimottaker")
    INTERN_AVSENDER = "IA", _("Intern avsender")
    INTERN_MOTTAKER = "IM", _("Intern mottaker")
    INTERN_KOPIMOTTAKER = "IK", _("Intern kopimottaker")


class Ekspedisjonsmaate(models.TextChoices):
    POST = "post", _("Post")
    EPOST = "epost", _("E-post")
    TELEFAKS = "telefaks", _("Telefaks")
    SVARUT = "svarut", _("SvarUt")
    PERSONLIG = "personlig", _("Levert personlig")


class TilknyttetRegistreringSom(models.TextChoices):
    HOVEDDOKUMENT = "H", _("Hoveddokument")
    VEDLEGG = "V", _("Vedlegg")


# Received posts that give a restanse (DOMAIN.md §6).
RESTANSETYPER = (Journalposttype.INNGAENDE, Journalposttype.NOTAT_MED_OPPFOLGING)
# Own documents: R → F → E → J (G in approval).
EGNE_TYPER = (
    Journalposttype.UTGAENDE,
    Journalposttype.NOTAT_MED_OPPFOLGING,
    Journalposttype.NOTAT_UTEN_OPPFOLGING,
    Journalposttype.SAKSFRAMLEGG,
)

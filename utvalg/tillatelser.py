"""The committees' rules on journal posts, added to the journal's rule set
(journal/services/tillatelser.py) when the app is ready: the journal knows no committee."""

from functools import cached_property

from journal.models import Behandlingsstatus as B
from journal.models import Journalposttype as T
from journal.models import Journalstatus as J
from journal.services import regler
from journal.services.tillatelser import JOURNALPOST, PostKontekst, aktor_avslag
from saksarkiv import access
from saksarkiv.models import Rolletype
from saksarkiv.tillatelser import Avslag, Kontekst, Regelsett, ingen_tilgang, nei


def _behandling(k: PostKontekst) -> Avslag | None:
    """The committees that treat a draft are chosen by its caseworker or archive: for a
    committee draft (PS) while it is a draft, for a delegated decision (DS, a U post) until
    it is reported. Removing and reordering them follows the same rule."""
    post = k.obj
    if post.journalposttype == T.SAKSFRAMLEGG:
        if post.journalstatus != J.RESERVERT:
            return nei("Behandlingen kan bare endres mens saksframlegget er et utkast.")
    elif post.journalposttype == T.UTGAENDE:
        if post.journalstatus == J.UTGAR:
            return nei("Journalposten er utgått.")
    else:
        return nei("Bare saksframlegg og delegerte vedtak (utgående) har behandling i utvalg.")
    return aktor_avslag(k.kinds, (regler.SAKSBEHANDLER, regler.ARKIV), "endre behandlingen")


def _meld_klar(k: PostKontekst) -> Avslag | None:
    """A delegated decision is marked ready to be reported by its caseworker or archive."""
    post = k.obj
    if post.journalposttype != T.UTGAENDE:
        return nei("Bare delegerte vedtak (utgående) meldes klar til referering.")
    if post.journalstatus == J.UTGAR:
        return nei("Journalposten er utgått.")
    return aktor_avslag(k.kinds, (regler.SAKSBEHANDLER, regler.ARKIV), "melde vedtaket klart")


def _referer(k: PostKontekst) -> Avslag | None:
    """«Referer i utvalg» (seed 003 §10.9.3): a leader or caseworker refers a post they may
    read to committees for information; archive may too."""
    post = k.obj
    if post.journalstatus == J.UTGAR:
        return nei("Journalposten er utgått.")
    if avslag := k.krev_innsyn("referere den i utvalg"):
        return avslag
    if not access.has_role(k.user, *REFERERENDE):
        return ingen_tilgang("Bare saksbehandlere, ledere og arkivet kan referere i utvalg.")
    return None


def _planlegg(k: PostKontekst) -> Avslag | None:
    """Leaders and the chief executive plan an approved committee draft for a meeting."""
    post = k.obj
    if post.journalposttype != T.SAKSFRAMLEGG:
        return nei("Bare saksframlegg planlegges til møter.")
    if post.journalstatus == J.UTGAR:
        return nei("Journalposten er utgått.")
    if post.behandlingsstatus not in (B.GODKJENT_LEDER, B.KLAR):
        return nei("Saksframlegget må være godkjent av leder før det planlegges til et møte.")
    return aktor_avslag(k.kinds, (regler.LEDER, regler.RADMANN), "planlegge saken til et møte")


def _skriv_tekst(k: PostKontekst) -> Avslag | None:
    """A committee draft, delegated decision or letter is written here by its caseworker
    (or archive) while it is a draft: after F the text is frozen until the chain sends it
    back."""
    post = k.obj
    if post.journalposttype not in (T.SAKSFRAMLEGG, T.UTGAENDE):
        return nei("Bare saksframlegg og utgående brev skrives her.")
    if post.journalstatus != J.RESERVERT:
        return nei("Teksten kan bare endres mens journalposten er et utkast (R).")
    if lukket := k.sak_lukket():
        return lukket
    if avslag := aktor_avslag(k.kinds, (regler.SAKSBEHANDLER, regler.ARKIV), "skrive teksten"):
        return avslag
    # The text is the post's content: writing it needs reading it (archive without the
    # clearance files the post but does not write its text).
    return k.krev_innsyn("skrive teksten")


def _les_tekst(k: PostKontekst) -> Avslag | None:
    """The written text and its preview are the post's content."""
    return k.krev_innsyn("lese teksten")


REFERERENDE = (
    Rolletype.SAKSBEHANDLER, Rolletype.LEDER, Rolletype.STEDFORTREDER, Rolletype.RADMANN,
    Rolletype.ARKIV, Rolletype.MOTESEKRETAER,
)  # fmt: skip


def registrer() -> None:
    for handling, regel in (
        ("behandling", _behandling),
        ("meld_klar", _meld_klar),
        ("referer", _referer),
        ("planlegg", _planlegg),
        ("skriv_tekst", _skriv_tekst),
        ("les_tekst", _les_tekst),
    ):
        if handling not in JOURNALPOST.regler:
            JOURNALPOST.legg_til(handling, regel)


# --- The committee register -----------------------------------------------------------------
# Committees, their members and parties are kept by the meeting secretaries (DOMAIN.md §1):
# anyone with the MS role, in any unit; they also work the committees' queues. Everyone
# logged in may read the register.
UTVALG = Regelsett("utvalg")


@UTVALG.regel("endre", "ny", "medlemmer", "koliste", "moter", "sakskart", "innkall")
def _sekretaer(k: Kontekst) -> Avslag | None:
    if access.has_role(k.user, Rolletype.MOTESEKRETAER):
        return None
    return ingen_tilgang("Utvalgsregisteret vedlikeholdes av møtesekretærene.")


def utvalg(user, obj=None):
    """What `user` may do with a committee (None: the register, for «ny»)."""
    return UTVALG.for_(user, obj)


# --- Back to the case (issue 18 item 8) -------------------------------------------------------
# A committee decision is expedited by the draft's caseworker (seed 003 §10.9.2), their
# leader or archive — each only when they may read the draft: the extract and the letter
# copy its content. The object is the agenda item (Sakskartpunkt) with its draft.


class VedtakKontekst(Kontekst):
    @cached_property
    def post(self):
        return self.obj.behandling.journalpost

    @cached_property
    def kinds(self) -> set[str]:
        return regler.post_actor_kinds(self.user, self.post)

    @cached_property
    def innsyn(self) -> bool:
        return access.can_read(self.user, self.post)

    def krev_innsyn(self, hva: str) -> Avslag | None:
        if self.innsyn:
            return None
        return ingen_tilgang(
            f"Du har ikke tilgang til innholdet i saksframlegget og kan ikke {hva}."
        )


VEDTAK = Regelsett("vedtaket", VedtakKontekst)
HOLDT = ("G", "PG")  # Motestatus.GJENNOMFORT, PROTOKOLL_GODKJENT


def _ekspedering(k: VedtakKontekst, hva: str) -> Avslag | None:
    punkt = k.obj
    if avslag := aktor_avslag(k.kinds, (regler.SAKSBEHANDLER, regler.LEDER, regler.ARKIV), hva):
        return avslag
    if avslag := k.krev_innsyn(hva):
        return avslag
    if punkt.behandling_id is None or punkt.sakstype != "PS":
        return nei("Bare vedtak i politiske saker ekspederes her.")
    if punkt.trukket or punkt.resultat not in ("VS", "VE"):
        return nei("Saken ble ikke vedtatt i møtet.")
    if punkt.mote.status not in HOLDT:
        return nei("Vedtaket ekspederes når møtet er avsluttet.")
    if punkt.ekspedert:
        return nei("Vedtaket er allerede ekspedert.")
    return None


def _i_saken(k: VedtakKontekst) -> Avslag | None:
    """The extract and the letter are registered in the case: its own rule applies."""
    from journal.services.tillatelser import saksmappe

    return saksmappe(k.user, k.post.saksmappe)["ny_journalpost"]


@VEDTAK.regel("saksutskrift")
def _saksutskrift(k: VedtakKontekst) -> Avslag | None:
    if avslag := _ekspedering(k, "lage saksutskrift"):
        return avslag
    if k.obj.saksutskrift_id:
        return nei("Saksutskriften er allerede laget.")
    return _i_saken(k)


@VEDTAK.regel("partsbrev")
def _partsbrev(k: VedtakKontekst) -> Avslag | None:
    return _ekspedering(k, "skrive partsbrev") or _i_saken(k)


@VEDTAK.regel("ekspeder")
def _ekspeder(k: VedtakKontekst) -> Avslag | None:
    return _ekspedering(k, "ekspedere vedtaket")


def vedtak(user, punkt):
    """What `user` may do to expedite the decision of an agenda item."""
    return VEDTAK.for_(user, punkt)


# --- A meeting's minutes (issue 18, item 7) --------------------------------------------------
MOTE = Regelsett("mote")


@MOTE.regel("godkjenn_protokoll")
def _godkjenn_protokoll(k: Kontekst) -> Avslag | None:
    """The chair approves the minutes when the committee has so decided; the secretary may
    register the chair's approval."""
    mote = k.obj
    if not mote.utvalg.protokoll_av_leder:
        return nei("Utvalget har ikke vedtatt at møteleder godkjenner protokollen: den "
                   "godkjennes i neste møte.")  # fmt: skip
    if access.has_role(k.user, Rolletype.MOTESEKRETAER):
        return None
    from .models import Medlem, Medlemsrolle

    leder = Medlem.objects.gyldige(mote.dato).filter(
        utvalg=mote.utvalg_id, rolle=Medlemsrolle.LEDER, person=k.user).exists()  # fmt: skip
    if leder:
        return None
    return ingen_tilgang("Bare møteleder og møtesekretærene kan godkjenne protokollen.")


def mote(user, obj):
    """What `user` may do with a meeting's minutes."""
    return MOTE.for_(user, obj)

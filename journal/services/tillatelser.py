"""The journal's permission rules: one function per case, post and approval action
(saksarkiv/tillatelser.py). Services call `journalpost(actor, post).krev(handling)` on the
row they have locked; pages put the same `Tillatelser` in the context, and templates show
a form only when `tillatelser.kan.<handling>`.

Writes are checked like reads (STYLE.md §3). An action that shows, copies or changes the
restricted content of a case or a post — its title, correspondents, parties, remarks,
write-off, a reply or a copy of it, a post registered in it — is for those who may read
that content (saksarkiv.access.can_read): not for a leader, deputy or archive clerk
without clearance. What the seeds let people do without reading the content is allowed
here on purpose, and nowhere else:
- the leader (and archive) distributes a post to a unit and caseworker («fordel»);
- archive moves a post through its statuses and journalises it, XX included (the status
  actions, regler.JOURNALSTATUS_OVERGANGER), and adds the scanned documents;
- the leader chain and archive decide on an XX post («offentlighetsvurder»);
- archive registers incoming mail into any case («ny_journalpost»), and the registrar of
  an incoming post completes its registration (metadata, correspondents) while it waits
  in M: archive holds the letter it registers (regler.er_registrator).
Refusals for who the user is answer 403; refusals for the object's state answer 409.
"""

from functools import cached_property

from saksarkiv import access
from saksarkiv.models import Rolletype
from saksarkiv.tillatelser import Avslag, Kontekst, Regelsett, Tillatelser, ingen_tilgang, nei

from ..models import Godkjenningssteg, Godkjenningssvar, Korrespondanseparttype
from ..models import Journalposttype as T
from ..models import Journalstatus as J
from ..models import Saksstatus as S
from . import regler

FORDELBARE_STATUSER = (J.MIDLERTIDIG, J.REGISTRERT_AV_SB)
# Caseworkers add documents while the post is theirs to work on; archive until it is closed.
SAKSBEHANDLER_STATUSER = (J.RESERVERT, J.MIDLERTIDIG, J.REGISTRERT_AV_SB)
LUKKEDE_STATUSER = (J.JOURNALFORT, J.UTGAR)
EGNE_TYPER = (T.UTGAENDE, T.NOTAT_MED_OPPFOLGING, T.NOTAT_UTEN_OPPFOLGING, T.SAKSFRAMLEGG)


def _sak_lukket(sak) -> Avslag | None:
    grunn = regler.lukket_sak(sak)
    return nei(grunn) if grunn else None


def aktor_avslag(kinds: set[str], hvem: tuple[str, ...], hva: str) -> Avslag | None:
    if kinds & set(hvem):
        return None
    return ingen_tilgang(f"Bare {regler.hvem_tekst(hvem)} kan {hva}.")


# --- Journal posts ------------------------------------------------------------------------------


class PostKontekst(Kontekst):
    @cached_property
    def kinds(self) -> set[str]:
        return regler.post_actor_kinds(self.user, self.obj)

    @cached_property
    def registrator(self) -> bool:
        return regler.er_registrator(self.user, self.obj)

    def sak_lukket(self) -> Avslag | None:
        return _sak_lukket(self.obj.saksmappe)


JOURNALPOST = Regelsett("journalposten", PostKontekst)


def journalpost(user, post) -> Tillatelser:
    return JOURNALPOST.for_(user, post)


def _endre_metadata(k: PostKontekst) -> Avslag | None:
    """Archive edits until the post is void; its caseworker (and the unit's leader) while it
    is a draft (R) or an incoming post not yet journalised (M, S). A closed case is frozen."""
    post = k.obj
    if post.journalstatus == J.UTGAR:
        return nei("Journalposten er utgått og kan ikke endres.")
    if lukket := k.sak_lukket():
        return lukket
    if regler.ARKIV in k.kinds:
        return None
    if not k.kinds & {regler.SAKSBEHANDLER, regler.LEDER}:
        return ingen_tilgang("Bare saksbehandleren, lederen og arkivet kan endre journalposten.")
    if post.journalstatus not in SAKSBEHANDLER_STATUSER:
        return nei(
            "Du kan ikke endre denne journalposten. Etter ferdigstilling kan bare arkivet "
            "rette den."
        )
    return None


@JOURNALPOST.regel("endre")
def _endre(k: PostKontekst) -> Avslag | None:
    return (None if k.registrator else k.krev_innsyn("endre den")) or _endre_metadata(k)


@JOURNALPOST.regel("korrespondanseparter")
def _korrespondanseparter(k: PostKontekst) -> Avslag | None:
    if not k.registrator and (avslag := k.krev_innsyn("endre korrespondansepartene")):
        return avslag
    return _endre_metadata(k)


@JOURNALPOST.regel("fjern_korrespondansepart")
def _fjern_korrespondansepart(k: PostKontekst) -> Avslag | None:
    """Removing a screened name is for those who may read it, the registrar included."""
    return k.krev_innsyn("fjerne korrespondansepartene") or _endre_metadata(k)


@JOURNALPOST.regel("kopi")
def _kopi(k: PostKontekst) -> Avslag | None:
    if avslag := k.krev_innsyn("sende kopi av den"):
        return avslag
    if k.obj.journalstatus == J.UTGAR:
        return nei("Journalposten er utgått: det sendes ikke kopi av den.")
    return None


@JOURNALPOST.regel("merknad")
def _merknad(k: PostKontekst) -> Avslag | None:
    if avslag := k.krev_innsyn("skrive merknader på den"):
        return avslag
    if not access.role_codes(k.user):
        return ingen_tilgang("Du har ingen rolle som gir rett til å skrive merknader.")
    return None


def _mottaker_av_notat(k: PostKontekst) -> bool:
    return k.obj.korrespondanseparter.filter(
        person=k.user, korrespondanseparttype=Korrespondanseparttype.INTERN_MOTTAKER
    ).exists()


def _avskrivbar(k: PostKontekst) -> Avslag | None:
    post = k.obj
    if post.journalposttype == T.NOTAT_UTEN_OPPFOLGING:
        return nei("Et X-notat gir ingen restanse og kan ikke avskrives.")
    if post.journalposttype not in (T.INNGAENDE, T.NOTAT_MED_OPPFOLGING):
        return nei("Bare mottatte dokumenter (I og N) kan avskrives.")
    if post.journalstatus == J.UTGAR:
        return nei("Journalposten er utgått og kan ikke avskrives.")
    if post.journalposttype == T.NOTAT_MED_OPPFOLGING and post.journalstatus not in (
        J.EKSPEDERT,
        J.JOURNALFORT,
    ):
        return nei("Notatet er ikke sendt ennå, så det er ingenting å avskrive.")
    if not k.kinds & {regler.SAKSBEHANDLER, regler.LEDER, regler.ARKIV} and not (
        _mottaker_av_notat(k)
    ):
        return ingen_tilgang(
            "Bare saksbehandleren, mottakeren, lederen eller arkivet kan avskrive."
        )
    return None


@JOURNALPOST.regel("avskriv")
def _avskriv(k: PostKontekst) -> Avslag | None:
    if avslag := k.krev_innsyn("avskrive den") or _avskrivbar(k):
        return avslag
    if k.obj.avskrevet_dato is not None:
        return nei(f"{k.obj} er allerede avskrevet.")
    return None


@JOURNALPOST.regel("besvar")
def _besvar(k: PostKontekst) -> Avslag | None:
    """A reply copies the title and the sender: the content is the actor's to read."""
    return k.krev_innsyn("besvare den") or _avskrivbar(k) or k.sak_lukket()


@JOURNALPOST.regel("fordel")
def _fordel(k: PostKontekst) -> Avslag | None:
    post = k.obj
    if post.journalposttype not in (T.INNGAENDE, T.NOTAT_MED_OPPFOLGING):
        return nei("Bare inngående dokumenter og notater med oppfølging fordeles.")
    if post.journalstatus not in FORDELBARE_STATUSER:
        return nei("Journalposten er ferdig registrert og kan ikke fordeles på nytt.")
    if not k.kinds & {regler.ARKIV, regler.LEDER}:
        return ingen_tilgang("Bare arkivet og lederen for enheten kan fordele denne journalposten.")
    return None


@JOURNALPOST.regel("send_godkjenning")
def _send_godkjenning(k: PostKontekst) -> Avslag | None:
    post = k.obj
    if post.journalposttype not in EGNE_TYPER:
        return nei("Inngående dokumenter sendes ikke til godkjenning.")
    if post.journalposttype == T.SAKSFRAMLEGG and post.journalstatus != J.RESERVERT:
        return nei(
            f"Saksframlegget har behandlingsstatus {post.behandlingsstatus or '–'} og "
            f"journalstatus {post.journalstatus}: det steget er ikke mulig nå."
        )
    if post.journalstatus != J.RESERVERT:
        return nei("Bare utkast (status R) kan sendes til godkjenning.")
    if avslag := aktor_avslag(k.kinds, (regler.SAKSBEHANDLER,), "sende til godkjenning"):
        return avslag
    # .all(): the flags the post page prefetched, else one query
    if any(g.svar == Godkjenningssvar.VENTER for g in post.godkjenninger.all()):
        return nei("Journalposten venter allerede på godkjenning.")
    return None


@JOURNALPOST.regel("offentlighetsvurder")
def _offentlighetsvurder(k: PostKontekst) -> Avslag | None:
    post = k.obj
    vurdering = regler.OFFENTLIGHETSVURDERING
    if avslag := aktor_avslag(k.kinds, vurdering.hvem, vurdering.verb):
        return avslag
    if post.tilgangskode_id is None or not post.tilgangskode.midlertidig:
        return nei(
            "Journalposten er ikke midlertidig sperret: den er allerede offentlighetsvurdert. "
            "Endre skjermingen med «Endre» på journalposten."
        )
    if post.journalstatus == J.UTGAR:
        return nei("Journalposten er satt til utgår og kan ikke vurderes.")
    return k.sak_lukket()


def _flytt_eller_kopier(k: PostKontekst, kopi: bool) -> Avslag | None:
    post = k.obj
    verb = "kopiere" if kopi else "flytte"
    if regler.ARKIV not in k.kinds:
        return ingen_tilgang(f"Bare arkivtjenesten kan {verb} journalposter.")
    if avslag := k.krev_innsyn(f"{verb} den"):
        return avslag
    if post.journalstatus == J.UTGAR:
        return nei("Journalposten er utgått: den flyttes og kopieres ikke.")
    if not kopi and post.saksmappe.saksstatus not in regler.AAPNE_SAKSSTATUSER:
        # A closed case keeps its posts until archive reopens it; a copy leaves it whole.
        return nei(
            f"Sak {post.saksmappe.saksnummer} er avsluttet: posten kan kopieres, men ikke "
            "flyttes ut før saken er gjenåpnet."
        )
    return None


JOURNALPOST.legg_til("flytt", lambda k: _flytt_eller_kopier(k, kopi=False))
JOURNALPOST.legg_til("kopier", lambda k: _flytt_eller_kopier(k, kopi=True))


@JOURNALPOST.regel("legg_til_dokument")
def _legg_til_dokument(k: PostKontekst) -> Avslag | None:
    """Archive adds documents until the post is closed; the post's caseworker or the case's
    responsible caseworker while it is a draft or not yet checked."""
    post = k.obj
    arkiv = access.is_archive(k.user)
    if not arkiv and not (
        k.user.pk in (post.saksbehandler_id, post.saksmappe.saksansvarlig_id)
        and access.has_role(k.user, *regler.REGISTRERENDE_ROLLER)
    ):
        return ingen_tilgang(
            "Bare arkivet og saksbehandleren kan legge til dokumenter på denne journalposten."
        )
    if post.journalstatus in LUKKEDE_STATUSER:
        status = "journalført" if post.journalstatus == J.JOURNALFORT else "utgått"
        return nei(f"Journalposten er {status}: dokumentene kan ikke lenger endres.")
    if not arkiv and post.journalstatus not in SAKSBEHANDLER_STATUSER:
        return nei(
            f"Journalposten er «{post.get_journalstatus_display().lower()}»: bare arkivet kan "
            "nå legge til dokumenter."
        )
    return None


def _journalstatus_regel(handling: str):
    def regel(k: PostKontekst) -> Avslag | None:
        overgang = regler.overgang_for(k.obj, handling)
        if overgang is None:
            return nei(regler.ugyldig_overgang(k.obj, handling))
        return aktor_avslag(k.kinds, overgang.hvem, overgang.verb) or k.sak_lukket()

    return regel


for _handling in dict.fromkeys(o.handling for o in regler.JOURNALSTATUS_OVERGANGER):
    JOURNALPOST.legg_til(_handling, _journalstatus_regel(_handling))


def journalstatus_knapper(tillatelser: Tillatelser) -> list[regler.Overgang]:
    """The status buttons of the post page: the transitions the user may start now."""
    post = tillatelser.kontekst.obj
    return [
        o
        for o in regler.JOURNALSTATUS_OVERGANGER
        if post.journalstatus in o.fra
        and post.journalposttype in o.typer
        and tillatelser.kan[o.handling]
    ]


# --- Cases --------------------------------------------------------------------------------------


class SakKontekst(Kontekst):
    @cached_property
    def kinds(self) -> set[str]:
        return regler.case_actor_kinds(self.user, self.obj)


SAKSMAPPE = Regelsett("saken", SakKontekst)


def saksmappe(user, sak) -> Tillatelser:
    return SAKSMAPPE.for_(user, sak)


def _endre_sak(k: SakKontekst, hva: str) -> Avslag | None:
    if avslag := k.krev_innsyn(hva) or _sak_lukket(k.obj):
        return avslag
    if not k.kinds & {regler.SAKSBEHANDLER, regler.LEDER, regler.ARKIV}:
        return ingen_tilgang("Bare saksansvarlig, lederen og arkivet kan endre saken.")
    return None


SAKSMAPPE.legg_til("endre", lambda k: _endre_sak(k, "endre den"))
SAKSMAPPE.legg_til("parter", lambda k: _endre_sak(k, "endre partene"))
SAKSMAPPE.legg_til("relater", lambda k: _endre_sak(k, "endre sakene den viser til"))
# The other end of «jf. sak»: a case is referred to only by those who may read it.
SAKSMAPPE.legg_til("vises_til", lambda k: k.krev_innsyn("vise til den"))


@SAKSMAPPE.regel("onskes_avsluttet")
def _onskes_avsluttet(k: SakKontekst) -> Avslag | None:
    hvem = (regler.SAKSBEHANDLER, regler.LEDER, regler.ARKIV)
    return aktor_avslag(k.kinds, hvem, "be om at saken avsluttes") or _sak_lukket(k.obj)


@SAKSMAPPE.regel("ny_journalpost")
def _ny_journalpost(k: SakKontekst) -> Avslag | None:
    sak = k.obj
    if not access.has_role(k.user, *regler.REGISTRERENDE_ROLLER):
        return ingen_tilgang("Du har ingen rolle som gir rett til å registrere i arkivet.")
    if regler.ARKIV not in k.kinds and (avslag := k.krev_innsyn("registrere journalposter i den")):
        return avslag  # archive files the mail it receives into any case
    if sak.saksstatus in (S.AVSLUTTET, S.UTGAR):
        return nei(
            f"Sak {sak.saksnummer} er {sak.get_saksstatus_display().lower()}: "
            "den kan ikke få nye journalposter."
        )
    return None


def _saksstatus_regel(handling: str):
    def regel(k: SakKontekst) -> Avslag | None:
        overgang = regler.saksovergang_for(k.obj, handling)
        if overgang is None:
            return nei(regler.ugyldig_saksovergang(k.obj))
        return aktor_avslag(k.kinds, overgang.hvem, overgang.verb)

    return regel


for _handling in dict.fromkeys(o.handling for o in regler.SAKSSTATUS_OVERGANGER):
    SAKSMAPPE.legg_til(_handling, _saksstatus_regel(_handling))


def saksstatus_knapper(tillatelser: Tillatelser) -> list[regler.Overgang]:
    sak = tillatelser.kontekst.obj
    return [
        o
        for o in regler.SAKSSTATUS_OVERGANGER
        if sak.saksstatus in o.fra and tillatelser.kan[o.handling]
    ]


# --- What a user may start without an object ----------------------------------------------------


BRUKER = Regelsett("brukeren")


def bruker(user) -> Tillatelser:
    return BRUKER.for_(user, user)


def _registrerer(k: Kontekst) -> Avslag | None:
    if access.has_role(k.user, *regler.REGISTRERENDE_ROLLER):
        return None
    return ingen_tilgang("Du har ingen rolle som gir rett til å registrere i arkivet.")


BRUKER.legg_til("ny_sak", _registrerer)
BRUKER.legg_til("importer_epost", _registrerer)


@BRUKER.regel("registrer_inngaaende")
def _registrer_inngaaende(k: Kontekst) -> Avslag | None:
    if access.is_archive(k.user):
        return None
    return ingen_tilgang("Bare arkivtjenesten registrerer inngående post her.")


@BRUKER.regel("kontakter")
def _kontakter(k: Kontekst) -> Avslag | None:
    """The contacts register (kortkoder, seed 001): archive keeps it, and caseworkers (and
    their leaders) who register posts may add and correct contacts too."""
    if access.is_archive(k.user) or access.has_role(k.user, *regler.REGISTRERENDE_ROLLER):
        return None
    return ingen_tilgang("Bare arkivet og saksbehandlere kan endre kontaktregisteret.")


@BRUKER.regel("arkivuttrekk")
def _arkivuttrekk(k: Kontekst) -> Avslag | None:
    """The Noark 5 arkivuttrekk (services/uttrekk.py): archive orders it, follows it and
    downloads the package, which holds every case of the period unscreened."""
    if access.is_archive(k.user):
        return None
    return ingen_tilgang("Bare arkivtjenesten kan lage og laste ned arkivuttrekk.")


# --- Units --------------------------------------------------------------------------------------


ENHET = Regelsett("enheten")


def enhet(user, enhet) -> Tillatelser:
    return ENHET.for_(user, enhet)


@ENHET.regel("overfor_restanser")
def _overfor_restanser(k: Kontekst) -> Avslag | None:
    """Archive, and the leaders of the unit and the units above it, move a person's open
    posts and cases in the unit to someone else (overforing.py)."""
    if access.is_archive(k.user) or access.leads_unit(k.user, k.obj):
        return None
    return ingen_tilgang(
        f"Du kan bare overføre restanser i enheter du leder, ikke i {k.obj.navn}.", felt="enhet"
    )


# --- Approval flags -----------------------------------------------------------------------------


GODKJENNING = Regelsett("godkjenningen")


def godkjenning(user, flagg) -> Tillatelser:
    return GODKJENNING.for_(user, flagg)


@GODKJENNING.regel("svar")
def _svar(k: Kontekst) -> Avslag | None:
    """The addressee answers; a deputy or a leader above may answer for them, the chief
    executive any flag at the chief executive's step."""
    flagg = k.obj
    if flagg.svar != Godkjenningssvar.VENTER:
        return nei("Denne godkjenningen er allerede besvart.")
    if flagg.sendt_til_id == k.user.pk:
        return None
    if flagg.steg == Godkjenningssteg.RADMANN:
        if access.has_role(k.user, Rolletype.RADMANN):
            return None
    elif access.leads_unit(k.user, flagg.journalpost.administrativ_enhet):
        return None
    return ingen_tilgang("Godkjenningen er ikke sendt til deg.")

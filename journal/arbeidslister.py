"""The named daily worklists (DOMAIN.md §10; seed 001 «Oppfølgingskontroll»).

Each list is an `Arbeidsliste`: who may open it, which rows it holds (a condition on
Journalpost or Saksmappe for one user on one day), how it is ordered, and which date is its
deadline (for the «Forfalt» / «Forfaller snart» marks). The pages, the start page's counts,
the daily digest and the tests all read the rules from here, so a list means the same
everywhere. The rows themselves always come from `visible_to(user)` (the chokepoint).

Lists that belong to a leader (Ufordelte, Mottatte, Til offentlighetsvurdering, Til
godkjenning hos leder) are also the deputy's: a deputy (SF) of a unit sees what is addressed
to that unit's leader.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import (
    Count,
    DateField,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.urls import reverse

from journal.models import Innstillinger
from saksarkiv import access, workdays
from saksarkiv.keyset import Sortering
from saksarkiv.models import (
    LEDERLINJE,
    AdministrativEnhet,
    Rolle,
    Rolletype,
    Tilgangskode,
    today,
)

from .models import (
    Dokument,
    Godkjenning,
    Godkjenningssteg,
    Godkjenningssvar,
    Journalpost,
    JournalpostSett,
    Journalposttype,
    Journalstatus,
    Korrespondansepart,
    Korrespondanseparttype,
    Saksmappe,
    Saksstatus,
)
from .models.journalpost import Arkivstatus, til_journalforing
from .services.avskrivning import restanse_q
from .services.regler import AAPNE_SAKSSTATUSER

T = Journalposttype
J = Journalstatus
POST = "post"
SAK = "sak"
SENT = datetime.date(9999, 12, 31)


@dataclass
class Kontekst:
    """One user on one day, with the system settings: what every rule needs."""

    user: object
    dag: datetime.date = field(default_factory=today)
    innst: Innstillinger = field(default_factory=Innstillinger.hent)

    @cached_property
    def lederenheter(self) -> list[tuple[int, str]]:
        """Units where the user is leader, deputy or chief executive (with subtrees)."""
        return access.role_units(self.user, *LEDERLINJE)

    @cached_property
    def er_leder(self) -> bool:
        return bool(self.lederenheter)

    @cached_property
    def er_arkiv(self) -> bool:
        return access.is_archive(self.user)

    @cached_property
    def er_radmann(self) -> bool:
        return access.has_role(self.user, Rolletype.RADMANN)

    @cached_property
    def mine_enhet_ids(self) -> list[int] | None:
        """Ids of the units the user leads and every unit below them (None: all units, for
        the chief executive). Read once as a list so that the worklists filter on the posts'
        unit index instead of joining the unit tree for every row."""
        if self.er_radmann:
            return None
        omfang = access.lederomfang(self.user)
        if omfang is None:
            return []
        return list(AdministrativEnhet.objects.filter(omfang).values_list("pk", flat=True))

    def i_mine_enheter(self) -> Q:
        """Rows in a unit the user leads (or a unit below it). The chief executive's chain
        is the whole organisation."""
        ids = self.mine_enhet_ids
        return Q() if ids is None else Q(administrativ_enhet_id__in=ids)

    @cached_property
    def meg_og_mine_ledere(self) -> list[int]:
        """The user and the leaders of the units the user deputises for today."""
        deputised = Rolle.objects.gyldige(on=self.dag).filter(
            person=self.user, rolle=Rolletype.STEDFORTREDER
        )
        leaders = Rolle.objects.gyldige(on=self.dag).filter(
            rolle=Rolletype.LEDER, enhet__in=deputised.values("enhet")
        )
        return [self.user.pk, *leaders.values_list("person_id", flat=True)]

    def meg_eller_min_leder(self, field_name: str) -> Q:
        """`field_name` is the user, or the leader of a unit the user deputises for (a
        literal id list, so PostgreSQL uses the field's index)."""
        return Q(**{f"{field_name}__in": self.meg_og_mine_ledere})

    @cached_property
    def midlertidige_koder(self) -> list[str]:
        return list(Tilgangskode.objects.filter(midlertidig=True).values_list("kode", flat=True))

    # --- Deadlines --------------------------------------------------------------------

    def xx_frist(self, journaldato: datetime.date) -> datetime.date:
        return workdays.add_working_days(journaldato, self.innst.xx_frist_arbeidsdager)

    def xx_siste_journaldato_innen_frist(self) -> datetime.date:
        """The earliest journal date whose XX deadline is today or later: posts journalised
        before it are past their deadline."""
        day = self.dag
        while self.xx_frist(day - datetime.timedelta(days=1)) >= self.dag:
            day -= datetime.timedelta(days=1)
        return day

    def merking(self, frist: datetime.date | None) -> str:
        """«forfalt» when the deadline has passed, «snart» within the warning window."""
        if frist is None:
            return ""
        if frist < self.dag:
            return "forfalt"
        if frist <= self.dag + datetime.timedelta(days=self.innst.varsel_dager):
            return "snart"
        return ""


@dataclass(frozen=True)
class Arbeidsliste:
    kode: str
    navn: str
    ingress: str
    tom: str
    modell: str  # POST or SAK
    regel: Callable[[Kontekst], Q]
    tilgang: Callable[[Kontekst], bool] = lambda k: True
    sorteringer: tuple[Sortering, ...] = ()
    # The date that marks a row as overdue / due soon.
    frist: Callable[[Kontekst, object], datetime.date | None] = lambda k, obj: None
    side: str = ""  # the page (URL name in "journal") that shows the list
    fane: str = ""  # the tab on that page (?vis=)
    # XX screening lists: the deadline is in working days and rows link to the decision.
    xx: bool = False
    # Drafts to approve: each row links to its main document, to read it from the list.
    les: bool = False
    # The table's columns ({% posttabell %}; empty: its default). «avsender» adds the
    # sender's name to each row (`visning`), screened by the table like the post page.
    kolonner: str = ""

    def queryset(self, k: Kontekst):
        """The list's rows, each annotated with `innsyn` (for showing them)."""
        return self._model().objects.visible_to(k.user).filter(self.regel(k))

    def medlemmer(self, k: Kontekst):
        """The list's rows without the `innsyn` annotation (for counting and ordering them)."""
        return self._model().objects.known_to(k.user).filter(self.regel(k))

    def visning(self, k: Kontekst):
        """Rows as the user may see them (annotated `innsyn`), to show rows found by
        `medlemmer`; not itself limited to the list."""
        qs = self._model().objects.visible_to(k.user)
        if "avsender" in self.kolonner.split():
            qs = qs.annotate(avsender_navn=Subquery(_avsender()))
        return qs

    def _model(self):
        return Journalpost if self.modell == POST else Saksmappe


def _avsender():
    """The name of a post's (first) sender, external or internal, for the «Avsender» column."""
    return (
        Korrespondansepart.objects.filter(
            journalpost=OuterRef("pk"),
            korrespondanseparttype__in=[
                Korrespondanseparttype.AVSENDER,
                Korrespondanseparttype.INTERN_AVSENDER,
            ],
        )
        .order_by("pk")
        .values("navn")[:1]
    )


# --- Membership rules ----------------------------------------------------------------------


def _internal(user, parttype):
    """Ids of posts where the user is an internal recipient of the given kind."""
    return (
        Korrespondansepart.objects.filter(person=user, korrespondanseparttype=parttype)
        .order_by()
        .values("journalpost_id")
    )


def mottatt_av_meg(k: Kontekst) -> Q:
    """Received posts that are mine and not finally written off: incoming letters given to
    me, notes addressed to me. A UNION of the two id sets, so that each half uses its own
    index (the letters: `jp_restanse_sb`)."""
    letters = (
        Journalpost.objects.filter(
            saksbehandler=k.user, journalposttype=T.INNGAENDE, avskrevet_dato__isnull=True
        )
        .order_by()
        .values("pk")
    )
    notes = _internal(k.user, Korrespondanseparttype.INTERN_MOTTAKER).filter(
        journalpost__journalposttype=T.NOTAT_MED_OPPFOLGING,
        journalpost__avskrevet_dato__isnull=True,
    )
    return Q(pk__in=letters.union(notes, all=True))


def til_meg(k: Kontekst) -> Q:
    """Posts given or addressed to me: incoming letters I am caseworker of (until written
    off), notes to me (N until written off, X) once finished, and internal copies to me; none
    void. A UNION of the id sets, each half on its own index."""
    letters = (
        Journalpost.objects.filter(
            saksbehandler=k.user, journalposttype=T.INNGAENDE, avskrevet_dato__isnull=True
        )
        .exclude(journalstatus=J.UTGAR)
        .order_by()
        .values("pk")
    )
    notes = _internal(k.user, Korrespondanseparttype.INTERN_MOTTAKER).filter(
        journalpost__journalposttype__in=[T.NOTAT_MED_OPPFOLGING, T.NOTAT_UTEN_OPPFOLGING],
        journalpost__journalstatus__in=[J.FERDIGSTILT, J.EKSPEDERT, J.JOURNALFORT],
        journalpost__avskrevet_dato__isnull=True,
    )
    copies = _internal(k.user, Korrespondanseparttype.INTERN_KOPIMOTTAKER).exclude(
        journalpost__journalstatus=J.UTGAR
    )
    return Q(pk__in=letters.union(notes, copies, all=True))


def innboks(k: Kontekst) -> Q:
    """What is new to me (seed 001 «Innboks journalført post», seed 003: a note reaches its
    recipient's innboks when finished): posts given or addressed to me that I have not opened
    yet. «Mine restanser» keeps what I have opened until it is written off."""
    sett = JournalpostSett.objects.filter(person=k.user).order_by().values("journalpost_id")
    return til_meg(k) & ~Q(pk__in=sett)


def mine_restanser(k: Kontekst) -> Q:
    return mottatt_av_meg(k) & restanse_q()


def _forfaller(k: Kontekst) -> Q:
    return Q(forfallsdato__lte=k.dag + datetime.timedelta(days=k.innst.forfall_dager))


def forfall(k: Kontekst) -> Q:
    """My received posts, not written off, whose due date has passed or falls in the window."""
    return mottatt_av_meg(k) & restanse_q() & _forfaller(k)


def forfall_enhet(k: Kontekst) -> Q:
    return k.i_mine_enheter() & restanse_q() & _forfaller(k)


def obs_vindu(k: Kontekst) -> Q:
    return Q(
        obs_dato__lte=k.dag + datetime.timedelta(days=k.innst.obs_dager),
        saksstatus__in=AAPNE_SAKSSTATUSER,
    )


def obs(k: Kontekst) -> Q:
    return Q(saksansvarlig=k.user) & obs_vindu(k)


def obs_enhet(k: Kontekst) -> Q:
    return k.i_mine_enheter() & obs_vindu(k)


def konsepter(k: Kontekst) -> Q:
    """My own drafts (R): posts I am caseworker of, or registered without a caseworker."""
    return Q(journalstatus=J.RESERVERT) & (
        Q(saksbehandler=k.user) | Q(saksbehandler__isnull=True, opprettet_av=k.user)
    )


def kopiboks(k: Kontekst) -> Q:
    return Q(pk__in=_internal(k.user, Korrespondanseparttype.INTERN_KOPIMOTTAKER))


def ufordelte(k: Kontekst) -> Q:
    """Received posts in my units with no caseworker (archive: every unit)."""
    q = Q(
        saksbehandler__isnull=True,
        journalposttype__in=[T.INNGAENDE, T.NOTAT_MED_OPPFOLGING],
        journalstatus__in=[J.MIDLERTIDIG, J.REGISTRERT_AV_SB],
    )
    return q if k.er_arkiv else q & k.i_mine_enheter()


def mottatte(k: Kontekst) -> Q:
    """Incoming posts distributed to the leader (to handle or pass on), not written off."""
    return k.meg_eller_min_leder("saksbehandler") & Q(journalposttype=T.INNGAENDE) & restanse_q()


def offentlighetsvurdering(k: Kontekst) -> Q:
    """Posts with a temporary code (XX) in my units, waiting for my screening."""
    return (
        Q(tilgangskode_id__in=k.midlertidige_koder) & ~Q(journalstatus=J.UTGAR) & k.i_mine_enheter()
    )


def _venter_paa(steg: str) -> Q:
    return Q(
        pk__in=Godkjenning.objects.filter(steg=steg, svar=Godkjenningssvar.VENTER)
        .order_by()
        .values("journalpost_id")
    )


def godkjenning_leder(k: Kontekst) -> Q:
    """Flag approvals and committee drafts (SU/F) waiting for me or the leader I stand in
    for."""
    waiting = Godkjenning.objects.filter(
        steg=Godkjenningssteg.LEDER, svar=Godkjenningssvar.VENTER
    ).filter(k.meg_eller_min_leder("sendt_til"))
    return Q(pk__in=waiting.order_by().values("journalpost_id"))


def endelig_godkjenning(k: Kontekst) -> Q:
    """Committee drafts approved by the leader (RE/G) waiting for the chief executive."""
    return _venter_paa(Godkjenningssteg.RADMANN)


def klar_for_journalforing(k: Kontekst | None = None) -> Q:
    """Archive: posts finished by the caseworker that archive checks and journalises (J)."""
    return til_journalforing()


def midlertidige(k: Kontekst) -> Q:
    return Q(journalstatus=J.MIDLERTIDIG)


def xx_over_frist(k: Kontekst) -> Q:
    return offentlighetsvurdering_alle(k) & Q(journaldato__lt=k.xx_siste_journaldato_innen_frist())


def offentlighetsvurdering_alle(k: Kontekst) -> Q:
    return Q(tilgangskode_id__in=k.midlertidige_koder) & ~Q(journalstatus=J.UTGAR)


def reserverte_saker(k: Kontekst) -> Q:
    return Q(saksstatus=Saksstatus.RESERVERT)


def onskes_avsluttet(k: Kontekst) -> Q:
    return Q(onskes_avsluttet=True, saksstatus__in=AAPNE_SAKSSTATUSER)


def arkivformat_feilet(k: Kontekst) -> Q:
    """Posts with a document whose conversion to PDF/A failed (journal.services.arkivkopi):
    the job retries them, archive staff follow up those that keep failing."""
    feilet = Dokument.objects.filter(arkivstatus=Arkivstatus.FEILET).order_by()
    return Q(pk__in=feilet.values("journalpost_id"))


# --- Ordering ------------------------------------------------------------------------------


def _post_sort(verdi, navn, *nokkel, **annotasjoner) -> Sortering:
    return Sortering(verdi, navn, nokkel, annotasjoner)


_FORFALL = {"_forfall": Coalesce("forfallsdato", Value(SENT), output_field=DateField())}
ELDST = _post_sort("eldst", "Eldste først", ("journaldato", False), ("journalsekvensnummer", False))
NYEST = _post_sort("nyest", "Nyeste først", ("journaldato", True), ("journalsekvensnummer", True))
FORFALL = _post_sort(
    "forfall", "Forfallsdato", ("_forfall", False), ("journaldato", False), **_FORFALL
)
POST_SORTERINGER = (ELDST, NYEST, FORFALL)
POST_SORTERINGER_NYEST = (NYEST, ELDST, FORFALL)
POST_SORTERINGER_FORFALL = (FORFALL, ELDST, NYEST)

_OBS = {"_obs": Coalesce("obs_dato", Value(SENT), output_field=DateField())}
SAK_SORTERINGER = (
    Sortering("obs", "OBS-dato", (("_obs", False), ("saksaar", False)), _OBS),
    Sortering("saksnummer", "Saksnummer", (("saksaar", False), ("sakssekvensnummer", False))),
    Sortering("nyest", "Nyeste først", (("saksaar", True), ("sakssekvensnummer", True))),
)


def _forfallsdato(k, post):
    return post.forfallsdato


def _xx_frist(k, post):
    return k.xx_frist(post.journaldato)


def _obs_dato(k, sak):
    return sak.obs_dato


def _leder(k):
    return k.er_leder


def _leder_eller_arkiv(k):
    return k.er_leder or k.er_arkiv


def _arkiv(k):
    return k.er_arkiv


def _radmann(k):
    return k.er_radmann


# --- The lists -----------------------------------------------------------------------------

LISTER: tuple[Arbeidsliste, ...] = (
    Arbeidsliste(
        "innboks",
        "Innboks journalført post",
        "Det som er nytt for deg: post fordelt til deg, notater og kopier til deg, som du "
        "ikke har åpnet ennå. Det du har åpnet, finner du under «Mine restanser» til det er "
        "avskrevet.",
        "Ingenting nytt i innboksen.",
        POST,
        innboks,
        sorteringer=POST_SORTERINGER_NYEST,
        frist=_forfallsdato,
        side="innboks",
        kolonner="dok type status tittel avsender dato frist enhet tilgang",
    ),
    Arbeidsliste(
        "restanser",
        "Mine restanser",
        "Mottatt post (I) og notater (N) til deg som ikke er endelig avskrevet.",
        "Du har ingen restanser.",
        POST,
        mine_restanser,
        sorteringer=POST_SORTERINGER,
        frist=_forfallsdato,
        side="restanser",
    ),
    Arbeidsliste(
        "forfall",
        "Forfallsliste",
        "Mottatt post der fristen er ute eller går ut i løpet av de neste {forfall_dager} "
        "dagene, og som ikke er avskrevet.",
        "Ingen post med frist i perioden.",
        POST,
        forfall,
        sorteringer=POST_SORTERINGER_FORFALL,
        frist=_forfallsdato,
        side="forfall",
        fane="mine",
    ),
    Arbeidsliste(
        "forfall_enhet",
        "Forfallsliste for enhetene mine",
        "Mottatt post i enhetene du leder der fristen er ute eller går ut i løpet av de neste "
        "{forfall_dager} dagene.",
        "Ingen post med frist i perioden.",
        POST,
        forfall_enhet,
        tilgang=_leder,
        sorteringer=POST_SORTERINGER_FORFALL,
        frist=_forfallsdato,
        side="forfall",
        fane="enhet",
    ),
    Arbeidsliste(
        "obs",
        "Oppfølging av saker (OBS)",
        "Åpne saker du er ansvarlig for der OBS-datoen er passert eller kommer i løpet av de "
        "neste {obs_dager} dagene.",
        "Ingen saker til oppfølging.",
        SAK,
        obs,
        sorteringer=SAK_SORTERINGER,
        frist=_obs_dato,
        side="obs",
        fane="mine",
    ),
    Arbeidsliste(
        "obs_enhet",
        "Oppfølging av saker i enhetene mine",
        "Åpne saker i enhetene du leder med OBS-dato som er passert eller kommer i løpet av de "
        "neste {obs_dager} dagene.",
        "Ingen saker til oppfølging.",
        SAK,
        obs_enhet,
        tilgang=_leder,
        sorteringer=SAK_SORTERINGER,
        frist=_obs_dato,
        side="obs",
        fane="enhet",
    ),
    Arbeidsliste(
        "konsepter",
        "Mine konsepter",
        "Dine egne journalposter som er reservert (R), altså under arbeid.",
        "Du har ingen konsepter.",
        POST,
        konsepter,
        sorteringer=POST_SORTERINGER_NYEST,
        side="konsepter",
    ),
    Arbeidsliste(
        "kopiboks",
        "Kopiboks",
        "Journalposter du har fått intern kopi av.",
        "Ingen kopier.",
        POST,
        kopiboks,
        sorteringer=POST_SORTERINGER_NYEST,
        side="kopiboks",
    ),
    Arbeidsliste(
        "ufordelte",
        "Ufordelte journalposter",
        "Mottatt post uten saksbehandler i enhetene du leder. Kryss av flere og fordel dem "
        "samlet, eller åpne posten for å fordele den.",
        "Ingen ufordelte journalposter.",
        POST,
        ufordelte,
        tilgang=_leder_eller_arkiv,
        sorteringer=POST_SORTERINGER,
        frist=_forfallsdato,
        side="ufordelte",
    ),
    Arbeidsliste(
        "mottatte",
        "Mottatte journalposter",
        "Inngående post fordelt til deg som leder (eller lederen du er stedfortreder for). "
        "Behandle den selv eller fordel den videre.",
        "Ingen mottatte journalposter.",
        POST,
        mottatte,
        tilgang=_leder,
        sorteringer=POST_SORTERINGER,
        frist=_forfallsdato,
        side="mottatte",
    ),
    Arbeidsliste(
        "offentlighetsvurdering",
        "Til offentlighetsvurdering",
        "Post med midlertidig tilgangskode (XX) i enhetene du leder. Vurder innen "
        "{xx_frist_arbeidsdager} arbeidsdager: fjern XX eller sett riktig kode og hjemmel.",
        "Ingen post venter på offentlighetsvurdering.",
        POST,
        offentlighetsvurdering,
        tilgang=_leder,
        sorteringer=POST_SORTERINGER,
        frist=_xx_frist,
        side="offentlighetsvurdering",
        xx=True,
    ),
    Arbeidsliste(
        "godkjenning_leder",
        "Til godkjenning hos leder",
        "Utkast og saksframlegg (SU/F) som venter på din godkjenning, eller godkjenningen til "
        "lederen du er stedfortreder for.",
        "Ingenting venter på godkjenning.",
        POST,
        godkjenning_leder,
        tilgang=_leder,
        sorteringer=POST_SORTERINGER,
        side="godkjenning_leder",
        les=True,
    ),
    Arbeidsliste(
        "endelig_godkjenning",
        "For endelig godkjenning",
        "Saksframlegg godkjent av leder (RE/G) som venter på rådmannens godkjenning.",
        "Ingen saksframlegg venter på endelig godkjenning.",
        POST,
        endelig_godkjenning,
        tilgang=_radmann,
        sorteringer=POST_SORTERINGER,
        side="endelig_godkjenning",
        les=True,
    ),
    Arbeidsliste(
        "journalforing",
        "Til journalføring",
        "Ferdige (F) og ekspederte (E) journalposter og kontrollerte inngående: kontroller "
        "tilgangskoden og journalfør (J).",
        "Ingenting venter på journalføring.",
        POST,
        klar_for_journalforing,
        tilgang=_arkiv,
        sorteringer=POST_SORTERINGER,
        side="arkivkontroll",
        fane="journalforing",
    ),
    Arbeidsliste(
        "midlertidig",
        "Midlertidig registrert (M)",
        "Inngående post som ennå ikke er mottatt av saksbehandler.",
        "Ingen midlertidig registrerte journalposter.",
        POST,
        midlertidige,
        tilgang=_arkiv,
        sorteringer=POST_SORTERINGER,
        frist=_forfallsdato,
        side="arkivkontroll",
        fane="midlertidig",
    ),
    Arbeidsliste(
        "xx_over_frist",
        "XX over frist",
        "Post med midlertidig tilgangskode der lederens frist på {xx_frist_arbeidsdager} "
        "arbeidsdager er ute. Følg opp med leder.",
        "Ingen XX-poster over frist.",
        POST,
        xx_over_frist,
        tilgang=_arkiv,
        sorteringer=POST_SORTERINGER,
        frist=_xx_frist,
        side="arkivkontroll",
        fane="xx_over_frist",
        xx=True,
    ),
    Arbeidsliste(
        "reserverte_saker",
        "Saker i status R",
        "Reserverte saker: følg opp at saksbehandler setter saken under behandling.",
        "Ingen reserverte saker.",
        SAK,
        reserverte_saker,
        tilgang=_arkiv,
        sorteringer=SAK_SORTERINGER[1:],
        side="arkivkontroll",
        fane="reserverte_saker",
    ),
    Arbeidsliste(
        "onskes_avsluttet",
        "Ønskes avsluttet",
        "Saker saksbehandler har merket «ønskes avsluttet». Avslutt når alt er avskrevet og "
        "arkivformat er på plass.",
        "Ingen saker er merket «ønskes avsluttet».",
        SAK,
        onskes_avsluttet,
        tilgang=_arkiv,
        sorteringer=SAK_SORTERINGER[1:],
        side="arkivkontroll",
        fane="onskes_avsluttet",
    ),
    Arbeidsliste(
        "arkivformat_feilet",
        "Arkivformat feilet",
        "Journalposter med dokumenter som ikke kunne konverteres til PDF/A. Konverteringen "
        "prøves på nytt automatisk; feilmeldingen står på dokumentet.",
        "Ingen dokumenter mangler arkivformat etter feilet konvertering.",
        POST,
        arkivformat_feilet,
        tilgang=_arkiv,
        sorteringer=POST_SORTERINGER,
        side="arkivkontroll",
        fane="arkivformat_feilet",
    ),
)

ETTER_KODE = {liste.kode: liste for liste in LISTER}


def for_side(side: str) -> list[Arbeidsliste]:
    return [liste for liste in LISTER if liste.side == side]


def tilgjengelige(k: Kontekst) -> list[Arbeidsliste]:
    return [liste for liste in LISTER if liste.tilgang(k)]


def tell(k: Kontekst, lister: list[Arbeidsliste]) -> dict[str, int]:
    """The number of rows in each list, in one query (one scalar subquery per list on the
    settings row)."""
    if not lister:
        return {}
    counts = {}
    for liste in lister:
        rows = (
            liste.medlemmer(k)
            .order_by()
            .annotate(_en=Value(1, output_field=IntegerField()))
            .values("_en")
            .annotate(n=Count("*"))
            .values("n")
        )
        counts[liste.kode] = Coalesce(Subquery(rows), 0)
    return Innstillinger.objects.filter(pk=k.innst.pk).values(**counts).get()


def arbeidsbord(user) -> list[dict]:
    """The start page's worklist tiles: every list the user has, with its count (one
    query for all counts)."""
    k = Kontekst(user)
    lister = tilgjengelige(k)
    antall = tell(k, lister)
    tiles = []
    for liste in lister:
        url = reverse(f"journal:{liste.side}")
        if liste.fane:
            url += f"?vis={liste.fane}"
        tiles.append({"navn": liste.navn, "antall": antall[liste.kode], "url": url})
    return tiles

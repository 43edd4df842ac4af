"""The write matrix (issue «Access on every action», item 8): every URL of the app, found in
the URL conf, is posted to by every persona and the anonymous visitor, on a public and on a
restricted object. The answer and whether anything changed in the database must match the
permission rule the URL's service enforces (journal/services/tillatelser.py):

- allowed  → 2xx/3xx and the database changed;
- refused for who the user is (403) → 400/403/404 and nothing changed;
- refused for the object's state (409) → 400/409 and nothing changed;
- anonymous → the login page, nothing changed (the public journal's innsynskrav excepted);
- pages that only read → anything but a 5xx, and nothing changed.

After every request, no one who could not read the restricted objects before can read
the canary afterwards, and it never reaches a public title. A URL without an entry here
fails the test: a new action cannot be forgotten. Each request runs in a savepoint that is
rolled back, so every persona meets the same world."""

import collections
import dataclasses
import datetime
import itertools
from collections.abc import Callable

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from journal.models import (
    Godkjenning,
    Innstillinger,
    Journalpost,
    Kontakt,
    Korrespondansepart,
    Saksmappe,
    Sakspart,
)
from journal.offentlig import poster as offentlige
from journal.services import godkjenning, tillatelser
from journal.services.offentlighet import OFFENTLIG, versjon
from journal.services.registration import opprett_sak
from saksarkiv import access
from saksarkiv.models import Endringslogg
from saksarkiv.tillatelser import ingen_tilgang, nei
from tests.conftest import CANARY
from tests.journal.flythjelp import (  # noqa: F401 - media is a fixture
    eget,
    endre_status,
    fersk,
    hoveddokument,
    inngaende,
    journalfort_inngaende,
    media,
)
from tests.journal.test_dokumenter import make_eml
from tests.verksemdsplan import (
    skrivematrise_indikator,
    skrivematrise_oppdrag,
    skrivematrise_plan,
    skrivematrise_rapport,
    skrivematrise_tiltak,
)
from utvalg import frammote, innkalling, portal, protokollforing, sakskart, votering
from utvalg import services as utvalg_tjenester
from utvalg import tekst as tekster
from utvalg import tillatelser as utvalg_regler
from utvalg.models import Behandling, Dokumentmal, Medlem, Mote, Sakskartpunkt, Utvalg
from vedtak import tillatelser as vedtak_regler
from vedtak.models import Oppfolging, Oppfolgingslinje

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

# In the restricted world, the word in what the leader chain may read without clearance.
LOVLIG = "ROTTEFANGER"
LESER = "leser"  # the expectation of a page that only reads


# --- The world ----------------------------------------------------------------------------------


@dataclasses.dataclass
class Verden:
    """One set of objects to act on: all public, or all restricted (U, the canary in every
    title and screened name; the temporarily restricted post is XX)."""

    navn: str
    sak: Saksmappe
    inn: Journalpost  # incoming, M, registered by archive, given to the caseworker
    korr: Korrespondansepart  # its sender
    utkast: Journalpost  # the caseworker's U draft with a main document
    framlegg: Journalpost  # the caseworker's committee draft (S, R)
    flagg: Godkjenning  # another draft, waiting for the unit leader's approval
    xx: Journalpost  # restricted: XX waiting for screening; public: a post without a code
    journalfort: Journalpost  # on the public journal
    part: Sakspart
    relatert: Saksmappe  # a public case the case already refers to
    urelatert: Saksmappe  # a public open case it does not refer to
    ps: Behandling  # the draft's second committee (Kommunestyret after Formannskapet)
    ds: Behandling  # the U draft as a delegated decision to be reported to Formannskapet
    godkjent: Behandling  # a draft the leader approved (RE/G), to be planned for a meeting
    skrevet: Journalpost  # a committee draft written here from a template (R)
    skjermet: bool

    def fersk(self) -> "Verden":
        return dataclasses.replace(
            self,
            **{
                f.name: fersk(getattr(self, f.name))
                for f in dataclasses.fields(self)
                if f.name not in ("navn", "skjermet")
            },
        )


def _bygg(personas, org, skjermet: bool) -> Verden:
    arkiv, sb = personas.arkiv, personas.saksbehandler
    navn = f"{CANARY} " if skjermet else ""
    kode = {"tilgangskode": "U", "skjermingshjemmel": "Offl. § 13"} if skjermet else {}

    def skjerming(tittel):
        return {"offentlig_tittel": f"{tittel} *****", **kode} if skjermet else {}

    sak = opprett_sak(
        arkiv,
        tittel=f"Oppfølging {navn}elev",
        administrativ_enhet=org.enhet_a,
        saksansvarlig=sb,
        skjerm_parter=skjermet,
        **skjerming("Oppfølging"),
    )
    inn = inngaende(
        arkiv,
        sak,
        saksbehandler=sb,
        tittel=f"Melding om {navn}elev",
        skjerm_korrespondanseparter=skjermet,
        **skjerming("Melding om"),
    )
    korr = Korrespondansepart.objects.create(
        journalpost=inn, korrespondanseparttype="EA", navn=f"{navn}Avsendersen"
    )
    utkast = eget(sb, sak, "U", tittel=f"Svar til {navn}foreldre", **skjerming("Svar til"))
    hoveddokument(utkast, sb)
    framlegg = eget(sb, sak, "S", tittel=f"Tiltak for {navn}elev", **skjerming("Tiltak for"))
    # The leader reads the draft sent for approval, and the leader chain (and archive) the XX
    # post to be screened: their titles hold another word, so that the canary stays with
    # what only the cleared may read.
    annet = f"{LOVLIG} " if skjermet else ""
    flaggpost = eget(sb, sak, "N", tittel=f"Notat om {annet}elev", **skjerming("Notat om"))
    hoveddokument(flaggpost, sb)
    flagg = godkjenning.send_til_godkjenning(sb, flaggpost, personas.leder)
    if skjermet:
        xx = inngaende(
            arkiv,
            sak,
            saksbehandler=sb,
            tittel=f"Klage fra {LOVLIG}",
            offentlig_tittel="Klage fra *****",
            tilgangskode="XX",
            skjermingshjemmel="Offl. § 13",
        )
    else:
        xx = inngaende(arkiv, sak, saksbehandler=sb, tittel="Klage på vedtak")
    hoveddokument(xx, arkiv)
    journalfort = journalfort_inngaende(
        personas, sak, tittel=f"Søknad fra {navn}foreldre", **skjerming("Søknad fra")
    )
    part = Sakspart.objects.create(saksmappe=sak, navn=f"{navn}Parten")
    relatert = opprett_sak(arkiv, tittel="Skolekontoret", administrativ_enhet=org.enhet_a)
    sak.relaterte_saker.add(relatert)
    urelatert = opprett_sak(arkiv, tittel="Skoleskyss", administrativ_enhet=org.enhet_a)
    fsk, kst = Utvalg.objects.get(kode="FSK"), Utvalg.objects.get(kode="KST")
    utvalg_tjenester.sett_behandling(sb, framlegg, fsk, sakstype="PS")
    ps = utvalg_tjenester.sett_behandling(sb, framlegg, kst, sakstype="PS")
    ds = utvalg_tjenester.sett_behandling(sb, utkast, fsk, sakstype="DS")
    annet_framlegg = eget(sb, sak, "S", tittel=f"Tiltak for {annet}skolen",
                          **skjerming("Tiltak for"))  # fmt: skip
    hoveddokument(annet_framlegg, sb)
    godkjent = utvalg_tjenester.sett_behandling(sb, annet_framlegg, fsk, sakstype="PS")
    til_leder = godkjenning.send_saksframlegg(sb, annet_framlegg, personas.leder)
    godkjenning.besvar_godkjenning(personas.leder, til_leder, godkjent=True)
    skrevet = eget(sb, sak, "S", tittel=f"Skolebruk for {navn}elev", **skjerming("Skolebruk for"))
    utvalg_tjenester.sett_behandling(sb, skrevet, fsk, sakstype="PS")
    tekster.start_tekst(sb, skrevet, Dokumentmal.objects.get(maltype="SF"))
    return Verden(
        "skjermet" if skjermet else "offentlig", sak, inn, korr, utkast, framlegg, flagg, xx,
        journalfort, part, relatert, urelatert, ps, ds, godkjent, skrevet, skjermet,
    )  # fmt: skip


# --- What changed, and who can read the canary --------------------------------------------------


def _tabeller() -> list[str]:
    names = []
    for label in ("saksarkiv", "journal", "utvalg", "vedtak", "verksemdsplan"):
        names += [m._meta.db_table for m in apps.get_app_config(label).get_models()]
    return sorted(set(names))


def _fingeravtrykk(tabeller) -> tuple:
    """One hash per table of every row's text: any insert, update or delete shows."""
    sql = "SELECT " + ", ".join(
        f"(SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM {t} x)"
        for t in tabeller
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()


def _canary_for(user) -> set[tuple[str, int]]:
    """Rows holding the canary that `user` may read (None: the public)."""
    poster = Journalpost.objects.readable_by(user) if user else Journalpost.objects.none()
    saker = Saksmappe.objects.readable_by(user) if user else Saksmappe.objects.none()
    found = set()
    for model, readable in ((Journalpost, poster), (Saksmappe, saker)):
        public = model.objects.filter(
            Q(offentlig_tittel__contains=CANARY)
            | Q(tilgangskode__isnull=True, tittel__contains=CANARY)
        )
        for pk in public.union(readable.filter(tittel__contains=CANARY)).values_list("pk"):
            found.add((model.__name__, pk[0]))
    korr = Korrespondansepart.objects.filter(navn__contains=CANARY).filter(
        Q(journalpost__skjerm_korrespondanseparter=False) | Q(journalpost__in=poster)
    )
    found |= {("Korrespondansepart", pk) for pk in korr.values_list("pk", flat=True)}
    parter = Sakspart.objects.filter(navn__contains=CANARY).filter(
        Q(saksmappe__skjerm_parter=False) | Q(saksmappe__in=saker)
    )
    found |= {("Sakspart", pk) for pk in parter.values_list("pk", flat=True)}
    if user:
        logg = Endringslogg.objects.readable_by(user).annotate(tekst=Cast("endringer", TextField()))
        hits = logg.filter(Q(beskrivelse__contains=CANARY) | Q(tekst__contains=CANARY))
        found |= {("Endringslogg", pk) for pk in hits.values_list("pk", flat=True)}
    return found


# --- The rules ----------------------------------------------------------------------------------

Regel = Callable[[object, Verden], object]


def post(felt: str, handling: str) -> Regel:
    return lambda user, v: tillatelser.journalpost(user, getattr(v, felt))[handling]


def sak(handling: str) -> Regel:
    return lambda user, v: tillatelser.saksmappe(user, v.sak)[handling]


def bruker(handling: str) -> Regel:
    return lambda user, v: tillatelser.bruker(user)[handling]


def hver_rad(*regler: Regel) -> Regel:
    """A bulk action's rule (journal/services/masse.py): each row is its own rule. Something
    changes when any row is allowed; refused for who the user is (403) only when every row
    is, else for the rows' state (409)."""

    def regel(user, v):
        svar = [r(user, v) for r in regler]
        if any(s is None for s in svar):
            return None
        return svar[0] if all(s.status == 403 for s in svar) else nei(svar[0].grunn)

    return regel


def _maler(user, v):
    """Archive and the secretariat keep the document templates."""
    return None if tekster.kan_holde_maler(user) else ingen_tilgang("Ikke maler.")


def _be_om_innsyn(user, v):
    """The public journal's rule: anyone may ask for access to a post it lists."""
    listed = offentlige.offentlige_poster().filter(pk=v.journalfort.pk).exists()
    return None if listed else ingen_tilgang("Journalposten er ikke i postlisten.")


@dataclasses.dataclass(frozen=True)
class Skriv:
    url: Callable[[Verden], str]
    data: Callable[[Verden, object], dict]
    regel: Regel
    hva: str = ""
    verdener: tuple[str, ...] = ("offentlig", "skjermet")
    anonym_tillatt: bool = False


def _sakdata(v: Verden, _p) -> dict:
    s = v.sak
    return {
        "tittel": s.tittel + " (rettet)",
        "offentlig_tittel": s.offentlig_tittel,
        "tilgangskode": s.tilgangskode_id or "",
        "skjermingshjemmel": s.skjermingshjemmel,
        "administrativ_enhet": s.administrativ_enhet_id,
        "saksansvarlig": s.saksansvarlig_id,
        "arkivdel": s.arkivdel,
        "ordningsprinsipp": s.ordningsprinsipp,
        "ordningsverdi": s.ordningsverdi,
        "skjerm_parter": "on" if s.skjerm_parter else "",
    }


def _postdata(p: Journalpost, **extra) -> dict:
    return {
        "journalposttype": p.journalposttype,
        "tittel": p.tittel + " (rettet)",
        "offentlig_tittel": p.offentlig_tittel,
        "tilgangskode": p.tilgangskode_id or "",
        "skjermingshjemmel": p.skjermingshjemmel,
        "skjerm_korrespondanseparter": "on" if p.skjerm_korrespondanseparter else "",
        "skjerm_dokumenter": "on" if p.skjerm_dokumenter else "",
        **extra,
    }


def _nytt_notat(v: Verden, _p) -> dict:
    if not v.skjermet:
        return {"journalposttype": "N", "tittel": "Notat fra samtale", "skjerm_dokumenter": "on"}
    return {
        "journalposttype": "N",
        "tittel": f"Notat om {CANARY}",
        "offentlig_tittel": "Notat om *****",
        "tilgangskode": "U",
        "skjermingshjemmel": "Offl. § 13",
        "skjerm_dokumenter": "on",
    }


def _url(name: str, felt: str | None = None, *more: str) -> Callable[[Verden], str]:
    def build(v: Verden) -> str:
        args = [getattr(v, f).pk for f in (felt, *more) if f]
        return reverse(name, args=args)

    return build


def _eml(v: Verden, p) -> dict:
    return {
        "fil": SimpleUploadedFile("brev.eml", make_eml(), content_type="message/rfc822"),
        "saksnummer": v.sak.saksnummer,
        "administrativ_enhet": v.sak.administrativ_enhet_id,
        "saksbehandler": p.saksbehandler.pk,
    }


def _vedtakspunkt(v: Verden) -> Sakskartpunkt:
    """The world's committee draft as decided in Formannskapet (back to the case)."""
    return Sakskartpunkt.objects.get(
        behandling__journalpost=v.framlegg, behandling__utvalg__kode="FSK", nummer__gte=901
    )


def _matrise(p, org) -> dict[str, list[Skriv] | str]:
    """Every URL name of the app → its writes (one or more), or LESER / KONTO."""
    j = "journal:"
    fsk, hte = Utvalg.objects.get(kode="FSK"), Utvalg.objects.get(kode="HTE")
    medlem = Medlem.objects.create(
        utvalg=fsk, person=p.leder, rolle="ME", fra=datetime.date(2020, 1, 1)
    )
    mote = Mote.objects.create(utvalg=fsk, dato=datetime.date(2099, 3, 12),
                               klokkeslett=datetime.time(18), sted="Salen")  # fmt: skip
    # The agenda: three referrals in the queue, two of them on the meeting's agenda.
    referatsak = opprett_sak(p.arkiv, tittel="Referater", administrativ_enhet=org.enhet_a)
    referater = []
    for n in range(3):
        brev = inngaende(p.arkiv, referatsak, saksbehandler=p.saksbehandler, tittel=f"Brev {n}")
        utvalg_tjenester.referer(p.leder, brev, [fsk])
        referater.append(brev.behandlinger.get())
    sakskart.sett_pa(p.motesekretaer, mote, [b.pk for b in referater[:2]])
    _fast, forste, andre = sakskart.aktive(mote)
    # The member portal: the leader sits in FSK (a substitute too), a second meeting's notice
    # is out, and the leader reported absence from it.
    vara = Medlem.objects.create(utvalg=fsk, person=p.stedfortreder, rolle="VA",
                                 vararekkefolge=1, fra=datetime.date(2020, 1, 1))  # fmt: skip

    def innkalt(dato: datetime.date, tittel: str) -> Mote:
        """A meeting of FSK whose notice is out with one referral on it."""
        moetet = Mote.objects.create(utvalg=fsk, dato=dato, klokkeslett=datetime.time(18),
                                     sted="Salen")  # fmt: skip
        brev = inngaende(p.arkiv, referatsak, saksbehandler=p.saksbehandler, tittel=tittel)
        utvalg_tjenester.referer(p.leder, brev, [fsk])
        sakskart.sett_pa(p.motesekretaer, moetet, [brev.behandlinger.get().pk])
        innkalling.publiser(p.motesekretaer, moetet)
        return moetet

    utsendt = innkalt(datetime.date(2099, 5, 14), "Brev 3")
    utsendt_punkt = Sakskartpunkt.objects.get(mote=utsendt, behandling__isnull=False)
    forfall = portal.meld_forfall(p.leder, utsendt, grunn="SY")
    # Attendance: the roll call is started on that meeting; another notice is out without one.
    opprop = {r.medlem_id: r for r in frammote.start_opprop(p.motesekretaer, utsendt)}
    uten_opprop = innkalt(datetime.date(2099, 6, 11), "Brev 4")

    # Treating an item: a third meeting whose roll call has the leader present.
    avstemt = innkalt(datetime.date(2099, 8, 13), "Brev 5")
    frammote.start_opprop(p.motesekretaer, avstemt)
    avstemt_punkt = Sakskartpunkt.objects.get(mote=avstemt, behandling__isnull=False)
    innstilling = votering.foreslaa(p.motesekretaer, avstemt_punkt, type="IN",
                                    tekst="Saken tas til orientering.")  # fmt: skip

    # After the meeting: a fourth meeting held and closed, its minutes not yet published.
    holdt = innkalt(datetime.date(2099, 9, 10), "Brev 6")
    frammote.start_opprop(p.motesekretaer, holdt)
    protokollforing.avslutt(p.motesekretaer, holdt)
    # And a fifth whose minutes are published; the committee lets its chair approve them.
    publisert = innkalt(datetime.date(2099, 10, 8), "Brev 7")
    frammote.start_opprop(p.motesekretaer, publisert)
    protokollforing.avslutt(p.motesekretaer, publisert)
    protokollforing.publiser_protokoll(p.motesekretaer, publisert)
    Utvalg.objects.filter(pk=fsk.pk).update(protokoll_av_leder=True)
    fsk.refresh_from_db()

    # Back to the case: each world's draft decided by Formannskapet in a held meeting, to be
    # expedited by its caseworker (a partsbrev template for the letter).
    vedtatt = Mote.objects.create(utvalg=fsk, dato=datetime.date(2099, 10, 7), status="G",
                                  klokkeslett=datetime.time(18), sted="Salen")  # fmt: skip
    framlegg = Behandling.objects.filter(utvalg__kode="KST").values("journalpost")
    for n, b in enumerate(Behandling.objects.filter(utvalg=fsk, journalpost__in=framlegg)):
        Sakskartpunkt.objects.create(mote=vedtatt, utvalg=fsk, behandling=b, sakstype="PS",
                                     rekkefolge=n + 1, aar=2099, nummer=901 + n, resultat="VS",
                                     vedtak="<p>Tiltaket settes i verk.</p>",
                                     behandlet=datetime.datetime.now(datetime.UTC))  # fmt: skip
    Dokumentmal.objects.create(navn="Partsbrev", maltype="PB", brevtekst="<p>[[vedtak]]</p>")
    # Decision follow-up: the minutes approved, each world's decision followed up by its
    # caseworker.
    Mote.objects.filter(pk=vedtatt.pk).update(status="PG")
    for punkt in Sakskartpunkt.objects.filter(mote=vedtatt):
        oppfolging = Oppfolging.objects.create(
            punkt=punkt, frist=datetime.date(2099, 12, 1), fristtype="U",
            registrert_av=p.motesekretaer)  # fmt: skip
        Oppfolgingslinje.objects.create(oppfolging=oppfolging, saksbehandler=p.saksbehandler,
                                        administrativ_enhet=org.enhet_a,
                                        endret_av=p.motesekretaer)  # fmt: skip
        ferdig = Oppfolging.objects.create(
            punkt=punkt, frist=datetime.date(2099, 11, 1), fristtype="E",
            verbalpunkt="Iverksatt", registrert_av=p.motesekretaer)  # fmt: skip
        Oppfolgingslinje.objects.create(oppfolging=ferdig, saksbehandler=p.saksbehandler,
                                        administrativ_enhet=org.enhet_a, status="IV",
                                        utfort=datetime.date(2020, 1, 1),
                                        endret_av=p.motesekretaer)  # fmt: skip
    om_to_maaneder = (timezone.localdate() + datetime.timedelta(days=60)).isoformat()

    def oppfolgingen(v):
        return Oppfolging.objects.get(punkt=_vedtakspunkt(v), verbalpunkt="")

    def iverksatt(v):
        return Oppfolging.objects.get(punkt=_vedtakspunkt(v), verbalpunkt="Iverksatt")

    def linjen(v):
        return Oppfolgingslinje.objects.get(oppfolging=oppfolgingen(v))

    def vedtaket(handling):
        return lambda user, v: utvalg_regler.vedtak(user, _vedtakspunkt(v))[handling]

    def sekretaer(user, v):
        return utvalg_regler.utvalg(user, fsk)["moter"]

    def medlemmet(user, v):
        """Absence: the member; a substitute not called in has nothing to report."""
        if user == p.stedfortreder:
            return nei("Ikke innkalt.")
        return None if user == p.leder else ingen_tilgang("Sitter ikke i utvalget.")

    def sitter(user, v):
        """Notes: anyone with a seat (substitutes prepare too)."""
        return None if user in (p.leder, p.stedfortreder) else ingen_tilgang("Ikke i utvalget.")

    def kart(user, v):
        return utvalg_regler.utvalg(user, fsk)["sakskart"]

    return {
        # --- Cases
        j + "ny_sak": [Skriv(
            lambda v: reverse(j + "ny_sak"),
            lambda v, p: {"tittel": "Ny sak", "administrativ_enhet": org.enhet_a.pk,
                          "arkivdel": "SAK"},
            bruker("ny_sak"), verdener=("offentlig",))],
        j + "endre_sak": [Skriv(_url(j + "endre_sak", "sak"), _sakdata, sak("endre"))],
        j + "sak_status": [
            Skriv(_url(j + "sak_status", "sak"), lambda v, p: {"handling": "onskes_avsluttet"},
                  sak("onskes_avsluttet"), "ønskes avsluttet"),
            Skriv(_url(j + "sak_status", "sak"), lambda v, p: {"handling": "unnta"},
                  sak("unnta"), "unnta fra prosesstyring"),
        ],
        j + "sak_part": [Skriv(_url(j + "sak_part", "sak"),
                               lambda v, p: {"part-navn": "Ny Part"}, sak("parter"))],
        j + "fjern_part": [Skriv(_url(j + "fjern_part", "part"), lambda v, p: {},
                                 sak("parter"))],
        j + "relater": [Skriv(_url(j + "relater", "sak"),
                              lambda v, p: {"relater-sak": v.urelatert.saksnummer},
                              sak("relater"))],
        j + "fjern_relasjon": [Skriv(_url(j + "fjern_relasjon", "sak", "relatert"),
                                     lambda v, p: {}, sak("relater"))],
        # --- Posts
        j + "ny_journalpost": [Skriv(_url(j + "ny_journalpost", "sak"), _nytt_notat,
                                     sak("ny_journalpost"))],
        j + "endre_journalpost": [Skriv(_url(j + "endre_journalpost", "utkast"),
                                        lambda v, p: _postdata(v.utkast),
                                        post("utkast", "endre"))],
        j + "post_status": [
            Skriv(_url(j + "post_status", "inn"), lambda v, p: {"handling": "motta"},
                  post("inn", "motta"), "merk som mottatt"),
            Skriv(_url(j + "post_status", "utkast"),
                  lambda v, p: {"handling": "utgaar", "status-begrunnelse": "Feilregistrert"},
                  post("utkast", "utgaar"), "sett til utgår"),
        ],
        j + "korrespondansepart": [Skriv(
            _url(j + "korrespondansepart", "inn"),
            lambda v, p: {"korr-korrespondanseparttype": "EK", "korr-navn": "Kari Kopi"},
            post("inn", "korrespondanseparter"))],
        j + "fjern_korrespondansepart": [Skriv(_url(j + "fjern_korrespondansepart", "korr"),
                                               lambda v, p: {},
                                               post("inn", "fjern_korrespondansepart"))],
        j + "kopi": [Skriv(_url(j + "kopi", "inn"),
                           lambda v, p: {"kopi-person": p.stedfortreder.pk}, post("inn", "kopi"))],
        j + "merknad": [Skriv(_url(j + "merknad", "inn"),
                              lambda v, p: {"merknad-tekst": "Ring tilbake"},
                              post("inn", "merknad"))],
        j + "avskriv": [Skriv(_url(j + "avskriv", "inn"),
                              lambda v, p: {"avskriv-avskrivningsmaate": "TE"},
                              post("inn", "avskriv"))],
        j + "besvar": [Skriv(_url(j + "besvar", "inn"),
                             lambda v, p: {"besvar-journalposttype": "U", "besvar-avskriv": "0"},
                             post("inn", "besvar"))],
        j + "fordel": [Skriv(_url(j + "fordel", "inn"),
                             lambda v, p: {"fordel-enhet": org.enhet_a.pk,
                                           "fordel-saksbehandler": p.saksbehandler.pk},
                             post("inn", "fordel"))],
        j + "send_godkjenning": [Skriv(_url(j + "send_godkjenning", "utkast"),
                                       lambda v, p: {"send-leder": p.leder.pk},
                                       post("utkast", "send_godkjenning"))],
        j + "svar_godkjenning": [Skriv(
            _url(j + "svar_godkjenning", "flagg"), lambda v, p: {"svar-godkjent": "1"},
            lambda user, v: tillatelser.godkjenning(user, v.flagg)["svar"])],
        "utvalg:behandling": [Skriv(_url("utvalg:behandling", "framlegg"),
                                 lambda v, p: {"behandling-utvalg": hte.pk},
                                 post("framlegg", "behandling"))],
        "utvalg:referer": [Skriv(_url("utvalg:referer", "inn"),
                                 lambda v, p: {"referer-utvalg": [fsk.pk]},
                                 post("inn", "referer"))],
        "utvalg:fjern_behandling": [Skriv(_url("utvalg:fjern_behandling", "ps"),
                                          lambda v, p: {}, post("framlegg", "behandling"))],
        "utvalg:flytt_behandling": [Skriv(_url("utvalg:flytt_behandling", "ps"),
                                          lambda v, p: {}, post("framlegg", "behandling"))],
        "utvalg:meld_klar": [Skriv(_url("utvalg:meld_klar", "ds"), lambda v, p: {},
                                   post("utkast", "meld_klar"))],
        "utvalg:start_tekst": [Skriv(
            _url("utvalg:start_tekst", "framlegg"),
            lambda v, p: {"start-mal": Dokumentmal.objects.get(maltype="SF").pk},
            post("framlegg", "skriv_tekst"))],
        "utvalg:tekst": [Skriv(_url("utvalg:tekst", "skrevet"),
                               lambda v, p: {"versjon": 1, "vurdering": "<p>Vurdert</p>"},
                               post("skrevet", "skriv_tekst"))],
        "utvalg:autolagre": [Skriv(_url("utvalg:autolagre", "skrevet"),
                                   lambda v, p: {"versjon": 1, "vurdering": "<p>Autolagret</p>"},
                                   post("skrevet", "skriv_tekst"))],
        "utvalg:ny_mal": [Skriv(
            lambda v: reverse("utvalg:ny_mal"),
            lambda v, p: {"navn": "Ny mal", "maltype": "PB", "aktiv": "on",
                          "brevtekst": "<p>[[vedtak]]</p>"},
            _maler, verdener=("offentlig",))],
        "utvalg:mal": [Skriv(
            lambda v: reverse("utvalg:mal", args=[Dokumentmal.objects.get(maltype="SF").pk]),
            lambda v, p: {"navn": "Saksframlegg (ny)", "maltype": "SF", "aktiv": "on"},
            _maler, verdener=("offentlig",))],
        "utvalg:planlegg": [Skriv(
            _url("utvalg:planlegg", "godkjent"), lambda v, p: {"planlegg-dato": "2099-01-15"},
            lambda user, v: tillatelser.journalpost(user, v.godkjent.journalpost)["planlegg"])],
        j + "flytt": [Skriv(_url(j + "flytt", "inn"),
                            lambda v, p: {"flytt-sak": v.urelatert.saksnummer},
                            post("inn", "flytt"))],
        j + "vurder_offentlighet": [Skriv(
            _url(j + "vurder_offentlighet", "xx"),
            lambda v, p: {"vedtak": OFFENTLIG, "versjon": versjon(v.xx),
                          "skjerm_dokumenter": "on"},
            post("xx", "offentlighetsvurder"))],
        j + "dokument_last_opp": [Skriv(
            _url(j + "dokument_last_opp", "utkast"),
            lambda v, p: {"dok-fil": SimpleUploadedFile("vedlegg.txt", b"Vedlegg"),
                          "dok-tittel": "Vedlegg"},
            post("utkast", "legg_til_dokument"))],
        # --- Registration
        j + "registrer_inngaaende": [Skriv(
            lambda v: reverse(j + "registrer_inngaaende"),
            lambda v, p: {"tittel": "Søknad om skoleskyss", "avsender": "Ola Nordmann",
                          "administrativ_enhet": org.enhet_a.pk},
            bruker("registrer_inngaaende"), verdener=("offentlig",))],
        # --- The contacts register (a contact made once, before the savepoints)
        j + "ny_kontakt": [Skriv(
            lambda v: reverse(j + "ny_kontakt"),
            lambda v, p: {"navn": "Ny Kontakt", "kortkode": "NYKONTAKT"},
            bruker("kontakter"), verdener=("offentlig",))],
        j + "endre_kontakt": [Skriv(
            lambda v: reverse(j + "endre_kontakt", args=[Kontakt.objects.get_or_create(
                kortkode="MATRISE", defaults={"navn": "Matrise AS"})[0].pk]),
            lambda v, p: {"navn": "Matrise AS (rettet)", "kortkode": "MATRISE", "aktiv": "on"},
            bruker("kontakter"), verdener=("offentlig",))],
        # --- The Noark 5 arkivuttrekk (the run is queued on commit: never here)
        j + "arkivuttrekk": [Skriv(
            lambda v: reverse(j + "arkivuttrekk"),
            lambda v, p: {"fra": "01.01.2020", "til": "31.12.2020"},
            bruker("arkivuttrekk"), verdener=("offentlig",))],
        j + "importer_epost": [Skriv(
            lambda v: reverse(j + "importer_epost"), _eml,
            lambda user, v: bruker("importer_epost")(user, v) or sak("ny_journalpost")(user, v))],
        j + "overfor_restanser": [Skriv(
            lambda v: reverse(j + "overfor_restanser"),
            lambda v, p: {"enhet": org.enhet_a.pk, "fra": p.saksbehandler.pk,
                          "til": p.stedfortreder.pk, "handling": "bekreft",
                          "forhandsvist": f"{org.enhet_a.pk}:{p.saksbehandler.pk}:"
                                          f"{p.stedfortreder.pk}"},
            lambda user, v: tillatelser.enhet(user, org.enhet_a)["overfor_restanser"],
            verdener=("offentlig",))],
        # --- The committee register
        "utvalg:nytt": [Skriv(
            lambda v: reverse("utvalg:nytt"),
            lambda v, p: {"navn": "Eldrerådet", "kode": "ELD", "utvalgstype": "RD",
                          "innkallingsfrist": "5", "rekkefolge": "10", "aktiv": "on"},
            lambda user, v: utvalg_regler.utvalg(user)["ny"], verdener=("offentlig",))],
        "utvalg:endre": [Skriv(
            lambda v: reverse("utvalg:endre", args=[fsk.pk]),
            lambda v, p: {"navn": "Formannskapet", "kode": "FSK", "utvalgstype": "FS",
                          "innkallingsfrist": "7", "rekkefolge": "20", "aktiv": "on"},
            lambda user, v: utvalg_regler.utvalg(user, fsk)["endre"], verdener=("offentlig",))],
        "utvalg:nytt_medlem": [Skriv(
            lambda v: reverse("utvalg:nytt_medlem", args=[fsk.pk]),
            lambda v, p: {"medlem-person": p.politiker.pk, "medlem-rolle": "ME",
                          "medlem-fra": "2020-01-01"},
            lambda user, v: utvalg_regler.utvalg(user, fsk)["medlemmer"],
            verdener=("offentlig",))],
        "utvalg:avslutt_medlem": [Skriv(
            lambda v: reverse("utvalg:avslutt_medlem", args=[medlem.pk]),
            lambda v, p: {"avslutt-til": "2020-06-30"},
            lambda user, v: utvalg_regler.utvalg(user, fsk)["medlemmer"],
            verdener=("offentlig",))],
        # --- The meeting plan
        "utvalg:nytt_mote": [Skriv(
            lambda v: reverse("utvalg:nytt_mote", args=[fsk.pk]),
            lambda v, p: {"mote-dato": "2099-04-16", "mote-klokkeslett": "18:00",
                          "mote-sted": "Salen"},
            lambda user, v: utvalg_regler.utvalg(user, fsk)["moter"], verdener=("offentlig",))],
        "utvalg:kopier_moteplan": [Skriv(
            lambda v: reverse("utvalg:kopier_moteplan", args=[fsk.pk]),
            lambda v, p: {"kopier-fra_aar": "2099", "kopier-til_aar": "2100"},
            lambda user, v: utvalg_regler.utvalg(user, fsk)["moter"], verdener=("offentlig",))],
        "utvalg:mote": [Skriv(
            lambda v: reverse("utvalg:mote", args=[mote.pk]),
            lambda v, p: {"handling": "avlys", "avlys-merknad": "Ingen saker"},
            lambda user, v: utvalg_regler.utvalg(user, fsk)["moter"], verdener=("offentlig",))],
        # --- The agenda
        "utvalg:sett_pa_sakskart": [Skriv(
            lambda v: reverse("utvalg:sett_pa_sakskart", args=[mote.pk]),
            lambda v, p: {"behandlinger": [referater[2].pk]}, kart, verdener=("offentlig",))],
        "utvalg:ordne_sakskart": [Skriv(
            lambda v: reverse("utvalg:ordne_sakskart", args=[mote.pk]),
            lambda v, p: {"gruppe": "RS", "rekkefolge": f"{andre.pk},{forste.pk}"}, kart,
            verdener=("offentlig",))],
        "utvalg:nummerer_sakskart": [Skriv(
            lambda v: reverse("utvalg:nummerer_sakskart", args=[mote.pk]), lambda v, p: {},
            kart, verdener=("offentlig",))],
        "utvalg:flytt_punkt": [Skriv(
            lambda v: reverse("utvalg:flytt_punkt", args=[andre.pk]),
            lambda v, p: {"retning": "opp"}, kart, verdener=("offentlig",))],
        "utvalg:forfall": [Skriv(
            lambda v: reverse("utvalg:forfall", args=[mote.pk]),
            lambda v, p: {"forfall-grunn": "SY"}, medlemmet, verdener=("offentlig",))],
        "utvalg:notat": [Skriv(
            lambda v: reverse("utvalg:notat", args=[utsendt_punkt.pk]),
            lambda v, p: {"tekst": "Mitt notat"}, sitter, verdener=("offentlig",))],
        "utvalg:kall_inn_vara": [Skriv(
            lambda v: reverse("utvalg:kall_inn_vara", args=[forfall.pk]),
            lambda v, p: {"vara": str(vara.pk)},
            lambda user, v: utvalg_regler.utvalg(user, fsk)["moter"], verdener=("offentlig",))],
        "utvalg:start_opprop": [Skriv(
            lambda v: reverse("utvalg:start_opprop", args=[uten_opprop.pk]), lambda v, p: {},
            sekretaer, verdener=("offentlig",))],
        "utvalg:frammote_status": [Skriv(
            lambda v: reverse("utvalg:frammote_status", args=[opprop[medlem.pk].pk]),
            lambda v, p: {"status": "I"}, sekretaer, verdener=("offentlig",))],
        "utvalg:vara_motte": [Skriv(
            lambda v: reverse("utvalg:vara_motte", args=[utsendt.pk]),
            lambda v, p: {"vara-vara": vara.pk, "vara-for_medlem": medlem.pk}, sekretaer,
            verdener=("offentlig",))],
        "utvalg:frammote_endring": [Skriv(
            lambda v: reverse("utvalg:frammote_endring", args=[utsendt.pk]),
            lambda v, p: {"endring-punkt": utsendt_punkt.pk, "endring-medlem": medlem.pk,
                          "endring-type": "KO"}, sekretaer, verdener=("offentlig",))],
        "utvalg:nytt_forslag": [Skriv(
            lambda v: reverse("utvalg:nytt_forslag", args=[avstemt_punkt.pk]),
            lambda v, p: {"forslag-type": "AL", "forslag-tekst": "Saken utsettes.",
                          "forslag-fremmet_av": [medlem.pk]}, sekretaer, verdener=("offentlig",))],
        "utvalg:ny_votering": [Skriv(
            lambda v: reverse("utvalg:ny_votering", args=[avstemt_punkt.pk]),
            lambda v, p: {"forslag": innstilling.pk, f"stemme-{medlem.pk}": "F"}, sekretaer,
            verdener=("offentlig",))],
        "utvalg:avgjor": [Skriv(
            lambda v: reverse("utvalg:avgjor", args=[avstemt_punkt.pk]),
            lambda v, p: {"resultat-resultat": "VS"}, sekretaer, verdener=("offentlig",))],
        "utvalg:avslutt_mote": [Skriv(
            lambda v: reverse("utvalg:avslutt_mote", args=[avstemt.pk]), lambda v, p: {},
            sekretaer, verdener=("offentlig",))],
        "utvalg:publiser_protokoll": [Skriv(
            lambda v: reverse("utvalg:publiser_protokoll", args=[holdt.pk]), lambda v, p: {},
            sekretaer, verdener=("offentlig",))],
        "utvalg:publiser_vedtaksliste": [Skriv(
            lambda v: reverse("utvalg:publiser_vedtaksliste", args=[holdt.pk]),
            lambda v, p: {}, sekretaer, verdener=("offentlig",))],
        "utvalg:godkjenn_protokoll": [Skriv(
            lambda v: reverse("utvalg:godkjenn_protokoll", args=[publisert.pk]),
            lambda v, p: {},
            lambda user, v: utvalg_regler.mote(user, publisert)["godkjenn_protokoll"],
            verdener=("offentlig",))],
        "utvalg:protokolltekst": [Skriv(
            lambda v: reverse("utvalg:protokolltekst", args=[avstemt_punkt.pk]),
            lambda v, p: {"vedtak": "<p>Tatt til orientering.</p>"}, sekretaer,
            verdener=("offentlig",))],
        # --- Decision follow-up
        "vedtak:punkt": [Skriv(
            lambda v: reverse("vedtak:punkt", args=[_vedtakspunkt(v).pk]),
            lambda v, p_: {"oppfolging-frist": om_to_maaneder, "oppfolging-fristtype": "E",
                           "oppfolging-saksbehandlere": [p.saksbehandler_annen.pk]},
            lambda user, v: vedtak_regler.punkt(user, _vedtakspunkt(v))["registrer_oppfolging"])],
        "vedtak:frist": [Skriv(
            lambda v: reverse("vedtak:frist", args=[oppfolgingen(v).pk]),
            lambda v, p_: {"frist-frist": om_to_maaneder, "frist-grunn": "Utvalget ba om det"},
            lambda user, v: vedtak_regler.oppfolging(user, oppfolgingen(v))["endre_frist"])],
        "vedtak:ny_linje": [Skriv(
            lambda v: reverse("vedtak:ny_linje", args=[oppfolgingen(v).pk]),
            lambda v, p_: {"linje-saksbehandler": p.saksbehandler_annen.pk},
            lambda user, v: vedtak_regler.oppfolging(user, oppfolgingen(v))["ny_linje"])],
        "vedtak:avslutt": [Skriv(
            lambda v: reverse("vedtak:avslutt"), lambda v, p_: {"oppfolging": iverksatt(v).pk},
            lambda user, v: vedtak_regler.oppfolging(user, iverksatt(v))["avslutt"])],
        "vedtak:referer_rapport": [Skriv(
            lambda v: reverse("vedtak:referer_rapport"),
            lambda v, p_: {"utvalg": fsk.pk, "fra": "2099-01-01", "til": "2099-12-31"},
            lambda user, v: vedtak_regler.rapport(user, fsk)["referer"],
            verdener=("offentlig",))],
        "vedtak:linje": [Skriv(
            lambda v: reverse("vedtak:linje", args=[linjen(v).pk]),
            lambda v, p_: {"status": "UA", "hva_er_gjort": "Startet"},
            lambda user, v: vedtak_regler.linje(user, linjen(v))["oppdater"])],
        "utvalg:publiser_innkalling": [Skriv(
            lambda v: reverse("utvalg:publiser_innkalling", args=[mote.pk]), lambda v, p: {},
            lambda user, v: utvalg_regler.utvalg(user, fsk)["innkall"], verdener=("offentlig",))],
        "utvalg:ta_av_sakskart": [Skriv(
            lambda v: reverse("utvalg:ta_av_sakskart", args=[forste.pk]), lambda v, p: {},
            kart, verdener=("offentlig",))],
        "utvalg:saksutskrift": [Skriv(
            lambda v: reverse("utvalg:saksutskrift", args=[_vedtakspunkt(v).pk]),
            lambda v, p: {}, vedtaket("saksutskrift"))],
        "utvalg:partsbrev": [Skriv(
            lambda v: reverse("utvalg:partsbrev", args=[_vedtakspunkt(v).pk]),
            lambda v, p: {}, vedtaket("partsbrev"))],
        "utvalg:ekspeder": [Skriv(
            lambda v: reverse("utvalg:ekspeder", args=[_vedtakspunkt(v).pk]),
            lambda v, p: {}, vedtaket("ekspeder"))],
        # --- Bulk actions from the worklists: one rule per row (hver_rad)
        j + "masse": [
            Skriv(lambda v: reverse(j + "masse", args=["journalforing"]),
                  lambda v, p: {"handling": "journalfor", "masse-ider": [v.inn.pk]},
                  post("inn", "journalfor"), "journalfør valgte"),
            Skriv(lambda v: reverse(j + "masse", args=["ufordelte"]),
                  lambda v, p: {"handling": "fordel", "masse-ider": [v.inn.pk, v.xx.pk],
                                "masse-enhet": org.enhet_a.pk,
                                "masse-saksbehandler": p.saksbehandler.pk},
                  hver_rad(post("inn", "fordel"), post("xx", "fordel")), "fordel valgte"),
            Skriv(lambda v: reverse(j + "masse", args=["godkjenning_leder"]),
                  lambda v, p: {"handling": "godkjenn",
                                "masse-ider": [v.flagg.journalpost_id]},
                  lambda user, v: tillatelser.godkjenning(user, v.flagg)["svar"],
                  "godkjenn valgte"),
            Skriv(lambda v: reverse(j + "masse", args=["restanser"]),
                  lambda v, p: {"handling": "avskriv", "masse-ider": [v.inn.pk],
                                "masse-avskrivningsmaate": "TE"},
                  post("inn", "avskriv"), "avskriv valgte"),
        ],
        # --- The public journal
        "offentlig:innsyn": [Skriv(
            _url("offentlig:innsyn", "journalfort"),
            lambda v, p: {"navn": "Nysgjerrig Per", "epost": "per@example.no"},
            _be_om_innsyn, anonym_tillatt=True)],
    }  # fmt: skip


# Pages that only read, and Django's account pages (KONTO): a POST changes nothing.
LESESIDER = {
    "arbeidsbord", "organisasjon", "endringslogg", "helse",
    "offentlig:postliste", "offentlig:journalpost", "offentlig:dokument", "offentlig:eksport",
    "journal:mine_saker", "journal:sak", "journal:journalpost", "journal:godkjenninger",
    "journal:innboks", "journal:restanser", "journal:forfall", "journal:obs",
    "journal:konsepter", "journal:kopiboks", "journal:ufordelte", "journal:mottatte",
    "journal:offentlighetsvurdering", "journal:godkjenning_leder",
    "journal:endelig_godkjenning", "journal:arkivkontroll", "journal:journalforing",
    "journal:dokument_last_ned", "journal:sok", "journal:lignende_saker",
    "journal:restanseliste", "journal:restanseliste_csv", "journal:restanseliste_pdf",
    "journal:rapporter", "journal:rapport_fil", "utvalg:liste", "utvalg:utvalg",
    "utvalg:koliste", "utvalg:mine", "utvalg:tekst_pdf", "utvalg:maler",
    "utvalg:forhandsvis_innkalling", "utvalg:portal", "utvalg:portal_mote",
    "utvalg:portal_dokument", "utvalg:behandling_i_mote", "utvalg:forhandsvis_protokoll",
    "vedtak:mine", "vedtak:enhet", "vedtak:rapport", "vedtak:uten_oppfolging",
    "moter:kalender", "moter:mote", "moter:ical", "moter:innkalling", "moter:saksdokument",
    "moter:representanter", "moter:representant",
    "utvalg:vedtak", "vedtak_offentlig:oversikt", "vedtak_offentlig:csv",
    "journal:kontakter", "journal:kontaktsok", "journal:saksvalg", "journal:personvalg",
    "journal:arkivuttrekk_kjoring", "journal:arkivuttrekk_last_ned",
}  # fmt: skip
LESESIDER |= skrivematrise_oppdrag.LESESIDER  # the verksemdsplan's assignments
LESESIDER |= skrivematrise_plan.LESESIDER  # plans, oppdragsbrev, year wheel
LESESIDER |= skrivematrise_rapport.LESESIDER  # the verksemdsplan's checklist and reports
LESESIDER |= skrivematrise_indikator.LESESIDER  # the verksemdsplan's indicators
LESESIDER |= skrivematrise_tiltak.LESESIDER  # measures and the action and economy plan
LESESIDER |= {"verksemdsplan:oversikt"}  # the verksemdsplan's front page (read only)
KONTOSIDER = {
    "login", "logout", "password_reset", "password_reset_done", "password_reset_confirm",
    "password_reset_complete",
    "set_language",  # the language chooser: a cookie, and the user's own profile
}  # fmt: skip


def _leseside_url(name: str, v: Verden) -> str:
    dokument = v.utkast.dokumenter.first()
    args = {
        "offentlig:journalpost": [v.journalfort.pk],
        "offentlig:dokument": [dokument.pk],
        "journal:sak": [v.sak.pk],
        "journal:journalpost": [v.inn.pk],
        "journal:dokument_last_ned": [dokument.pk],
        "journal:rapport_fil": [1],
        "journal:arkivuttrekk_kjoring": [1],
        "journal:arkivuttrekk_last_ned": [1],
        "utvalg:utvalg": [Utvalg.objects.get(kode="FSK").pk],
        "utvalg:koliste": [Utvalg.objects.get(kode="FSK").pk],
        "utvalg:tekst_pdf": [v.skrevet.pk],
        "moter:mote": [Mote.objects.first().systemid],
        "utvalg:forhandsvis_innkalling": [Mote.objects.first().pk],
        "utvalg:portal_mote": [Mote.objects.first().pk],
        "utvalg:forhandsvis_protokoll": [Mote.objects.first().pk],
        "utvalg:behandling_i_mote": [
            Sakskartpunkt.objects.filter(behandling__isnull=False).first().pk
        ],
        "utvalg:portal_dokument": [dokument.pk],
        "moter:innkalling": [Mote.objects.first().systemid, 1],
        "moter:saksdokument": [Mote.objects.first().systemid, 1],
        "moter:ical": ["fsk"],
        "moter:representant": [getattr(Medlem.objects.first(), "person_id", 1)],
        "password_reset_confirm": ["MQ", "ugyldig-token"],
        **skrivematrise_oppdrag.leseargs(),
        **skrivematrise_plan.leseargs(),
        **skrivematrise_rapport.leseargs(),
        **skrivematrise_indikator.leseargs(),
        **skrivematrise_tiltak.leseargs(),
    }.get(name, [])
    return reverse(name, args=args)


# --- Discovery ----------------------------------------------------------------------------------


def _app_urls() -> list[tuple[str, str]]:
    """(name, route) of every URL pattern outside the Django admin (whose own staff and model
    permissions guard it: no persona is staff, see the test below)."""
    found = []

    def walk(patterns, prefix="", ns=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                if str(p.pattern).startswith("admin/"):
                    continue
                sub = f"{ns}{p.namespace}:" if p.namespace else ns
                walk(p.url_patterns, prefix + str(p.pattern), sub)
            else:
                found.append((f"{ns}{p.name}", prefix + str(p.pattern)))

    walk(get_resolver().url_patterns)
    return found


def _login_url(response) -> bool:
    return response.status_code == 302 and "/logg-inn/" in response["Location"]


def test_no_persona_is_staff(personas):
    """The admin is left to Django's own checks: none of the personas may reach it."""
    assert not any(u.is_staff or u.is_superuser for u in personas.all().values())


def test_every_url_posted_by_every_persona_matches_its_rule(personas, org, klokke):
    for kode, navn in (("FSK", "Formannskapet"), ("KST", "Kommunestyret"), ("HTE", "Teknisk")):
        Utvalg.objects.create(kode=kode, navn=navn)
    Dokumentmal.objects.create(navn="Saksframlegg", maltype="SF", vurdering="<p>Vurdering</p>")
    innstillinger = Innstillinger.hent()
    verdener = [_bygg(personas, org, False), _bygg(personas, org, True)]
    innstillinger.innsynskrav_saksmappe = verdener[0].relatert
    innstillinger.save()
    matrise = _matrise(personas, org)
    matrise |= skrivematrise_oppdrag.matrise(Skriv, personas, org)
    matrise |= skrivematrise_plan.matrise(Skriv, personas, org)
    matrise |= skrivematrise_rapport.matrise(Skriv, personas, org)
    matrise |= skrivematrise_indikator.matrise(Skriv, personas, org)
    matrise |= skrivematrise_tiltak.matrise(Skriv, personas, org)

    names = {name for name, _route in _app_urls()}
    missing = names - set(matrise) - LESESIDER - KONTOSIDER
    assert not missing, f"URL-er uten regel i skrivematrisen: {sorted(missing)}"
    assert not (LESESIDER | KONTOSIDER | set(matrise)) - names, "Ukjente navn i matrisen"

    tabeller = _tabeller()
    brukere = {**personas.all(), "anonym": None}
    client = Client()
    feil: list[str] = []
    teller = itertools.count()
    utfall: dict[str, set[bool]] = collections.defaultdict(set)

    def prov(persona, user, url, data, forventet, verden, hva):
        """Post once in a savepoint; record every way the answer breaks the rule."""
        nr = next(teller)
        if user is None:
            client.logout()
        else:
            client.force_login(user)
        try:
            with transaction.atomic():
                leser_skjult = (
                    verden is not None
                    and verden.skjermet
                    and not (user and access.can_read(user, verden.sak))
                )
                canary_for = _canary_for(user) if leser_skjult else set()
                before = _fingeravtrykk(tabeller)
                response = client.post(url, data, REMOTE_ADDR=f"10.1.{nr // 250}.{nr % 250}")
                changed = _fingeravtrykk(tabeller) != before
                where = f"{hva} [{verden.navn if verden else '-'}] som {persona}"
                body = b"".join(response) if response.streaming else response.content
                status = response.status_code
                if status >= 500:
                    feil.append(f"{where}: {status}")
                if forventet == LESER:
                    if changed:
                        feil.append(f"{where}: en side som bare leser, endret databasen")
                elif forventet == "innlogging":
                    if not _login_url(response) or changed:
                        feil.append(f"{where}: {status}, endret={changed} (ventet innlogging)")
                elif forventet is None:
                    if status >= 400 or not changed:
                        feil.append(f"{where}: {status}, endret={changed} (regelen tillater)")
                else:
                    tillatt = (400, 403, 404) if forventet.status == 403 else (400, 409)
                    if status not in tillatt or changed:
                        feil.append(
                            f"{where}: {status}, endret={changed} (regelen nekter: {forventet})"
                        )
                if leser_skjult:
                    if CANARY.encode() in body:
                        feil.append(f"{where}: kanarifuglen i svaret")
                    if new := _canary_for(user) - canary_for:
                        feil.append(f"{where}: kan nå lese kanarifuglen i {sorted(new)}")
                transaction.set_rollback(True)
        finally:
            client.logout()

    for name, skrivinger in matrise.items():
        for skriv, verden in itertools.product(skrivinger, verdener):
            if verden.navn not in skriv.verdener:
                continue
            for persona, user in brukere.items():
                v = verden.fersk()
                if user is None and not skriv.anonym_tillatt:
                    forventet = "innlogging"
                else:
                    forventet = skriv.regel(user, v)
                    utfall[name].add(forventet is None)
                prov(persona, user, skriv.url(v), skriv.data(v, personas), forventet, v,
                     f"{name} {skriv.hva}".strip())  # fmt: skip

    for name in sorted(LESESIDER | KONTOSIDER):
        url = _leseside_url(name, verdener[1])
        for persona, user in brukere.items():
            prov(persona, user, url, {"q": CANARY}, LESER, verdener[1], name)

    assert not feil, "\n".join(feil)
    # The matrix can fail both ways: each write is allowed to someone and refused to someone
    # (anyone may ask the public journal for access).
    ensidige = {n for n, u in utfall.items() if u != {True, False}} - {"offentlig:innsyn"}
    assert not ensidige, f"Skrivinger som ingen eller alle får: {sorted(ensidige)}"
    assert utfall["offentlig:innsyn"] == {True}

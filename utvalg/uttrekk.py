"""The committees' meetings in the Noark 5 arkivuttrekk (issue 20 item 3): a module of
settings.SAKSARKIV_UTTREKK_TILLEGG, called by journal/uttrekk/arkivstruktur.py (the journal
knows nothing of committees).

Which meetings: those whose minutes are approved (status PG: a closed folder) held on a day
of the period. Where: in the archive part of the committee's meeting case for the meeting's
year (Motesak), or the default archive part of cases when it has none; there each archive
part gets a klassifikasjonssystem «Utvalg» with one klasse per committee (klasseID its code)
holding its meetings by date as mappe xsi:type="moetemappe":

    moetemappe          the meeting: its number in the committee's year, the attendance
                        (moetedeltaker), the previous and next meeting when extracted too
      moeteregistrering one per meeting document (notice, minutes, public versions, the
                        decisions list) with its file written under DOKUMENT/ once more
      moeteregistrering one per treated agenda item (not withdrawn): case kind, result,
                        the decision as beskrivelse, references between the meetings that
                        treated the same Behandling

SystemIDs: the meeting's own; units without a row of their own (the items, the registrations
of documents, their dokumentbeskrivelse and dokumentobjekt) get a uuid5 from
felles.system_id distinct from the post's, so that a meeting document whose meeting case is
extracted too is not a second unit with the same systemID (N5.47). A moeteregistrering is
not a journalpost: the journals' counts (N5.59) stay those of the case posts.

Streaming: the meetings of one committee are read in batches of felles.BATCH with their
items, attendance and documents in one query each, and one more for the references between
items; the XML goes straight to the file.
"""

import datetime
import html
import re
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, CharField, Count, F, OuterRef, Prefetch, Q, Subquery, Value, When
from django.db.models.functions import Cast, Coalesce, ExtractYear
from django.utils import timezone
from django.utils.html import strip_tags

from journal.models import Dokument, Saksmappe
from journal.uttrekk import felles
from journal.uttrekk.arkivstruktur import _a, _dokumentobjekt, _skjerming
from journal.uttrekk.felles import (
    NS_ARKIV,
    SYSTEM,
    TILKNYTTET,
    XSI,
    _batcher,
    _felt,
    _hjemmel,
    _navn,
    _rydd,
    _tid,
    system_id,
)
from saksarkiv.models import Endringslogg

from .models import (
    Behandlingsresultat,
    Frammote,
    Frammotestatus,
    Medlemsrolle,
    Mote,
    Motedokument,
    Motedokumenttype,
    Motesak,
    Motestatus,
    Sakskartpunkt,
    Sakstype,
)

# Noark 5 v5.0 M088/M085/M055/M373 (CODES.md §10: suggested values and examples).
MOETESAKSTYPE = {
    Sakstype.POLITISK: "Politisk sak",
    Sakstype.DELEGERT: "Delegert møtesak",
    Sakstype.REFERAT: "Referatsak",
}
REGISTRERINGSTYPE = {
    Sakstype.POLITISK: "Saksframlegg",
    Sakstype.DELEGERT: "Delegert vedtak",
    Sakstype.REFERAT: "Referatsak",
}
FERDIG = "Ferdig behandlet av utvalget"
REGISTRERINGSSTATUS = {
    Behandlingsresultat.VEDTATT: FERDIG,
    Behandlingsresultat.ENDRET: FERDIG,
    Behandlingsresultat.UTSATT: "Utsatt til nytt møte i samme utvalg",
    Behandlingsresultat.TILBAKE: "Sendt tilbake til foregående utvalg",
    "": FERDIG,  # a referral or a delegated decision taken to notice in a held meeting
}
DOKUMENTTYPE = dict(Motedokumenttype.choices)
FUNKSJON = {
    Medlemsrolle.LEDER: "Møteleder",
    Medlemsrolle.NESTLEDER: "Nestleder",
    Medlemsrolle.MEDLEM: "Medlem",
    Medlemsrolle.VARAMEDLEM: "Varamedlem",
}
INNKALLINGER = {Motedokumenttype.INNKALLING, Motedokumenttype.OFFENTLIG_INNKALLING}
# M502 has no value for the description: a protected decision (an access code on the
# Behandling only) screens the decision text, which the extraction carries as beskrivelse.
SKJERMING_VEDTAK = "Skjerming beskrivelse"
SYSTEMNAVN = "møter:utvalg"  # the classification's part of the derived systemIDs


def standard_arkivdel() -> str:
    """The archive part of a case made without one (a committee's meeting case)."""
    return Saksmappe._meta.get_field("arkivdel").default


def i_uttrekket(fra, til) -> Q:
    return Q(status=Motestatus.PROTOKOLL_GODKJENT, dato__range=(fra, til))


def _for() -> Q:
    return Q(dato__lt=OuterRef("dato")) | Q(
        dato=OuterRef("dato"), klokkeslett__lt=OuterRef("klokkeslett")
    )


def _etter() -> Q:
    return Q(dato__gt=OuterRef("dato")) | Q(
        dato=OuterRef("dato"), klokkeslett__gt=OuterRef("klokkeslett")
    )


def moter(fra, til):
    """The meetings of the period, annotated with their archive part and creation (from the
    audit log, else the first document published, else the approval)."""
    motesak = Motesak.objects.filter(utvalg=OuterRef("utvalg"), aar=ExtractYear(OuterRef("dato")))
    logg = Endringslogg.objects.filter(
        content_type=ContentType.objects.get_for_model(Mote),
        objekt_id=Cast(OuterRef("pk"), CharField()),
        handling="opprettet",
    ).order_by("tidspunkt")
    forste = Motedokument.objects.filter(mote=OuterRef("pk")).order_by("publisert")
    return Mote.objects.filter(i_uttrekket(fra, til)).annotate(
        arkivdel=Coalesce(
            Subquery(motesak.values("saksmappe__arkivdel")[:1]), Value(standard_arkivdel())
        ),
        opprettet=Coalesce(
            Subquery(logg.values("tidspunkt")[:1]),
            Subquery(forste.values("publisert")[:1]),
            F("protokoll_godkjent"),
        ),
        opprettet_navn=Subquery(logg.values("aktor_navn")[:1]),
    )


def motetid(dato, klokkeslett) -> datetime.datetime:
    """The meeting's start: its creation and approval when the data lack them (a plan
    written straight to the table, as the demo's is)."""
    return datetime.datetime.combine(dato, klokkeslett, tzinfo=timezone.get_current_timezone())


def _opprettet(opprettet, dato, klokkeslett) -> datetime.datetime:
    return opprettet or motetid(dato, klokkeslett)


def _med_nummer_og_naboer(qs, fra, til):
    """+ the meeting's number among the committee's non-cancelled meetings of its year, and
    the previous and next non-cancelled meeting's systemID when that one is extracted too."""
    ikke_avlyst = Mote.objects.filter(utvalg=OuterRef("utvalg")).exclude(status=Motestatus.AVLYST)
    nummer = (
        ikke_avlyst.filter(dato__year=ExtractYear(OuterRef("dato")))
        .filter(_for() | Q(pk=OuterRef("pk")))
        .values("utvalg")
        .annotate(n=Count("pk"))
        .values("n")
    )
    ref = Case(When(i_uttrekket(fra, til), then=Cast("systemid", CharField())), default=Value(""))

    def nabo(retning: Q, *rekkefolge):
        return Subquery(
            ikke_avlyst.filter(retning).order_by(*rekkefolge).annotate(ref=ref).values("ref")[:1]
        )

    return qs.annotate(
        nummer=Subquery(nummer),
        forrige_ref=nabo(_for(), "-dato", "-klokkeslett"),
        neste_ref=nabo(_etter(), "dato", "klokkeslett"),
    )


# --- The hook (journal/uttrekk/arkivstruktur.py) -------------------------------------------
def arkivdeler(fra, til) -> dict:
    """The archive parts with meetings in the period → the first meeting's creation."""
    forst: dict = {}
    for arkivdel, *tid in (
        moter(fra, til).values_list("arkivdel", "opprettet", "dato", "klokkeslett").iterator()
    ):
        opprettet = _opprettet(*tid)
        if arkivdel not in forst or opprettet < forst[arkivdel]:
            forst[arkivdel] = opprettet
    return forst


def skriv(xf, arkivdel: str, fra, til, ctx, fremdrift) -> None:
    """The klassifikasjonssystem «Utvalg» of `arkivdel`, if it has meetings in the period."""
    utvalg: dict = {}
    for utvalg_id, kode, navn, *tid in (
        moter(fra, til)
        .filter(arkivdel=arkivdel)
        .values_list(
            "utvalg_id", "utvalg__kode", "utvalg__navn", "opprettet", "dato", "klokkeslett"
        )
        .iterator()
    ):
        opprettet = _opprettet(*tid)
        if utvalg_id not in utvalg or opprettet < utvalg[utvalg_id][2]:
            utvalg[utvalg_id] = (kode, navn, opprettet)
    if not utvalg:
        return
    felt = lambda navn, verdi: _felt(xf, NS_ARKIV, navn, verdi)  # noqa: E731
    with xf.element(_a("klassifikasjonssystem")):
        felt("systemID", system_id("klassifikasjonssystem", arkivdel, SYSTEMNAVN))
        felt("tittel", "Utvalg")
        felt("beskrivelse", "Utvalgenes møter med godkjent protokoll")
        felt("opprettetDato", _tid(min(u[2] for u in utvalg.values())))
        felt("opprettetAv", SYSTEM)
        for utvalg_id, (kode, navn, opprettet) in sorted(utvalg.items(), key=lambda u: u[1][0]):
            with xf.element(_a("klasse")):
                felt("systemID", system_id("klasse", arkivdel, SYSTEMNAVN, kode))
                felt("klasseID", kode)
                felt("tittel", navn)
                felt("opprettetDato", _tid(opprettet))
                felt("opprettetAv", SYSTEM)
                xf.write("\n")
                for mote in _moter_i_klasse(fra, til, arkivdel, utvalg_id):
                    moetemappe(xf, mote, ctx)
                fremdrift("arkivstruktur", ctx[1].antall["registrering"])


# --- Reading -------------------------------------------------------------------------------
def _moter_i_klasse(fra, til, arkivdel: str, utvalg_id: int):
    punkter = (
        Sakskartpunkt.objects.filter(trukket__isnull=True, behandling__isnull=False)
        .select_related(
            "lagt_til_av",
            "behandling__tilgangskode",
            "behandling__journalpost__tilgangskode",
            "behandling__journalpost__administrativ_enhet",
            "behandling__journalpost__saksbehandler",
            "behandling__journalpost__opprettet_av",
        )
        .order_by("rekkefolge", "id")
    )
    dokumenter = Motedokument.objects.select_related(
        "publisert_av",
        "journalpost__tilgangskode",
        "journalpost__administrativ_enhet",
        "journalpost__saksbehandler",
    ).prefetch_related(
        Prefetch(
            "journalpost__dokumenter",
            Dokument.objects.select_related("opprettet_av").order_by("dokumentnummer"),
        )
    )
    frammote = Frammote.objects.filter(status=Frammotestatus.MOTT).select_related("medlem__person")
    qs = (
        _med_nummer_og_naboer(moter(fra, til), fra, til)
        .filter(arkivdel=arkivdel, utvalg=utvalg_id)
        .select_related("utvalg__sekretaer", "protokoll_godkjent_av")
        .prefetch_related(
            Prefetch("sakskart", punkter),
            Prefetch("dokumenter", dokumenter.order_by("type", "nummer")),
            Prefetch("frammote", frammote),
        )
        .order_by("dato", "klokkeslett")
    )
    for batch in _batcher(qs.iterator(chunk_size=felles.BATCH), felles.BATCH):
        referanser = _referanser(batch, fra, til)
        for mote in batch:
            mote.referanser = referanser
            mote.opprettet = _opprettet(mote.opprettet, mote.dato, mote.klokkeslett)
            mote.avsluttet = mote.protokoll_godkjent or max(
                mote.opprettet, motetid(mote.dato, mote.klokkeslett)
            )
            yield mote
        antall = sum(len(m.sakskart.all()) + len(m.dokumenter.all()) for m in batch)
        del batch, referanser
        _rydd(antall)


def _referanser(moter_: list, fra, til) -> dict[int, tuple[list[str], list[str]]]:
    """Item → (systemIDs of the earlier, of the later) extracted items of its Behandling."""
    behandlinger = {p.behandling_id for m in moter_ for p in m.sakskart.all()}
    per_behandling = defaultdict(list)
    for behandling_id, punkt_id in (
        Sakskartpunkt.objects.filter(behandling__in=behandlinger, trukket__isnull=True)
        .filter(mote__status=Motestatus.PROTOKOLL_GODKJENT, mote__dato__range=(fra, til))
        .order_by("behandling_id", "mote__dato", "mote__klokkeslett", "id")
        .values_list("behandling_id", "id")
    ):
        per_behandling[behandling_id].append(punkt_id)
    svar = {}
    for punkter in per_behandling.values():
        for i, punkt_id in enumerate(punkter):
            svar[punkt_id] = (
                [punkt_system_id(p) for p in punkter[:i]],
                [punkt_system_id(p) for p in punkter[i + 1 :]],
            )
    return svar


def punkt_system_id(punkt_id: int) -> str:
    return system_id("moeteregistrering", "sakskartpunkt", punkt_id)


def dokument_system_id(motedokument: Motedokument) -> str:
    return system_id("moeteregistrering", "motedokument", motedokument.journalpost.systemid)


# --- Writing -------------------------------------------------------------------------------
def moetemappe(xf, mote: Mote, ctx) -> None:
    _katalog, res, _fra, _til = ctx
    res.antall["mappe"] += 1
    res.antall["moetemappe"] += 1
    felt = lambda navn, verdi: _felt(xf, NS_ARKIV, navn, verdi)  # noqa: E731
    utvalg = mote.utvalg
    moetenummer = f"{mote.nummer}/{mote.dato.year}"
    with xf.element(_a("mappe"), {f"{{{XSI}}}type": "moetemappe"}):
        felt("systemID", mote.systemid)
        felt("mappeID", f"{utvalg.kode} {moetenummer}")
        felt("tittel", f"Møte i {utvalg.navn} {mote.dato:%d.%m.%Y}")
        felt("beskrivelse", mote.protokoll_godkjenning)
        felt("dokumentmedium", "Elektronisk arkiv")
        felt("opprettetDato", _tid(mote.opprettet))
        felt("opprettetAv", mote.opprettet_navn or SYSTEM)
        felt("avsluttetDato", _tid(mote.avsluttet))
        felt("avsluttetAv", _navn(mote.protokoll_godkjent_av) or SYSTEM)
        if mote.merknad:
            with xf.element(_a("merknad")):
                felt("merknadstekst", mote.merknad)
                felt("merknadsdato", _tid(mote.opprettet))
                felt("merknadRegistrertAv", _navn(utvalg.sekretaer) or SYSTEM)
        dokumenter = list(mote.dokumenter.all())
        for d in dokumenter:
            if d.type in INNKALLINGER:
                _dokumentregistrering(xf, mote, d, ctx)
        for punkt in mote.sakskart.all():
            _punktregistrering(xf, mote, punkt, ctx)
        for d in dokumenter:
            if d.type not in INNKALLINGER:
                _dokumentregistrering(xf, mote, d, ctx)
        felt("moetenummer", moetenummer)
        felt("utvalg", utvalg.navn)
        felt("moetedato", mote.dato)
        felt("moetested", mote.sted)
        felt("referanseForrigeMoete", mote.forrige_ref)
        felt("referanseNesteMoete", mote.neste_ref)
        for navn, funksjon in _deltakere(mote):
            with xf.element(_a("moetedeltaker")):
                felt("moetedeltakerNavn", navn)
                felt("moetedeltakerFunksjon", funksjon)
    xf.write("\n")


def _deltakere(mote: Mote) -> list[tuple[str, str]]:
    """Who met (the roll call), the chair first, then the secretary as Referent."""
    orden = list(FUNKSJON)
    mott = sorted(
        mote.frammote.all(),
        key=lambda f: (orden.index(f.medlem.rolle), f.medlem.person.last_name, f.pk),
    )
    deltakere = [(_navn(f.medlem.person), FUNKSJON[f.medlem.rolle]) for f in mott]
    referent = mote.utvalg.sekretaer or next(
        (d.publisert_av for d in mote.dokumenter.all() if d.type == Motedokumenttype.PROTOKOLL),
        None,
    )
    if referent is not None:
        deltakere.append((_navn(referent), "Referent"))
    return deltakere


def _vedtakstekst(vedtak: str) -> str:
    """The decision (cleaned HTML) as plain text, a paragraph a line."""
    tekst = re.sub(r"(?i)<br\s*/?>|</(p|li|h\d)>", "\n", vedtak)
    linjer = (" ".join(linje.split()) for linje in html.unescape(strip_tags(tekst)).splitlines())
    return "\n".join(linje for linje in linjer if linje)


def _start(xf, system_id_: str, opprettet, opprettet_av, mote: Mote) -> None:
    _felt(xf, NS_ARKIV, "systemID", system_id_)
    _felt(xf, NS_ARKIV, "opprettetDato", _tid(opprettet))
    _felt(xf, NS_ARKIV, "opprettetAv", _navn(opprettet_av) or SYSTEM)
    _felt(xf, NS_ARKIV, "arkivertDato", _tid(mote.avsluttet))
    _felt(xf, NS_ARKIV, "arkivertAv", _navn(mote.protokoll_godkjent_av) or SYSTEM)


def _punktregistrering(xf, mote: Mote, punkt: Sakskartpunkt, ctx) -> None:
    _katalog, res, _fra, _til = ctx
    res.antall["registrering"] += 1
    res.antall["moeteregistrering"] += 1
    behandling = punkt.behandling
    post = behandling.journalpost
    felt = lambda navn, verdi: _felt(xf, NS_ARKIV, navn, verdi)  # noqa: E731
    with xf.element(_a("registrering"), {f"{{{XSI}}}type": "moeteregistrering"}):
        _start(xf, punkt_system_id(punkt.pk), punkt.lagt_til, punkt.lagt_til_av, mote)
        if post.tilgangskode_id:
            res.skjermet = True
            _skjerming(xf, post, mappe=False)
        elif behandling.tilgangskode_id:
            res.skjermet = True
            with xf.element(_a("skjerming")):
                felt("tilgangsrestriksjon", behandling.tilgangskode_id)
                felt("skjermingshjemmel", _hjemmel(behandling))
                felt("skjermingMetadata", SKJERMING_VEDTAK)
        felt("registreringsID", punkt.saksnummer)
        felt("tittel", post.tittel)
        if post.tilgangskode_id:
            felt("offentligTittel", post.offentlig_tittel)
        felt("beskrivelse", _vedtakstekst(punkt.vedtak))
        if punkt.lukket:
            with xf.element(_a("merknad")):
                felt("merknadstekst", f"Behandlet for lukkede dører, jf. {punkt.lukket_hjemmel}")
                felt("merknadsdato", _tid(punkt.behandlet or mote.avsluttet))
                felt("merknadRegistrertAv", _navn(mote.utvalg.sekretaer) or SYSTEM)
        felt("moeteregistreringstype", REGISTRERINGSTYPE[punkt.sakstype])
        felt("moetesakstype", MOETESAKSTYPE[punkt.sakstype])
        felt("moeteregistreringsstatus", REGISTRERINGSSTATUS.get(punkt.resultat))
        felt("administrativEnhet", post.administrativ_enhet.navn)
        felt("saksbehandler", _navn(post.saksbehandler or post.opprettet_av) or SYSTEM)
        tidligere, senere = mote.referanser.get(punkt.pk, ([], []))
        for ref in senere:
            felt("referanseTilMoeteregistrering", ref)
        for ref in tidligere:
            felt("referanseFraMoeteregistrering", ref)


def _dokumentregistrering(xf, mote: Mote, motedokument: Motedokument, ctx) -> None:
    katalog, res, _fra, _til = ctx
    res.antall["registrering"] += 1
    res.antall["moeteregistrering"] += 1
    post = motedokument.journalpost
    felt = lambda navn, verdi: _felt(xf, NS_ARKIV, navn, verdi)  # noqa: E731
    with xf.element(_a("registrering"), {f"{{{XSI}}}type": "moeteregistrering"}):
        _start(
            xf, dokument_system_id(motedokument), motedokument.publisert,
            motedokument.publisert_av, mote,
        )  # fmt: skip
        if post.tilgangskode_id:
            res.skjermet = True
            _skjerming(xf, post, mappe=False, dokumenter=post.skjerm_dokumenter)
        for dok in post.dokumenter.all():
            res.antall["dokumentbeskrivelse"] += 1
            with xf.element(_a("dokumentbeskrivelse")):
                felt("systemID", system_id("moetedokument", dok.systemid))
                felt("dokumenttype", DOKUMENTTYPE[motedokument.type])
                felt("dokumentstatus", "Dokumentet er ferdigstilt")
                felt("tittel", dok.tittel or post.tittel)
                felt("opprettetDato", _tid(dok.opprettet))
                felt("opprettetAv", _navn(dok.opprettet_av) or SYSTEM)
                felt("tilknyttetRegistreringSom", TILKNYTTET.get(dok.tilknyttet_registrering_som))
                felt("dokumentnummer", dok.dokumentnummer)
                felt("tilknyttetDato", _tid(dok.opprettet))
                felt("tilknyttetAv", _navn(dok.opprettet_av) or SYSTEM)
                _dokumentobjekt(xf, dok, post, katalog, res, hvor="moetedokumentobjekt")
        felt("tittel", post.tittel)
        if post.tilgangskode_id:
            felt("offentligTittel", post.offentlig_tittel)
        felt("moeteregistreringstype", DOKUMENTTYPE[motedokument.type])
        felt("administrativEnhet", post.administrativ_enhet.navn)
        felt("saksbehandler", _navn(post.saksbehandler or motedokument.publisert_av) or SYSTEM)

"""Shared steps for the meeting tests: a meeting in the plan, and treatments waiting in a
committee's queue — a committee draft through the approval chain (PS), a delegated
decision marked ready (DS) and a referral (RS)."""

import datetime as dt

from journal.services import godkjenning
from tests.journal.flythjelp import eget, hoveddokument, inngaende
from utvalg import moteplan, services
from utvalg.models import Behandling, Mote

KL18 = dt.time(18, 0)


def mote(personas, utvalg, dato=dt.date(2030, 3, 14)) -> Mote:
    return moteplan.planlegg_mote(personas.motesekretaer, utvalg, dato=dato, klokkeslett=KL18,
                                  sted="Kommunestyresalen")  # fmt: skip


def ps(personas, sak, utvalg, tittel="Reguleringsplan", **kw) -> Behandling:
    """A committee draft through the chain: in the queue."""
    sb = personas.saksbehandler
    post = eget(sb, sak, "S", tittel=tittel, **kw)
    hoveddokument(post, sb)
    b = services.sett_behandling(sb, post, utvalg, sakstype="PS")
    flagg = godkjenning.send_saksframlegg(sb, post, personas.leder)
    godkjenning.besvar_godkjenning(personas.leder, flagg, godkjent=True)
    godkjenning.besvar_godkjenning(
        personas.radmann, post.godkjenninger.get(steg="radmann", svar=""), godkjent=True
    )
    return b


def ds(personas, sak, utvalg, tittel="Vedtak om tilskudd") -> Behandling:
    sb = personas.saksbehandler
    post = eget(sb, sak, "U", tittel=tittel)
    return services.meld_klar(sb, services.sett_behandling(sb, post, utvalg, sakstype="DS"))


def rs(personas, sak, utvalg, tittel="Invitasjon til dugnad") -> Behandling:
    post = inngaende(personas.arkiv, sak, saksbehandler=personas.saksbehandler, tittel=tittel)
    services.referer(personas.leder, post, [utvalg])
    return Behandling.objects.get(journalpost=post, utvalg=utvalg)


def pdf(tekst: str) -> bytes:
    """A real PDF/A page holding `tekst` (what the notice and the guard read)."""
    from weasyprint import HTML

    return HTML(string=f"<p>{tekst}</p>").write_pdf(pdf_variant="pdf/a-2b")


def pdf_dokument(post, user, tekst: str, *, som="H", nummer=1):
    """A document of `post` whose archived PDF holds `tekst`."""
    import hashlib

    from django.core.files.base import ContentFile

    from journal.models import Dokument

    data = pdf(tekst)
    return Dokument.objects.create(
        journalpost=post, tilknyttet_registrering_som=som, dokumentnummer=nummer,
        tittel=tekst[:60], fil=ContentFile(data, name="d.pdf"), filnavn="d.pdf",
        mimetype="application/pdf", storrelse=len(data),
        sjekksum=hashlib.sha256(data).hexdigest(), arkivformat=ContentFile(data, name="d-a.pdf"),
        opprettet_av=user,
    )  # fmt: skip


def framlegg(personas, sak, utvalg, tittel, tekst, vedlegg="", **kw) -> Behandling:
    """A committee draft in the queue whose main document (and attachment) hold text."""
    sb = personas.saksbehandler
    post = eget(sb, sak, "S", tittel=tittel, **kw)
    pdf_dokument(post, sb, tekst)
    if vedlegg:
        pdf_dokument(post, sb, vedlegg, som="V", nummer=2)
    b = services.sett_behandling(sb, post, utvalg, sakstype="PS")
    flagg = godkjenning.send_saksframlegg(sb, post, personas.leder)
    godkjenning.besvar_godkjenning(personas.leder, flagg, godkjent=True)
    godkjenning.besvar_godkjenning(
        personas.radmann, post.godkjenninger.get(steg="radmann", svar=""), godkjent=True
    )
    return b


def medlemmer(personas, utvalg, antall_faste=3) -> dict:
    """Seats from 2020: a leader and members of party A, and substitutes: two for party A
    (in order) and one for party B. Every person has an e-mail address."""
    from tests.factories import BrukerFactory
    from utvalg.models import Parti

    a = Parti.objects.get_or_create(kode="AP", defaults={"navn": "Arbeiderpartiet"})[0]
    b = Parti.objects.get_or_create(kode="H", defaults={"navn": "Høyre"})[0]
    fra = dt.date(2020, 1, 1)
    folk = {}
    for n in range(antall_faste):
        person = BrukerFactory(first_name="Fast", last_name=f"Medlem{n}",
                               email=f"fast{n}.{utvalg.kode}@politiker.example")  # fmt: skip
        services.legg_til_medlem(personas.motesekretaer, utvalg, person=person,
                                 rolle="LE" if n == 0 else "ME", parti=a, fra=fra)  # fmt: skip
        folk[f"fast{n}"] = person
    for navn, parti, nr in (("vara_a1", a, 1), ("vara_a2", a, 2), ("vara_b1", b, 1)):
        person = BrukerFactory(first_name="Vara", last_name=navn,
                               email=f"{navn}.{utvalg.kode}@politiker.example")  # fmt: skip
        services.legg_til_medlem(personas.motesekretaer, utvalg, person=person, rolle="VA",
                                 parti=parti, vararekkefolge=nr, fra=fra)  # fmt: skip
        folk[navn] = person
    return folk

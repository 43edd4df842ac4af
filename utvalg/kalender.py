"""The public meeting calendar at /moter/ (issue 17, item 6), no login: the committees and
their meetings per year, one meeting's page, and an iCal feed per committee whose events
keep their id (the meeting's systemID) when a meeting is moved, so subscribed calendars
update instead of duplicating. Plain HTML forms and links: it works without JavaScript.

Only what is public is here: committees, dates, times, places and states; once a notice is
published, its public version (utvalg/innkalling.py), the agenda with screened titles and
the public drafts' documents. Every download is checked again in SQL: a document is served
only when its post has no access code and its case is on a published notice."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Min, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET
from icalendar import Calendar, Event

from journal.models import Dokument
from saksarkiv.filer import fil_svar

from . import offentlige_voteringer, sakskart
from .models import Mote, Motedokument, Motestatus, Sakskartpunkt, Sakstype, Utvalg

OSLO = ZoneInfo("Europe/Oslo")
VARIGHET = datetime.timedelta(hours=3)


def _aar(request, dag) -> int:
    try:
        aar = int(request.GET.get("aar", dag.year))
    except ValueError:
        return dag.year
    return aar if 2000 <= aar <= 2100 else dag.year


@require_GET
def moter(request):
    dag = timezone.localdate()
    aar = _aar(request, dag)
    utvalg = list(
        Utvalg.objects.filter(aktiv=True)
        .annotate(
            neste=Min(
                "moter__dato", filter=Q(moter__dato__gte=dag) & ~Q(moter__status=Motestatus.AVLYST)
            )
        )  # fmt: skip
        .order_by("rekkefolge", "navn")
    )
    valgt = next((u for u in utvalg if u.kode == request.GET.get("utvalg")), None)
    moter = Mote.objects.filter(dato__year=aar, utvalg__aktiv=True).select_related("utvalg")
    if valgt is not None:
        moter = moter.filter(utvalg=valgt)
    context = {
        "aar": aar,
        "arene": [aar - 1, aar, aar + 1],
        "utvalg": utvalg,
        "valgt": valgt,
        "moter": moter.order_by("dato", "klokkeslett", "utvalg__rekkefolge"),
        "dag": dag,
    }
    return render(request, "offentlig/moter.html", context)


def _mote(systemid) -> Mote:
    return get_object_or_404(
        Mote.objects.select_related("utvalg"), systemid=systemid, utvalg__aktiv=True
    )


def offentlige_innkallinger(mote: Mote):
    """The meeting's published notices the public may read (the public versions, and
    notices without exempt items)."""
    return Motedokument.objects.filter(mote=mote, journalpost__tilgangskode__isnull=True)


def offentlige_saksdokumenter(mote: Mote):
    """Documents of the political cases on the meeting's published notices whose posts have
    no access code: the public drafts and their attachments."""
    return Dokument.objects.filter(
        journalpost__tilgangskode__isnull=True,
        journalpost__behandlinger__sakskartpunkter__mote=mote,
        journalpost__behandlinger__sakskartpunkter__innkalling__isnull=False,
        journalpost__behandlinger__sakskartpunkter__sakstype=Sakstype.POLITISK,
    ).distinct()


@require_GET
def mote(request, systemid):
    mote = _mote(systemid)
    punkter = sorted(
        Sakskartpunkt.objects.filter(mote=mote, innkalling__isnull=False).select_related(
            "behandling__journalpost"
        ),
        key=sakskart.sorteringsnokkel,
    )
    dokumenter: dict[int, list] = {}
    for d in offentlige_saksdokumenter(mote).order_by(
        "journalpost_id", "tilknyttet_registrering_som", "dokumentnummer"
    ):
        dokumenter.setdefault(d.journalpost_id, []).append(d)
    for p in punkter:
        post = p.behandling.journalpost if p.behandling_id else None
        p.unntatt = post is not None and post.tilgangskode_id is not None
        p.tittel = p.get_fast_display() if post is None else (
            post.offentlig_tittel if p.unntatt else post.tittel)  # fmt: skip
        p.hjemmel = post.skjermingshjemmel if p.unntatt else ""
        p.dokumenter = dokumenter.get(post.pk, []) if post is not None else []
    grupper = [(navn, [p for p in punkter if sakskart.gruppe(p) == kode])
               for kode, navn in sakskart.GRUPPER]  # fmt: skip
    context = {
        "mote": mote,
        "innkallinger": offentlige_innkallinger(mote).select_related("journalpost"),
        "grupper": [(navn, liste) for navn, liste in grupper if liste],
        # Once held: the public result, decision and votes (issue 18, item 9).
        "behandling": offentlige_voteringer.behandlinger(mote),
    }
    return render(request, "offentlig/mote.html", context)


def _fil(dokument: Dokument, filnavn: str):
    pdf = bool(dokument.arkivformat)
    return fil_svar(dokument.arkivformat if pdf else dokument.fil, filnavn,
                    "application/pdf" if pdf else dokument.mimetype, vedlegg=False,
                    privat=False)  # fmt: skip


@require_GET
def innkalling(request, systemid, pk):
    """A public notice's PDF."""
    mote = _mote(systemid)
    motedokument = get_object_or_404(offentlige_innkallinger(mote), pk=pk)
    dokument = get_object_or_404(
        Dokument, journalpost=motedokument.journalpost_id, tilknyttet_registrering_som="H"
    )
    return _fil(dokument, dokument.filnavn)


@require_GET
def saksdokument(request, systemid, pk):
    """A public draft's document (or attachment) from a published notice."""
    mote = _mote(systemid)
    dokument = get_object_or_404(offentlige_saksdokumenter(mote), pk=pk)
    navn = dokument.filnavn if not dokument.arkivformat else f"dokument-{dokument.pk}.pdf"
    return _fil(dokument, navn)


@require_GET
def ical(request, kode):
    """The committee's meetings from a year back, as iCalendar (RFC 5545)."""
    utvalg = Utvalg.objects.filter(kode=kode.upper(), aktiv=True).first()
    if utvalg is None:
        raise Http404("Fant ikke utvalget.")
    fra = timezone.localdate() - datetime.timedelta(days=366)
    vert = settings.SAKSARKIV_BASE_URL.split("://", 1)[-1].split("/", 1)[0]
    kal = Calendar()
    kal.add("prodid", f"-//{settings.SAKSARKIV_KOMMUNE}//Saksarkiv møtekalender//NO")
    kal.add("version", "2.0")
    kal.add("x-wr-calname", f"{utvalg.navn} – {settings.SAKSARKIV_KOMMUNE}")
    for m in utvalg.moter.filter(dato__gte=fra).order_by("dato", "klokkeslett"):
        start = datetime.datetime.combine(m.dato, m.klokkeslett, tzinfo=OSLO)
        hendelse = Event()
        hendelse.add("uid", f"{m.systemid}@{vert}")
        hendelse.add("dtstamp", timezone.now())
        hendelse.add("dtstart", start)
        hendelse.add("dtend", start + VARIGHET)
        hendelse.add("summary", f"{utvalg.navn}: møte")
        hendelse.add("location", m.sted)
        hendelse.add("sequence", m.endringer)
        hendelse.add("url", settings.SAKSARKIV_BASE_URL.rstrip("/") + f"/moter/{m.systemid}/")
        hendelse.add("status", "CANCELLED" if m.status == Motestatus.AVLYST else "CONFIRMED")
        kal.add_component(hendelse)
    response = HttpResponse(kal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{utvalg.kode.lower()}.ics"'
    return response

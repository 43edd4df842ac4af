"""The public meeting calendar at /moter/ (issue 17, item 6), no login: the committees and
their meetings per year, one meeting's page, and an iCal feed per committee whose events
keep their id (the meeting's systemID) when a meeting is moved, so subscribed calendars
update instead of duplicating. Plain HTML forms and links: it works without JavaScript.

Only what is public is here: committees, dates, times, places and states. The public notice
and its public drafts join each meeting when notices are published (issue 17, item 4)."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Min, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET
from icalendar import Calendar, Event

from .models import Mote, Motestatus, Utvalg

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


@require_GET
def mote(request, systemid):
    mote = get_object_or_404(
        Mote.objects.select_related("utvalg"), systemid=systemid, utvalg__aktiv=True
    )
    return render(request, "offentlig/mote.html", {"mote": mote})


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

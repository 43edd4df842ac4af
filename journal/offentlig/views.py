"""The public journal's pages (no login): the list with its search, one entry with «Be om
innsyn», public document downloads; and archive's export page (login, role ARK).

Every page reads through utvalg (the anonymous user's view); none renders a model field
directly. The list is a constant number of queries whatever the page size, under a
statement time limit so that no public search can hold the database for long.
"""

from axes.helpers import get_client_ip_address
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_POST

from journal.models import Innstillinger
from saksarkiv import access
from saksarkiv.filer import fil_svar
from saksarkiv.forms import UGYLDIG, vis_feil
from saksarkiv.keyset import PARAM, Side
from saksarkiv.lister import Listeside
from saksarkiv.services import DomainError

from . import eksport as eksporter
from . import innsyn as innsynskrav
from . import poster
from .filtre import PostlisteFilter
from .forms import HONNINGKRUKKE, EksportSkjema, InnsynSkjema

FOR_MANGE = 429
# The query string of the list an entry was opened from (?liste=…): its back link returns
# to that search and page. Only the list's own parameters pass, so it links nowhere else.
LISTE = "liste"
LISTEPARAMETRE = (*PostlisteFilter.base_filters, PARAM, "sorter")


def tilbake_til_listen(request) -> str | None:
    """The list's address with the search the entry was opened from, or None."""
    sok = QueryDict(request.GET.get(LISTE, ""), mutable=True)
    for key in list(sok):
        if key not in LISTEPARAMETRE:
            del sok[key]
    return f"{reverse('offentlig:postliste')}?{sok.urlencode()}" if sok else None


def fra_listen(query: str) -> str:
    """«?liste=…» for an entry's address, carrying the list's query string ("" if none)."""
    return "?" + urlencode({LISTE: query}) if query else ""


class Postliste(Listeside):
    """The public journal: the anonymous user's view of journalised posts, newest first,
    under a statement time limit so that no public search can hold the database for long."""

    template_name = "offentlig/postliste.html"
    filterset_class = PostlisteFilter
    sorteringer = (poster.NYESTE,)
    storrelse = poster.SIDESTORRELSE

    def get(self, request, *args, **kwargs):
        self.innstillinger = Innstillinger.hent()
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return poster.offentlige_poster(self.innstillinger)

    def filterdata(self):
        # Always bound: an empty query is the latest day with posts.
        return super().filterdata() or {}

    def filter_kwargs(self):
        return {"innstillinger": self.innstillinger}

    def hent_side(self, qs, sortering, **kwargs):
        if not self.gyldig:
            return Side(rader=[], antall=0, fra=1, neste=None, storrelse=self.storrelse)
        try:
            with poster.tidsgrense(poster.SOK_TIDSGRENSE_MS):
                return poster.side(
                    qs, self.request.GET.get(PARAM), tell=not self.filterset.soker_tekst
                )
        except poster.ForTungtSok:
            self.gyldig = False
            self.filterset.form.add_error(
                None,
                "Søket ga for mange mulige treff til å vises raskt. Avgrens det med en "
                "periode, flere ord eller en enhet.",
            )
            return Side(rader=[], antall=0, fra=1, neste=None, storrelse=self.storrelse)

    def vis(self, rader):
        return rader  # poster.side shows them (vis_poster) inside the time limit

    def status(self, liste) -> int:
        return 200 if liste.gyldig else UGYLDIG

    def get_context_data(self, liste):
        return liste.context() | {
            "periode": self.filterset.periode,
            "med_notater": self.innstillinger.postliste_med_notater,
            # The entries' links carry the search, so their back link returns to it.
            "fra_listen": fra_listen(urlencode([(k, v) for k, v in self.request.GET.items() if v])),
        }


postliste = Postliste.as_view()


def _vis_journalpost(request, pk: int, skjema: InnsynSkjema, status: int = 200):
    innstillinger = Innstillinger.hent()
    post = poster.hent_offentlig(pk, innstillinger)
    if post is None:
        raise Http404("Journalposten finnes ikke i den offentlige journalen.")
    context = {
        "post": post,
        "tilbake": tilbake_til_listen(request),
        "fra_listen": fra_listen(request.GET.get(LISTE, "")),
        "skjema": skjema,
        "honningkrukke": HONNINGKRUKKE,
        "kan_kreve_innsyn": innstillinger.innsynskrav_saksmappe_id is not None,
        "ikke_satt_opp": innsynskrav.IKKE_SATT_OPP,
    }
    response = render(request, "offentlig/journalpost.html", context, status=status)
    if status == FOR_MANGE:
        response["Retry-After"] = str(innsynskrav.VINDU_SEKUNDER)
    return response


@require_GET
def journalpost(request, pk: int):
    return _vis_journalpost(request, pk, InnsynSkjema())


@require_POST
def be_om_innsyn(request, pk: int):
    """«Be om innsyn»: PRG on success; the form again with the message beside the field
    (400), on top when refused (409, or 429 when this address has sent too many)."""
    if not poster.offentlige_poster().filter(pk=pk).exists():
        raise Http404("Journalposten finnes ikke i den offentlige journalen.")
    adresse = get_client_ip_address(request) or "ukjent"
    skjema = InnsynSkjema(request.POST)
    if innsynskrav.sperret(adresse):
        skjema.is_valid()
        skjema.add_error(
            None,
            "Du har sendt mange innsynskrav på kort tid. Vent en time og prøv igjen, eller "
            "send kravet på e-post til kommunens postmottak.",
        )
        return _vis_journalpost(request, pk, skjema, FOR_MANGE)
    if request.POST.get(HONNINGKRUKKE):
        innsynskrav.tell_forsok(adresse)
        skjema.is_valid()
        skjema.add_error(None, "Innsynskravet ble ikke sendt. Prøv igjen.")
        return _vis_journalpost(request, pk, skjema, UGYLDIG)
    if not skjema.is_valid():
        return _vis_journalpost(request, pk, skjema, UGYLDIG)
    innsynskrav.tell_forsok(adresse)
    try:
        kvittering = innsynskrav.registrer_innsynskrav(pk, **skjema.cleaned_data)
    except DomainError as error:
        return _vis_journalpost(request, pk, skjema, vis_feil(skjema, error))
    messages.success(
        request,
        f"Innsynskravet ditt er mottatt og registrert som journalpost "
        f"{kvittering.innsynskrav.journalpostnummer}. Du får en kvittering på e-post.",
    )
    adresse = reverse("offentlig:journalpost", args=[pk])
    return redirect(f"{adresse}{fra_listen(request.GET.get(LISTE, ''))}#be-om-innsyn")


@require_GET
def dokument(request, pk: int):
    """A public document: the post is public, unrestricted and does not screen its
    documents — checked again in SQL on every download."""
    dokument = get_object_or_404(poster.publiserte_dokumenter(), pk=pk)
    # Screening can change after publication: never kept anywhere (saksarkiv.filer).
    return fil_svar(dokument.fil, dokument.filnavn, dokument.mimetype, privat=False)


@login_required
@require_GET
def eksport(request):
    """Archive downloads the public journal of a period as XML, CSV or PDF."""
    if not access.is_archive(request.user):
        raise PermissionDenied("Bare arkivtjenesten kan eksportere den offentlige journalen.")
    if "format" not in request.GET:
        return render(request, "offentlig/eksport.html", {"skjema": EksportSkjema.standard()})
    skjema = EksportSkjema(request.GET)
    if skjema.is_valid():
        fra, til, format_ = (skjema.cleaned_data[k] for k in ("fra", "til", "format"))
        try:
            data = eksporter.lag_eksport(format_, fra, til)
        except DomainError as error:
            skjema.add_error(error.field if error.field in skjema.fields else None, error.message)
        else:
            response = HttpResponse(data, content_type=eksporter.FORMATER[format_].content_type)
            navn = eksporter.filnavn(format_, fra, til)
            response["Content-Disposition"] = f'attachment; filename="{navn}"'
            patch_cache_control(response, private=True, no_store=True)
            return response
    return render(request, "offentlig/eksport.html", {"skjema": skjema}, status=UGYLDIG)

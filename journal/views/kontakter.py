"""The contacts register (list, new, edit) and the small JSON endpoints behind the forms'
type-ahead: contacts, cases and people. The case endpoint goes through the access
chokepoint: only cases the user may see, each by the title the user may read."""

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Q, Value
from django.db.models.functions import Concat, Upper
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_GET

from saksarkiv import access
from saksarkiv.forms import UGYLDIG, vis_feil
from saksarkiv.keyset import Sortering
from saksarkiv.lister import Listeside
from saksarkiv.models import Bruker
from saksarkiv.nummer import les_saksnummer
from saksarkiv.services import DomainError
from saksarkiv.sok import skjermet_og_lesbar
from saksarkiv.widgets import PersonSokFelt, kort_tekst

from ..models import Kontakt, Saksmappe
from ..services import kontakter, tillatelser

GRENSE = 10


# --- The register -------------------------------------------------------------------------------


class KontaktFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Søk", method="_sok", help_text="Navn, kortkode eller organisasjonsnummer."
    )
    inaktive = django_filters.BooleanFilter(
        label="Vis inaktive", method="_inaktive", widget=forms.CheckboxInput
    )

    class Meta:
        model = Kontakt
        fields = []

    def _sok(self, queryset, name, value):
        return queryset.sok(value) if value.strip() else queryset

    def _inaktive(self, queryset, name, value):
        return queryset

    @property
    def qs(self):
        qs = super().qs
        if not self.form.cleaned_data.get("inaktive"):
            qs = qs.filter(aktiv=True)
        return qs


class KontaktListe(LoginRequiredMixin, Listeside):
    template_name = "journal/kontakter.html"
    filterset_class = KontaktFilter
    sorteringer = (
        Sortering("navn", "Navn", (("navn_stor", False),), {"navn_stor": Upper("navn")}),
        Sortering("kortkode", "Kortkode", (("kortkode", False),)),
        Sortering("nyeste", "Sist endret", (("endret", True),)),
    )

    def get(self, request, *args, **kwargs):
        _krev_kontakter(request.user)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        # Shared master data without access codes, but with private persons' addresses:
        # for those who register posts (the same rule as for changing it), never the public.
        return Kontakt.objects.all()

    def filter_kwargs(self):
        return {}

    def filterdata(self):
        data = super().filterdata()
        return data if data is not None else {}

    def get_context_data(self, liste):
        return liste.context() | {"kan_endre": tillatelser.bruker(self.request.user).kan.kontakter}


class KontaktForm(forms.ModelForm):
    class Meta:
        model = Kontakt
        fields = list(kontakter.FELT)
        widgets = {
            "kortkode": kort_tekst(12, autocomplete="off"),
            "organisasjonsnummer": kort_tekst(11, inputmode="numeric", autocomplete="off"),
            "postnummer": kort_tekst(6, inputmode="numeric", autocomplete="off"),
            "telefon": kort_tekst(14, autocomplete="off"),
        }

    rader = (
        ("kortkode", "navn"),
        ("organisasjon", "organisasjonsnummer"),
        ("postnummer", "poststed", "land"),
        ("epost", "telefon"),
    )

    def __init__(self, *args, ny: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if ny:
            del self.fields["aktiv"]
        else:
            self.fields[
                "aktiv"
            ].help_text = "Fjern haken for å merke kontakten inaktiv. Kontakter slettes aldri."

    def clean_kortkode(self):
        return self.cleaned_data["kortkode"].strip().upper()

    def clean_organisasjonsnummer(self):
        return self.cleaned_data["organisasjonsnummer"].replace(" ", "")

    def _post_clean(self):
        # The services validate and save: the model's own checks run there (as a message
        # beside the field), so none are run twice here.
        pass


def _krev_kontakter(user):
    if avslag := tillatelser.bruker(user)["kontakter"]:
        raise PermissionDenied(avslag.grunn)


def _lagre(request, form, kontakt=None):
    """Save through the service; (response, status)."""
    try:
        if kontakt is None:
            kontakt = kontakter.opprett_kontakt(request.user, **form.cleaned_data)
            messages.success(request, f"Kontakten {kontakt.navn} er registrert.")
        else:
            kontakt = kontakter.endre_kontakt(request.user, kontakt, **form.cleaned_data)
            messages.success(request, f"Kontakten {kontakt.navn} er lagret.")
    except DomainError as error:
        return None, vis_feil(form, error)
    return redirect("journal:kontakter"), 200


@login_required
def ny_kontakt(request):
    _krev_kontakter(request.user)
    status = 200
    form = KontaktForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            svar, status = _lagre(request, form)
            if svar:
                return svar
        else:
            status = UGYLDIG
    return render(
        request, "journal/kontakter_skjema.html", {"form": form, "kontakt": None}, status=status
    )


@login_required
def endre_kontakt(request, pk):
    _krev_kontakter(request.user)
    kontakt = get_object_or_404(Kontakt, pk=pk)
    status = 200
    form = KontaktForm(request.POST or None, instance=kontakt, ny=False)
    if request.method == "POST":
        if form.is_valid():
            svar, status = _lagre(request, form, get_object_or_404(Kontakt, pk=pk))
            if svar:
                return svar
        else:
            status = UGYLDIG
    return render(
        request,
        "journal/kontakter_skjema.html",
        {"form": form, "kontakt": kontakt},
        status=status,
    )


# --- Type-ahead ---------------------------------------------------------------------------------


def _q(request) -> str:
    return " ".join(request.GET.get("q", "").split())[:100]


@require_GET
@login_required
def kontaktsok(request):
    """Active contacts by kortkode or name, with what a pick fills in."""
    _krev_kontakter(request.user)
    treff = kontakter.finn(_q(request), GRENSE)
    return JsonResponse({"forslag": [kontakter.som_forslag(k) for k in treff]})


@require_GET
@login_required
def saksvalg(request):
    """Cases the user may see, by number («2026/12», «2026/») or a word of the title the
    user may read: the public title, or the title itself only where the user has innsyn."""
    user, tekst = request.user, _q(request)
    if len(tekst) < 2:
        return JsonResponse({"forslag": []})
    qs = Saksmappe.objects.visible_to(user)
    nummer = les_saksnummer(tekst)
    if nummer is not None:
        qs = qs.filter(saksaar=nummer.aar, sakssekvensnummer=nummer.nummer)
    elif tekst.rstrip("/").isdigit() and len(tekst.rstrip("/")) == 4:
        qs = qs.filter(saksaar=int(tekst.rstrip("/")))
    else:
        ord_ = tekst.split()[:5]
        for o in ord_:
            qs = qs.filter(
                Q(offentlig_tittel__icontains=o) | (skjermet_og_lesbar() & Q(tittel__icontains=o))
            )
    saker = list(qs.order_by("-saksaar", "-sakssekvensnummer")[:GRENSE])
    return JsonResponse(
        {
            "forslag": [
                {
                    "verdi": sak.saksnummer,
                    "etikett": f"{sak.saksnummer} {access.title_for(user, sak)}",
                    "detalj": sak.get_saksstatus_display(),
                }
                for sak in saker
            ]
        }
    )


@require_GET
@login_required
def personvalg(request):
    """Active people by name or user name («Fornavn Etternavn (brukernavn)»)."""
    tekst = _q(request)
    if len(tekst) < 2:
        return JsonResponse({"forslag": []})
    qs = Bruker.objects.filter(is_active=True).annotate(
        fullt=Concat("first_name", Value(" "), "last_name")
    )
    for o in tekst.split()[:3]:
        qs = qs.filter(Q(fullt__icontains=o) | Q(username__istartswith=o))
    personer = list(qs.order_by("last_name", "first_name", "pk")[:GRENSE])
    return JsonResponse(
        {
            "forslag": [
                {"verdi": PersonSokFelt.tekst(p), "etikett": PersonSokFelt.tekst(p)}
                for p in personer
            ]
        }
    )


urlpatterns = [
    path("kontakter/", KontaktListe.as_view(), name="kontakter"),
    path("kontakter/ny/", ny_kontakt, name="ny_kontakt"),
    path("kontakter/<int:pk>/", endre_kontakt, name="endre_kontakt"),
    path("forslag/kontakter/", kontaktsok, name="kontaktsok"),
    path("forslag/saker/", saksvalg, name="saksvalg"),
    path("forslag/personer/", personvalg, name="personvalg"),
]

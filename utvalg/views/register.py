"""The committee register: the list, one committee with its members, and the secretary's
forms to create and change committees and seats (DOMAIN.md §12). Everyone logged in reads
it; the rules (utvalg/tillatelser.py UTVALG) say who may change it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Concat
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from saksarkiv.forms import UGYLDIG, vis_feil
from saksarkiv.keyset import Sortering
from saksarkiv.lister import Listeside
from saksarkiv.services import DomainError

from .. import services
from .. import tillatelser as regler
from ..filters import UtvalgFilter
from ..forms import AvsluttMedlemForm, KopierForm, MedlemForm, MoteForm, UtvalgForm
from ..models import Medlem, Medlemsrolle, Utvalg


def _gyldige(dag):
    return Q(medlemmer__fra__lte=dag) & (
        Q(medlemmer__til__isnull=True) | Q(medlemmer__til__gte=dag)
    )


class UtvalgListe(LoginRequiredMixin, Listeside):
    template_name = "utvalg/liste.html"
    filterset_class = UtvalgFilter
    sorteringer = (Sortering("rekkefolge", "Behandlingsrekkefølge", (("rekkefolge", False),)),)

    def get_queryset(self):
        return Utvalg.objects.all()

    def filter_kwargs(self):
        return {}

    def rader(self):
        dag = timezone.localdate()
        leder = Medlem.objects.gyldige(dag).filter(utvalg=OuterRef("pk"), rolle=Medlemsrolle.LEDER)
        return Utvalg.objects.select_related("sekretaer").annotate(
            medlemstall=Count(
                "medlemmer", filter=_gyldige(dag) & ~Q(medlemmer__rolle=Medlemsrolle.VARAMEDLEM)
            ),
            leder_navn=Subquery(
                leder.annotate(
                    navn=Concat(F("person__first_name"), Value(" "), F("person__last_name"))
                ).values("navn")[:1]
            ),
        )

    def get_context_data(self, liste):
        return liste.context() | {"kan_ny": regler.utvalg(self.request.user).kan.ny}


utvalg_liste = UtvalgListe.as_view()


def _seter(utvalg: Utvalg, dag):
    """The committee's seats today, in the order a notice lists them, and earlier ones."""
    alle = list(
        utvalg.medlemmer.select_related("person", "parti").order_by(
            "rolle", "parti__navn", "vararekkefolge", "person__last_name", "person__first_name"
        )
    )
    gjeldende = [m for m in alle if m.fra <= dag and (m.til is None or m.til >= dag)]
    rekkefolge = {r: i for i, r in enumerate(Medlemsrolle.values)}
    gjeldende.sort(key=lambda m: rekkefolge[m.rolle])
    return {
        "faste": [m for m in gjeldende if m.rolle != Medlemsrolle.VARAMEDLEM],
        "vara": [m for m in gjeldende if m.rolle == Medlemsrolle.VARAMEDLEM],
        "kommende": [m for m in alle if m.fra > dag],
        "tidligere": [m for m in alle if m.til is not None and m.til < dag],
    }


def _aar(request, dag) -> int:
    try:
        aar = int(request.GET.get("aar", dag.year))
    except ValueError:
        return dag.year
    return aar if 2000 <= aar <= 2100 else dag.year


def _vis(request, utvalg, status=200, **skjemaer):
    dag = timezone.localdate()
    tillatelser = regler.utvalg(request.user, utvalg)
    aar = _aar(request, dag)
    context = {
        "aar": aar,
        "moter": list(utvalg.moter.filter(dato__year=aar)),
        "ar_med_moter": sorted(
            {d.year for d in utvalg.moter.dates("dato", "year")} | {dag.year, dag.year + 1}
        ),
        "mote_form": skjemaer.get("mote_form") or MoteForm(),
        "kopier_form": skjemaer.get("kopier_form")
        or KopierForm(initial={"fra_aar": aar, "til_aar": aar + 1}),
        "utvalg": utvalg,
        "tillatelser": tillatelser,
        "dag": dag,
        "medlem_form": skjemaer.get("medlem_form") or MedlemForm(initial={"fra": dag}),
        "avslutt_form": skjemaer.get("avslutt_form") or AvsluttMedlemForm(initial={"til": dag}),
        "feil_medlem": skjemaer.get("feil_medlem"),
        **_seter(utvalg, dag),
    }
    return render(request, "utvalg/utvalg.html", context, status=status)


@login_required
def utvalg(request, pk):
    return _vis(request, get_object_or_404(Utvalg.objects.select_related("sekretaer"), pk=pk))


def _skjema(request, utvalg: Utvalg | None):
    avslag = regler.utvalg(request.user, utvalg)["ny" if utvalg is None else "endre"]
    if avslag:
        raise PermissionDenied(avslag.grunn)
    status = 200
    if request.method == "POST":
        form = UtvalgForm(request.POST, instance=utvalg)
        if form.is_valid():
            try:
                lagret = services.lagre_utvalg(request.user, utvalg, **form.cleaned_data)
            except DomainError as error:
                status = vis_feil(form, error)
            else:
                messages.success(request, f"{lagret.navn} er lagret.")
                return redirect("utvalg:utvalg", lagret.pk)
        else:
            status = UGYLDIG
    else:
        form = UtvalgForm(instance=utvalg)
    return render(request, "utvalg/skjema.html", {"form": form, "utvalg": utvalg}, status=status)


@login_required
def nytt_utvalg(request):
    return _skjema(request, None)


@login_required
def endre_utvalg(request, pk):
    return _skjema(request, get_object_or_404(Utvalg, pk=pk))


@login_required
@require_POST
def nytt_medlem(request, pk):
    utvalg = get_object_or_404(Utvalg.objects.select_related("sekretaer"), pk=pk)
    if avslag := regler.utvalg(request.user, utvalg)["medlemmer"]:
        raise PermissionDenied(avslag.grunn)
    form = MedlemForm(request.POST)
    if form.is_valid():
        try:
            medlem = services.legg_til_medlem(request.user, utvalg, **form.cleaned_data)
        except DomainError as error:
            return _vis(request, utvalg, vis_feil(form, error), medlem_form=form)
        messages.success(
            request, f"{medlem.person} er lagt til som {medlem.get_rolle_display().lower()}."
        )
        return redirect("utvalg:utvalg", utvalg.pk)
    return _vis(request, utvalg, UGYLDIG, medlem_form=form)


@login_required
@require_POST
def avslutt_medlem(request, pk):
    medlem = get_object_or_404(Medlem.objects.select_related("utvalg", "person"), pk=pk)
    utvalg = medlem.utvalg
    if avslag := regler.utvalg(request.user, utvalg)["medlemmer"]:
        raise PermissionDenied(avslag.grunn)
    form = AvsluttMedlemForm(request.POST)
    if form.is_valid():
        try:
            services.avslutt_medlem(request.user, medlem, form.cleaned_data["til"])
        except DomainError as error:
            status = vis_feil(form, error)
        else:
            messages.success(request, f"Vervet til {medlem.person} er avsluttet.")
            return redirect("utvalg:utvalg", utvalg.pk)
    else:
        status = UGYLDIG
    return _vis(request, utvalg, status, avslutt_form=form, feil_medlem=medlem.pk)

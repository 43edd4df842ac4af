"""Forms of the reports: a new report, the report itself (a status and comment per
assignment, a five-level assessment per goal), the roll-up setting, and the referral of
a delivered report to political committees."""

from django import forms
from django.utils.translation import gettext_lazy as _

from journal.forms.felles import SaksnummerField, finn_sak
from saksarkiv.models import AdministrativEnhet
from utvalg.models import Utvalg

from ..models import Oppdragsstatus, Periodetype, Samanstilling, Vurdering


class NyRapportForm(forms.Form):
    enhet = forms.ModelChoiceField(label=_("Enhet"), queryset=AdministrativEnhet.objects.none())
    aar = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    periodetype = forms.ChoiceField(
        label=_("Rapport"),
        choices=[(Periodetype.MAANAD, _("Månedsrapport")), (Periodetype.TERTIAL,
                                                              _("Tertialrapport"))],
    )  # fmt: skip
    periode = forms.IntegerField(
        label=_("Periode"), min_value=1, max_value=12,
        help_text=_("Måned 1–12 eller tertial 1–3."),
    )  # fmt: skip
    rader = [("aar", "periodetype", "periode")]

    def __init__(self, *args, einingar=None, **kwargs):
        super().__init__(*args, **kwargs)
        if einingar is not None:
            self.fields["enhet"].queryset = einingar


class RapportForm(forms.Form):
    """Fields `status-<oppdrag>`, `kommentar-<oppdrag>`, `vurdering-<maal>`,
    `vkommentar-<maal>`, and the report's `kommentar`."""

    kommentar = forms.CharField(
        label=_("Kommentar til rapporten (intern)"), required=False, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip

    def __init__(self, *args, linjer=(), vurderingar=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.linjer = list(linjer)
        self.vurderingar = list(vurderingar)
        for linje in self.linjer:
            pk = linje.oppdrag.pk
            self.fields[f"status-{pk}"] = forms.ChoiceField(
                label=_("Status"), choices=Oppdragsstatus.choices, initial=linje.status
            )
            self.fields[f"kommentar-{pk}"] = forms.CharField(
                label=_("Kommentar"), required=False, max_length=4000, initial=linje.kommentar,
                widget=forms.Textarea(attrs={"rows": 2}),
            )  # fmt: skip
        for maal, vurdering in self.vurderingar:
            self.fields[f"vurdering-{maal.pk}"] = forms.TypedChoiceField(
                label=_("Vurdering"), choices=[("", _("Ikke vurdert")), *Vurdering.choices],
                required=False, coerce=int, empty_value=None,
                initial=vurdering.vurdering if vurdering else "",
            )  # fmt: skip
            self.fields[f"vkommentar-{maal.pk}"] = forms.CharField(
                label=_("Begrunnelse"), required=False, max_length=2000,
                initial=vurdering.kommentar if vurdering else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )  # fmt: skip

    @property
    def rader_linjer(self) -> list[dict]:
        return [
            {"linje": li, "status": self[f"status-{li.oppdrag.pk}"],
             "kommentar": self[f"kommentar-{li.oppdrag.pk}"]}
            for li in self.linjer
        ]  # fmt: skip

    @property
    def rader_vurderingar(self) -> list[dict]:
        return [
            {"maal": m, "vurdering": self[f"vurdering-{m.pk}"],
             "kommentar": self[f"vkommentar-{m.pk}"]}
            for m, _v in self.vurderingar
        ]  # fmt: skip

    def data_for_teneste(self) -> dict:
        d = self.cleaned_data
        return {
            "kommentar": d["kommentar"],
            "linjer": {
                li.oppdrag.pk: (d[f"status-{li.oppdrag.pk}"], d[f"kommentar-{li.oppdrag.pk}"])
                for li in self.linjer
            },
            "vurderingar": {
                m.pk: (d[f"vurdering-{m.pk}"], d[f"vkommentar-{m.pk}"])
                for m, _v in self.vurderingar
            },
        }


class OppsettForm(forms.Form):
    samanstilling = forms.ChoiceField(
        label=_("Sammenstilling av status oppover i organisasjonen"),
        choices=Samanstilling.choices, widget=forms.RadioSelect,
        help_text=_("Vektet gjennomsnitt bruker oppdragenes vekt; dårligste underliggende gir "
                    "enheten den dårligste statusen under seg."),
    )  # fmt: skip


class RefererForm(forms.Form):
    """«Referer til politisk utvalg»: the case the post is filed in (type-ahead over the
    cases the user may see, journal:saksvalg), the committees, and the post's title."""

    prefix = "referer"

    sak = SaksnummerField(
        label=_("Sak"),
        help_text=_("Saksnummeret, for eksempel 2026/12, eller ord i tittelen."),
    )
    utvalg = forms.ModelMultipleChoiceField(
        label=_("Utvalg"), queryset=Utvalg.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Velg minst ett politisk utvalg.")},
    )  # fmt: skip
    tittel = forms.CharField(label=_("Tittel på journalposten"), max_length=500)

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["utvalg"].queryset = Utvalg.objects.filter(aktiv=True).order_by(
            "rekkefolge", "navn"
        )

    def clean_sak(self):
        return finn_sak(self.user, self.cleaned_data["sak"])

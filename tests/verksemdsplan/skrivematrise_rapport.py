"""This area's rows in the write matrix (tests/test_skrivematrise.py): the checklist and the
reports (issue 21 items 5 and 6), and a delivered report referred to committees as RS."""

from django.urls import reverse
from django.utils import timezone

from journal.services import tillatelser as journalregler
from tests.factories import EnhetFactory
from tests.journal.flythjelp import ny_sak
from tests.verksemdsplan.test_rapport import lag_oppdrag, lag_plan
from utvalg.models import Utvalg
from verksemdsplan.models import Rapport
from verksemdsplan.services import rapport as tenester
from verksemdsplan.services import sjekkliste
from verksemdsplan.tillatelser import rapport as rapportregler
from verksemdsplan.tillatelser import sjekkliste as sjekklisteregler


def matrise(skriv, p, org) -> dict:
    """This area's writes for the write matrix: a report unit of its own under sektor_a (so
    other areas' assignments in enhet_a do not stand in the way of delivery), a report with a
    line for its assignment, and a checklist. `skriv` is the matrix's Skriv class."""
    aar = timezone.localdate().year
    eining = EnhetFactory(kode="VPD", navn="Rapporteininga", parent=org.sektor_a)
    maal = lag_plan(aar)
    oppdrag = lag_oppdrag(p, eining, "Matriseoppdrag", maal=maal, aar=aar, kategori="PV")
    rapport = tenester.opprett(p.radmann, eining, aar=aar, periodetype="M", periode=1)
    tenester.lagre(p.radmann, rapport, linjer={oppdrag.pk: ("IR", "")})
    kat = sjekkliste.ny_kontrolltype(
        p.radmann, sjekkliste.nytt_foremaal(p.radmann, namn="Matriseformål"), namn="Type"
    )
    punkt = sjekkliste.nytt_sjekkpunkt(p.radmann, kat, sporsmaal="Er matrisen fylt ut?")
    linjer = {f"status-{oppdrag.pk}": "FF", "kommentar": "Oppdatert"}
    # A delivered tertial report, and the case its political version is filed in.
    levert = tenester.opprett(p.radmann, eining, aar=aar, periodetype="T", periode=1)
    tenester.lagre(p.radmann, levert, linjer={oppdrag.pk: ("IR", "")}, lever=True)
    sak = ny_sak(p.arkiv, eining, tittel="Rapportering til politisk nivå")
    fsk = Utvalg.objects.get(kode="FSK")

    def referer(user, v):
        return (
            rapportregler.rapport(user, Rapport.objects.get(pk=levert.pk))["referer"]
            or journalregler.saksmappe(user, sak)["ny_journalpost"]
        )

    return {
        "verksemdsplan:sjekkliste_katalog": [skriv(
            lambda v: reverse("verksemdsplan:sjekkliste_katalog"),
            lambda v, p_: {"handling": "foremaal", "foremaal-namn": "Personvern",
                           "foremaal-rekkefolge": 2},
            lambda user, v: sjekklisteregler.katalog(user)["hald"], verdener=("offentlig",))],
        "verksemdsplan:sjekkliste_eining": [skriv(
            lambda v: reverse("verksemdsplan:sjekkliste_eining", args=[eining.pk, aar]),
            lambda v, p_: {f"status-{punkt.pk}": "JA"},
            lambda user, v: sjekklisteregler.svar(user, eining)["svar"],
            verdener=("offentlig",))],
        "verksemdsplan:rapport_ny": [skriv(
            lambda v: reverse("verksemdsplan:rapport_ny"),
            lambda v, p_: {"enhet": eining.pk, "aar": aar, "periodetype": "T", "periode": 2},
            lambda user, v: rapportregler.enhet(user, eining)["opprett"],
            verdener=("offentlig",))],
        "verksemdsplan:rapport": [
            skriv(lambda v: reverse("verksemdsplan:rapport", args=[rapport.pk]),
                  lambda v, p_: linjer,
                  lambda user, v: rapportregler.rapport(user, rapport)["rediger"],
                  "lagre", verdener=("offentlig",)),
            skriv(lambda v: reverse("verksemdsplan:rapport", args=[rapport.pk]),
                  lambda v, p_: {**linjer, "lever": "1"},
                  lambda user, v: rapportregler.rapport(user, rapport)["lever"],
                  "lever", verdener=("offentlig",)),
        ],
        "verksemdsplan:rapport_referer": [skriv(
            lambda v: reverse("verksemdsplan:rapport_referer", args=[levert.pk]),
            lambda v, p_: {"referer-sak": sak.saksnummer, "referer-utvalg": [fsk.pk],
                           "referer-tittel": "Tertialrapport 1"},
            referer, verdener=("offentlig",))],
        "verksemdsplan:rapport_oppsett": [skriv(
            lambda v: reverse("verksemdsplan:rapport_oppsett"),
            lambda v, p_: {"samanstilling": "VS"},
            lambda user, v: rapportregler.oppsett(user)["endre"], verdener=("offentlig",))],
    }  # fmt: skip


LESESIDER = {"verksemdsplan:sjekkliste", "verksemdsplan:rapporter", "verksemdsplan:rapport_pdf"}


def leseargs() -> dict:
    """Arguments of this area's read-only pages (the report the matrix made)."""
    rapport = Rapport.objects.filter(enhet__kode="VPD").first()
    return {"verksemdsplan:rapport_pdf": [rapport.pk if rapport else 1, "politisk"]}

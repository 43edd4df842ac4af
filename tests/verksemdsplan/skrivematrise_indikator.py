"""The indicators' part of the write matrix (tests/test_skrivematrise.py): one yearly
indicator owned by sektor A and delegated to enhet A, each write with the rule its service
enforces, and the list page that only reads."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from saksarkiv.tillatelser import ingen_tilgang
from verksemdsplan.models import Indikator
from verksemdsplan.tillatelser import indikator as regler

LESESIDER = {"verksemdsplan:indikatorar"}


def leseargs() -> dict[str, list]:
    return {}


def matrise(Skriv, p, org) -> dict:  # noqa: N803 - the matrix's own class, passed in
    ind = Indikator.objects.create(
        namn="Brukertilfredshet", maaleining="poeng", desimalar=1, periodetype="A",
        retning="S", basisverdi=Decimal(3), basisaar=2020, maalverdi=Decimal(5), maalaar=2030,
        enhet=org.sektor_a,
    )  # fmt: skip
    ind.delegert_til.set([org.enhet_a])
    fjor = timezone.localdate().year - 1
    skjema = {
        "indikator-namn": "Brukertilfredshet i byggesak", "indikator-maaleining": "poeng",
        "indikator-desimalar": 1, "indikator-periodetype": "A", "indikator-retning": "S",
        "indikator-basisverdi": "3", "indikator-basisaar": 2020, "indikator-maalverdi": "5,0",
        "indikator-maalaar": 2030, "indikator-grense_gronn": 90, "indikator-grense_gul": 60,
        "indikator-aktiv": "on",
    }  # fmt: skip

    def importer(user, v):
        if not regler.kan_importere(user):
            return ingen_tilgang("Ikke leder.")
        return regler.verdi_for_enhet(user, ind, org.enhet_a)

    def fil(v, p_):
        tekst = f"indikator;enhet;år;periode;verdi\n{ind.pk};A1;{fjor};0;4,2\n"
        return {"fil": SimpleUploadedFile("verdier.csv", tekst.encode("cp1252"))}

    return {
        "verksemdsplan:ny_indikator": [Skriv(
            lambda v: reverse("verksemdsplan:ny_indikator"),
            lambda v, p_: skjema | {"indikator-enhet": org.enhet_a.pk},
            lambda user, v: regler.ny(user, org.enhet_a)["opprett"], verdener=("offentlig",))],
        "verksemdsplan:endre_indikator": [Skriv(
            lambda v: reverse("verksemdsplan:endre_indikator", args=[ind.pk]),
            lambda v, p_: skjema | {"indikator-enhet": org.sektor_a.pk},
            lambda user, v: regler.indikator(user, ind)["endre"], verdener=("offentlig",))],
        "verksemdsplan:indikator_aarsmaal": [Skriv(
            lambda v: reverse("verksemdsplan:indikator_aarsmaal", args=[ind.pk]),
            lambda v, p_: {"aarsmaal-aar": fjor, "aarsmaal-verdi": "4,5"},
            lambda user, v: regler.indikator(user, ind)["aarsmaal"], verdener=("offentlig",))],
        "verksemdsplan:indikator": [Skriv(
            lambda v: reverse("verksemdsplan:indikator", args=[ind.pk]),
            lambda v, p_: {"verdi-enhet": org.enhet_a.pk, "verdi-aar": fjor,
                           "verdi-periode": 0, "verdi-verdi": "4,1"},
            lambda user, v: regler.verdi_for_enhet(user, ind, org.enhet_a),
            verdener=("offentlig",))],
        "verksemdsplan:indikator_import": [Skriv(
            lambda v: reverse("verksemdsplan:indikator_import"), fil, importer,
            verdener=("offentlig",))],
    }  # fmt: skip

"""The assignments' part of the write matrix (tests/test_skrivematrise.py): the objects the
writes act on, each write with the rule its service enforces, and the pages that only read.
Kept here so that the matrix file only merges it (the verksemdsplan's areas each have their
own)."""

import datetime

from django.urls import reverse
from django.utils import timezone

from vedtak.models import Oppfolging
from verksemdsplan.models import Maal, Oppdrag, Plan
from verksemdsplan.services import oppdrag as tenester
from verksemdsplan.tillatelser import oppdrag as regler

LESESIDER = {"verksemdsplan:oppdrag_mine", "verksemdsplan:oppdrag_eininga",
             "verksemdsplan:oppdrag"}  # fmt: skip


def leseargs() -> dict[str, list]:
    """The URL arguments of the read pages (for _leseside_url)."""
    forste = Oppdrag.objects.order_by("pk").first()
    return {"verksemdsplan:oppdrag": [forste.pk if forste else 1]}


def _oppfolgingen(v) -> Oppfolging:
    """The world's decision followed up (the matrix's «oppfolgingen»)."""
    return Oppfolging.objects.get(
        punkt__behandling__journalpost=v.framlegg, punkt__utvalg__kode="FSK",
        punkt__nummer__gte=901, verbalpunkt="",
    )  # fmt: skip


def matrise(Skriv, p, org) -> dict:  # noqa: N803 - the matrix's own class, passed in
    """The writes on assignments: create, update status, delegate, and from a decision."""
    planen = Plan.objects.create(namn="Samfunnsdelen", type="SD", fra_aar=2020, til_aar=2040)
    maal = Maal.objects.create(plan=planen, nivaa="HM", nummer="1", tittel="Gode tenester")
    idag = timezone.localdate()
    frist = idag + datetime.timedelta(days=60)
    # The sector's assignment (owned by its leader) and one for the caseworker in enhet A.
    sektor = tenester.opprett(
        p.radmann,
        aar=idag.year,
        kategori="AP",
        tittel="Sektoroppdrag",
        enhet=org.sektor_a,
        eigar=p.sektorleder,
        frist=frist,
        maal=maal,
    )
    eige = tenester.opprett(
        p.radmann,
        aar=idag.year,
        kategori="AP",
        tittel="Byggesaksoppdrag",
        enhet=org.enhet_a,
        eigar=p.saksbehandler,
        frist=frist,
        maal=maal,
    )

    def fra_vedtak(user, v):
        svar = regler.vedtak(user, _oppfolgingen(v))["opprett_oppdrag"]
        return svar or regler.enhet(user, org.enhet_a)["opprett_oppdrag"]

    return {
        "verksemdsplan:oppdrag_ny": [Skriv(
            lambda v: reverse("verksemdsplan:oppdrag_ny"),
            lambda v, p_: {"oppdrag-aar": idag.year, "oppdrag-kategori": "TB",
                           "oppdrag-tittel": "Nytt", "oppdrag-enhet": org.enhet_a.pk,
                           "oppdrag-eigar": p.saksbehandler.pk,
                           "oppdrag-frist": frist.isoformat(), "oppdrag-maal": maal.pk,
                           "oppdrag-vekt": 1},
            lambda user, v: regler.enhet(user, org.enhet_a)["opprett_oppdrag"],
            verdener=("offentlig",))],
        "verksemdsplan:oppdrag_status": [Skriv(
            lambda v: reverse("verksemdsplan:oppdrag_status", args=[eige.pk]),
            lambda v, p_: {"status-status": "IR", "status-statuskommentar": "I gang"},
            lambda user, v: regler.oppdrag(user, eige)["oppdater_status"],
            verdener=("offentlig",))],
        "verksemdsplan:oppdrag_deleger": [Skriv(
            lambda v: reverse("verksemdsplan:oppdrag_deleger", args=[sektor.pk]),
            lambda v, p_: {"deleger-enhet": org.enhet_a.pk, "deleger-eigar": p.leder.pk},
            lambda user, v: regler.oppdrag(user, sektor)["deleger"],
            verdener=("offentlig",))],
        "verksemdsplan:fra_vedtak": [Skriv(
            lambda v: reverse("verksemdsplan:fra_vedtak", args=[_oppfolgingen(v).pk]),
            lambda v, p_: {"oppdrag-enhet": org.enhet_a.pk, "oppdrag-maal": maal.pk,
                           "oppdrag-eigar": p.saksbehandler.pk},
            fra_vedtak)],
    }  # fmt: skip

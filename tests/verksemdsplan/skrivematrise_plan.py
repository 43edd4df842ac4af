"""The plans' (registering and changing them), oppdragsbrev's and year wheel's part of the
write matrix (tests/test_skrivematrise.py): the objects the writes act on, each write with the
rule its service enforces, and the pages that only read. The matrix file only merges it."""

import datetime

from django.urls import reverse
from django.utils import timezone

from verksemdsplan.models import (
    Aarshjulfrist,
    Maal,
    Oppdragsbrev,
    Oppdragspunkt,
    Plan,
    Strategi,
    Verksemdsplan,
)
from verksemdsplan.services import plan as plantenester
from verksemdsplan.tillatelser import aarshjul as aarshjulregler
from verksemdsplan.tillatelser import brev as brevregler
from verksemdsplan.tillatelser import plan as planregler

PLAN = "Planmatrisen"
AAR = 2098  # the year wheel's year in the matrix (none of the other fixtures' years)

LESESIDER = {
    "verksemdsplan:plan", "verksemdsplan:verksemdsplanar", "verksemdsplan:brev_liste",
    "verksemdsplan:brev", "verksemdsplan:aarshjul_no", "verksemdsplan:aarshjul",
}  # fmt: skip


def leseargs() -> dict[str, list]:
    """The URL arguments of the read pages (for _leseside_url)."""
    plan = Plan.objects.filter(namn=PLAN).first()
    brev = Oppdragsbrev.objects.order_by("pk").first()
    return {
        "verksemdsplan:plan": [plan.pk if plan else 1],
        "verksemdsplan:brev": [brev.pk if brev else 1],
        "verksemdsplan:aarshjul": [AAR],
    }


def _brev(enhet, aar, status, skrive_av, forelder=None, tekst="Eit oppdrag") -> Oppdragsbrev:
    brev = Oppdragsbrev.objects.create(enhet=enhet, aar=aar, status=status, forelder=forelder,
                                       skrive_av=skrive_av)  # fmt: skip
    Oppdragspunkt.objects.create(brev=brev, tema="ST", tekst=tekst)
    return brev


def matrise(Skriv, p, org) -> dict:  # noqa: N803 - the matrix's own class, passed in
    """The writes on plans, a unit's goals, oppdragsbrev and the year wheel."""
    aar = timezone.localdate().year
    plan = Plan.objects.create(namn=PLAN, type="SD", fra_aar=aar - 1, til_aar=aar + 3)
    maal = Maal.objects.create(plan=plan, nivaa="HM", nummer="1", tittel="Matrisemål")
    strategi = Strategi.objects.create(maal=maal, nummer="1.a", tittel="Matrisestrategi")
    # The top unit and sector A have taken the goal; sector A's plan awaits approval, and
    # enhet A has none yet (it chooses).
    for enhet in (org.kommune, org.sektor_a):
        vp = Verksemdsplan.objects.create(enhet=enhet, aar=aar)
        vp.maal.add(maal)
        vp.strategiar.add(strategi)
    sektorplan = Verksemdsplan.objects.get(enhet=org.sektor_a, aar=aar)
    # Letters: the top unit's published; sector A's a draft; sector B's sent for approval;
    # enhet B's approved, to be published.
    topp = _brev(org.kommune, aar, "P", p.radmann)
    sektor = _brev(org.sektor_a, aar, "U", p.sektorleder, topp, "Sektorens oppdrag")
    sektor_b = _brev(org.sektor_b, aar, "T", p.radmann, topp)
    eining_b = _brev(org.enhet_b, aar, "G", p.leder_annen, sektor_b)
    punkt = sektor.punkt.get()
    frist = Aarshjulfrist.objects.create(aar=AAR, type="AN", tittel="Matrisefrist",
                                         dato=datetime.date(AAR, 3, 1))  # fmt: skip

    def planar(user, v):
        return planregler.planar(user)["registrer"]

    def endre(user, v):
        return planregler.plan(user, plan)["endre"]

    def rediger(user, v):
        return aarshjulregler.aarshjul(user)["rediger"]

    def brevet(brev, handling):
        return lambda user, v: brevregler.brev(user, brev)[handling]

    def handling(brev, namn):
        return Skriv(lambda v: reverse("verksemdsplan:brev_handling", args=[brev.pk, namn]),
                     lambda v, p_: {}, brevet(brev, namn), namn,
                     verdener=("offentlig",))  # fmt: skip

    ny_eining = Oppdragsbrev(enhet=org.enhet_a, aar=aar, status="U")
    return {
        "verksemdsplan:planar": [Skriv(
            lambda v: reverse("verksemdsplan:planar"),
            lambda v, p_: {"plan-namn": "Temaplan", "plan-type": "TP", "plan-fra_aar": aar,
                           "plan-til_aar": aar + 2},
            planar, verdener=("offentlig",))],
        "verksemdsplan:ny_maal": [Skriv(
            lambda v: reverse("verksemdsplan:ny_maal", args=[plan.pk]),
            lambda v, p_: {"maal-nummer": "2", "maal-tittel": "Nytt mål"},
            planar, verdener=("offentlig",))],
        "verksemdsplan:ny_strategi": [Skriv(
            lambda v: reverse("verksemdsplan:ny_strategi", args=[plan.pk]),
            lambda v, p_: {"strategi-maal": maal.pk, "strategi-nummer": "1.b",
                           "strategi-tittel": "Ny strategi"},
            planar, verdener=("offentlig",))],
        "verksemdsplan:endre_plan": [Skriv(
            lambda v: reverse("verksemdsplan:endre_plan", args=[plan.pk]),
            lambda v, p_: {"plan-namn": PLAN, "plan-type": "KD", "plan-fra_aar": aar - 1,
                           "plan-til_aar": aar + 4, "plan-aktiv": "on"},
            endre, verdener=("offentlig",))],
        "verksemdsplan:endre_maal": [Skriv(
            lambda v: reverse("verksemdsplan:endre_maal", args=[maal.pk]),
            lambda v, p_: {"maal-nummer": "1", "maal-tittel": "Endret matrisemål"},
            endre, verdener=("offentlig",))],
        "verksemdsplan:endre_strategi": [Skriv(
            lambda v: reverse("verksemdsplan:endre_strategi", args=[strategi.pk]),
            lambda v, p_: {"strategi-maal": maal.pk, "strategi-nummer": "1.c",
                           "strategi-tittel": "Matrisestrategi"},
            endre, verdener=("offentlig",))],
        "verksemdsplan:eining": [Skriv(
            lambda v: reverse("verksemdsplan:eining", args=[aar, org.enhet_a.pk]),
            lambda v, p_: {"maal": [maal.pk], "strategiar": [strategi.pk]},
            lambda user, v: planregler.verksemdsplan(
                user, plantenester.for_eining(org.enhet_a, aar))["vel_maal"],
            verdener=("offentlig",))],
        "verksemdsplan:godkjenn_plan": [Skriv(
            lambda v: reverse("verksemdsplan:godkjenn_plan", args=[aar, org.sektor_a.pk]),
            lambda v, p_: {},
            lambda user, v: planregler.verksemdsplan(user, sektorplan)["godkjenn"],
            verdener=("offentlig",))],
        "verksemdsplan:brev_ny": [Skriv(
            lambda v: reverse("verksemdsplan:brev_ny"),
            lambda v, p_: {"nytt-aar": aar, "nytt-enhet": org.enhet_a.pk},
            lambda user, v: brevregler.brev(user, ny_eining)["skriv"],
            verdener=("offentlig",))],
        "verksemdsplan:brev_innleiing": [Skriv(
            lambda v: reverse("verksemdsplan:brev_innleiing", args=[sektor.pk]),
            lambda v, p_: {"innleiing-innleiing": "Til alle i sektoren."},
            brevet(sektor, "skriv"), verdener=("offentlig",))],
        "verksemdsplan:brev_nytt_punkt": [Skriv(
            lambda v: reverse("verksemdsplan:brev_nytt_punkt", args=[sektor.pk]),
            lambda v, p_: {"punkt-tema": "OK", "punkt-tekst": "Budsjettbalanse"},
            brevet(sektor, "skriv"), verdener=("offentlig",))],
        "verksemdsplan:brev_punkt": [
            Skriv(lambda v: reverse("verksemdsplan:brev_punkt", args=[punkt.pk]),
                  lambda v, p_: {f"punkt-{punkt.pk}-tema": "OR",
                                 f"punkt-{punkt.pk}-tekst": "Endret oppdrag"},
                  brevet(sektor, "skriv"), "endre", verdener=("offentlig",)),
            Skriv(lambda v: reverse("verksemdsplan:brev_punkt", args=[punkt.pk]),
                  lambda v, p_: {"slett": "1"}, brevet(sektor, "skriv"), "slett",
                  verdener=("offentlig",)),
        ],
        "verksemdsplan:brev_handling": [
            handling(sektor, "send"),
            handling(sektor_b, "godkjenn"),
            handling(sektor_b, "returner"),
            handling(eining_b, "publiser"),
        ],
        "verksemdsplan:aarshjul_standard": [Skriv(
            lambda v: reverse("verksemdsplan:aarshjul_standard", args=[AAR]),
            lambda v, p_: {}, rediger, verdener=("offentlig",))],
        "verksemdsplan:aarshjul_ny": [Skriv(
            lambda v: reverse("verksemdsplan:aarshjul_ny", args=[AAR]),
            lambda v, p_: {"frist-tittel": "Budsjettinnspill", "frist-type": "AN",
                           "frist-dato": f"{AAR}-09-01", "frist-paaminning_dagar": "7"},
            rediger, verdener=("offentlig",))],
        "verksemdsplan:aarshjul_frist": [Skriv(
            lambda v: reverse("verksemdsplan:aarshjul_frist", args=[frist.pk]),
            lambda v, p_: {"frist-tittel": "Matrisefrist", "frist-type": "AN",
                           "frist-dato": f"{AAR}-03-08", "frist-paaminning_dagar": "7"},
            rediger, verdener=("offentlig",))],
    }  # fmt: skip

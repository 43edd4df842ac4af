"""The measures' and the action and economy plan's part of the write matrix
(tests/test_skrivematrise.py): the objects the writes act on, each write with the rule its
service enforces, and the pages that only read. The matrix file only merges it."""

from django.urls import reverse
from django.utils import timezone

from verksemdsplan.models import Maal, Plan, Prioritering, Strategi, Tiltak, Verbalpunkt
from verksemdsplan.tillatelser import tiltak as regler

TEMAPLAN = "Tiltaksmatrisen"
HOP = "Tiltaksmatrisen HØP"

LESESIDER = {"verksemdsplan:okonomiplan_no", "verksemdsplan:okonomiplan"}


def leseargs() -> dict[str, list]:
    """The URL arguments of the read pages (for _leseside_url)."""
    hop = Plan.objects.filter(namn=HOP).first()
    return {
        "verksemdsplan:okonomiplan_no": [hop.pk if hop else 1],
        "verksemdsplan:okonomiplan": [hop.pk if hop else 1, hop.fra_aar if hop else 2000],
    }


def matrise(Skriv, p, org) -> dict:  # noqa: N803 - the matrix's own class, passed in
    """Registering and editing measures; prioritising, verbal points and sending on."""
    aar = timezone.localdate().year
    tp = Plan.objects.create(namn=TEMAPLAN, type="TP", fra_aar=aar - 1, til_aar=aar + 3)
    maal = Maal.objects.create(plan=tp, nivaa="HM", nummer="1", tittel="Matrisemål")
    strategi = Strategi.objects.create(maal=maal, nummer="1.a", tittel="Matrisestrategi")
    t1 = Tiltak.objects.create(plan=tp, strategi=strategi, nummer="1.1", tittel="Matrisetiltak")
    t2 = Tiltak.objects.create(plan=tp, maal=maal, nummer="1.2", tittel="Uprioritert tiltak")
    hop = Plan.objects.create(namn=HOP, type="HO", fra_aar=aar, til_aar=aar + 3)
    # Waiting to be sent on, for units with a leader (enhet A, sector A).
    prioritering = Prioritering.objects.create(hop=hop, tiltak=t1, aar=aar, enhet=org.enhet_a)
    punkt = Verbalpunkt.objects.create(hop=hop, aar=aar, nummer="1", tekst="Matrisepunkt",
                                       maal=maal, enhet=org.sektor_a)  # fmt: skip

    def aaret(handling):
        return lambda user, v: regler.okonomiplan(user, hop, aar)[handling]

    def post(namn, args, data, regel):
        return [Skriv(lambda v: reverse(f"verksemdsplan:{namn}", args=args),
                      lambda v, p_: data, regel, verdener=("offentlig",))]  # fmt: skip

    return {
        "verksemdsplan:tiltak": post(
            "tiltak", [tp.pk],
            {"tiltak-nummer": "2.1", "tiltak-tittel": "Nytt tiltak", "tiltak-maal": maal.pk},
            lambda user, v: regler.plan(user, tp)["registrer"]),
        "verksemdsplan:endre_tiltak": post(
            "endre_tiltak", [t2.pk],
            {"tiltak-nummer": "1.2", "tiltak-tittel": "Endret tiltak", "tiltak-maal": maal.pk,
             "tiltak-aktiv": "on"},
            lambda user, v: regler.tiltak(user, t2)["endre"]),
        "verksemdsplan:prioriter": post(
            "prioriter", [hop.pk, aar],
            {"prioriter-tiltak": t2.pk, "prioriter-enhet": org.enhet_b.pk,
             "prioriter-belop": "1000"},
            aaret("prioriter")),
        "verksemdsplan:nytt_verbalpunkt": post(
            "nytt_verbalpunkt", [hop.pk, aar],
            {"verbalpunkt-nummer": "2", "verbalpunkt-tekst": "Nytt punkt",
             "verbalpunkt-strategi": strategi.pk, "verbalpunkt-enhet": org.enhet_a.pk},
            aaret("verbalpunkt")),
        "verksemdsplan:send_okonomiplan": post(
            "send_okonomiplan", [hop.pk, aar], {}, aaret("send")),
        "verksemdsplan:fjern_prioritering": post(
            "fjern_prioritering", [prioritering.pk], {},
            lambda user, v: regler.prioritering(user, prioritering)["fjern"]),
        "verksemdsplan:verbalpunkt": post(
            "verbalpunkt", [punkt.pk],
            {"verbalpunkt-nummer": "1", "verbalpunkt-tekst": "Endret punkt",
             "verbalpunkt-maal": maal.pk, "verbalpunkt-enhet": org.sektor_a.pk},
            lambda user, v: regler.verbalpunkt(user, punkt)["endre"]),
    }  # fmt: skip

"""Decision follow-up in the journal's mails (issue 19 item 7), through the hooks
SAKSARKIV_DAGLIG_TILLEGG and SAKSARKIV_MAANEDLIG_TILLEGG that journal/jobber.py calls (the
journal may not import this app):

- the daily digest: each caseworker's open lines (not iverksatt or bortfalt) of follow-ups
  in force whose deadline is passed or within FRIST_DAGER days — someone with only these
  gets the digest too;
- the monthly leader overview: the open lines of the units each leader leads or deputises
  for, every unit below included (the scope of `services.for_leder`), the late ones marked.

Computed for every recipient at once: one query for the lines, one for their decisions'
posts, one for the recipients (daily) or their roles (monthly). A post with an access code is
checked with `readable_by` for each recipient who has one in their mail (as the journal's own
sections are), so a recipient without clearance gets the offentlig tittel, never `tittel`.
"""

import copy
import datetime
from collections import defaultdict

from django.contrib.auth.models import AnonymousUser

from journal.jobber import lenke
from journal.models import Journalpost
from saksarkiv import access
from saksarkiv.models import LEDERLINJE, Bruker, Rolle

from . import services
from .models import FERDIG

FRIST_DAGER = 14  # the digest shows lines due within so many days (issue 19 item 7)
VIS_MAKS = 10  # lines shown per section; the rest are counted
FORSINKET = "Forsinket"
# Nobody's clearance: `innsyn` is True only for posts without an access code.
UTEN_KLARERING = AnonymousUser()


def _apne():
    """Open lines of follow-ups in force, earliest deadline first, with what a mail shows."""
    return (
        services.aktive().exclude(status__in=FERDIG)
        .select_related("oppfolging__punkt__mote__utvalg", "oppfolging__punkt__behandling",
                        "saksbehandler", "administrativ_enhet")
        .order_by("oppfolging__frist", "pk")
    )  # fmt: skip


class _Liste:
    """Per recipient: how many lines, how many of them late, and the first VIS_MAKS."""

    def __init__(self):
        self.antall = 0
        self.forsinket = 0
        self.linjer = []

    def legg_til(self, linje, dag) -> None:
        self.antall += 1
        self.forsinket += linje.oppfolging.frist < dag
        if len(self.linjer) < VIS_MAKS:
            self.linjer.append(linje)


def _titler(brukere: dict[int, Bruker], per_bruker: dict[int, _Liste]) -> dict:
    """{(user id, post id): the decision's title as that user may see it}. Posts without an
    access code are read once for all; restricted ones are checked per user who has one."""
    post_ids = {
        linje.oppfolging.punkt.behandling.journalpost_id
        for uid, liste in per_bruker.items()
        if uid in brukere
        for linje in liste.linjer
    }
    poster = Journalpost.objects.with_innsyn(UTEN_KLARERING).in_bulk(post_ids)
    titler = {}
    for uid, liste in per_bruker.items():
        user = brukere.get(uid)
        if user is None:
            continue
        ids = {linje.oppfolging.punkt.behandling.journalpost_id for linje in liste.linjer}
        begrenset = {pk for pk in ids if not poster[pk].innsyn}
        lesbare = set()
        if begrenset:
            qs = Journalpost.objects.filter(pk__in=begrenset).readable_by(user)
            lesbare = set(qs.values_list("pk", flat=True))
        for pk in ids:
            post = copy.copy(poster[pk])
            post.innsyn = post.innsyn or pk in lesbare
            titler[uid, pk] = access.title_for(user, post)
    return titler


def _punkt(linje, tittel: str, dag: datetime.date, ansvarlig: bool) -> dict:
    oppfolging = linje.oppfolging
    punkt = oppfolging.punkt
    if oppfolging.verbalpunkt:
        tittel = f"{tittel} – verbalpunkt: {oppfolging.verbalpunkt[:80]}"
    result = {
        "nummer": f"{punkt.mote.utvalg.navn} {punkt.saksnummer}".strip(),
        "tittel": tittel,
        "dato": oppfolging.frist,
        "lenke": lenke("vedtak:linje", linje.pk),
        "merking": FORSINKET if oppfolging.frist < dag else "",
    }
    if ansvarlig:
        navn = linje.saksbehandler.get_full_name() or linje.saksbehandler.username
        result["ansvarlig"] = f"{navn} ({linje.administrativ_enhet.navn})"
    return result


def _seksjoner(brukere, per_bruker, dag, *, overskrift, side, ansvarlig) -> dict:
    """{user id: [the section]} in the shape journal.jobber.tillegg reads."""
    titler = _titler(brukere, per_bruker)
    result = {}
    for uid, liste in per_bruker.items():
        if uid not in brukere:
            continue
        punkter = [
            _punkt(
                linje, titler[uid, linje.oppfolging.punkt.behandling.journalpost_id], dag, ansvarlig
            )
            for linje in liste.linjer
        ]
        result[uid] = [{
            "overskrift": overskrift(liste),
            "datotekst": "frist",
            "antall": liste.antall,
            "punkter": punkter,
            "lenke": lenke(side),
        }]  # fmt: skip
    return result


def daglig(dag: datetime.date) -> dict[int, list[dict]]:
    """SAKSARKIV_DAGLIG_TILLEGG: per caseworker, their open lines due within FRIST_DAGER
    days or overdue."""
    per_bruker: dict[int, _Liste] = defaultdict(_Liste)
    linjer = _apne().filter(oppfolging__frist__lte=dag + datetime.timedelta(days=FRIST_DAGER))
    for linje in linjer.iterator(chunk_size=2000):
        per_bruker[linje.saksbehandler_id].legg_til(linje, dag)
    if not per_bruker:
        return {}
    brukere = Bruker.objects.in_bulk(list(per_bruker))
    return _seksjoner(brukere, per_bruker, dag, side="vedtak:mine", ansvarlig=False,
                      overskrift=_daglig_overskrift)  # fmt: skip


def _daglig_overskrift(liste: _Liste) -> str:
    return f"Vedtak til oppfølging – frist ute eller innen {FRIST_DAGER} dager"


def _maaned_overskrift(liste: _Liste) -> str:
    return f"Vedtak til oppfølging i enhetene dine – {liste.forsinket} forsinket"


def _omfang(ledere, dag) -> dict[int, set[str]]:
    """{leader: the unit paths they lead or deputise for}, as `access.lederomfang` reads
    them (leader line roles), for all leaders in one query."""
    result: dict[int, set[str]] = defaultdict(set)
    roller = Rolle.objects.gyldige(on=dag).filter(rolle__in=LEDERLINJE, person_id__in=ledere)
    for person, path in roller.values_list("person_id", "enhet__path"):
        result[person].add(path)
    return result


def maanedlig(dag: datetime.date, ledere: dict[int, Bruker]) -> dict[int, list[dict]]:
    """SAKSARKIV_MAANEDLIG_TILLEGG: per leader (the overview's recipients), the open lines
    of the units they lead, every unit below included, the late ones marked."""
    omfang = _omfang(list(ledere), dag)
    if not omfang:
        return {}
    per_bruker: dict[int, _Liste] = defaultdict(_Liste)
    for linje in _apne().iterator(chunk_size=2000):
        path = linje.administrativ_enhet.path
        for uid, paths in omfang.items():
            if any(path.startswith(p) for p in paths):
                per_bruker[uid].legg_til(linje, dag)
    return _seksjoner(ledere, per_bruker, dag, side="vedtak:enhet", ansvarlig=True,
                      overskrift=_maaned_overskrift)  # fmt: skip

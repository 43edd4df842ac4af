"""The journal's scheduled jobs: the daily digest, the quarterly restanse lists and the
monthly leader overview. Each runs through `saksarkiv.jobber.kjor`, which makes it safe to
run twice (claimed period, outbox with unique keys, reports unique per unit).

The digest is computed set-based for all users at once: one streamed scan of the open
restanser (incoming letters grouped by caseworker, notes by internal recipient), one of the
cases with an OBS date, one of the posts waiting for screening (XX); each user keeps only
the few rows the mail shows (bounded heaps), so memory does not grow with the posts.

Membership is the worklists' (`journal.arbeidslister`): «mine» there is `mottatt_av_meg`
(letters where I am caseworker, notes where I am internal recipient), here a grouping on
those two columns; the user-independent rules are imported from there (`restanse_q`,
`obs_vindu`, `offentlighetsvurdering_alle`, the XX deadline and the marks of `Kontekst`), the
due-date window is the same setting. tests/jobber/test_daglig.py checks both give the same
rows.

The apps above the journal add their own sections through settings hooks (the journal may
not import them): SAKSARKIV_DAGLIG_TILLEGG to the daily digest — a user with only such
items gets the digest too — and SAKSARKIV_MAANEDLIG_TILLEGG to the monthly overview (decision
follow-up, vedtak/varsler.py). Each returns {user id: [section]} computed for everyone at once.
Each digest is rendered in its recipient's language (Bruker.sprak): a hook whose texts are
translated returns them lazy (gettext_lazy), so one computation serves every language.
"""

import copy
import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from journal.models import Innstillinger
from saksarkiv import access, jobber, workdays
from saksarkiv.models import (
    LEDERLINJE,
    LEDERROLLER,
    AdministrativEnhet,
    Bruker,
    Rapport,
    Rolle,
    Rolletype,
)

from . import arbeidslister, rapporter
from .models import (
    Journalpost,
    JournalpostSett,
    Journalposttype,
    Journalstatus,
    Korrespondansepart,
    Korrespondanseparttype,
    Saksmappe,
)
from .services.avskrivning import restanse_q

DAGLIG, KVARTAL, MAANED = "daglig", "kvartal", "maaned"
T = Journalposttype
VIS_ELDSTE = 3  # oldest restanser shown in the digest
VIS_MAKS = 10  # rows shown per section
# The quarterly and monthly tasks fire daily; they run in this many days after the first
# working day too, so a worker that was down on that day catches up (the claim makes the
# later days no-ops, and they retry mails that failed).
INNHENTING_DAGER = 6


def base_url() -> str:
    return getattr(settings, "SAKSARKIV_BASE_URL", "http://127.0.0.1:8000").rstrip("/")


def lenke(name: str, *args) -> str:
    return base_url() + reverse(name, args=args)


# --- Periods ---------------------------------------------------------------------------------


def kvartal(dag: datetime.date) -> str:
    return f"{dag.year}-K{(dag.month - 1) // 3 + 1}"


def maaned(dag: datetime.date) -> str:
    return f"{dag.year}-{dag.month:02d}"


def forste_arbeidsdag_i_kvartal(dag: datetime.date) -> datetime.date:
    start = datetime.date(dag.year, (dag.month - 1) // 3 * 3 + 1, 1)
    return workdays.first_working_day_on_or_after(start)


def forste_arbeidsdag_i_maaned(dag: datetime.date) -> datetime.date:
    return workdays.first_working_day_on_or_after(dag.replace(day=1))


def i_startvindu(dag: datetime.date, forste: datetime.date) -> bool:
    return forste <= dag <= forste + datetime.timedelta(days=INNHENTING_DAGER)


# --- Daily digest ------------------------------------------------------------------------------


@dataclass
class Del:
    """One section of the digest: how many, and the first few (pk, shown date, deadline)."""

    antall: int = 0
    topp: jobber.Topp | None = None
    punkter: list = field(default_factory=list)  # filled by _med_titler: dicts for templates

    def legg_til(self, key, verdi) -> None:
        self.antall += 1
        self.topp.legg_til(key, verdi)

    @property
    def flere(self) -> int:
        return self.antall - len(self.punkter)


def _ny_sammendrag() -> dict[str, Del]:
    return {
        "nye": Del(topp=jobber.Topp(VIS_MAKS, storst=True)),
        "restanser": Del(topp=jobber.Topp(VIS_ELDSTE)),
        "forfall": Del(topp=jobber.Topp(VIS_MAKS)),
        "obs": Del(topp=jobber.Topp(VIS_MAKS)),
        "xx": Del(topp=jobber.Topp(VIS_MAKS)),
    }


def _restanserader():
    """(user, post, journaldato, forfallsdato, journalstatus) of every open restanse, for
    its caseworker (I) and for each internal recipient (N): `mottatt_av_meg` by column."""
    restanse = Journalpost.objects.filter(restanse_q())
    brev = restanse.filter(journalposttype=T.INNGAENDE, saksbehandler__isnull=False)
    notater = Korrespondansepart.objects.filter(
        korrespondanseparttype=Korrespondanseparttype.INTERN_MOTTAKER,
        person__isnull=False,
        journalpost__in=restanse.filter(journalposttype=T.NOTAT_MED_OPPFOLGING),
    ).distinct()
    yield from brev.values_list(
        "saksbehandler_id", "pk", "journaldato", "forfallsdato", "journalstatus"
    ).iterator(chunk_size=5000)
    yield from notater.values_list(
        "person_id",
        "journalpost_id",
        "journalpost__journaldato",
        "journalpost__forfallsdato",
        "journalpost__journalstatus",
    ).iterator(chunk_size=5000)


def beregn_sammendrag(k: arbeidslister.Kontekst) -> dict[int, dict[str, Del]]:
    """{user id: sections} for every user with something in their lists on day `k.dag`."""
    per_bruker: dict[int, dict[str, Del]] = defaultdict(_ny_sammendrag)
    forfall_til = k.dag + datetime.timedelta(days=k.innst.forfall_dager)
    ny_fra = workdays.add_working_days(k.dag, -1)
    # «Nytt i innboksen» is what the Innboks shows: not what the person has opened already.
    sett = set(
        JournalpostSett.objects.filter(
            Q(journalpost__journalstatus=Journalstatus.MIDLERTIDIG)
            | Q(journalpost__journaldato__gte=ny_fra)
        ).values_list("person_id", "journalpost_id")
    )
    for uid, pk, journaldato, forfallsdato, status in _restanserader():
        deler = per_bruker[uid]
        deler["restanser"].legg_til((journaldato.toordinal(), pk), (pk, journaldato, forfallsdato))
        if forfallsdato and forfallsdato <= forfall_til:
            deler["forfall"].legg_til(
                (forfallsdato.toordinal(), pk), (pk, forfallsdato, forfallsdato)
            )
        ny = status == Journalstatus.MIDLERTIDIG or journaldato >= ny_fra
        if ny and (uid, pk) not in sett:
            deler["nye"].legg_til((journaldato.toordinal(), pk), (pk, journaldato, None))

    saker = Saksmappe.objects.filter(arbeidslister.obs_vindu(k)).values_list(
        "saksansvarlig_id", "pk", "obs_dato"
    )
    for uid, pk, obs_dato in saker.iterator(chunk_size=5000):
        per_bruker[uid]["obs"].legg_til((obs_dato.toordinal(), pk), (pk, obs_dato, obs_dato))

    for uid, pk, frist in _xx_for_ledere(k):
        per_bruker[uid]["xx"].legg_til((frist.toordinal(), pk), (pk, frist, frist))
    return per_bruker


def _xx_for_ledere(k: arbeidslister.Kontekst):
    """(leader, post, deadline) for posts waiting for screening in the units each leader
    (or deputy, or the chief executive for all units) leads: `offentlighetsvurdering`."""
    poster = list(
        Journalpost.objects.filter(arbeidslister.offentlighetsvurdering_alle(k)).values_list(
            "pk", "journaldato", "administrativ_enhet__path"
        )
    )
    if not poster:
        return
    roller = Rolle.objects.gyldige(on=k.dag).filter(rolle__in=LEDERLINJE)
    ledere: dict[int, set[str]] = defaultdict(set)
    for person, rolle, path in roller.values_list("person_id", "rolle", "enhet__path"):
        ledere[person].add("" if rolle == Rolletype.RADMANN else path)
    for person, paths in ledere.items():
        for pk, journaldato, path in poster:
            if any(path.startswith(p) for p in paths):
                yield person, pk, k.xx_frist(journaldato)


def _med_titler(brukere: dict[int, Bruker], sammendrag: dict[int, dict[str, Del]], k) -> None:
    """Fill each section's points with number, title (through the chokepoint for that
    user), link and mark. Unrestricted rows are read once for everybody; rows with an
    access code are checked per user with `readable_by`."""
    post_ids, sak_ids = set(), set()
    for uid, deler in sammendrag.items():
        if uid not in brukere:
            continue
        for navn, del_ in deler.items():
            ids = sak_ids if navn == "obs" else post_ids
            ids.update(pk for pk, *_datoer in del_.topp.verdier())
    poster = _hent(Journalpost.objects.select_related("saksmappe"), post_ids)
    saker = _hent(Saksmappe.objects.all(), sak_ids)
    for uid, deler in sammendrag.items():
        user = brukere.get(uid)
        if user is None:
            continue
        lesbare = _lesbare(user, deler, poster, saker)
        for navn, del_ in deler.items():
            objekter = saker if navn == "obs" else poster
            for pk, dato, frist in del_.topp.verdier():
                obj = copy.copy(objekter[pk])
                obj.innsyn = obj.innsyn or (navn == "obs", pk) in lesbare
                del_.punkter.append(_punkt(user, obj, dato, frist, k))


def _hent(qs, ids) -> dict:
    """Objects by pk with `innsyn` as for a viewer without clearance (True only where the
    row has no access code)."""
    result = {}
    ids = list(ids)
    for start in range(0, len(ids), 5000):
        chunk = qs.with_innsyn(rapporter.UTEN_KLARERING).filter(pk__in=ids[start : start + 5000])
        result.update((obj.pk, obj) for obj in chunk)
    return result


def _lesbare(user, deler, poster, saker) -> set[tuple[bool, int]]:
    """(is case, pk) of the restricted rows in the user's digest that the user may read."""
    begrenset_poster, begrensede_saker = set(), set()
    for navn, del_ in deler.items():
        for pk, *_datoer in del_.topp.verdier():
            if navn == "obs" and not saker[pk].innsyn:
                begrensede_saker.add(pk)
            elif navn != "obs" and not poster[pk].innsyn:
                begrenset_poster.add(pk)
    lesbare = set()
    if begrenset_poster:
        qs = Journalpost.objects.filter(pk__in=begrenset_poster).readable_by(user)
        lesbare |= {(False, pk) for pk in qs.values_list("pk", flat=True)}
    if begrensede_saker:
        qs = Saksmappe.objects.filter(pk__in=begrensede_saker).readable_by(user)
        lesbare |= {(True, pk) for pk in qs.values_list("pk", flat=True)}
    return lesbare


def _punkt(user, obj, dato, frist, k) -> dict:
    if isinstance(obj, Saksmappe):
        nummer, url = obj.saksnummer, lenke("journal:sak", obj.pk)
    else:
        nummer, url = obj.saksdokumentnummer, lenke("journal:journalpost", obj.pk)
    return {
        "nummer": nummer,
        "tittel": access.title_for(user, obj),
        "dato": dato,
        "lenke": url,
        "merking": rapporter.MERKETEKST.get(k.merking(frist), ""),
    }


# Section: (heading, what the date is, the worklist page that shows all of it).
SEKSJONER = {
    "nye": ("Nytt i innboksen", "journalført", "journal:innboks"),
    "restanser": ("Mine restanser – de eldste", "journalført", "journal:restanser"),
    "forfall": ("Forfallsliste – frist ute eller innen {forfall_dager} dager", "frist",
                "journal:forfall"),
    "obs": ("Saker til oppfølging – OBS-dato innen {obs_dager} dager", "OBS-dato",
            "journal:obs"),
    "xx": ("Til offentlighetsvurdering – frist {xx_frist_arbeidsdager} arbeidsdager", "frist",
           "journal:offentlighetsvurdering"),
}  # fmt: skip


def tillegg(navn: str, *args) -> dict[int, list[dict]]:
    """{user id: extra sections} from the hooks in setting `navn`. A hook returns, per user,
    sections {overskrift, datotekst, antall, punkter, lenke}; its points are dicts like
    `_punkt`'s (nummer, tittel — already through the chokepoint for that user —, dato,
    lenke, merking; optionally ansvarlig)."""
    result: dict[int, list[dict]] = defaultdict(list)
    for sti in getattr(settings, navn, ()):
        for uid, seksjoner in import_string(sti)(*args).items():
            result[uid].extend(
                {
                    "overskrift": s["overskrift"],
                    "datotekst": s["datotekst"],
                    "del": Del(antall=s["antall"], punkter=list(s["punkter"])),
                    "lenke": s["lenke"],
                }
                for s in seksjoner
            )
    return result


def _seksjoner(deler: dict[str, Del], innst) -> list[dict]:
    return [
        {
            "overskrift": overskrift.format(
                forfall_dager=innst.forfall_dager,
                obs_dager=innst.obs_dager,
                xx_frist_arbeidsdager=innst.xx_frist_arbeidsdager,
            ),
            "datotekst": datotekst,
            "del": deler[navn],
            "lenke": lenke(side),
        }
        for navn, (overskrift, datotekst, side) in SEKSJONER.items()
        if deler[navn].antall
    ]


def _daglig_epost(user: Bruker, deler: dict[str, Del], k, periode: str, ekstra=()) -> jobber.Epost:
    """The mail in the recipient's language (Bruker.sprak): the frame and the apps' sections
    (lazy texts from the hooks) follow it; the journal's own sections are bokmål."""
    context = {
        "bruker": user,
        "dag": k.dag,
        "seksjoner": [*_seksjoner(deler, k.innst), *ekstra],
        "restanser": deler["restanser"].antall,
        "kommune": settings.SAKSARKIV_KOMMUNE,
    }
    antall = deler["restanser"].antall
    with translation.override(user.sprak):
        emne = _("Saksarkiv: dagens oversikt %(dag)s") % {"dag": f"{k.dag:%d.%m.%Y}"}
        if antall:
            emne += " – " + ngettext("%(n)s restanse", "%(n)s restanser", antall) % {"n": antall}
        return jobber.Epost(
            nokkel=f"{jobber.nokkelprefiks(DAGLIG, periode)}{user.pk}",
            til=user.email,
            emne=emne,
            tekst=render_to_string("epost/daglig.txt", context),
            html=render_to_string("epost/daglig.html", context),
            mottaker_id=user.pk,
        )


def _mottakere(ids) -> dict[int, Bruker]:
    """Active users with an e-mail address among `ids`."""
    return Bruker.objects.filter(is_active=True, pk__in=list(ids)).exclude(email="").in_bulk()


def daglig(dag: datetime.date) -> jobber.Kjoreresultat:
    """The daily digest for `dag`: one mail to each user with something in their lists."""
    periode = dag.isoformat()

    def arbeid() -> dict:
        k = arbeidslister.Kontekst(rapporter.UTEN_KLARERING, dag=dag)
        sammendrag = beregn_sammendrag(k)
        ekstra = tillegg("SAKSARKIV_DAGLIG_TILLEGG", dag)
        for uid in ekstra:  # someone with only the apps' items gets the digest too
            sammendrag.setdefault(uid, _ny_sammendrag())
        brukere = _mottakere(sammendrag)
        _med_titler(brukere, sammendrag, k)
        eposter = (
            _daglig_epost(brukere[uid], deler, k, periode, ekstra.get(uid, []))
            for uid, deler in sammendrag.items()
            if uid in brukere
        )
        return {"e-post lagt i kø": jobber.legg_i_utboks(eposter)}

    return jobber.kjor(DAGLIG, periode, arbeid)


# --- Quarterly restanse lists --------------------------------------------------------------------


def _lag_rapport(enhet: AdministrativEnhet, nokler, periode: str, dag, innst) -> bool:
    """Store the unit's restanse list for the period unless it is there. True if new."""
    if Rapport.objects.filter(
        type=Rapport.Type.RESTANSELISTE, periode=periode, enhet=enhet
    ).exists():
        return False
    pdf, antall = rapporter.restanseliste_pdf(
        rapporter.UTEN_KLARERING, nokler, enhet=enhet, dag=dag, lagret=True, innst=innst
    )
    rapport = Rapport(type=Rapport.Type.RESTANSELISTE, periode=periode, enhet=enhet, antall=antall)
    rapport.fil.save(f"restanseliste-{periode}-{enhet.kode}.pdf", ContentFile(pdf), save=False)
    try:
        with transaction.atomic():
            rapport.save()
    except IntegrityError:  # a concurrent run stored it first
        rapport.fil.delete(save=False)
        return False
    return True


def _ledere_per_enhet(enhet_ids, dag) -> dict[int, set[int]]:
    """{unit: leaders and deputies of exactly that unit}."""
    result: dict[int, set[int]] = defaultdict(set)
    roller = Rolle.objects.gyldige(on=dag).filter(rolle__in=LEDERROLLER, enhet_id__in=enhet_ids)
    for person, enhet in roller.values_list("person_id", "enhet_id"):
        result[enhet].add(person)
    return result


def kvartalsvis(dag: datetime.date) -> jobber.Kjoreresultat:
    """The quarterly restanse lists: one stored PDF per unit with restanser, and a mail to
    each unit's leaders with links to their units' lists."""
    periode = kvartal(dag)

    def arbeid() -> dict:
        innst = Innstillinger.hent()
        per_enhet: dict[int, list] = defaultdict(list)
        for nokkel in rapporter.restanse_nokler():
            per_enhet[nokkel.enhet_id].append(nokkel)
        enheter = AdministrativEnhet.objects.filter(pk__in=per_enhet).order_by("path")
        nye = sum(
            _lag_rapport(enhet, per_enhet[enhet.pk], periode, dag, innst) for enhet in enheter
        )
        lagret = Rapport.objects.filter(type=Rapport.Type.RESTANSELISTE, periode=periode)
        per_leder: dict[int, list[Rapport]] = defaultdict(list)
        rapporter_ = list(lagret.select_related("enhet").order_by("enhet__path"))
        ledere = _ledere_per_enhet([r.enhet_id for r in rapporter_], dag)
        for rapport in rapporter_:
            for person in ledere.get(rapport.enhet_id, ()):
                per_leder[person].append(rapport)
        brukere = _mottakere(per_leder)
        eposter = (
            _kvartal_epost(brukere[uid], liste, periode, dag)
            for uid, liste in per_leder.items()
            if uid in brukere
        )
        return {"rapporter lagret": nye, "e-post lagt i kø": jobber.legg_i_utboks(eposter)}

    return jobber.kjor(KVARTAL, periode, arbeid)


def _kvartal_epost(user, liste: list[Rapport], periode: str, dag) -> jobber.Epost:
    context = {
        "bruker": user,
        "periode": periode,
        "dag": dag,
        "rapporter": [(r, lenke("journal:rapport_fil", r.pk)) for r in liste],
        "alle": lenke("journal:rapporter"),
        "kommune": settings.SAKSARKIV_KOMMUNE,
    }
    return jobber.Epost(
        nokkel=f"{jobber.nokkelprefiks(KVARTAL, periode)}{user.pk}",
        til=user.email,
        emne=f"Saksarkiv: restanselister {periode}",
        tekst=render_to_string("epost/kvartal.txt", context),
        html=render_to_string("epost/kvartal.html", context),
        mottaker_id=user.pk,
    )


# --- Monthly leader overview ----------------------------------------------------------------------


def maanedlig(dag: datetime.date) -> jobber.Kjoreresultat:
    """To each leader and deputy: the restanser of every unit they lead (with the units
    below), per caseworker, with how many are overdue."""
    periode = maaned(dag)

    def arbeid() -> dict:
        innst = Innstillinger.hent()
        summer = rapporter.oppsummering(rapporter.restanse_nokler(), dag, innst.varsel_dager)
        roller = Rolle.objects.gyldige(on=dag).filter(rolle__in=LEDERROLLER)
        ledet: dict[int, set[str]] = defaultdict(set)
        for person, path in roller.values_list("person_id", "enhet__path"):
            ledet[person].add(path)
        brukere = _mottakere(ledet)
        ekstra = tillegg("SAKSARKIV_MAANEDLIG_TILLEGG", dag, brukere)
        eposter = (
            _maaned_epost(
                user, _enheter_for(summer, ledet[uid]), periode, dag, innst, ekstra.get(uid, [])
            )
            for uid, user in brukere.items()
        )
        return {"e-post lagt i kø": jobber.legg_i_utboks(eposter)}

    return jobber.kjor(MAANED, periode, arbeid)


def _enheter_for(summer: list[rapporter.Sum], paths: set[str]) -> list[dict]:
    """The sums of the units in the leader's subtrees, grouped per unit with totals."""
    enheter: dict[int, dict] = {}
    for s in summer:
        if s.enhet is None or not any(s.enhet.path.startswith(p) for p in paths):
            continue
        enhet = enheter.setdefault(
            s.enhet.pk, {"enhet": s.enhet, "antall": 0, "forfalt": 0, "saksbehandlere": []}
        )
        enhet["antall"] += s.antall
        enhet["forfalt"] += s.forfalt
        enhet["saksbehandlere"].append(s)
    return list(enheter.values())


def _maaned_epost(user, enheter: list[dict], periode, dag, innst, ekstra=()) -> jobber.Epost:
    context = {
        "bruker": user,
        "periode": periode,
        "dag": dag,
        "enheter": enheter,
        "seksjoner": list(ekstra),
        "antall": sum(e["antall"] for e in enheter),
        "forfalt": sum(e["forfalt"] for e in enheter),
        "rapport": lenke("journal:restanseliste"),
        "varsel_dager": innst.varsel_dager,
        "kommune": settings.SAKSARKIV_KOMMUNE,
    }
    return jobber.Epost(
        nokkel=f"{jobber.nokkelprefiks(MAANED, periode)}{user.pk}",
        til=user.email,
        emne=f"Saksarkiv: restanser i enhetene dine {dag:%m.%Y}",
        tekst=render_to_string("epost/maaned.txt", context),
        html=render_to_string("epost/maaned.html", context),
        mottaker_id=user.pk,
    )


JOBBER = {DAGLIG: daglig, KVARTAL: kvartalsvis, MAANED: maanedlig}

"""The internal-control checklist (issue 21 item 5): the chief executive keeps føremål →
kontrolltype → sjekkpunkt; each unit's leader answers every active checkpoint for a year
with a status and a comment (every change audited); the chief executive sees the answers
across units. Rules: verksemdsplan/tillatelser/sjekkliste.py."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from saksarkiv import access, audit
from saksarkiv.models import AdministrativEnhet
from saksarkiv.services import DomainError

from ..models import Foremaal, Kontrolltype, Sjekkpunkt, Sjekkpunktsvar, Svarstatus
from ..tillatelser import sjekkliste as regler

UBESVART = "UB"  # a checkpoint with no answer yet (not a Svarstatus)


def _namn(tekst: str, felt: str, maks: int) -> str:
    tekst = " ".join((tekst or "").split())
    if not tekst:
        raise DomainError(_("Skriv teksten."), field=felt)
    if len(tekst) > maks:
        raise DomainError(_("Teksten kan ha høyst %(maks)s tegn.") % {"maks": maks}, field=felt)
    return tekst


@transaction.atomic
def nytt_foremaal(actor, *, namn: str, rekkefolge: int = 1) -> Foremaal:
    regler.katalog(actor).krev("hald")
    namn = _namn(namn, "namn", 200)
    if Foremaal.objects.filter(namn__iexact=namn).exists():
        raise DomainError(_("Formålet finnes allerede."), field="namn")
    foremaal = Foremaal.objects.create(namn=namn, rekkefolge=rekkefolge)
    audit.record_created(actor, foremaal)
    return foremaal


@transaction.atomic
def ny_kontrolltype(actor, foremaal: Foremaal, *, namn: str, rekkefolge: int = 1) -> Kontrolltype:
    regler.katalog(actor).krev("hald")
    kontrolltype = Kontrolltype.objects.create(
        foremaal=foremaal, namn=_namn(namn, "namn", 200), rekkefolge=rekkefolge
    )
    audit.record_created(actor, kontrolltype)
    return kontrolltype


@transaction.atomic
def nytt_sjekkpunkt(actor, kontrolltype: Kontrolltype, *, sporsmaal: str,
                    rekkefolge: int = 1) -> Sjekkpunkt:  # fmt: skip
    regler.katalog(actor).krev("hald")
    sjekkpunkt = Sjekkpunkt.objects.create(
        type=kontrolltype, sporsmaal=_namn(sporsmaal, "sporsmaal", 300), rekkefolge=rekkefolge
    )
    audit.record_created(actor, sjekkpunkt)
    return sjekkpunkt


@transaction.atomic
def sett_aktiv(actor, sjekkpunkt: Sjekkpunkt, aktiv: bool) -> Sjekkpunkt:
    """Retire a checkpoint (its answers are kept) or bring it back."""
    regler.katalog(actor).krev("hald")
    sjekkpunkt = Sjekkpunkt.objects.select_for_update().get(pk=sjekkpunkt.pk)
    if sjekkpunkt.aktiv != aktiv:
        foer = audit.snapshot(sjekkpunkt)
        sjekkpunkt.aktiv = aktiv
        sjekkpunkt.save(update_fields=["aktiv"])
        audit.record(actor, sjekkpunkt, "endret",
                     endringer=audit.diff(foer, audit.snapshot(sjekkpunkt)))  # fmt: skip
    return sjekkpunkt


def katalog(berre_aktive: bool = True) -> list[Foremaal]:
    """føremål → typar → sjekkpunkt, in order: three queries."""
    from django.db.models import Prefetch

    punkt = Sjekkpunkt.objects.order_by("rekkefolge", "pk")
    if berre_aktive:
        punkt = punkt.filter(aktiv=True)
    return list(
        Foremaal.objects.prefetch_related(
            Prefetch("typar", queryset=Kontrolltype.objects.order_by("rekkefolge", "namn")),
            Prefetch("typar__sjekkpunkt", queryset=punkt),
        )
    )


def svar_for(enhet, aar: int) -> dict[int, Sjekkpunktsvar]:
    return {s.sjekkpunkt_id: s for s in Sjekkpunktsvar.objects.filter(enhet=enhet, aar=aar)}


@transaction.atomic
def svar(actor, enhet: AdministrativEnhet, aar: int, svar_: dict[int, tuple[str, str]]) -> int:
    """The unit's answers for the year: {sjekkpunkt id: (status, comment)}; a checkpoint left
    without status is not answered (an answer given is changed, never removed). Returns how
    many answers changed; each change is audited with its before and after."""
    regler.svar(actor, enhet).krev("svar")
    idag = timezone.localdate()
    if not idag.year - 5 <= aar <= idag.year + 1:
        raise DomainError(_("Velg et år fra %(fra)s til %(til)s.")
                          % {"fra": idag.year - 5, "til": idag.year + 1})  # fmt: skip
    aktive = set(Sjekkpunkt.objects.filter(aktiv=True, pk__in=list(svar_)).values_list(
        "pk", flat=True))  # fmt: skip
    fraa = {
        s.sjekkpunkt_id: s
        for s in Sjekkpunktsvar.objects.select_for_update().filter(
            enhet=enhet, aar=aar, sjekkpunkt_id__in=list(svar_)
        )
    }
    endra = 0
    for pk, (status, kommentar) in svar_.items():
        kommentar = (kommentar or "").strip()
        if pk not in aktive:
            raise DomainError(_("Sjekkpunktet finnes ikke eller er ikke i bruk."))
        gamalt = fraa.get(pk)
        if not status:
            if gamalt is not None:
                raise DomainError(_("Et svar som er gitt, kan endres, men ikke fjernes."),
                                  field=f"status-{pk}")  # fmt: skip
            if kommentar:
                raise DomainError(_("Velg status for sjekkpunktet du kommenterer."),
                                  field=f"status-{pk}")  # fmt: skip
            continue
        if status not in Svarstatus.values:
            raise DomainError(_("Velg en gyldig status."), field=f"status-{pk}")
        if gamalt is None:
            try:
                with transaction.atomic():
                    nytt = Sjekkpunktsvar.objects.create(
                        sjekkpunkt_id=pk, enhet=enhet, aar=aar, status=status,
                        kommentar=kommentar, svart_av=actor,
                    )  # fmt: skip
            except IntegrityError as error:
                raise DomainError(_("Noen andre svarte samtidig. Last siden på nytt.")) from error
            audit.record_created(actor, nytt, "besvart")
            endra += 1
        elif (gamalt.status, gamalt.kommentar) != (status, kommentar):
            foer = audit.snapshot(gamalt, ["status", "kommentar"])
            gamalt.status, gamalt.kommentar = status, kommentar
            gamalt.svart, gamalt.svart_av = timezone.now(), actor
            gamalt.save()
            audit.record(actor, gamalt, "svar endret", endringer=audit.diff(
                foer, audit.snapshot(gamalt, ["status", "kommentar"])))  # fmt: skip
            endra += 1
    return endra


# --- Counts -----------------------------------------------------------------------------------


def telling(enhet, aar: int) -> dict[str, int]:
    """The unit's answers for the year counted per status, the unanswered active
    checkpoints as UBESVART: two queries."""
    aktive = Sjekkpunkt.objects.filter(aktiv=True).count()
    tal = Counter(
        Sjekkpunktsvar.objects.filter(enhet=enhet, aar=aar, sjekkpunkt__aktiv=True).values_list(
            "status", flat=True
        )
    )
    resultat = {s: tal.get(s, 0) for s in Svarstatus.values}
    resultat[UBESVART] = aktive - sum(tal.values())
    return resultat


STATUSAR = [*Svarstatus.choices]


def namngje(tal: dict[str, int]) -> list[tuple[str, int]]:
    """Counts per status as (label, count) in Svarstatus order, the unanswered last."""
    namn = dict(STATUSAR) | {UBESVART: _("Ikke besvart")}
    return [(namn[k], tal.get(k, 0)) for k in [*Svarstatus.values, UBESVART]]


@dataclass
class Oversiktsrad:
    enhet: AdministrativEnhet
    celler: list = field(default_factory=list)  # per føremål: [(status, count)]
    sum: list = field(default_factory=list)


def oversikt(user, aar: int) -> tuple[list[Foremaal], list[Oversiktsrad]]:
    """Units (those the user may see) as rows, føremål as columns, each cell the counts per
    status (the unanswered included): four queries whatever the number of units."""
    regler.katalog(user).krev("oversikt")
    omfang = access.rapportomfang(user)
    einingar = list(AdministrativEnhet.objects.filter(omfang, aktiv=True).order_by("path"))
    foremaal = katalog()
    punkt_i = {p.pk: f.pk for f in foremaal for t in f.typar.all() for p in t.sjekkpunkt.all()}
    per_foremaal = Counter(punkt_i.values())
    tal = defaultdict(Counter)
    for enhet_id, punkt_id, status in Sjekkpunktsvar.objects.filter(
        aar=aar, enhet__in=einingar, sjekkpunkt_id__in=list(punkt_i)
    ).values_list("enhet_id", "sjekkpunkt_id", "status"):
        tal[(enhet_id, punkt_i[punkt_id])][status] += 1
    rader = []
    for e in einingar:
        rad = Oversiktsrad(e)
        summen = Counter()
        for f in foremaal:
            c = tal[(e.pk, f.pk)]
            celle = {s: c.get(s, 0) for s in Svarstatus.values}
            celle[UBESVART] = per_foremaal[f.pk] - sum(c.values())
            rad.celler.append(namngje(celle))
            summen.update(celle)
        rad.sum = namngje(summen)
        rader.append(rad)
    return foremaal, rader

"""Assignments (oppdrag og oppgåver, issue 21 item 3): every change goes through here
(STYLE.md §2), checked by the rules in verksemdsplan/tillatelser/oppdrag.py and written to
the audit log.

- An assignment has a category, an owner, a unit, a deadline and a **required** goal or
  strategy (the «raude tråden»; the model's check constraint is the backstop, the message
  comes from here first). A strategy given with a goal must belong to that goal.
- The owner has a role in the assignment's unit or a unit below it.
- Delegation makes a sub-assignment (`forelder`) for a unit strictly below the parent's,
  with its own owner; it inherits the year, category and the goal/strategy link, and its
  deadline is not after the parent's.
- Status changes follow OVERGANGAR; a deviation, postponement or cancellation needs a
  comment; an assignment is completed only when its sub-assignments are finished.
  Compare-and-set: two clicks at once cannot both win.
- A political decision's follow-up (vedtak.Oppfolging) becomes an assignment in one step:
  category «Politisk vedtak gjennom året», the decision's public title, the follow-up's
  deadline; once only (one-to-one).
- An assignment may come from a point of a published oppdragsbrev (`oppdragspunkt`): the
  letter of the assignment's unit or a unit above it, for the same year."""

import datetime

from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from saksarkiv import access, audit
from saksarkiv.models import Rolle, Rolletype
from saksarkiv.services import DomainError

from ..models import Brevstatus, Oppdrag, Oppdragskategori, Oppdragspunkt, Oppdragsstatus
from ..tillatelser import oppdrag as regler
from ..tillatelser.oppdrag import AVSLUTTA

S = Oppdragsstatus
# From → the statuses it may go to (the same status again: only the comment changes).
OVERGANGAR = {
    S.IKKJE_STARTA: {S.I_RUTE, S.AVVIK, S.UTSETT, S.AVBROTE, S.FULLFORT},
    S.I_RUTE: {S.AVVIK, S.UTSETT, S.AVBROTE, S.FULLFORT},
    S.AVVIK: {S.I_RUTE, S.UTSETT, S.AVBROTE, S.FULLFORT},
    S.UTSETT: {S.I_RUTE, S.AVVIK, S.AVBROTE},
    S.FULLFORT: {S.I_RUTE},  # reopened
    S.AVBROTE: {S.IKKJE_STARTA},  # taken up again
}
KREV_KOMMENTAR = (S.AVVIK, S.UTSETT, S.AVBROTE)
MIN_AAR, MAKS_AAR = 2000, 2100
MAKS_FRIST = datetime.timedelta(days=366 * 10)


# --- Checks shared by creating and delegating ---------------------------------------------------


def _sjekk_eigar(eigar, enhet) -> None:
    if eigar is None:
        raise DomainError(_("Velg eieren av oppdraget."), field="eigar")
    if not eigar.is_active:
        raise DomainError(_("Eieren er ikke en aktiv bruker."), field="eigar")
    har_rolle = (
        Rolle.objects.gyldige().filter(person=eigar, enhet__path__startswith=enhet.path).exists()
    )
    if not har_rolle:
        raise DomainError(
            _("Eieren må ha en rolle i %(enhet)s eller en enhet under den.")
            % {"enhet": enhet.navn},
            field="eigar",
        )


def _sjekk_frist(frist) -> None:
    if frist is None:
        raise DomainError(_("Sett fristen."), field="frist")
    if frist > timezone.localdate() + MAKS_FRIST:
        raise DomainError(_("Fristen er mer enn ti år fram i tid."), field="frist")


def _sjekk_lenke(maal, strategi) -> None:
    """The «raude tråden»: a goal or a strategy, and a strategy of the goal given."""
    if maal is None and strategi is None:
        raise DomainError(_("Knytt oppdraget til et mål eller en strategi."), field="maal")
    if maal is not None and strategi is not None and strategi.maal_id != maal.pk:
        raise DomainError(
            _("Strategien hører til et annet mål enn det som er valgt."), field="strategi"
        )


def _sjekk_punkt(punkt: Oppdragspunkt | None, enhet, aar: int) -> None:
    """The letter point an assignment comes from: a published letter for the year, of the
    assignment's unit or a unit above it."""
    if punkt is None:
        return
    brev = punkt.brev
    if brev.status != Brevstatus.PUBLISERT:
        raise DomainError(_("Oppdragsbrevet er ikke publisert."), field="oppdragspunkt")
    if brev.aar != aar:
        raise DomainError(_("Oppdragsbrevet gjelder %(aar)s.") % {"aar": brev.aar}, field="aar")
    if not enhet.path.startswith(brev.enhet.path):
        raise DomainError(
            _("Oppdrag fra brevet til %(enhet)s gis til den enheten eller en enhet under den.")
            % {"enhet": brev.enhet.navn},
            field="enhet",
        )


def _lagre(actor, oppdrag: Oppdrag) -> Oppdrag:
    oppdrag.tittel = " ".join((oppdrag.tittel or "").split())
    if not oppdrag.tittel:
        raise DomainError(_("Skriv en tittel."), field="tittel")
    oppdrag.skildring = (oppdrag.skildring or "").strip()
    oppdrag.oppretta_av = actor
    oppdrag.oppretta = timezone.now()
    oppdrag.save()
    audit.record_created(actor, oppdrag)
    return oppdrag


# --- Use cases ----------------------------------------------------------------------------------


@transaction.atomic
def opprett(actor, *, aar: int, kategori: str, tittel: str, enhet, eigar, frist, maal=None,
            strategi=None, skildring: str = "", vekt: int = 1,
            oppdragspunkt: Oppdragspunkt | None = None) -> Oppdrag:  # fmt: skip
    """A new assignment for a unit: by the chief executive anywhere, by a leader for the
    units they lead (and below); from a point of an oppdragsbrev when `oppdragspunkt`."""
    if enhet is None:
        raise DomainError(_("Velg enheten oppdraget gjelder."), field="enhet")
    regler.enhet(actor, enhet).krev("opprett_oppdrag")
    if kategori not in Oppdragskategori.values:
        raise DomainError(_("Velg kategori."), field="kategori")
    if not aar or not MIN_AAR <= aar <= MAKS_AAR:
        raise DomainError(_("Oppgi et år mellom 2000 og 2100."), field="aar")
    _sjekk_punkt(oppdragspunkt, enhet, aar)
    _sjekk_lenke(maal, strategi)
    _sjekk_eigar(eigar, enhet)
    _sjekk_frist(frist)
    return _lagre(actor, Oppdrag(
        aar=aar, kategori=kategori, tittel=tittel, skildring=skildring, enhet=enhet,
        eigar=eigar, frist=frist, maal=maal, strategi=strategi, vekt=vekt or 1,
        oppdragspunkt=oppdragspunkt,
    ))  # fmt: skip


@transaction.atomic
def deleger(actor, forelder: Oppdrag, *, enhet, eigar, frist=None, tittel: str = "",
            skildring: str = "") -> Oppdrag:  # fmt: skip
    """Delegate an assignment down the organisation: a sub-assignment for a unit below the
    parent's, with its own owner, inheriting the goal/strategy link."""
    forelder = Oppdrag.objects.select_for_update().select_related("enhet").get(pk=forelder.pk)
    regler.oppdrag(actor, forelder).krev("deleger")
    if enhet is None:
        raise DomainError(_("Velg enheten oppdraget delegeres til."), field="enhet")
    if enhet.pk == forelder.enhet_id or not enhet.path.startswith(forelder.enhet.path):
        raise DomainError(
            _("Et oppdrag kan bare delegeres til en enhet under %(enhet)s.")
            % {"enhet": forelder.enhet.navn},
            field="enhet",
        )
    _sjekk_eigar(eigar, enhet)
    frist = frist or forelder.frist
    _sjekk_frist(frist)
    if frist > forelder.frist:
        raise DomainError(
            _("Fristen kan ikke være etter fristen for oppdraget over (%(frist)s).")
            % {"frist": forelder.frist.strftime("%d.%m.%Y")},
            field="frist",
        )
    return _lagre(actor, Oppdrag(
        aar=forelder.aar, kategori=forelder.kategori, tittel=tittel or forelder.tittel,
        skildring=skildring, enhet=enhet, eigar=eigar, frist=frist, maal_id=forelder.maal_id,
        strategi_id=forelder.strategi_id, oppdragspunkt_id=forelder.oppdragspunkt_id,
        forelder=forelder, vekt=forelder.vekt,
    ))  # fmt: skip


def sjekk_status(
    oppdrag: Oppdrag, status: str, kommentar: str, *, felt: str = "status",
    kommentarfelt: str = "statuskommentar",
) -> None:  # fmt: skip
    """Whether the assignment may go from its status to `status` with `kommentar`: the one
    rule for a status, whether set on the assignment or reported in a monthly or tertial
    report (services/rapport.py)."""
    gammal = oppdrag.status
    if status != gammal and status not in OVERGANGAR[gammal]:
        raise DomainError(
            _("Et oppdrag med status «%(fra)s» kan ikke få status «%(til)s».")
            % {"fra": S(gammal).label, "til": S(status).label},
            field=felt,
        )
    if status in KREV_KOMMENTAR and not kommentar:
        raise DomainError(
            _("Skriv en kommentar når status er avvik, utsatt eller avbrutt."),
            field=kommentarfelt,
        )
    if status == S.FULLFORT and oppdrag.deloppdrag.exclude(status__in=AVSLUTTA).exists():
        raise DomainError(
            _("Oppdraget kan ikke fullføres før alle deloppdragene er fullført eller avbrutt."),
            field=felt,
        )


@transaction.atomic
def oppdater_status(actor, oppdrag: Oppdrag, *, status: str,
                    statuskommentar: str = "") -> Oppdrag:  # fmt: skip
    """The owner (or a leader of the unit or above) reports the status and a comment."""
    oppdrag = Oppdrag.objects.select_related("enhet").get(pk=oppdrag.pk)
    regler.oppdrag(actor, oppdrag).krev("oppdater_status")
    if status not in S.values:
        raise DomainError(_("Velg status."), field="status")
    kommentar = (statuskommentar or "").strip()
    gammal = oppdrag.status
    sjekk_status(oppdrag, status, kommentar)
    if status == gammal and kommentar == oppdrag.statuskommentar:
        raise DomainError(_("Status og kommentar er de samme som før."), field="status")
    endra = Oppdrag.objects.filter(pk=oppdrag.pk, status=gammal).update(
        status=status, statuskommentar=kommentar
    )
    if not endra:
        raise DomainError(_("Noen andre endret statusen samtidig. Last siden på nytt."))
    endringer = audit.diff(
        {"status": gammal, "statuskommentar": oppdrag.statuskommentar},
        {"status": status, "statuskommentar": kommentar},
    )
    oppdrag.status, oppdrag.statuskommentar = status, kommentar
    audit.record(actor, oppdrag, "status oppdatert", endringer=endringer)
    return oppdrag


def tittel_fra_vedtak(oppfolging) -> str:
    """The assignment's title from the decision: the item number and the title everyone
    may read (the public title of an exempt case), and the verbal point followed up."""
    punkt = oppfolging.punkt
    post = punkt.behandling.journalpost
    tittel = f"{punkt.saksnummer} {access.title_for(AnonymousUser(), post)}"
    if oppfolging.verbalpunkt:
        tittel += f" – {oppfolging.verbalpunkt}"
    return tittel[:300]


@transaction.atomic
def opprett_fra_vedtak(actor, oppfolging, *, enhet, eigar, maal=None, strategi=None,
                       aar: int | None = None) -> Oppdrag:  # fmt: skip
    """«Opprett oppdrag» on a decision's follow-up: the assignment in one step, linked both
    ways (Oppdrag.vedtak), once."""
    from vedtak.models import Oppfolging

    oppfolging = (
        Oppfolging.objects.select_for_update(of=("self",))
        .select_related("punkt__mote__utvalg", "punkt__behandling__journalpost")
        .get(pk=oppfolging.pk)
    )  # fmt: skip
    regler.vedtak(actor, oppfolging).krev("opprett_oppdrag")
    if enhet is None:
        raise DomainError(_("Velg enheten oppdraget gjelder."), field="enhet")
    regler.enhet(actor, enhet).krev("opprett_oppdrag")
    _sjekk_lenke(maal, strategi)
    _sjekk_eigar(eigar, enhet)
    oppdrag = Oppdrag(
        aar=aar or oppfolging.frist.year, kategori=Oppdragskategori.POLITISK_VEDTAK,
        tittel=tittel_fra_vedtak(oppfolging), skildring=oppfolging.merknad, enhet=enhet,
        eigar=eigar, frist=oppfolging.frist, maal=maal, strategi=strategi, vedtak=oppfolging,
    )  # fmt: skip
    try:
        with transaction.atomic():
            _lagre(actor, oppdrag)
    except IntegrityError as error:  # a second click at the same moment
        raise DomainError(_("Vedtaket er allerede gjort om til et oppdrag.")) from error
    audit.record(actor, oppfolging, "oppdrag opprettet", beskrivelse=str(oppdrag.pk))
    return oppdrag


# --- Reading ------------------------------------------------------------------------------------


def open_q() -> Q:
    return ~Q(status__in=AVSLUTTA)


def forfalt_q(idag=None) -> Q:
    """Past the deadline and not finished (derived, never stored)."""
    return Q(frist__lt=idag or timezone.localdate()) & open_q()


def mine(user) -> QuerySet:
    """«Mine oppdrag»: the assignments the user owns."""
    return Oppdrag.objects.filter(eigar=user)


def i_eininga(user) -> QuerySet:
    """«Oppdrag i enheten»: the assignments of the units the user leads and those below;
    everything for the chief executive; nothing for someone who leads nothing."""
    if access.has_role(user, Rolletype.RADMANN):
        return Oppdrag.objects.all()
    omfang = access.lederomfang(user, "enhet__")
    if omfang is None:
        return Oppdrag.objects.none()
    return Oppdrag.objects.filter(omfang)


def _rekursiv(sql: str, pk: int) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(sql.format(t=Oppdrag._meta.db_table), [pk])
        return [rad[0] for rad in cursor.fetchall()]


def kjede(oppdrag: Oppdrag) -> tuple[list[Oppdrag], list[Oppdrag]]:
    """The chain an assignment sits in: its ancestors (top first) and every assignment
    delegated below it, with `nivaa` (depth below it) set for the tree view, in tree order.
    Two recursive queries and one fetch, whatever the depth."""
    opp = _rekursiv(
        "WITH RECURSIVE k(id, forelder_id, d) AS ("
        " SELECT id, forelder_id, 0 FROM {t} WHERE id = %s"
        " UNION ALL SELECT o.id, o.forelder_id, k.d + 1 FROM {t} o JOIN k ON o.id = k.forelder_id"
        ") SELECT id FROM k WHERE d > 0 ORDER BY d DESC",
        oppdrag.pk,
    )
    ned = _rekursiv(
        "WITH RECURSIVE k(id) AS ("
        " SELECT id FROM {t} WHERE forelder_id = %s"
        " UNION ALL SELECT o.id FROM {t} o JOIN k ON o.forelder_id = k.id"
        ") SELECT id FROM k",
        oppdrag.pk,
    )
    alle = Oppdrag.objects.select_related("enhet", "eigar").in_bulk(opp + ned)
    forfedre = [alle[pk] for pk in opp]
    born: dict[int, list[Oppdrag]] = {}
    for pk in ned:
        o = alle[pk]
        born.setdefault(o.forelder_id, []).append(o)
    tre: list[Oppdrag] = []

    def gaa(forelder_id: int, nivaa: int) -> None:
        for o in sorted(born.get(forelder_id, []), key=lambda x: (x.enhet.path, x.frist, x.pk)):
            o.nivaa = nivaa
            tre.append(o)
            gaa(o.pk, nivaa + 1)

    gaa(oppdrag.pk, 1)
    return forfedre, tre

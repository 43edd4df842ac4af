"""Approval (DOMAIN.md §9): flag messages on own documents, and the chain a committee draft
(saksframlegg, S) moves through before it can go to the committee queue.

Own documents (U, N, X): «Send til godkjenning» to a leader, who answers «Godkjent» or
«Ikke godkjent» with a comment. The post stays R; it can be finished only when the latest
flag is approved (or none was sent).

Committee drafts (S), behandlingsstatus / journalstatus:
    R ──send til leder──▶ SU/F ──leder godkjenner──▶ RE/G ──rådmann godkjenner──▶ KL/F
    R ──send direkte til rådmann──────────────────▶ RE/G
    SU/F or RE/G ──ikke godkjent──▶ R (back to the caseworker)
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q, Value
from django.db.models.lookups import StartsWith
from django.utils import timezone
from django.utils.module_loading import import_string

from saksarkiv import access, audit
from saksarkiv.models import Bruker, Rolle, Rolletype
from saksarkiv.services import DomainError

from ..models import Behandlingsstatus as B
from ..models import (
    Godkjenning,
    Godkjenningssteg,
    Godkjenningssvar,
    Journalpost,
    Journalposttype,
    TilknyttetRegistreringSom,
)
from ..models import Journalstatus as J
from . import journalposter, laas, tillatelser

# (behandlingsstatus, journalstatus) before → after, per step of the chain.
KJEDE = {
    "til_leder": ((("", J.RESERVERT),), (B.TIL_LEDER, J.FERDIGSTILT), Godkjenningssteg.LEDER),
    "til_radmann": ((("", J.RESERVERT),), (B.GODKJENT_LEDER, J.GODKJENT), Godkjenningssteg.RADMANN),
    "leder_godkjent": (((B.TIL_LEDER, J.FERDIGSTILT),), (B.GODKJENT_LEDER, J.GODKJENT), None),
    "radmann_godkjent": (((B.GODKJENT_LEDER, J.GODKJENT),), (B.KLAR, J.FERDIGSTILT), None),
    "avvist": (
        ((B.TIL_LEDER, J.FERDIGSTILT), (B.GODKJENT_LEDER, J.GODKJENT)),
        ("", J.RESERVERT),
        None,
    ),
}


def _locked(post) -> Journalpost:
    return laas.post(post.pk, "administrativ_enhet")


def mulige_godkjennere(post: Journalpost):
    """Leaders who may approve the post: leaders and deputies of its unit and the units
    above it (the rule of access.leads_unit, in SQL), and the chief executive."""
    chain = StartsWith(Value(post.administrativ_enhet.path), F("enhet__path"))
    roles = Rolle.objects.gyldige().filter(
        (Q(rolle__in=access.m.LEDERROLLER) & Q(chain)) | Q(rolle=Rolletype.RADMANN)
    )
    return Bruker.objects.filter(pk__in=roles.values("person_id"), is_active=True).order_by(
        "last_name", "first_name"
    )


def radmenn():
    ids = Rolle.objects.gyldige().filter(rolle=Rolletype.RADMANN).values("person_id")
    return Bruker.objects.filter(pk__in=ids, is_active=True)


def apen_godkjenning(post: Journalpost) -> Godkjenning | None:
    return post.godkjenninger.filter(svar=Godkjenningssvar.VENTER).first()


def _krev_hoveddokument(post):
    if not post.dokumenter.filter(
        tilknyttet_registrering_som=TilknyttetRegistreringSom.HOVEDDOKUMENT
    ).exists():
        raise DomainError("Last opp hoveddokumentet før du sender til godkjenning.")


def _create_flag(actor, post, leder, steg, melding) -> Godkjenning:
    try:
        with transaction.atomic():
            return Godkjenning.objects.create(
                journalpost=post, steg=steg, sendt_av=actor, sendt_til=leder, melding=melding
            )
    except IntegrityError:
        raise DomainError("Journalposten venter allerede på godkjenning.") from None


def _krev_godkjenner(post, leder, steg):
    if steg == Godkjenningssteg.RADMANN:
        if not radmenn().filter(pk=leder.pk).exists():
            raise DomainError(f"{leder.get_full_name()} er ikke rådmann.", field="leder")
        return
    if not mulige_godkjennere(post).filter(pk=leder.pk).exists():
        raise DomainError(
            f"{leder.get_full_name()} er ikke leder for {post.administrativ_enhet.navn}.",
            field="leder",
        )


@transaction.atomic
def send_til_godkjenning(actor, post: Journalpost, leder, *, melding: str = "") -> Godkjenning:
    """«Send til godkjenning»: an own draft (U, N, X) to a leader. The post stays R."""
    post = _locked(post)
    if post.journalposttype == Journalposttype.SAKSFRAMLEGG:
        return send_saksframlegg(actor, post, leder, melding=melding)
    tillatelser.journalpost(actor, post).krev("send_godkjenning")
    if leder is None:
        raise DomainError("Velg hvilken leder som skal godkjenne.", field="leder")
    _krev_godkjenner(post, leder, Godkjenningssteg.LEDER)
    _krev_hoveddokument(post)
    flagg = _create_flag(actor, post, leder, Godkjenningssteg.LEDER, melding.strip())
    audit.record(actor, post, "sendt til godkjenning", beskrivelse=f"Til {leder.get_full_name()}")
    return flagg


def _chain_step(post, step: str, **extra) -> None:
    before, (bs, js), _steg = KJEDE[step]
    if (post.behandlingsstatus, post.journalstatus) not in before:
        raise DomainError(
            f"Saksframlegget har behandlingsstatus {post.behandlingsstatus or '–'} og "
            f"journalstatus {post.journalstatus}: det steget er ikke mulig nå."
        )
    changed = Journalpost.objects.filter(
        pk=post.pk, behandlingsstatus=post.behandlingsstatus, journalstatus=post.journalstatus
    ).update(behandlingsstatus=bs, journalstatus=js, **extra)
    if changed != 1:
        raise DomainError("Saksframlegget er endret av noen andre i mellomtiden.")


@transaction.atomic
def send_saksframlegg(
    actor, post: Journalpost, leder, *, direkte_til_radmann: bool = False, melding: str = ""
) -> Godkjenning:
    """Send a committee draft to the unit leader (SU/F), or straight to the chief
    executive (RE/G)."""
    post = _locked(post)
    if post.journalposttype != Journalposttype.SAKSFRAMLEGG:
        raise DomainError("Bare saksframlegg har behandlingskjede.")
    tillatelser.journalpost(actor, post).krev("send_godkjenning")
    for krav in settings.SAKSARKIV_SAKSFRAMLEGG_KRAV:  # e.g. the committee is chosen (utvalg)
        import_string(krav)(post)
    journalposter.ved_ferdigstilling(actor, post)  # a text written here: the main document
    _krev_hoveddokument(post)
    if leder is None:
        raise DomainError("Velg hvem som skal godkjenne.", field="leder")
    step = "til_radmann" if direkte_til_radmann else "til_leder"
    steg = KJEDE[step][2]
    _krev_godkjenner(post, leder, steg)
    _chain_step(post, step)
    flagg = _create_flag(actor, post, leder, steg, melding.strip())
    bs, js = KJEDE[step][1]
    audit.record(
        actor,
        post,
        "sendt til rådmann" if direkte_til_radmann else "sendt til leder",
        endringer={
            "behandlingsstatus": {"for": "", "etter": bs},
            "journalstatus": {"for": "R", "etter": js},
        },
        beskrivelse=f"Til {leder.get_full_name()}",
    )
    return flagg


@transaction.atomic
def besvar_godkjenning(
    actor, flagg: Godkjenning, *, godkjent: bool, kommentar: str = ""
) -> Godkjenning:
    """«Godkjent» / «Ikke godkjent» with a comment. For a committee draft this moves the
    chain on (leader → rådmann → KL) or returns it to the caseworker as R."""
    flagg = Godkjenning.objects.select_for_update().select_related("journalpost").get(pk=flagg.pk)
    post = _locked(flagg.journalpost)
    flagg.journalpost = post
    tillatelser.godkjenning(actor, flagg).krev("svar")
    kommentar = kommentar.strip()
    if not godkjent and not kommentar:
        raise DomainError("Skriv hva som må rettes.", field="kommentar")
    ny_flagg = None
    if post.journalposttype == Journalposttype.SAKSFRAMLEGG:
        fra = (post.behandlingsstatus, post.journalstatus)
        if not godkjent:
            step = "avvist"
        elif flagg.steg == Godkjenningssteg.LEDER:
            step = "leder_godkjent"
        else:
            step = "radmann_godkjent"
        _chain_step(post, step)
        til = KJEDE[step][1]
        endringer = {
            "behandlingsstatus": {"for": fra[0], "etter": til[0]},
            "journalstatus": {"for": fra[1], "etter": til[1]},
        }
    else:
        endringer = {}
    flagg.svar = Godkjenningssvar.GODKJENT if godkjent else Godkjenningssvar.IKKE_GODKJENT
    flagg.kommentar = kommentar
    flagg.besvart = timezone.now()
    flagg.besvart_av = actor
    flagg.save()
    audit.record(
        actor,
        post,
        "godkjent" if godkjent else "ikke godkjent",
        endringer=endringer,
        beskrivelse=kommentar,
    )
    if post.journalposttype == Journalposttype.SAKSFRAMLEGG and step == "leder_godkjent":
        radmann = radmenn().first()
        if radmann is not None:
            ny_flagg = _create_flag(actor, post, radmann, Godkjenningssteg.RADMANN, "")
    return ny_flagg or flagg

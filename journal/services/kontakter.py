"""The contacts register: add and correct contacts, mark them inactive (never delete), and
find them for the type-ahead on correspondent fields. Every change is audited."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, IntegerField, Value, When
from django.db.models.functions import Upper

from saksarkiv import audit
from saksarkiv.services import DomainError

from ..models import Kontakt
from . import tillatelser

FELT = (
    "kortkode",
    "navn",
    "organisasjon",
    "organisasjonsnummer",
    "adresse",
    "postnummer",
    "poststed",
    "land",
    "epost",
    "telefon",
    "aktiv",
)


def _rens(data: dict) -> dict:
    renset = {}
    for felt in FELT:
        if felt not in data:
            continue
        verdi = data[felt]
        if isinstance(verdi, str):
            verdi = " ".join(verdi.split())
        renset[felt] = verdi
    if "kortkode" in renset:
        renset["kortkode"] = renset["kortkode"].upper()
    if "organisasjonsnummer" in renset:
        renset["organisasjonsnummer"] = renset["organisasjonsnummer"].replace(" ", "")
    return renset


def _krev_unik_kortkode(kortkode: str, unntatt: int | None = None) -> None:
    if not kortkode:
        return
    andre = Kontakt.objects.annotate(kode=Upper("kortkode")).filter(kode=kortkode.upper())
    if unntatt is not None:
        andre = andre.exclude(pk=unntatt)
    if annen := andre.first():
        raise DomainError(
            f"Kortkoden {kortkode} er allerede brukt av «{annen.navn}».", field="kortkode"
        )


def _valider(kontakt: Kontakt) -> None:
    """The model's own validators (orgnr mod 11, kortkode), as a message beside the field."""
    try:
        kontakt.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        felt, meldinger = next(iter(error.message_dict.items()))
        raise DomainError(meldinger[0], field=felt) from None
    if not kontakt.navn:
        raise DomainError("Oppgi navnet på kontakten.", field="navn")


def _lagre(kontakt: Kontakt) -> None:
    try:
        with transaction.atomic():
            kontakt.save()
    except IntegrityError:  # two archivists took the same code at once
        raise DomainError(
            f"Kortkoden {kontakt.kortkode} er allerede brukt.", field="kortkode"
        ) from None


@transaction.atomic
def opprett_kontakt(actor, **data) -> Kontakt:
    tillatelser.bruker(actor).krev("kontakter")
    data = _rens(data)
    kontakt = Kontakt(**data)
    _valider(kontakt)
    _krev_unik_kortkode(kontakt.kortkode)
    _lagre(kontakt)
    audit.record_created(actor, kontakt)
    return kontakt


@transaction.atomic
def endre_kontakt(actor, kontakt: Kontakt, **data) -> Kontakt:
    """Correct a contact, or mark it inactive (aktiv=False): posts and parties keep their
    own copy of the name and address, so nothing registered changes."""
    tillatelser.bruker(actor).krev("kontakter")
    kontakt = Kontakt.objects.select_for_update().get(pk=kontakt.pk)
    for_ = audit.snapshot(kontakt)
    for felt, verdi in _rens(data).items():
        setattr(kontakt, felt, verdi)
    _valider(kontakt)
    _krev_unik_kortkode(kontakt.kortkode, unntatt=kontakt.pk)
    endringer = audit.diff(for_, audit.snapshot(kontakt))
    endringer.pop("endret", None)
    if not endringer:
        return kontakt
    _lagre(kontakt)
    handling = "endret"
    if set(endringer) == {"aktiv"}:
        handling = "aktivert" if kontakt.aktiv else "merket inaktiv"
    audit.record(actor, kontakt, handling, endringer=endringer)
    return kontakt


def finn(tekst: str, grense: int = 10) -> list[Kontakt]:
    """Active contacts for the type-ahead: an exact short code first, then codes and names
    that start with the text, then the rest, by name."""
    tekst = " ".join((tekst or "").split())[:100]
    if not tekst:
        return []
    rang = Case(
        When(kortkode__iexact=tekst, then=Value(0)),
        When(kortkode__istartswith=tekst, then=Value(1)),
        When(navn__istartswith=tekst, then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )
    qs = Kontakt.objects.aktive().sok(tekst).annotate(rang=rang).order_by("rang", "navn", "id")
    return list(qs[:grense])


def som_forslag(kontakt: Kontakt) -> dict:
    """What the type-ahead fills into a correspondent's fields when the contact is picked."""
    return {
        "verdi": kontakt.navn,
        "etikett": str(kontakt),
        "detalj": kontakt.postadresse,
        "felt": {
            "adresse": kontakt.adresse,
            "postnummer": kontakt.postnummer,
            "poststed": kontakt.poststed,
            "epost": kontakt.epost,
        },
    }

"""The contacts register (kontaktregister): external persons and organisations the
municipality writes to and hears from, each with an optional short code (kortkode, seed
001: «Saksbehandleren kontakter arkivet hvis en ønsker å opprette ny kortkode i
kontaktregisteret»). Picked with type-ahead when correspondents are registered; the post
keeps its own copy of the name and address (Korrespondansepart), so changing a contact
never rewrites the archive. Contacts are never deleted, only marked inactive."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

_ORGNR_VEKTER = (3, 2, 7, 6, 5, 4, 3, 2)
KORTKODE = re.compile(r"^[A-ZÆØÅ0-9][A-ZÆØÅ0-9_-]*$")


def orgnr_gyldig(nummer: str) -> bool:
    """A Norwegian organisation number: nine digits, the last a modulus 11 check digit
    with the weights 3 2 7 6 5 4 3 2 (Brønnøysundregistrene)."""
    if len(nummer) != 9 or not nummer.isdigit():
        return False
    rest = sum(int(s) * v for s, v in zip(nummer, _ORGNR_VEKTER, strict=False)) % 11
    kontroll = 0 if rest == 0 else 11 - rest
    return kontroll != 10 and kontroll == int(nummer[8])


def valider_orgnr(verdi: str) -> None:
    if not verdi:
        return
    if len(verdi) != 9 or not verdi.isdigit():
        raise ValidationError(
            "Organisasjonsnummeret skal ha ni siffer, for eksempel 974760673.", code="orgnr"
        )
    if not orgnr_gyldig(verdi):
        raise ValidationError(
            "Organisasjonsnummeret er ikke gyldig: kontrollsifferet stemmer ikke.",
            code="orgnr_kontroll",
        )


def valider_kortkode(verdi: str) -> None:
    if verdi and not KORTKODE.match(verdi):
        raise ValidationError(
            "Kortkoden kan bare ha store bokstaver, siffer, bindestrek og understrek.",
            code="kortkode",
        )


class KontaktQuerySet(models.QuerySet):
    def aktive(self):
        return self.filter(aktiv=True)

    def sok(self, tekst: str):
        """By short code (exact first), name or organisation number."""
        tekst = tekst.strip()
        if not tekst:
            return self.none()
        sifre = tekst.replace(" ", "")
        treff = Q(navn__icontains=tekst) | Q(kortkode__istartswith=tekst)
        if sifre.isdigit():
            treff |= Q(organisasjonsnummer__startswith=sifre)
        return self.filter(treff)


class Kontakt(models.Model):
    kortkode = models.CharField(
        _("kortkode"),
        max_length=20,
        blank=True,
        validators=[valider_kortkode],
        help_text=_("Kort, unik kode, for eksempel NAV eller STATSF."),
    )
    navn = models.CharField(_("navn"), max_length=200)
    organisasjon = models.BooleanField(
        _("virksomhet"), default=False, help_text=_("En virksomhet, ikke en privatperson.")
    )
    organisasjonsnummer = models.CharField(
        _("organisasjonsnummer"), max_length=9, blank=True, validators=[valider_orgnr]
    )
    adresse = models.CharField(_("adresse"), max_length=200, blank=True)
    postnummer = models.CharField(_("postnummer"), max_length=10, blank=True)
    poststed = models.CharField(_("poststed"), max_length=60, blank=True)
    land = models.CharField(_("land"), max_length=60, blank=True, help_text=_("Tom: Norge."))
    epost = models.EmailField(_("e-post"), blank=True)
    telefon = models.CharField(_("telefon"), max_length=30, blank=True)
    aktiv = models.BooleanField(
        _("aktiv"), default=True, help_text=_("Inaktive kontakter foreslås ikke lenger.")
    )
    opprettet = models.DateTimeField(_("opprettet"), auto_now_add=True)
    endret = models.DateTimeField(_("endret"), auto_now=True)

    objects = KontaktQuerySet.as_manager()

    class Meta:
        verbose_name = _("kontakt")
        verbose_name_plural = _("kontakter")
        ordering = ["navn", "id"]
        constraints = [
            models.UniqueConstraint(
                Upper("kortkode"), condition=~Q(kortkode=""), name="kontakt_kortkode_unik"
            ),
        ]
        indexes = [models.Index(Upper("navn"), "id", name="kontakt_navn")]

    def __str__(self):
        return f"{self.navn} ({self.kortkode})" if self.kortkode else self.navn

    @property
    def postadresse(self) -> str:
        sted = " ".join(d for d in (self.postnummer, self.poststed) if d)
        return ", ".join(d for d in (self.adresse, sted, self.land) if d)

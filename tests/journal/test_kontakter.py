"""The contacts register (issue 15, item 8) and the forms' type-ahead (item 7): organisation
numbers with their check digit, unique short codes, Norwegian messages beside the field,
audit and no deletion; the type-ahead endpoints never show a restricted title to a user
without access; the sender of an incoming letter becomes the new case's party unless
unticked; dates typed and shown as dd.mm.åååå."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from journal.forms import InngaaendeForm, JournalpostForm, KopiForm
from journal.models import Journalpost, Kontakt, Sakspart
from journal.models.kontakt import orgnr_gyldig
from journal.services import kontakter
from journal.services.registration import opprett_sak
from saksarkiv.models import Endringslogg
from saksarkiv.services import DomainError, IkkeTilgang
from tests.conftest import CANARY

pytestmark = pytest.mark.django_db

STATSFORVALTEREN = {
    "kortkode": "STATSF",
    "navn": "Statsforvalteren i Vestland",
    "organisasjon": True,
    "organisasjonsnummer": "974760673",
    "adresse": "Postboks 100",
    "postnummer": "6801",
    "poststed": "Førde",
    "epost": "sfvlpost@example.no",
}


# --- Organisation numbers and short codes -------------------------------------------------


@pytest.mark.parametrize(
    ("nummer", "gyldig"),
    [
        ("974760673", True),  # Brønnøysundregistrene
        ("974760672", False),  # wrong check digit
        ("123456785", True),
        ("123456789", False),
        ("12345678", False),
        ("97476067a", False),
    ],
)
def test_organisation_number_check_digit(nummer, gyldig):
    assert orgnr_gyldig(nummer) is gyldig


def _post(client, url, data):
    return client.post(url, data)


def test_archive_registers_a_contact_and_it_is_audited(login, personas):
    client = login(personas.arkiv)
    response = client.post(
        reverse("journal:ny_kontakt"), {**STATSFORVALTEREN, "kortkode": "statsf"}
    )
    assert response.status_code == 302
    kontakt = Kontakt.objects.get()
    assert kontakt.kortkode == "STATSF" and kontakt.aktiv
    entry = Endringslogg.objects.get(objekt_id=str(kontakt.pk), handling="opprettet")
    assert entry.aktor == personas.arkiv and entry.endringer["kortkode"]["etter"] == "STATSF"


@pytest.mark.parametrize(
    ("felt", "verdi", "melding"),
    [
        ("organisasjonsnummer", "974760672", "kontrollsifferet stemmer ikke"),
        ("organisasjonsnummer", "97476", "ni siffer"),
        ("kortkode", "NAV FJ", "store bokstaver, siffer"),
        ("epost", "ikke-epost", "gyldig e-postadresse"),
    ],
)
def test_bad_input_comes_back_in_norwegian_beside_the_field(login, personas, felt, verdi, melding):
    client = login(personas.arkiv)
    response = client.post(reverse("journal:ny_kontakt"), {**STATSFORVALTEREN, felt: verdi})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert melding in " ".join(errors[felt]), errors
    assert not Kontakt.objects.exists()


def test_short_code_is_unique_whatever_the_case(login, personas):
    kontakter.opprett_kontakt(personas.arkiv, **STATSFORVALTEREN)
    client = login(personas.saksbehandler)
    response = client.post(
        reverse("journal:ny_kontakt"),
        {"kortkode": "Statsf", "navn": "Statsforvalteren i Oslo og Viken"},
    )
    assert response.status_code == 400
    assert "allerede brukt" in response.context["form"].errors["kortkode"][0]
    with pytest.raises(DomainError) as error:
        kontakter.opprett_kontakt(personas.arkiv, kortkode="statsf", navn="Annen")
    assert error.value.field == "kortkode"
    assert Kontakt.objects.count() == 1


def test_contacts_are_marked_inactive_never_deleted(login, personas):
    kontakt = kontakter.opprett_kontakt(personas.arkiv, **STATSFORVALTEREN)
    client = login(personas.saksbehandler)
    data = {**STATSFORVALTEREN, "telefon": "57 64 30 00"}  # «aktiv» unticked
    response = client.post(reverse("journal:endre_kontakt", args=[kontakt.pk]), data)
    assert response.status_code == 302
    kontakt.refresh_from_db()
    assert not kontakt.aktiv and kontakt.telefon == "57 64 30 00"
    entry = Endringslogg.objects.filter(objekt_id=str(kontakt.pk)).latest("pk")
    assert entry.handling == "endret" and entry.endringer["aktiv"] == {"for": True, "etter": False}
    # An inactive contact is no longer suggested, but stays in the register.
    assert kontakter.finn("STATSF") == []
    assert Kontakt.objects.filter(pk=kontakt.pk).exists()


def test_only_archive_and_caseworkers_keep_the_register(login, personas):
    with pytest.raises(IkkeTilgang):
        kontakter.opprett_kontakt(personas.politiker, navn="Noen")
    client = login(personas.politiker)
    assert client.get(reverse("journal:ny_kontakt")).status_code == 403
    # Private persons' addresses: the register and its suggestions are not for everyone.
    assert client.get(reverse("journal:kontakter")).status_code == 403
    assert client.get(reverse("journal:kontaktsok"), {"q": "no"}).status_code == 403
    assert client.post(reverse("journal:ny_kontakt"), {"navn": "Noen"}).status_code == 403
    assert not Kontakt.objects.exists()


def test_the_list_searches_by_name_short_code_and_number(login, personas):
    kontakter.opprett_kontakt(personas.arkiv, **STATSFORVALTEREN)
    kontakter.opprett_kontakt(
        personas.arkiv, kortkode="NAV", navn="NAV Fjordvik", organisasjonsnummer="123456785"
    )
    client = login(personas.saksbehandler)
    url = reverse("journal:kontakter")

    def navn(**q):
        return [k.navn for k in client.get(url, q).context["side"].rader]

    assert navn() == ["NAV Fjordvik", "Statsforvalteren i Vestland"]
    assert navn(q="nav") == ["NAV Fjordvik"]
    assert navn(q="vestland") == ["Statsforvalteren i Vestland"]
    assert navn(q="9747") == ["Statsforvalteren i Vestland"]


# --- Type-ahead ---------------------------------------------------------------------------------


def test_a_short_code_suggests_the_contact_with_its_address(login, personas):
    kontakter.opprett_kontakt(personas.arkiv, **STATSFORVALTEREN)
    kontakter.opprett_kontakt(personas.arkiv, kortkode="STATSBYGG", navn="Statsbygg")
    client = login(personas.arkiv)
    forslag = client.get(reverse("journal:kontaktsok"), {"q": "statsf"}).json()["forslag"]
    assert [f["verdi"] for f in forslag] == ["Statsforvalteren i Vestland"]
    assert forslag[0]["felt"] == {
        "adresse": "Postboks 100",
        "postnummer": "6801",
        "poststed": "Førde",
        "epost": "sfvlpost@example.no",
    }
    # An exact code first, then the other codes that start with the text.
    forslag = client.get(reverse("journal:kontaktsok"), {"q": "stats"}).json()["forslag"]
    assert len(forslag) == 2


@pytest.fixture
def skjult_sak(personas, org):
    return opprett_sak(
        personas.arkiv,
        tittel=f"Barnevern {CANARY} Olsen",
        offentlig_tittel="Barnevern ***** *****",
        tilgangskode="U",
        skjermingshjemmel="Offl. § 13",
        administrativ_enhet=org.enhet_b,
        saksansvarlig=personas.saksbehandler_annen,
    )


def test_case_picker_never_returns_a_restricted_title_without_access(login, personas, skjult_sak):
    url = reverse("journal:saksvalg")
    soek = [
        {"q": CANARY.lower()},
        {"q": "barnevern"},
        {"q": skjult_sak.saksnummer},
        {"q": str(skjult_sak.saksaar)},
    ]
    for persona in ("arkiv", "leder_annen", "saksbehandler", "politiker", "radmann"):
        client = login(getattr(personas, persona))
        for q in soek:
            response = client.get(url, q)
            assert response.status_code == 200
            assert CANARY not in response.content.decode(), (persona, q)
    # Those with access find it by the word only they may read, with its title.
    client = login(personas.klarert_u)
    forslag = client.get(url, {"q": CANARY.lower()}).json()["forslag"]
    assert [f["verdi"] for f in forslag] == [skjult_sak.saksnummer]
    assert CANARY in forslag[0]["etikett"]
    # The uncleared who may see the case find it by number, by its public title.
    client = login(personas.leder_annen)
    forslag = client.get(url, {"q": skjult_sak.saksnummer}).json()["forslag"]
    assert forslag and all(CANARY not in f["etikett"] for f in forslag)


def test_the_type_ahead_needs_a_login(client):
    for name in ("journal:kontaktsok", "journal:saksvalg", "journal:personvalg"):
        assert client.get(reverse(name), {"q": "ab"}).status_code == 302


def test_person_picker_finds_by_name_and_the_field_accepts_the_pick(login, personas):
    client = login(personas.arkiv)
    forslag = client.get(reverse("journal:personvalg"), {"q": "sara"}).json()["forslag"]
    assert [f["verdi"] for f in forslag] == ["Sara Saksbehandler (saksbehandler)"]
    for tekst in (forslag[0]["verdi"], "saksbehandler", "Sara Saksbehandler",
                  str(personas.saksbehandler.pk)):  # fmt: skip
        form = KopiForm({"kopi-person": tekst})
        assert form.is_valid(), (tekst, form.errors)
        assert form.cleaned_data["person"] == personas.saksbehandler
    form = KopiForm({"kopi-person": "Ingen Slik"})
    assert not form.is_valid()
    assert "Fant ingen person «Ingen Slik»" in form.errors["person"][0]
    # The field shows the person by name, not by an id.
    assert "Sara Saksbehandler (saksbehandler)" in str(
        KopiForm(initial={"person": personas.saksbehandler.pk})["person"]
    )


# --- Dates --------------------------------------------------------------------------------------


def test_dates_are_typed_and_shown_as_dd_mm_yyyy():
    for typed in ("05.12.2026", "2026-12-05"):
        form = JournalpostForm({"journalposttype": "U", "tittel": "T", "dokumentdato": typed})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["dokumentdato"] == datetime.date(2026, 12, 5)
    form = JournalpostForm({"journalposttype": "U", "tittel": "T", "dokumentdato": "31.02.2026"})
    assert not form.is_valid()
    assert form.errors["dokumentdato"] == ["Skriv datoen som dd.mm.åååå, for eksempel 05.12.2026."]
    shown = str(
        JournalpostForm(initial={"dokumentdato": datetime.date(2026, 12, 5)})["dokumentdato"]
    )
    assert 'value="05.12.2026"' in shown and 'type="text"' in shown


# --- Sender as party ----------------------------------------------------------------------------


def _inngaaende(org, **extra):
    return {
        "tittel": "Søknad om tilskudd",
        "avsender": "Statsforvalteren i Vestland",
        "adresse": "Postboks 100",
        "postnummer": "6801",
        "poststed": "Førde",
        "administrativ_enhet": org.enhet_a.pk,
        "dokumentdato": timezone.localdate().strftime("%d.%m.%Y"),
        **extra,
    }


def test_the_sender_box_is_ticked_by_default(personas):
    form = InngaaendeForm(user=personas.arkiv)
    assert form["avsender_som_part"].initial is True
    assert "checked" in str(form["avsender_som_part"])
    assert form["avsender_som_part"].label == "Legg avsender til som part i saken"


def test_the_sender_of_a_letter_in_a_new_case_becomes_its_party(login, personas, org):
    client = login(personas.arkiv)
    response = client.post(
        reverse("journal:registrer_inngaaende"), _inngaaende(org, avsender_som_part="on")
    )
    assert response.status_code == 302, response.context["form"].errors
    post = Journalpost.objects.get()
    part = Sakspart.objects.get(saksmappe=post.saksmappe)
    assert (part.navn, part.rolle, part.adresse, part.postnummer, part.poststed) == (
        "Statsforvalteren i Vestland", "Avsender", "Postboks 100", "6801", "Førde",
    )  # fmt: skip
    assert Endringslogg.objects.filter(
        objekt_id=str(post.saksmappe_id), handling="part lagt til"
    ).exists()
    assert post.dokumentdato == timezone.localdate()


def test_unticked_the_sender_is_not_a_party(login, personas, org):
    client = login(personas.arkiv)
    response = client.post(reverse("journal:registrer_inngaaende"), _inngaaende(org))
    assert response.status_code == 302
    assert Journalpost.objects.count() == 1 and not Sakspart.objects.exists()


def test_a_letter_in_an_existing_case_adds_no_party(login, personas, org):
    sak = opprett_sak(personas.arkiv, tittel="Tilskudd", administrativ_enhet=org.enhet_a)
    client = login(personas.arkiv)
    data = _inngaaende(org, avsender_som_part="on", saksnummer=sak.saksnummer)
    assert client.post(reverse("journal:registrer_inngaaende"), data).status_code == 302
    assert Journalpost.objects.get().saksmappe == sak and not Sakspart.objects.exists()


def test_a_screened_sender_stays_screened_as_the_party(login, personas, org):
    client = login(personas.arkiv)
    data = _inngaaende(
        org, avsender_som_part="on", skjerm_korrespondanseparter="on",
        tilgangskode="U", offentlig_tittel="Søknad om *****", skjermingshjemmel="Offl. § 13",
    )  # fmt: skip
    response = client.post(reverse("journal:registrer_inngaaende"), data)
    assert response.status_code == 302, response.context["form"].errors
    sak = Journalpost.objects.get().saksmappe
    assert sak.skjerm_parter and sak.parter.count() == 1


# --- Demo data ----------------------------------------------------------------------------------


def test_demo_contacts_are_valid_and_match_the_generated_correspondents():
    import random

    from generators.journal import kontakter as demo
    from generators.journal.plan import Planner

    assert demo.ensure_kontakter() == len(demo.kontakter()) >= 15
    assert demo.ensure_kontakter() == 0  # idempotent
    rader = list(Kontakt.objects.all())
    assert len({k.kortkode for k in rader}) == len(rader)
    for kontakt in rader:
        kontakt.full_clean()  # organisation numbers with a valid check digit
    # A letter the demo generates from «Statens vegvesen» carries the contact SVV's address.
    planner = Planner.__new__(Planner)
    planner.rng = random.Random(1)
    part = planner.organ("BYG", "org:Statens vegvesen")
    svv = Kontakt.objects.get(kortkode="SVV")
    assert (part.navn, part.adresse, part.postnummer, part.poststed, part.epost) == (
        svv.navn, svv.adresse, svv.postnummer, svv.poststed, svv.epost,
    )  # fmt: skip

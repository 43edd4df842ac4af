"""«Innboks» is what is new to me (issue 15 item 5): the posts given or addressed to me that I
have not opened yet — not the same list as «Mine restanser», which keeps what I have opened
until it is written off. Opening the post page marks it «sett av meg» (JournalpostSett)."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from journal import arbeidslister as al
from journal.models import Journalpost, JournalpostSett
from journal.services.avskrivning import avskriv
from journal.services.journalposter import legg_til_korrespondansepart
from journal.services.sett import merk_sett
from tests.journal.flythjelp import eget, fersk, inngaende

pytestmark = pytest.mark.django_db


def rows(kode, user) -> set[int]:
    return set(al.ETTER_KODE[kode].queryset(al.Kontekst(user)).values_list("pk", flat=True))


def test_an_opened_restanse_is_in_mine_restanser_but_not_in_innboks(client, personas, inn):
    sb = personas.saksbehandler
    assert inn.pk in rows("innboks", sb) and inn.pk in rows("restanser", sb)

    client.force_login(sb)
    assert client.get(reverse("journal:journalpost", args=[inn.pk])).status_code == 200

    assert inn.pk in rows("restanser", sb)
    assert inn.pk not in rows("innboks", sb)


def test_someone_elses_opening_leaves_it_new_to_me(client, personas, inn):
    for user in (personas.arkiv, personas.leder):
        client.force_login(user)
        assert client.get(reverse("journal:journalpost", args=[inn.pk])).status_code == 200
    assert inn.pk in rows("innboks", personas.saksbehandler)
    # Only the people a post is addressed to get the marker: archive's views are not stored.
    assert not JournalpostSett.objects.exclude(person=personas.saksbehandler).exists()


def test_notes_to_me_once_finished_and_copies_to_me(personas, sak):
    sb, sf = personas.saksbehandler, personas.stedfortreder
    notat = eget(sf, sak, "X", tittel="Orientering om ny rutine")
    legg_til_korrespondansepart(sf, notat, korrespondanseparttype="IM", navn="", person=sb)
    assert notat.pk not in rows("innboks", sb)  # a draft is nobody's yet
    Journalpost.objects.filter(pk=notat.pk).update(journalstatus="F")
    assert notat.pk in rows("innboks", sb)  # an X note: no restanse, but new to me
    assert notat.pk not in rows("restanser", sb)

    brev = inngaende(personas.arkiv, sak, saksbehandler=sf, tittel="Klage på vedtak")
    legg_til_korrespondansepart(sf, brev, korrespondanseparttype="IK", navn="", person=sb)
    assert brev.pk in rows("innboks", sb)
    merk_sett(sb, fersk(brev))
    merk_sett(sb, fersk(brev))  # twice: still one marker
    assert brev.pk not in rows("innboks", sb)
    assert JournalpostSett.objects.filter(person=sb, journalpost=brev).count() == 1


def test_written_off_or_void_is_not_new(personas, sak, inn):
    sb = personas.saksbehandler
    avskriv(sb, inn, "TE")
    assert inn.pk not in rows("innboks", sb)
    annen = inngaende(personas.arkiv, sak, saksbehandler=sb, tittel="Feilsendt brev")
    Journalpost.objects.filter(pk=annen.pk).update(journalstatus="U")
    assert annen.pk not in rows("innboks", sb)


def test_innboks_page_shows_the_sender_newest_first(client, personas, sak, inn):
    nyere = inngaende(personas.arkiv, sak, saksbehandler=personas.saksbehandler, tittel="Purring")
    client.force_login(personas.saksbehandler)
    body = client.get(reverse("journal:innboks")).content.decode()
    assert '<th scope="col">Avsender</th>' in body
    assert body.count("Ola Nordmann") == 2
    assert body.index("Purring") < body.index("Søknad om byggetillatelse")
    assert nyere.pk in rows("innboks", personas.saksbehandler)


def test_the_sender_column_is_screened_for_who_may_not_read_it(personas, sak):
    post = inngaende(
        personas.arkiv,
        sak,
        saksbehandler=personas.saksbehandler,
        tittel="Bekymringsmelding om Per",
        tilgangskode="U",
        skjermingshjemmel="Offl. § 13",
        offentlig_tittel="Bekymringsmelding om *****",
        skjerm_korrespondanseparter=True,
    )
    liste = al.ETTER_KODE["innboks"]
    template = Template("{% load tabeller %}{% posttabell rader kolonner %}")

    def celle(user):
        rader = list(liste.visning(al.Kontekst(user)).filter(pk=post.pk))
        request = RequestFactory().get("/")
        request.user = user
        return template.render(
            Context({"rader": rader, "kolonner": liste.kolonner, "request": request})
        )

    assert "Ola Nordmann" in celle(personas.saksbehandler)
    skjermet = celle(personas.saksbehandler_annen)
    assert "Ola Nordmann" not in skjermet and "Skjermet" in skjermet


# --- «Godkjenninger»: what waits for my approval says who sent it, when, and why ---------------


def test_godkjenninger_shows_who_sent_it_when_and_the_message(client, personas, sak):
    from journal.services.godkjenning import send_til_godkjenning
    from tests.journal.flythjelp import hoveddokument

    sb = personas.saksbehandler
    utkast = eget(sb, sak, "U", tittel="Vedtak om ferdigattest")
    hoveddokument(utkast, sb)
    send_til_godkjenning(sb, utkast, personas.leder, melding="Se særlig på vilkår 3")
    flagg = utkast.godkjenninger.get()

    client.force_login(personas.leder)
    body = client.get(reverse("journal:godkjenninger")).content.decode()
    venter = body[body.index('id="til-meg"') : body.index('id="sendt"')]
    for kolonne in ("Sendt av", "Sendt", "Melding"):
        assert f'<th scope="col">{kolonne}</th>' in venter
    assert "Sara Saksbehandler" in venter and "Se særlig på vilkår 3" in venter
    sendt = timezone.localtime(flagg.sendt).strftime("%d.%m.%Y %H:%M")
    assert sendt in venter

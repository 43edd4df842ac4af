"""Oppdragsbrev (issue 21 item 2): the chief executive writes the top unit's letter, sector
and service leaders theirs from the one above; utkast → til godkjenning → godkjent (by the
leader above, RAD for sectors; a child only once its parent is published) → publisert, for
everyone to read and final. The parent letter beside the child on its page, the year wheel's
deadline with «forsinket», the audit entries, bad input and the pages' query counts."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from saksarkiv.models import Endringslogg
from saksarkiv.services import DomainError, IkkeTilgang
from verksemdsplan.models import Aarshjulfrist, Brevstatus, Oppdragsbrev
from verksemdsplan.services import brev as tenester
from verksemdsplan.tillatelser import brev as regler

pytestmark = pytest.mark.django_db


def handlingar(obj) -> list[str]:
    ct = ContentType.objects.get_for_model(obj)
    return list(
        Endringslogg.objects.filter(content_type=ct, objekt_id=str(obj.pk))
        .order_by("pk").values_list("handling", flat=True)
    )  # fmt: skip


def publisert_topp(personas, org, aar) -> Oppdragsbrev:
    rad = personas.radmann
    brev = tenester.opprett(rad, org.kommune, aar, innleiing="Til alle ansatte i kommunen.")
    tenester.legg_til_punkt(rad, brev, tema="ST", tekst="Følg opp samfunnsdelen i alle sektorer.")
    tenester.legg_til_punkt(rad, brev, tema="DI", tekst="Ta i bruk digital post overalt.")
    tenester.send_til_godkjenning(rad, brev)
    tenester.godkjenn(rad, brev)
    return tenester.publiser(rad, brev)


def test_the_flow_from_the_top_letter_to_the_service_units(personas, org, klokke):
    aar = klokke.dag.year
    rad, sektorleder, leder = personas.radmann, personas.sektorleder, personas.leder
    # Only the chief executive writes the top unit's letter.
    for nekta in (leder, sektorleder, personas.saksbehandler, personas.motesekretaer):
        with pytest.raises(IkkeTilgang):
            tenester.opprett(nekta, org.kommune, aar)
    # A sector's letter needs the letter above first.
    with pytest.raises(DomainError, match="Enheten over har ikke skrevet") as feil:
        tenester.opprett(sektorleder, org.sektor_a, aar)
    assert feil.value.field == "aar"
    topp = tenester.opprett(rad, org.kommune, aar)
    with pytest.raises(DomainError, match="minst ett oppdragspunkt"):
        tenester.send_til_godkjenning(rad, topp)
    tenester.legg_til_punkt(rad, topp, tema="ST", tekst="Følg opp samfunnsdelen.")
    with pytest.raises(DomainError, match="allerede et oppdragsbrev"):
        tenester.opprett(rad, org.kommune, aar)
    # The sector writes its own while the top letter is still being approved.
    sektor = tenester.opprett(sektorleder, org.sektor_a, aar)
    assert sektor.forelder == topp
    with pytest.raises(IkkeTilgang):  # the unit below's leader does not write the sector's
        tenester.legg_til_punkt(leder, sektor, tema="OK", tekst="Balanse")
    tenester.legg_til_punkt(sektorleder, sektor, tema="OK", tekst="Budsjettbalanse i sektoren.")
    tenester.send_til_godkjenning(sektorleder, sektor)
    with pytest.raises(DomainError, match="bare endres mens det er et utkast"):
        tenester.legg_til_punkt(sektorleder, sektor, tema="OK", tekst="For sent")
    # A sector's letter is approved by RAD, and only once the top letter is published.
    with pytest.raises(IkkeTilgang):
        tenester.godkjenn(sektorleder, sektor)
    with pytest.raises(DomainError, match="må være publisert først"):
        tenester.godkjenn(rad, sektor)
    tenester.send_til_godkjenning(rad, topp)
    tenester.godkjenn(rad, topp)
    with pytest.raises(IkkeTilgang):
        tenester.publiser(sektorleder, topp)
    topp = tenester.publiser(rad, topp)
    assert topp.status == Brevstatus.PUBLISERT and topp.publisert_av == rad
    assert handlingar(topp) == ["opprettet", "sendt til godkjenning", "godkjent", "publisert"]
    # Sent back once, then approved and published by its writer.
    tenester.returner(rad, sektor)
    tenester.send_til_godkjenning(sektorleder, sektor)
    sektor = tenester.godkjenn(rad, sektor)
    assert sektor.godkjend_av == rad
    tenester.publiser(sektorleder, sektor)
    assert handlingar(sektor) == ["opprettet", "sendt til godkjenning", "sendt tilbake",
                                  "sendt til godkjenning", "godkjent", "publisert"]  # fmt: skip
    # The service unit: written by its leader, approved by the sector leader above (not by
    # its own leader, nor by another unit's).
    eining = tenester.opprett(leder, org.enhet_a, aar)
    assert eining.forelder == sektor
    tenester.legg_til_punkt(leder, eining, tema="SK", tekst="Svar på byggesøknader innen fristen.")
    tenester.send_til_godkjenning(leder, eining)
    for nekta in (leder, personas.leder_annen, personas.saksbehandler):
        assert not regler.brev(nekta, eining).kan.godkjenn
        with pytest.raises(IkkeTilgang):
            tenester.godkjenn(nekta, eining)
    tenester.godkjenn(sektorleder, eining)
    tenester.publiser(leder, eining)
    # Published is final.
    punkt = eining.punkt.get()
    for forsok in (
        lambda: tenester.legg_til_punkt(leder, eining, tema="SK", tekst="Mer"),
        lambda: tenester.endre_punkt(leder, punkt, tema="SK", tekst="Endret"),
        lambda: tenester.slett_punkt(leder, punkt),
        lambda: tenester.endre_innleiing(leder, eining, innleiing="Ny"),
        lambda: tenester.publiser(leder, eining),
    ):
        with pytest.raises(DomainError):
            forsok()
    punkt.refresh_from_db()
    assert punkt.tekst == "Svar på byggesøknader innen fristen."


def test_reading_published_and_unpublished_letters(personas, org, klokke):
    aar = klokke.dag.year
    topp = publisert_topp(personas, org, aar)
    sektor = tenester.opprett(personas.sektorleder, org.sektor_a, aar)
    for namn, alle in personas.all().items():  # every employee; an elected member is not
        assert regler.brev(alle, topp).kan.les == (namn != "politiker"), namn
    assert not tenester.synlege(personas.politiker).exists()
    # The draft: its writer and the leaders above read it; a caseworker, the unit below's
    # leader and the other sector do not.
    for les in (personas.sektorleder, personas.radmann):
        assert regler.brev(les, sektor).kan.les
    for nekta in (personas.saksbehandler, personas.leder, personas.leder_annen):
        assert not regler.brev(nekta, sektor).kan.les
    assert set(tenester.synlege(personas.saksbehandler)) == {topp}
    assert set(tenester.synlege(personas.sektorleder)) == {topp, sektor}
    assert set(tenester.synlege(personas.radmann)) == {topp, sektor}


def test_bad_input_is_refused_with_the_field_and_nothing_saved(personas, org, klokke):
    rad = personas.radmann
    brev = tenester.opprett(rad, org.kommune, klokke.dag.year)
    for data, felt in (({"tema": "XX", "tekst": "Noe"}, "tema"),
                       ({"tema": "ST", "tekst": "   "}, "tekst"),
                       ({"tema": "ST", "tekst": "x" * 4001}, "tekst")):  # fmt: skip
        with pytest.raises(DomainError) as feil:
            tenester.legg_til_punkt(rad, brev, **data)
        assert feil.value.field == felt
    with pytest.raises(DomainError) as feil:
        tenester.opprett(rad, org.kommune, 1999)
    assert feil.value.field == "aar"
    assert not brev.punkt.exists() and Oppdragsbrev.objects.count() == 1


def test_the_deadline_from_the_year_wheel_and_late_letters(personas, org, klokke):
    aar = klokke.dag.year
    assert tenester.frist(aar) == dt.date(aar, 1, 31)  # the default without a year wheel
    brev = tenester.opprett(personas.radmann, org.kommune, aar)
    Aarshjulfrist.objects.create(aar=aar, type="OB", tittel="Oppdragsbrev", dato=klokke.dag)
    assert tenester.frist(aar) == klokke.dag
    assert not tenester.forsinka(brev, klokke.dag)  # the deadline day itself is in time
    assert tenester.forsinka(brev, klokke.dag, klokke.dag + dt.timedelta(days=1))
    brev.status = Brevstatus.PUBLISERT
    assert not tenester.forsinka(brev, klokke.dag, klokke.dag + dt.timedelta(days=1))


def test_the_pages(client, personas, org, klokke, django_assert_max_num_queries):
    aar = klokke.dag.year
    topp = publisert_topp(personas, org, aar)
    Aarshjulfrist.objects.create(aar=aar, type="OB", tittel="Oppdragsbrev",
                                 dato=klokke.dag - dt.timedelta(days=1))  # fmt: skip
    # The sector leader creates the sector's letter from the list page; bad input first.
    client.force_login(personas.sektorleder)
    liste = reverse("verksemdsplan:brev_liste")
    side = client.get(liste).content.decode()
    assert "Nytt oppdragsbrev" in side
    svar = client.post(reverse("verksemdsplan:brev_ny"), {"nytt-aar": "", "nytt-enhet": ""})
    assert svar.status_code == 400 and 'id="id_nytt-aar_error"' in svar.content.decode()
    svar = client.post(reverse("verksemdsplan:brev_ny"),
                       {"nytt-aar": aar, "nytt-enhet": org.sektor_a.pk})  # fmt: skip
    sektor = Oppdragsbrev.objects.get(enhet=org.sektor_a)
    assert svar.status_code == 302 and svar.url == reverse("verksemdsplan:brev", args=[sektor.pk])
    url = svar.url
    # A point without text: the message beside the field, nothing saved.
    svar = client.post(reverse("verksemdsplan:brev_nytt_punkt", args=[sektor.pk]),
                       {"punkt-tema": "OK", "punkt-tekst": ""})  # fmt: skip
    assert svar.status_code == 400 and 'id="id_punkt-tekst_error"' in svar.content.decode()
    assert not sektor.punkt.exists()
    for n in range(3):
        client.post(reverse("verksemdsplan:brev_nytt_punkt", args=[sektor.pk]),
                    {"punkt-tema": "OK", "punkt-tekst": f"Sektorens punkt {n}"})  # fmt: skip
    # The edit page: the parent letter beside the child, the deadline passed.
    with django_assert_max_num_queries(14):
        side = client.get(url).content.decode()
    forelder = side.split('id="forelderbrev"')[1].split("</section>")[0]
    assert "Følg opp samfunnsdelen i alle sektorer." in forelder
    assert "Ta i bruk digital post overalt." in forelder and "Digitalisering" in forelder
    brevet = side.split('id="brevet"')[1]
    assert "Sektorens punkt 2" in brevet and "Følg opp samfunnsdelen" not in brevet
    assert 'class="to-kolonner"' in side and "Forsinket" in side
    punkt = sektor.punkt.get(tekst="Sektorens punkt 1")
    svar = client.post(reverse("verksemdsplan:brev_punkt", args=[punkt.pk]),
                       {f"punkt-{punkt.pk}-tema": "OR",
                        f"punkt-{punkt.pk}-tekst": "Omorganisering"})  # fmt: skip
    assert svar.status_code == 302
    punkt.refresh_from_db()
    assert (punkt.tema, punkt.tekst) == ("OR", "Omorganisering")
    svar = client.post(reverse("verksemdsplan:brev_punkt", args=[punkt.pk]), {"slett": "1"})
    assert svar.status_code == 302 and sektor.punkt.count() == 2
    handling = "verksemdsplan:brev_handling"
    assert client.post(reverse(handling, args=[sektor.pk, "send"])).status_code == 302
    # The caseworker may not read the draft; the approve button is the chief executive's.
    client.force_login(personas.saksbehandler)
    assert client.get(url).status_code == 403
    assert client.post(reverse(handling, args=[sektor.pk, "godkjenn"])).status_code == 403
    client.force_login(personas.sektorleder)
    svar = client.post(reverse(handling, args=[sektor.pk, "godkjenn"]))
    assert svar.status_code == 403
    client.force_login(personas.radmann)
    assert "Godkjenn brevet" in client.get(url).content.decode()
    assert client.post(reverse(handling, args=[sektor.pk, "godkjenn"])).status_code == 302
    assert client.post(reverse(handling, args=[sektor.pk, "godkjenn"])).status_code == 409
    assert client.post(reverse(handling, args=[sektor.pk, "publiser"])).status_code == 302
    # Everyone reads the published letters from the list; no edit form on them.
    client.force_login(personas.saksbehandler)
    with django_assert_max_num_queries(10):
        side = client.get(liste).content.decode()
    for brev in (topp, sektor):
        assert reverse("verksemdsplan:brev", args=[brev.pk]) in side
    assert "Nytt oppdragsbrev" not in side
    side = client.get(url).content.decode()
    assert "Sektorens punkt 0" in side and "Lagre punktet" not in side
    assert "Brevet er publisert og kan ikke endres." in side

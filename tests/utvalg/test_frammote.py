"""Attendance (issue 18, item 1): the roll call from the seats and the absence reports, and
the changes during the meeting — late arrival, leave, inhabil for one item with the
substitute who steps in — so that each item knows who was present and votes."""

import datetime as dt

import pytest

from saksarkiv.models import Endringslogg
from saksarkiv.services import DomainError, IkkeTilgang
from tests.journal.flythjelp import ny_sak
from tests.utvalg.motehjelp import framlegg, medlemmer, mote
from utvalg import frammote, innkalling, portal, sakskart
from utvalg.models import Frammote, Medlem, Mote, Utvalg

pytestmark = pytest.mark.django_db


@pytest.fixture
def motet(personas, org):
    fsk = Utvalg.objects.create(kode="FSK", navn="Formannskapet")
    folk = medlemmer(personas, fsk, antall_faste=4)
    sak = ny_sak(personas.saksbehandler, org.enhet_a)
    saker = [framlegg(personas, sak, fsk, t, t).pk for t in ("Budsjett", "Skole", "Veg")]
    moetet = mote(personas, fsk)
    sakskart.sett_pa(personas.motesekretaer, moetet, saker)
    innkalling.publiser(personas.motesekretaer, moetet)
    forfall = portal.meld_forfall(folk["fast2"], moetet, grunn="SY")
    portal.kall_inn_vara(personas.motesekretaer, forfall)
    seat = {navn: Medlem.objects.get(person=person) for navn, person in folk.items()}
    punkter = [p for p in sakskart.aktive(moetet) if p.behandling_id]
    return Mote.objects.get(pk=moetet.pk), seat, punkter


def _her(moetet, punkt) -> list[str]:
    return sorted(m.person.last_name for m in frammote.tilstede(moetet)[punkt.pk].tilstede)


def test_the_roll_call_starts_from_the_seats_and_the_absence_reports(personas, motet):
    moetet, seat, punkter = motet
    ms = personas.motesekretaer
    rader = frammote.start_opprop(ms, moetet)
    status = {r.medlem_id: (r.status, r.vara_for_id) for r in rader}
    assert status[seat["fast0"].pk] == ("M", None) and status[seat["fast2"].pk] == ("F", None)
    assert status[seat["vara_a1"].pk] == ("M", seat["fast2"].pk)
    assert seat["vara_a2"].pk not in status  # substitutes not called in are not on the list
    with pytest.raises(DomainError, match="allerede startet"):
        frammote.start_opprop(ms, moetet)
    # Corrected: one member did not come; the next substitute met for them without a report.
    rad = Frammote.objects.get(mote=moetet, medlem=seat["fast3"])
    frammote.sett_status(ms, rad, "I")
    frammote.vara_motte(ms, moetet, vara=seat["vara_a2"], for_medlem=seat["fast3"])
    with pytest.raises(DomainError, match="et medlem som ikke har møtt"):
        frammote.vara_motte(ms, moetet, vara=seat["vara_b1"], for_medlem=seat["fast0"])
    assert _her(moetet, punkter[0]) == ["Medlem0", "Medlem1", "vara_a1", "vara_a2"]
    assert Endringslogg.objects.filter(objekt_id=str(moetet.pk), handling="vara møtte").exists()
    for who in ("saksbehandler", "politiker"):
        with pytest.raises(IkkeTilgang):
            frammote.sett_status(getattr(personas, who), rad, "M")


def test_changes_during_the_meeting_give_each_item_its_own_attendance(personas, motet):
    moetet, seat, (ps1, ps2, ps3) = motet
    ms = personas.motesekretaer
    frammote.start_opprop(ms, moetet)
    frammote.sett_status(ms, Frammote.objects.get(mote=moetet, medlem=seat["fast3"]), "I")
    # Inhabil for PS 2 only, with legal basis and who decided; a substitute steps in for it.
    with pytest.raises(DomainError, match="hjemmelen") as error:
        frammote.endre(ms, ps2, medlem=seat["fast1"], type="IH", avgjort_av="Utvalget")
    assert error.value.field == "hjemmel"
    frammote.endre(ms, ps2, medlem=seat["fast1"], type="IH",
                   hjemmel="Fvl. § 6 første ledd bokstav b", avgjort_av="Utvalget")  # fmt: skip
    with pytest.raises(DomainError, match="inhabil i saken"):
        frammote.endre(ms, ps2, medlem=seat["vara_b1"], type="VI", for_medlem=seat["fast0"])
    frammote.endre(ms, ps2, medlem=seat["vara_a2"], type="VI", for_medlem=seat["fast1"])
    # The member who did not come arrives at PS 2; the leader leaves from PS 3.
    frammote.endre(ms, ps2, medlem=seat["fast3"], type="KO")
    frammote.endre(ms, ps3, medlem=seat["fast0"], type="GI", merknad="Permisjon")
    assert _her(moetet, ps1) == ["Medlem0", "Medlem1", "vara_a1"]
    assert _her(moetet, ps2) == ["Medlem0", "Medlem3", "vara_a1", "vara_a2"]
    assert _her(moetet, ps3) == ["Medlem1", "Medlem3", "vara_a1"]
    (inhabil,) = frammote.tilstede(moetet)[ps2.pk].inhabile
    assert inhabil.hjemmel == "Fvl. § 6 første ledd bokstav b" and inhabil.avgjort_av == "Utvalget"
    # Nobody twice, nobody absent leaves, nobody present arrives.
    with pytest.raises(DomainError, match="ikke til stede"):
        frammote.endre(ms, ps3, medlem=seat["fast0"], type="IH", hjemmel="x", avgjort_av="y")
    with pytest.raises(DomainError, match="allerede til stede"):
        frammote.endre(ms, ps3, medlem=seat["fast1"], type="KO")


def test_attendance_waits_for_the_notice_and_the_roll_call(personas, org):
    fsk = Utvalg.objects.create(kode="FSK", navn="Formannskapet")
    medlemmer(personas, fsk)
    sak = ny_sak(personas.saksbehandler, org.enhet_a)
    moetet = mote(personas, fsk, dt.date(2030, 5, 16))
    sakskart.sett_pa(personas.motesekretaer, moetet, [framlegg(personas, sak, fsk, "A", "A").pk])
    with pytest.raises(DomainError, match="når innkallingen er sendt"):
        frammote.start_opprop(personas.motesekretaer, moetet)
    innkalling.publiser(personas.motesekretaer, moetet)
    punkt = next(p for p in sakskart.aktive(moetet) if p.behandling_id)
    with pytest.raises(DomainError, match="oppropet først"):
        frammote.endre(personas.motesekretaer, punkt, medlem=Medlem.objects.first(), type="GI")


def test_the_secretary_registers_attendance_on_the_meeting_page(client, login, personas, motet):
    from django.urls import reverse

    moetet, seat, (ps1, ps2, _ps3) = motet
    url = reverse("utvalg:mote", args=[moetet.pk])
    login(personas.motesekretaer)
    assert "Start opprop" in client.get(url).content.decode()
    svar = client.post(reverse("utvalg:start_opprop", args=[moetet.pk]))
    assert svar.status_code == 302 and svar.url.endswith("#frammote")
    rad = Frammote.objects.get(mote=moetet, medlem=seat["fast3"])
    client.post(reverse("utvalg:frammote_status", args=[rad.pk]), {"status": "I"})
    assert Frammote.objects.get(pk=rad.pk).status == "I"
    # Inhabil without its legal basis: the message beside the field, nothing saved.
    data = {"endring-punkt": ps2.pk, "endring-medlem": seat["fast1"].pk, "endring-type": "IH",
            "endring-avgjort_av": "Utvalget"}  # fmt: skip
    svar = client.post(reverse("utvalg:frammote_endring", args=[moetet.pk]), data)
    assert svar.status_code == 400
    innhold = svar.content.decode()
    assert (
        "Oppgi hjemmelen for inhabiliteten" in innhold
        and 'id="id_endring-hjemmel_error"' in innhold
    )
    data["endring-hjemmel"] = "Fvl. § 6 første ledd bokstav a"
    assert (
        client.post(reverse("utvalg:frammote_endring", args=[moetet.pk]), data).status_code == 302
    )
    vara = {"vara-vara": seat["vara_a2"].pk, "vara-for_medlem": seat["fast3"].pk}
    svar = client.post(reverse("utvalg:vara_motte", args=[moetet.pk]), vara)
    assert svar.status_code == 302
    side = client.get(url).content.decode()
    assert "Fvl. § 6 første ledd bokstav a; avgjort av Utvalget" in side
    assert _her(moetet, ps1) == ["Medlem0", "Medlem1", "vara_a1", "vara_a2"]
    login(personas.saksbehandler)
    assert client.post(reverse("utvalg:start_opprop", args=[moetet.pk])).status_code == 403

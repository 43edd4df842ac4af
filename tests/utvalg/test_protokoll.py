"""The minutes (issue 18, item 6, first step): built from the recorded meeting, with stock
phrases for the votes and party lines; the public version leaves out exempt items'
proposals and decisions and protected decisions (the canary stays out)."""

import io

import pytest
from pypdf import PdfReader

from journal.models import Journalpost
from tests.conftest import CANARY
from tests.utvalg.test_frammote import motet  # noqa: F401 - the fixture
from tests.utvalg.test_votering import i_gang  # noqa: F401 - the fixture
from utvalg import frammote, protokoll, resultat, sakskart, votering
from utvalg.models import Behandling

pytestmark = pytest.mark.django_db


def _tekst(data: bytes) -> str:
    return " ".join(
        " ".join(side.extract_text().split()) for side in PdfReader(io.BytesIO(data)).pages
    )


def test_the_minutes_are_built_from_the_meeting_and_the_public_version_screens(
    personas,
    i_gang,  # noqa: F811
):
    moetet, seat, ps1 = i_gang
    ms = personas.motesekretaer
    _ps1, ps2, ps3 = [p for p in sakskart.aktive(moetet) if p.behandling_id]
    # PS 2 exempt (its post has a code); PS 3's decision protected (a code on the treatment).
    Journalpost.objects.filter(pk=ps2.behandling.journalpost_id).update(
        tittel=f"Skole {CANARY}", offentlig_tittel="Skole *****", tilgangskode_id="P",
        skjermingshjemmel="Offl. § 25")  # fmt: skip
    Behandling.objects.filter(pk=ps3.behandling_id).update(
        tilgangskode_id="U", skjermingshjemmel="Offl. § 13 jf. fvl. § 13")  # fmt: skip
    alle = {seat[n].pk: "F" for n in ("fast0", "fast1", "vara_a1", "vara_b1")}
    innstilling = votering.foreslaa(ms, ps1, type="IN", tekst="Budsjettet vedtas.")
    alternativ = votering.foreslaa(ms, ps1, type="AL", tekst="Budsjettet sendes tilbake.",
                                   parti=seat["vara_b1"].parti)  # fmt: skip
    votering.stem(ms, ps1, forslag=alternativ, stemmer=alle | {seat["fast0"].pk: "M",
                  seat["fast1"].pk: "M", seat["vara_a1"].pk: "M"})  # fmt: skip
    votering.stem(ms, ps1, forslag=innstilling, stemmer=alle)
    resultat.avgjor(ms, ps1, resultat="VS")
    frammote.endre(ms, ps2, medlem=seat["fast1"], type="IH", avgjort_av="Utvalget",
                   hjemmel="Fvl. § 6 første ledd bokstav a")  # fmt: skip
    i_ps2 = {k: v for k, v in alle.items() if k != seat["fast1"].pk}
    hemmelig = votering.foreslaa(ms, ps2, type="IN", tekst=f"{CANARY} tilsettes.")
    votering.stem(ms, ps2, forslag=hemmelig, stemmer=i_ps2)
    resultat.avgjor(ms, ps2, resultat="VS", lukket=True,
                    lukket_hjemmel="Kommuneloven § 11-5 andre ledd bokstav a")  # fmt: skip
    resultat.avgjor(ms, ps3, resultat="VE", vedtak=f"<p>Tilskudd til {CANARY} innvilges.</p>")

    full = _tekst(protokoll.bygg(moetet, offentlig=False))
    for innhold in (
        "Møteprotokoll – Formannskapet 14.03.2030",
        "Fast Medlem0 (AP), leder",
        "Vara vara_a1 (AP) for Fast Medlem2",
        "Forslaget fra H falt med 1 mot 3 stemmer.",
        "AP: 0 for, 3 mot",
        "Innstillingen ble enstemmig vedtatt.",
        "Budsjettet vedtas.",
        f"Skole {CANARY}",
        f"{CANARY} tilsettes.",
        "Fast Medlem1: erklært inhabil (Fvl. § 6 første ledd bokstav a; avgjort av Utvalget)",
        "Behandlet for lukkede dører, jf. Kommuneloven § 11-5 andre ledd bokstav a.",
        f"Tilskudd til {CANARY} innvilges.",
    ):
        assert innhold in full, innhold  # fmt: skip
    offentlig = _tekst(protokoll.bygg(moetet, offentlig=True))
    assert CANARY not in offentlig
    for innhold in (
        "Offentlig møteprotokoll",
        "Skole *****",
        "Saken er unntatt offentlighet",
        "Behandlet for lukkede dører, jf. Kommuneloven § 11-5 andre ledd bokstav a.",
        "Vedtaket er unntatt offentlighet, jf. Offl. § 13 jf. fvl. § 13.",
        "Innstillingen ble enstemmig vedtatt.",
    ):
        assert innhold in offentlig, innhold  # fmt: skip


def test_the_secretary_previews_the_minutes_she_may_read(client, login, personas, i_gang):  # noqa: F811
    from django.urls import reverse

    from saksarkiv.models import Klarering

    moetet, _seat, _ps1 = i_gang
    ps2 = [p for p in sakskart.aktive(moetet) if p.behandling_id][1]
    Journalpost.objects.filter(pk=ps2.behandling.journalpost_id).update(
        tittel=f"Skole {CANARY}", offentlig_tittel="Skole *****", tilgangskode_id="P",
        skjermingshjemmel="Offl. § 25")  # fmt: skip
    url = reverse("utvalg:forhandsvis_protokoll", args=[moetet.pk])
    login(personas.motesekretaer)
    assert client.get(url).status_code == 403
    svar = client.get(url + "?versjon=offentlig")
    assert svar.status_code == 200 and CANARY not in _tekst(svar.content)
    Klarering.objects.create(person=personas.motesekretaer, tilgangskode_id="P")
    assert CANARY in _tekst(client.get(url).content)
    login(personas.saksbehandler)
    assert client.get(url + "?versjon=offentlig").status_code == 403


def test_the_public_minutes_leave_out_a_protected_decisions_proposals_and_edited_phrase(
    personas,
    i_gang,  # noqa: F811
):
    from utvalg import protokollforing

    moetet, seat, _ps1 = i_gang
    ms = personas.motesekretaer
    _ps1, ps2, ps3 = [p for p in sakskart.aktive(moetet) if p.behandling_id]
    Behandling.objects.filter(pk=ps3.behandling_id).update(
        tilgangskode_id="U", skjermingshjemmel="Offl. § 13 jf. fvl. § 13")  # fmt: skip
    Journalpost.objects.filter(pk=ps2.behandling.journalpost_id).update(
        tilgangskode_id="P", skjermingshjemmel="Offl. § 25", offentlig_tittel="Skole *****"
    )
    alle = {seat[n].pk: "F" for n in ("fast0", "fast1", "vara_a1", "vara_b1")}
    forslag = votering.foreslaa(ms, ps3, type="IN", tekst=f"Tilskudd til {CANARY}.")
    votering.stem(ms, ps3, forslag=forslag, stemmer=alle)
    v = ps3.voteringer.get()
    protokollforing.rediger(ms, ps3, setninger={v.pk: f"Tilskuddet til {CANARY} ble vedtatt."})
    frammote.endre(ms, ps2, medlem=seat["fast1"], type="IH", avgjort_av="Utvalget",
                   hjemmel=f"Fvl. § 6 – {CANARY}")  # fmt: skip
    offentlig = _tekst(protokoll.bygg(moetet, offentlig=True))
    assert CANARY not in offentlig and "Innstillingen ble enstemmig vedtatt." in offentlig
    full = _tekst(protokoll.bygg(moetet, offentlig=False))
    assert f"Tilskuddet til {CANARY} ble vedtatt." in full and f"Fvl. § 6 – {CANARY}" in full

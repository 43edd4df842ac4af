"""Proposals and votes (issue 18, items 2–3): proposals by members or a party group, the
duty to vote for everyone present, blank votes only in elections, totals that add up,
party lines with those who split named, the chair's casting vote in a tie (not in
elections), and secret ballots as counts."""

import pytest

from saksarkiv.services import DomainError, IkkeTilgang
from tests.utvalg.test_frammote import motet  # noqa: F401 - the fixture
from utvalg import frammote, votering
from utvalg.models import Frammote, Parti

pytestmark = pytest.mark.django_db


@pytest.fixture
def i_gang(personas, motet):  # noqa: F811
    """The roll call done: at PS 2 the leader, two members (AP) and the substitute for the
    absent member are present; a member of H (the substitute from list B) came too."""
    moetet, seat, punkter = motet
    ms = personas.motesekretaer
    frammote.start_opprop(ms, moetet)
    frammote.sett_status(ms, Frammote.objects.get(mote=moetet, medlem=seat["fast3"]), "I")
    frammote.vara_motte(ms, moetet, vara=seat["vara_b1"], for_medlem=seat["fast3"])
    return moetet, seat, punkter[0]


def _stemmer(seat, **navn):
    return {seat[n].pk: v for n, v in navn.items()}


def test_proposals_are_made_by_members_or_a_party_group_and_fixed_once_voted(personas, i_gang):
    _moetet, seat, punkt = i_gang
    ms = personas.motesekretaer
    with pytest.raises(DomainError, match="Skriv forslaget"):
        votering.foreslaa(ms, punkt, type="IN")  # the draft has no written recommendation
    innstilling = votering.foreslaa(ms, punkt, type="IN", tekst="Budsjettet vedtas.")
    with pytest.raises(DomainError, match="allerede innstillingen"):
        votering.foreslaa(ms, punkt, type="IN", tekst="Igjen")
    with pytest.raises(DomainError, match="hvem som fremmet") as error:
        votering.foreslaa(ms, punkt, type="AL", tekst="Budsjettet sendes tilbake.")
    assert error.value.field == "fremmet_av"
    hoyre = Parti.objects.get(kode="H")
    alternativ = votering.foreslaa(ms, punkt, type="AL", tekst="Budsjettet sendes tilbake.",
                                   parti=hoyre)  # fmt: skip
    felles = votering.foreslaa(ms, punkt, type="TI", tekst="<p>Rådmannen <script>x</script>"
                               "utreder gratis SFO.</p>",
                               fremmet_av=[seat["fast1"], seat["vara_b1"]])  # fmt: skip
    assert "<script>" not in felles.tekst and set(felles.fremmet_av.all()) == {
        seat["fast1"], seat["vara_b1"]}  # fmt: skip
    votering.endre_forslag(ms, alternativ, "Budsjettet sendes tilbake til rådmannen.")
    stemmer = _stemmer(seat, fast0="F", fast1="F", vara_a1="F", vara_b1="M")
    votering.stem(ms, punkt, forslag=innstilling, mot_forslag=alternativ, stemmer=stemmer)
    for forslag in (innstilling, alternativ):
        with pytest.raises(DomainError, match="stemt over"):
            votering.endre_forslag(ms, forslag, "Nytt")
    with pytest.raises(IkkeTilgang):
        votering.foreslaa(personas.saksbehandler, punkt, type="TI", tekst="x", parti=hoyre)


def test_everyone_present_votes_and_the_totals_and_party_lines_add_up(personas, i_gang):
    _moetet, seat, punkt = i_gang
    ms = personas.motesekretaer
    forslag = votering.foreslaa(ms, punkt, type="IN", tekst="Budsjettet vedtas.")
    with pytest.raises(DomainError, match="mangler stemme fra Vara vara_b1"):
        votering.stem(ms, punkt, forslag=forslag,
                      stemmer=_stemmer(seat, fast0="F", fast1="F", vara_a1="M"))  # fmt: skip
    with pytest.raises(DomainError, match="Bare medlemmer til stede"):
        votering.stem(ms, punkt, forslag=forslag, stemmer=_stemmer(
            seat, fast0="F", fast1="F", vara_a1="M", vara_b1="M", fast2="F"))  # fmt: skip
    with pytest.raises(DomainError, match="Blank stemme kan bare gis ved valg"):
        votering.stem(ms, punkt, forslag=forslag, stemmer=_stemmer(
            seat, fast0="F", fast1="F", vara_a1="B", vara_b1="M"))  # fmt: skip
    v = votering.stem(ms, punkt, forslag=forslag, stemmer=_stemmer(
        seat, fast0="F", fast1="F", vara_a1="M", vara_b1="M", ))  # fmt: skip
    # 2–2: the chair (the leader, present) voted for, so it carries.
    assert (v.for_antall, v.mot_antall, v.resultat, v.dobbeltstemme) == (2, 2, "V", True)
    (ap, h) = votering.partilinjer(v)
    assert (ap.parti, ap.for_antall, ap.mot_antall) == ("AP", 2, 1)
    assert ap.avvikere == [("Vara vara_a1", "mot")]
    assert (h.parti, h.mot_antall, h.avvikere) == ("H", 1, [])


def test_elections_allow_blank_votes_and_secret_ballots_and_a_tie_stands(personas, i_gang):
    _moetet, seat, punkt = i_gang
    ms = personas.motesekretaer
    kandidat = votering.foreslaa(ms, punkt, type="AL", tekst="Kari Nordmann velges.",
                                 fremmet_av=[seat["fast1"]])  # fmt: skip
    with pytest.raises(DomainError, match="bare ved valg"):
        votering.stem(ms, punkt, forslag=kandidat, hemmelig=True, antall=(2, 2, 0))
    v = votering.stem(ms, punkt, forslag=kandidat, valg=True, stemmer=_stemmer(
        seat, fast0="F", fast1="B", vara_a1="M", vara_b1="B"))  # fmt: skip
    assert (v.for_antall, v.mot_antall, v.blank_antall, v.resultat) == (1, 1, 2, "U")
    assert not v.dobbeltstemme  # no casting vote in elections: the lot decides
    with pytest.raises(DomainError, match="må gå opp i antallet til stede \\(4\\)"):
        votering.stem(ms, punkt, forslag=kandidat, valg=True, hemmelig=True, antall=(2, 1, 0))
    hemmelig = votering.stem(ms, punkt, forslag=kandidat, valg=True, hemmelig=True,
                             antall=(3, 1, 0))  # fmt: skip
    assert hemmelig.resultat == "V" and not hemmelig.stemmer.exists()
    assert votering.partilinjer(hemmelig) == []
    assert [x.rekkefolge for x in punkt.voteringer.all()] == [1, 2]


def test_each_item_ends_with_a_result_and_a_postponed_one_waits_in_the_queue_again(
    personas, i_gang
):
    from tests.utvalg.motehjelp import mote
    from utvalg import koliste, resultat, sakskart

    moetet, seat, punkt = i_gang
    ms = personas.motesekretaer
    votering.foreslaa(ms, punkt, type="IN", tekst="<p>Budsjettet vedtas.</p>")
    with pytest.raises(DomainError, match="nøyaktige hjemmelen") as error:
        resultat.avgjor(ms, punkt, resultat="VS", lukket=True)
    assert error.value.field == "lukket_hjemmel"
    ferdig = resultat.avgjor(ms, punkt, resultat="VS", lukket=True,
                             lukket_hjemmel="Kommuneloven § 11-5 andre ledd bokstav a")  # fmt: skip
    assert ferdig.vedtak == "<p>Budsjettet vedtas.</p>" and ferdig.lukket
    (ps2, ps3) = [p for p in sakskart.aktive(moetet) if p.behandling_id][1:]
    with pytest.raises(DomainError, match="Skriv vedtaket"):
        resultat.avgjor(ms, ps2, resultat="VE")
    # Postponed: back in the queue, its history kept here; it can go on the next agenda.
    resultat.avgjor(ms, ps3, resultat="UT", vedtak="Saken utsettes til neste møte.")
    assert koliste.i_koen(moetet.utvalg).filter(pk=ps3.behandling_id).exists()
    assert not koliste.i_koen(moetet.utvalg).filter(pk=punkt.behandling_id).exists()
    neste = mote(personas, moetet.utvalg, moetet.dato.replace(month=moetet.dato.month + 1))
    (igjen,) = sakskart.sett_pa(ms, neste, [ps3.behandling_id])
    assert igjen.behandling_id == ps3.behandling_id
    assert ps3.__class__.objects.get(pk=ps3.pk).resultat == "UT"  # the history stays
    with pytest.raises(IkkeTilgang):
        resultat.avgjor(personas.saksbehandler, ps2, resultat="UT")


def test_the_secretary_treats_an_item_on_its_page(client, login, personas, i_gang):
    from django.urls import reverse

    moetet, seat, punkt = i_gang
    login(personas.motesekretaer)
    url = reverse("utvalg:behandling_i_mote", args=[punkt.pk])
    side = client.get(url).content.decode()
    assert "4 med stemmerett" in side
    svar = client.post(reverse("utvalg:nytt_forslag", args=[punkt.pk]),
                       {"forslag-type": "IN", "forslag-tekst": "Budsjettet vedtas."})  # fmt: skip
    assert svar.status_code == 302
    data = {"forslag-type": "AL", "forslag-tekst": "Budsjettet sendes tilbake."}
    svar = client.post(reverse("utvalg:nytt_forslag", args=[punkt.pk]), data)
    assert svar.status_code == 400 and "Oppgi hvem som fremmet forslaget" in svar.content.decode()
    data["forslag-parti"] = seat["vara_b1"].parti_id
    client.post(reverse("utvalg:nytt_forslag", args=[punkt.pk]), data)
    innstilling, alternativ = punkt.forslag.all()
    stemmer = {f"stemme-{seat[n].pk}": "F" for n in ("fast0", "fast1", "vara_a1")}
    mot = {"forslag": innstilling.pk, "mot_forslag": alternativ.pk}
    svar = client.post(reverse("utvalg:ny_votering", args=[punkt.pk]), mot | stemmer)
    assert svar.status_code == 400 and "mangler stemme fra Vara vara_b1" in svar.content.decode()
    stemmer[f"stemme-{seat['vara_b1'].pk}"] = "M"
    client.post(reverse("utvalg:ny_votering", args=[punkt.pk]), mot | stemmer)
    side = client.get(url).content.decode()
    assert "Vedtatt med 3 mot 1 stemmer" in side and "H: 0 for, 1 mot" in side
    svar = client.post(reverse("utvalg:avgjor", args=[punkt.pk]),
                       {"resultat-resultat": "VS", "resultat-lukket": "on"})  # fmt: skip
    assert (
        svar.status_code == 400 and 'id="id_resultat-lukket_hjemmel_error"' in svar.content.decode()
    )
    svar = client.post(reverse("utvalg:avgjor", args=[punkt.pk]), {"resultat-resultat": "VS"})
    assert svar.status_code == 302
    assert (
        "Vedtatt som innstilt"
        in client.get(reverse("utvalg:mote", args=[moetet.pk])).content.decode()
    )
    login(personas.saksbehandler)
    assert client.get(url).status_code == 403

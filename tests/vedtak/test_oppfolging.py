"""Decision follow-up (issue 19, items 1–4): registering follow-up with several caseworkers,
the lines reaching their lists when the minutes are approved, the status rules (iverksatt
needs the date, bortfalt a reason, forsinket derived, a deadline change logged), and who may
do what: the caseworker, their leader and deputy — no one else."""

import datetime as dt

import pytest
from django.utils import timezone

from saksarkiv.models import Endringslogg
from saksarkiv.services import DomainError, IkkeTilgang
from tests.utvalg.test_frammote import motet  # noqa: F401 - the fixture
from tests.utvalg.test_protokollforing import behandlet  # noqa: F401 - the fixture
from tests.utvalg.test_votering import i_gang  # noqa: F401 - the fixture
from utvalg import protokollforing
from utvalg.models import Sakskartpunkt, Utvalg
from vedtak import services
from vedtak.models import Oppfolgingslinje

pytestmark = pytest.mark.django_db


def _godkjenn(personas, moetet):
    protokollforing.publiser_protokoll(personas.motesekretaer, moetet)
    Utvalg.objects.filter(pk=moetet.utvalg_id).update(protokoll_av_leder=True)
    moetet.utvalg.refresh_from_db()
    protokollforing.godkjenn_av_leder(personas.motesekretaer, moetet)


@pytest.fixture
def fulgt(personas, behandlet):  # noqa: F811
    """Follow-up of PS 2 with two caseworkers (own unit and the other unit)."""
    moetet, _seat, ps1 = behandlet
    idag = timezone.localdate()
    oppfolging = services.registrer(
        personas.motesekretaer, ps1, frist=idag + dt.timedelta(days=30), fristtype="U",
        saksbehandlere=[personas.saksbehandler, personas.saksbehandler_annen],
        merknad="Rapporter til formannskapet",
    )  # fmt: skip
    return moetet, ps1, oppfolging


def test_follow_up_is_registered_by_the_secretary_and_reaches_the_lists_with_the_minutes(
    personas, fulgt
):
    moetet, ps1, oppfolging = fulgt
    assert oppfolging.linjer.count() == 2
    linje = oppfolging.linjer.get(saksbehandler=personas.saksbehandler)
    assert linje.status == "IP" and linje.administrativ_enhet.pk
    # Not before the minutes are approved.
    assert not services.mine(personas.saksbehandler).exists()
    with pytest.raises(DomainError, match="når protokollen er godkjent"):
        services.oppdater(personas.saksbehandler, linje, status="UA")
    _godkjenn(personas, moetet)
    assert list(services.mine(personas.saksbehandler)) == [linje]
    assert services.mine(personas.saksbehandler_annen).count() == 1
    # The leader of the caseworker's unit sees it, the deputy too; a caseworker does not.
    assert linje in services.for_leder(personas.leder)
    assert linje in services.for_leder(personas.stedfortreder)
    assert not services.for_leder(personas.saksbehandler).exists()
    # Only the secretary and the chief executive register; only decided cases.
    for hvem in (personas.saksbehandler, personas.leder, personas.politiker):
        with pytest.raises(IkkeTilgang):
            services.registrer(hvem, ps1, frist=timezone.localdate(), fristtype="E",
                               saksbehandlere=[personas.saksbehandler])  # fmt: skip
    utsatt = Sakskartpunkt.objects.get(mote=moetet, resultat="UT")
    with pytest.raises(DomainError, match="ikke vedtatt"):
        services.registrer(personas.radmann, utsatt, frist=timezone.localdate(), fristtype="E",
                           saksbehandlere=[personas.saksbehandler])  # fmt: skip
    with pytest.raises(DomainError, match="allerede ansvarlig"):
        services.ny_linje(personas.motesekretaer, oppfolging, personas.saksbehandler)
    with pytest.raises(DomainError, match="minst én"):
        services.registrer(personas.radmann, ps1, frist=timezone.localdate(), fristtype="E",
                           saksbehandlere=[])  # fmt: skip


def test_the_status_rules(personas, fulgt):
    moetet, _ps1, oppfolging = fulgt
    _godkjenn(personas, moetet)
    sb = personas.saksbehandler
    linje = oppfolging.linjer.get(saksbehandler=sb)
    idag = timezone.localdate()
    services.oppdater(sb, linje, status="UA", hva_er_gjort="Avtale inngått.",
                      videre_framdrift="Oppstart i neste måned.")  # fmt: skip
    with pytest.raises(DomainError, match="datoen") as error:
        services.oppdater(sb, linje, status="IV")
    assert error.value.field == "utfort"
    with pytest.raises(DomainError, match="fram i tid"):
        services.oppdater(sb, linje, status="IV", utfort=idag + dt.timedelta(days=1))
    with pytest.raises(DomainError, match="hvorfor") as error:
        services.oppdater(sb, linje, status="BF")
    assert error.value.field == "bortfalt_grunn"
    services.oppdater(sb, linje, status="IV", utfort=idag, hva_er_gjort="Iverksatt.")
    linje.refresh_from_db()
    assert (linje.status, linje.utfort) == ("IV", idag)
    logg = Endringslogg.objects.filter(objekt_id=str(linje.pk), handling="oppfølging oppdatert")
    assert logg.count() == 2 and "status" in logg.latest("tidspunkt").endringer
    # Another caseworker may not; the other caseworker's own line is theirs.
    annen = oppfolging.linjer.get(saksbehandler=personas.saksbehandler_annen)
    with pytest.raises(IkkeTilgang):
        services.oppdater(sb, annen, status="UA")
    services.oppdater(personas.saksbehandler_annen, annen, status="BF",
                      bortfalt_grunn="Bortfalt etter nytt vedtak.")  # fmt: skip


def test_late_is_derived_from_the_deadline_and_a_deadline_change_is_logged(personas, fulgt):
    moetet, _ps1, oppfolging = fulgt
    _godkjenn(personas, moetet)
    linje = oppfolging.linjer.get(saksbehandler=personas.saksbehandler)
    idag = timezone.localdate()
    assert not linje.forsinket()
    assert linje.forsinket(idag + dt.timedelta(days=31))
    assert not services.mine(personas.saksbehandler).filter(services.forsinket_q()).exists()
    with pytest.raises(DomainError, match="hvorfor") as error:
        services.endre_frist(personas.motesekretaer, oppfolging, frist=idag, grunn="")
    assert error.value.field == "grunn"
    with pytest.raises(IkkeTilgang):
        services.endre_frist(personas.saksbehandler, oppfolging, frist=idag, grunn="Travelt")
    services.endre_frist(personas.motesekretaer, oppfolging, frist=idag - dt.timedelta(days=1),
                         grunn="Utvalget ba om raskere svar")  # fmt: skip
    assert services.mine(personas.saksbehandler).filter(services.forsinket_q()).exists()
    logg = Endringslogg.objects.get(objekt_id=str(oppfolging.pk), handling="frist endret")
    assert logg.beskrivelse == "Utvalget ba om raskere svar"
    assert logg.endringer["frist"]["for"] == (idag + dt.timedelta(days=30)).isoformat()
    # Done in time is not late, whatever the date.
    services.oppdater(personas.saksbehandler, linje, status="IV", utfort=idag)
    assert not Oppfolgingslinje.objects.get(pk=linje.pk).forsinket()

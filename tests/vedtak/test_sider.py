"""Decision follow-up in the browser's pages (issue 19): the secretary registers follow-up
from the meeting item's page, errors beside the field; the caseworker's and the leader's
lists (a fixed number of queries, the screened title); a line updated on its page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from journal.models import Journalpost
from tests.conftest import CANARY
from tests.utvalg.test_frammote import motet  # noqa: F401 - the fixture
from tests.utvalg.test_protokollforing import behandlet  # noqa: F401 - the fixture
from tests.utvalg.test_votering import i_gang  # noqa: F401 - the fixture
from tests.vedtak.test_oppfolging import _godkjenn
from vedtak.models import Oppfolging

pytestmark = pytest.mark.django_db


def test_the_secretary_registers_follow_up_and_the_caseworker_completes_it(
    client,
    personas,
    behandlet,  # noqa: F811
    django_assert_max_num_queries,
):
    moetet, _seat, ps1 = behandlet
    ms, sb = personas.motesekretaer, personas.saksbehandler
    client.force_login(ms)
    side = client.get(reverse("utvalg:behandling_i_mote", args=[ps1.pk])).content.decode()
    assert "Registrer vedtaksoppfølging" in side
    # The decisions waiting for follow-up, the way in for the chief executive too.
    for hvem in (ms, personas.radmann):
        client.force_login(hvem)
        side = client.get(reverse("vedtak:uten_oppfolging")).content.decode()
        assert ps1.saksnummer in side and reverse("vedtak:punkt", args=[ps1.pk]) in side
    client.force_login(sb)
    assert client.get(reverse("vedtak:uten_oppfolging")).status_code == 403
    client.force_login(ms)
    url = reverse("vedtak:punkt", args=[ps1.pk])
    svar = client.post(url, {"oppfolging-frist": "", "oppfolging-fristtype": "U"})
    assert svar.status_code == 400 and "Feltet er påkrevet." in svar.content.decode()
    frist = timezone.localdate() + dt.timedelta(days=20)
    svar = client.post(url, {"oppfolging-frist": frist.isoformat(), "oppfolging-fristtype": "U",
                             "oppfolging-saksbehandlere": [sb.pk, personas.saksbehandler_annen.pk],
                             "oppfolging-merknad": "Gi beskjed til formannskapet"})  # fmt: skip
    assert svar.status_code == 302
    oppfolging = Oppfolging.objects.get(punkt=ps1)
    assert oppfolging.linjer.count() == 2
    assert ps1.saksnummer not in client.get(reverse("vedtak:uten_oppfolging")).content.decode()
    # The deadline moved (the reason beside its field when missing); a third caseworker added.
    flytt = reverse("vedtak:frist", args=[oppfolging.pk])
    ny = (frist + dt.timedelta(days=7)).isoformat()
    svar = client.post(flytt, {"frist-frist": ny, "frist-grunn": ""})
    assert svar.status_code == 400 and 'id="id_frist-grunn"' in svar.content.decode()
    assert (
        client.post(flytt, {"frist-frist": ny, "frist-grunn": "Ventet på svar"}).status_code == 302
    )
    svar = client.post(reverse("vedtak:ny_linje", args=[oppfolging.pk]),
                       {"linje-saksbehandler": sb.pk})  # fmt: skip
    assert svar.status_code == 409 and "allerede ansvarlig" in svar.content.decode()
    _godkjenn(personas, moetet)

    # The caseworker's list and tile.
    client.force_login(sb)
    liste = reverse("vedtak:mine")
    client.get(liste)
    with django_assert_max_num_queries(10):
        side = client.get(liste).content.decode()
    assert ps1.saksnummer in side and "Ikke påbegynt" in side
    assert "Vedtak for oppfølging" in client.get(reverse("arbeidsbord")).content.decode()
    linje = oppfolging.linjer.get(saksbehandler=sb)
    url = reverse("vedtak:linje", args=[linje.pk])
    svar = client.post(url, {"status": "IV", "hva_er_gjort": "Avtalen er signert."})
    assert (
        svar.status_code == 400 and "Oppgi datoen vedtaket ble iverksatt." in svar.content.decode()
    )
    assert 'aria-invalid="true"' in svar.content.decode()
    svar = client.post(url, {"status": "IV", "utfort": timezone.localdate().isoformat(),
                             "hva_er_gjort": "Avtalen er signert."})  # fmt: skip
    assert svar.status_code == 302
    linje.refresh_from_db()
    assert linje.status == "IV"
    # Another caseworker may neither see nor change it.
    client.force_login(personas.saksbehandler_annen)
    assert client.get(url).status_code == 403
    # The leader sees both lines of the units they lead.
    client.force_login(personas.leder)
    side = client.get(reverse("vedtak:enhet")).content.decode()
    assert "Iverksatt" in side and sb.get_full_name() in side


def test_the_lists_show_an_exempt_decision_by_its_public_title(client, personas, behandlet):  # noqa: F811
    moetet, _seat, _ps1 = behandlet
    from utvalg.models import Sakskartpunkt
    from vedtak import services

    ps2 = Sakskartpunkt.objects.get(mote=moetet, nummer=3)  # exempt, the canary in its title
    services.registrer(personas.motesekretaer, ps2, frist=timezone.localdate(), fristtype="E",
                       saksbehandlere=[personas.saksbehandler_annen])  # fmt: skip
    _godkjenn(personas, moetet)
    assert Journalpost.objects.get(pk=ps2.behandling.journalpost_id).tilgangskode_id == "P"
    client.force_login(personas.saksbehandler_annen)
    side = client.get(reverse("vedtak:mine")).content.decode()
    assert "Skole *****" in side and CANARY not in side

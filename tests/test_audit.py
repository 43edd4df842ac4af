"""The audit log: services and the admin write it; archive staff read it, screened. Its
times are shown and filtered by the day in Oslo."""

import datetime
import html
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from saksarkiv import audit, services
from saksarkiv.models import AdministrativEnhet, Endringslogg, Klarering, Rolle
from tests.conftest import CANARY
from tests.factories import BrukerFactory

pytestmark = pytest.mark.django_db


def entries_for(obj):
    return audit.history(obj).order_by("tidspunkt", "id")


def test_granting_a_role_is_logged_with_actor_and_after_values(personas, org):
    role = services.grant_role(
        personas.arkiv, personas.saksbehandler_annen, org.enhet_a, "SB", standard=False
    )
    entry = entries_for(role).get()
    assert entry.handling == "opprettet"
    assert entry.aktor == personas.arkiv
    assert entry.aktor_navn == personas.arkiv.get_full_name()
    assert entry.endringer["rolle"] == {"for": None, "etter": "SB"}


def test_changing_a_role_logs_before_and_after(personas, org):
    role = services.grant_role(None, personas.politiker, org.enhet_a, "SB")
    services.grant_role(
        personas.arkiv, personas.politiker, org.enhet_a, "SB", gyldig_til=role.gyldig_fra
    )
    change = entries_for(role).last()
    assert change.handling == "endret"
    assert change.endringer == {"gyldig_til": {"for": None, "etter": role.gyldig_fra.isoformat()}}


def test_refused_change_writes_nothing(personas, org):
    with pytest.raises(services.DomainError) as error:
        services.grant_clearance(
            personas.arkiv,
            personas.saksbehandler,
            "P",
            gyldig_fra=datetime.date(2026, 5, 1),
            gyldig_til=datetime.date(2026, 4, 1),
        )
    assert "Gyldig til" in error.value.message
    assert not Klarering.objects.filter(person=personas.saksbehandler, tilgangskode="P").exists()
    assert not Endringslogg.objects.filter(
        content_type=ContentType.objects.get_for_model(Klarering)
    ).exists()


def test_clearance_for_an_unknown_code_is_refused(personas):
    with pytest.raises(services.DomainError):
        services.grant_clearance(personas.arkiv, personas.saksbehandler, "ZZ")


def test_ending_a_clearance_keeps_it_on_record(personas):
    clearance = services.grant_clearance(personas.arkiv, personas.saksbehandler, "P")
    services.end_clearance(personas.arkiv, clearance)
    clearance.refresh_from_db()
    assert clearance.gyldig_til is not None
    assert [e.handling for e in entries_for(clearance)] == ["opprettet", "endret"]


def test_request_id_of_a_web_request_is_stored(client, personas, org):
    admin = BrukerFactory(username="sysadmin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    url = reverse("admin:saksarkiv_tilgangskode_change", args=["U"])
    response = client.post(
        url,
        {
            "navn": "Unntatt offentlighet",
            "hjemmel": "Offl. § 13 (endret)",
            "beskrivelse": "",
            "aktiv": "on",
            "rekkefolge": "20",
        },
        headers={"X-Request-ID": "test-request-0001"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = Endringslogg.objects.get(handling="endret", objekt_id="U")
    assert entry.request_id == "test-request-0001"
    assert entry.aktor == admin
    assert entry.endringer["hjemmel"]["etter"] == "Offl. § 13 (endret)"


@pytest.mark.datofolsom
def test_admin_edits_of_people_and_their_roles_are_logged(client, personas, org, klokke):
    idag = klokke.dag.strftime("%d.%m.%Y")
    admin = BrukerFactory(username="sysadmin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    person = personas.politiker
    url = reverse("admin:saksarkiv_bruker_change", args=[person.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = {
        "username": person.username,
        "first_name": "Endret",
        "last_name": person.last_name,
        "email": person.email,
        "is_active": "on",
        "initialer": "",
        "stilling": "Politiker",
        "telefon": "",
        "sprak": "nb",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": idag,
        "date_joined_1": "08:00:00",
        "roller-TOTAL_FORMS": "1",
        "roller-INITIAL_FORMS": "0",
        "roller-MIN_NUM_FORMS": "0",
        "roller-MAX_NUM_FORMS": "1000",
        "roller-0-enhet": str(org.enhet_b.pk),
        "roller-0-rolle": "SB",
        "roller-0-gyldig_fra": idag,
        "roller-0-gyldig_til": "",
        "klareringer-TOTAL_FORMS": "0",
        "klareringer-INITIAL_FORMS": "0",
        "klareringer-MIN_NUM_FORMS": "0",
        "klareringer-MAX_NUM_FORMS": "1000",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    person.refresh_from_db()
    assert person.first_name == "Endret"
    person_entry = entries_for(person).get(handling="endret")
    assert person_entry.endringer["first_name"]["etter"] == "Endret"
    role = Rolle.objects.get(person=person)
    assert role.gyldig_fra == klokke.dag
    assert entries_for(role).get().handling == "opprettet"


def test_unit_created_in_admin_is_logged(client, org):
    admin = BrukerFactory(username="sysadmin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.post(
        reverse("admin:saksarkiv_administrativenhet_add"),
        {
            "kode": "NY",
            "navn": "Ny avdeling",
            "epost": "",
            "aktiv": "on",
            "treebeard_position": "sorted-child",
            "treebeard_ref_node": str(org.sektor_a.pk),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    unit = AdministrativEnhet.objects.get(kode="NY")
    assert unit.path.startswith(org.sektor_a.path) and unit.depth == org.sektor_a.depth + 1
    assert entries_for(unit).get().handling == "opprettet"


def test_log_page_is_for_archive_staff_only(client, personas):
    for name, user in personas.all().items():
        client.force_login(user)
        status = client.get(reverse("endringslogg")).status_code
        assert status == (200 if name == "arkiv" else 403), name
    client.logout()
    assert client.get(reverse("endringslogg")).status_code == 302


def test_log_page_hides_entries_about_restricted_objects(client, personas, org):
    audit.record(
        personas.klarert_u,
        org.enhet_b,
        "endret",
        objekt_tekst="Sak 2026/17",
        endringer={"tittel": {"for": f"Om {CANARY}", "etter": "x"}},
        tilgangskode_id="U",
        enhet_id=org.enhet_b.pk,
    )
    audit.record(personas.klarert_u, org.enhet_a, "endret", beskrivelse="Synlig endring")
    client.force_login(personas.arkiv)
    body = client.get(reverse("endringslogg")).content.decode()
    assert "Synlig endring" in body
    assert CANARY not in body
    assert "Sak 2026/17" not in body


def test_log_page_filters_and_counts_queries(client, personas, org, django_assert_max_num_queries):
    for i in range(60):
        audit.record(personas.leder, org.enhet_a, "endret", beskrivelse=f"Endring nr {i}")
    audit.record(personas.leder, org.enhet_b, "opprettet", beskrivelse="Spesiell")
    client.force_login(personas.arkiv)
    client.get(reverse("endringslogg"))  # warm the session
    with django_assert_max_num_queries(9):
        response = client.get(reverse("endringslogg"))
    body = response.content.decode()
    assert "61 oppføringer, viser 1–50" in body and "Endring nr 59" in body
    filtered = client.get(reverse("endringslogg"), {"sok": "Spesiell"}).content.decode()
    assert "1 oppføring" in filtered and "Endring nr" not in filtered
    # Keyset pages (issue 14): «Neste 50» carries the last entry's (tidspunkt, id).
    neste = re.search(r'href="\?([^"]*etter=[^"]*)" rel="next"', body)[1]
    with django_assert_max_num_queries(9):
        second = client.get(reverse("endringslogg") + "?" + html.unescape(neste))
    second = second.content.decode()
    assert "61 oppføringer, viser 51–61" in second and "Første side" in second
    assert "Endring nr 0</small>" in second
    assert "Endring nr 59" not in second


def test_log_filter_with_bad_date_gives_a_message_not_an_error(client, personas):
    client.force_login(personas.arkiv)
    response = client.get(reverse("endringslogg"), {"fra": "31.02.2026"})
    assert response.status_code == 200
    assert "Oppgi en gyldig dato" in response.content.decode()


def test_htmx_request_gets_only_the_table(client, personas, org):
    audit.record(personas.leder, org.enhet_a, "endret", beskrivelse="Delvis")
    client.force_login(personas.arkiv)
    response = client.get(reverse("endringslogg"), headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "Delvis" in body and "<html" not in body


@pytest.mark.datofolsom
def test_log_page_shows_field_labels_and_norwegian_dates(client, personas, org, klokke):
    services.grant_clearance(personas.arkiv, personas.saksbehandler, "P")
    client.force_login(personas.arkiv)
    body = client.get(reverse("endringslogg")).content.decode()
    assert "<dt>Gyldig fra</dt>" in body and "<dt>Tilgangskode</dt>" in body
    assert klokke.dag.strftime("%d.%m.%Y") in body  # today in Oslo, also just after midnight
    assert "{#" not in body


@pytest.mark.datofolsom
def test_log_filter_by_day_takes_the_day_in_oslo(client, personas, org, klokke):
    audit.record(personas.leder, org.enhet_a, "endret", beskrivelse="Endret akkurat nå")
    client.force_login(personas.arkiv)

    def vises(dag: datetime.date) -> bool:
        params = {"fra": dag.isoformat(), "til": dag.isoformat()}
        response = client.get(reverse("endringslogg"), params)
        assert response.status_code == 200
        return "Endret akkurat nå" in response.content.decode()

    en_dag = datetime.timedelta(days=1)
    assert vises(klokke.dag)
    assert not vises(klokke.dag - en_dag) and not vises(klokke.dag + en_dag)


def test_entries_take_the_access_code_of_restricted_objects(personas, org):
    from tests.accessapp.models import Mappe, Registrering

    case = Mappe.objects.create(tittel="x", tilgangskode_id="P", enhet=org.enhet_b)
    post = Registrering.objects.create(
        mappe=case, tittel="y", tilgangskode_id="U", enhet=org.enhet_a
    )
    case_entry = audit.record_created(personas.arkiv, case)
    post_entry = audit.record(personas.arkiv, post, "endret")
    assert (case_entry.tilgangskode_id, case_entry.enhet_id) == ("P", org.enhet_b.pk)
    assert (post_entry.tilgangskode_id, post_entry.enhet_id) == ("U", org.enhet_a.pk)
    assert audit.record(personas.arkiv, org.enhet_a, "endret").tilgangskode_id is None


@pytest.mark.klokke("2027-01-01T00:30")
def test_a_log_entry_reads_in_oslo_time():
    """Stored in UTC (23:30 on New Year's Eve), read in Oslo: the entry's own text too."""
    entry = Endringslogg.objects.create(
        handling="endret",
        aktor_navn="Arkiv Arkivsen",
        content_type=ContentType.objects.get_for_model(Endringslogg),
        objekt_id="1",
    )
    entry.refresh_from_db()
    assert entry.tidspunkt.astimezone(datetime.UTC).date() == datetime.date(2026, 12, 31)
    assert str(entry) == "01.01.2027 00:30 Arkiv Arkivsen: endret"

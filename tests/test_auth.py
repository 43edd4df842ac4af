"""Login, lockout, session timeouts, password reset and CSRF, through the test client."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from saksarkiv.middleware import SESSION_LAST_SEEN, SESSION_LOGIN_AT
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def post_login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_start_page_requires_login(client):
    response = client.get(reverse("arbeidsbord"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_login_with_right_password_reaches_the_start_page(client, personas):
    response = post_login(client, "saksbehandler", PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("arbeidsbord")
    page = client.get(reverse("arbeidsbord"))
    assert "Mitt arbeidsbord" in page.content.decode()


def test_wrong_password_gives_a_norwegian_message_beside_the_form(client, personas):
    response = post_login(client, "saksbehandler", "feil")
    assert response.status_code == 200
    assert "Feil brukernavn eller passord" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_after_repeated_failures(client, personas, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, "saksbehandler", "feil")
    response = post_login(client, "saksbehandler", PASSWORD)
    assert response.status_code == 429
    assert "midlertidig sperret" in response.content.decode()
    assert "Prøv igjen om 15 minutter" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another user from the same address is not locked out.
    assert post_login(Client(), "leder", PASSWORD).status_code == 302


def test_logout_needs_post_and_ends_the_session(client, personas):
    client.force_login(personas.saksbehandler)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("arbeidsbord")).status_code == 302


def test_login_form_is_csrf_protected(personas):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "saksbehandler", "password": PASSWORD})
    assert response.status_code == 403


def _age_session(client, *, idle: datetime.timedelta, since_login: datetime.timedelta):
    now = timezone.now().timestamp()
    session = client.session
    session[SESSION_LAST_SEEN] = now - idle.total_seconds()
    session[SESSION_LOGIN_AT] = now - since_login.total_seconds()
    session.save()


def test_idle_session_is_logged_out(client, personas, settings):
    client.force_login(personas.saksbehandler)
    client.get(reverse("arbeidsbord"))
    idle = settings.SESSION_IDLE_TIMEOUT + datetime.timedelta(minutes=1)
    _age_session(client, idle=idle, since_login=idle)
    response = client.get(reverse("arbeidsbord"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    login_page = client.get(response["Location"])
    assert "inaktiv for lenge" in login_page.content.decode()


def test_absolute_session_lifetime_ends_an_active_session(client, personas, settings):
    client.force_login(personas.saksbehandler)
    client.get(reverse("arbeidsbord"))
    since_login = settings.SESSION_ABSOLUTE_TIMEOUT + datetime.timedelta(minutes=1)
    _age_session(client, idle=datetime.timedelta(minutes=1), since_login=since_login)
    response = client.get(reverse("arbeidsbord"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_active_session_within_limits_stays(client, personas):
    client.force_login(personas.saksbehandler)
    client.get(reverse("arbeidsbord"))
    _age_session(
        client, idle=datetime.timedelta(minutes=5), since_login=datetime.timedelta(hours=1)
    )
    assert client.get(reverse("arbeidsbord")).status_code == 200


def test_password_reset_mail_carries_a_working_single_use_link(client, personas, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": "saksbehandler@example.no"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.subject == "Nytt passord i Saksarkiv"
    assert mail.to == ["saksbehandler@example.no"]
    link = re.search(r"https?://[^/]+(/nytt-passord/\S+/)", mail.body).group(1)
    form_page = client.get(link, follow=True)
    assert "Velg nytt passord" in form_page.content.decode()
    new_password = "Fjordvik-Vinter-2026"
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.status_code == 302
    assert post_login(Client(), "saksbehandler", new_password).status_code == 302
    again = client.get(link, follow=True)
    assert "Lenken virker ikke" in again.content.decode()


def test_password_reset_for_unknown_address_sends_nothing_and_reveals_nothing(
    client, personas, mailoutbox
):
    response = client.post(reverse("password_reset"), {"email": "ukjent@example.no"})
    assert response.status_code == 302
    assert mailoutbox == []


def test_weak_new_password_is_refused_beside_the_field(client, personas, mailoutbox):
    client.post(reverse("password_reset"), {"email": "saksbehandler@example.no"})
    link = re.search(r"https?://[^/]+(/nytt-passord/\S+/)", mailoutbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": "123", "new_password2": "123"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "felt--feil" in body
    # Django points aria-describedby at these ids: the message is read out with the field.
    assert 'id="id_new_password2_error"' in body
    assert "for kort" in body or "for vanlig" in body


def test_request_id_is_echoed_and_generated(client):
    response = client.get(reverse("login"))
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
    response = client.get(reverse("login"), headers={"X-Request-ID": "proxy-abc-12345"})
    assert response["X-Request-ID"] == "proxy-abc-12345"


def test_expired_session_on_an_htmx_request_redirects_the_whole_page(client, personas, settings):
    client.force_login(personas.arkiv)
    client.get(reverse("arbeidsbord"))
    idle = settings.SESSION_IDLE_TIMEOUT + datetime.timedelta(minutes=1)
    _age_session(client, idle=idle, since_login=idle)
    response = client.get(reverse("endringslogg"), headers={"HX-Request": "true"})
    assert response["HX-Redirect"].startswith(reverse("login"))

"""The user's language (issue 21 item 8): the header's chooser keeps a logged-in user's choice
on the profile (audited) as well as in the cookie, the profile wins on every browser after
logging in, an anonymous visitor keeps the cookie, an unknown language changes nothing; the
daily digest is rendered in each recipient's language, the year wheel's reminders included,
with the same queries for any number of recipients; the year wheel's default titles show in
the reader's language."""

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from journal import jobber
from saksarkiv import jobber as utboks
from saksarkiv.models import Bruker, Endringslogg, Utsending
from tests.conftest import PASSWORD
from tests.factories import BrukerFactory, RolleFactory
from verksemdsplan.models import Aarshjulfrist, Fristtype
from verksemdsplan.services import aarshjul as tenester

pytestmark = pytest.mark.django_db
KAKE = settings.LANGUAGE_COOKIE_NAME


@pytest.fixture(autouse=True)
def _spraket_tilbake():
    """A nynorsk request leaves nn active in this thread: bokmål back for the next test."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def _lang(client, url="/") -> str:
    side = client.get(url).content.decode()
    return side.split('<html lang="', 1)[1].split('"', 1)[0]


def _logg_inn(client, user):
    svar = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert svar.status_code == 302
    return svar


def _sprakendringar(user):
    ct = ContentType.objects.get_for_model(Bruker)
    return list(Endringslogg.objects.filter(content_type=ct, objekt_id=str(user.pk)))


def test_the_choice_is_kept_on_the_profile_and_follows_the_user_to_another_browser(personas):
    sb = personas.saksbehandler
    forste = Client()
    _logg_inn(forste, sb)
    svar = forste.post(reverse("set_language"), {"language": "nn", "next": "/"})
    assert svar.status_code == 302 and svar.cookies[KAKE].value == "nn"
    sb.refresh_from_db()
    assert sb.sprak == "nn"
    [logg] = _sprakendringar(sb)
    assert logg.handling == "endret" and logg.aktor == sb
    assert logg.endringer == {"sprak": {"for": "nb", "etter": "nn"}}
    # The same choice again: nothing more in the log.
    forste.post(reverse("set_language"), {"language": "nn", "next": "/"})
    assert len(_sprakendringar(sb)) == 1

    # Another browser, which once chose bokmål: logging in brings nynorsk, cookie included.
    andre = Client()
    andre.cookies[KAKE] = "nb"
    assert _lang(andre, reverse("login")) == "nb"
    svar = _logg_inn(andre, sb)
    assert svar.cookies[KAKE].value == "nn"
    assert _lang(andre) == "nn"
    assert andre.cookies[KAKE].value == "nn"
    # Logged out, the browser keeps the user's language (the cookie).
    andre.post(reverse("logout"))
    assert _lang(andre, reverse("login")) == "nn"


def test_the_profile_wins_over_a_stale_cookie(client, personas):
    """Chosen bokmål on another browser: this one, still holding nynorsk, follows."""
    sb = personas.saksbehandler
    client.force_login(sb)
    client.cookies[KAKE] = "nn"
    svar = client.get("/")
    assert '<html lang="nb">' in svar.content.decode()
    assert svar.cookies[KAKE].value == "nb"
    kake = svar.cookies[KAKE]
    assert kake["httponly"] and kake["samesite"] == "Lax"
    assert int(kake["max-age"]) == settings.LANGUAGE_COOKIE_AGE
    # Cookie and profile agree: no cookie on the next response.
    assert KAKE not in client.get("/").cookies


def test_an_anonymous_visitor_keeps_the_choice_in_the_cookie_only(client, personas):
    svar = client.post(reverse("set_language"), {"language": "nn", "next": reverse("login")})
    assert svar.status_code == 302 and svar.cookies[KAKE].value == "nn"
    assert _lang(client, reverse("login")) == "nn"
    assert not Bruker.objects.exclude(sprak="nb").exists()
    assert not Endringslogg.objects.exists()


def test_an_unknown_language_is_refused(client, personas):
    # Anonymous: no cookie (Django's view would set «en», which it has a catalogue for).
    svar = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert svar.status_code == 302 and KAKE not in svar.cookies
    svar = client.post(reverse("set_language"), {"language": "xx' OR 1=1", "next": "/"})
    assert svar.status_code == 302 and KAKE not in svar.cookies
    # Logged in: the profile and the log stay as they were; the page stays in bokmål.
    sb = personas.saksbehandler
    client.force_login(sb)
    for sprak in ("en", "", "nn-NO"):
        svar = client.post(reverse("set_language"), {"language": sprak, "next": "/"})
        assert svar.status_code == 302
        assert svar.cookies.get(KAKE) is None or svar.cookies[KAKE].value == "nb"
    sb.refresh_from_db()
    assert sb.sprak == "nb" and not _sprakendringar(sb)
    assert _lang(client) == "nb"
    # A GET changes nothing either.
    assert client.get(reverse("set_language"), {"language": "nn"}).status_code in (302, 204)
    sb.refresh_from_db()
    assert sb.sprak == "nb"


# --- The daily digest --------------------------------------------------------------------------


def _epost(user):
    [brev] = [m for m in mail.outbox if m.to == [user.email]]
    return brev, brev.alternatives[0][0]


def test_the_digest_is_in_each_recipients_language(personas, klokke):
    dag = klokke.dag
    Bruker.objects.filter(pk=personas.leder.pk).update(sprak="nn")
    [frist] = [f for f in tenester.standardfristar(dag.year) if f.type == Fristtype.PLAN]
    frist.dato, frist.paaminning_dagar = dag + dt.timedelta(days=3), 7
    frist.save()
    jobber.daglig(dag)

    nn, nn_html = _epost(personas.leder)
    assert "FRISTAR I ÅRSHJULET (1)" in nn.body
    assert f"Frist i årshjulet: Verksemdsplan for {dag.year} ferdig om 3 dagar" in nn.body
    assert '<html lang="nn">' in nn_html and "Fristar i årshjulet (1)" in nn_html
    assert nn.subject.startswith("Saksarkiv: dagens oversikt")

    nb, nb_html = _epost(personas.sektorleder)
    assert "FRISTER I ÅRSHJULET (1)" in nb.body
    assert f"Frist i årshjulet: Virksomhetsplan for {dag.year} ferdig om 3 dager" in nb.body
    assert '<html lang="nb">' in nb_html
    assert nb.subject == f"Saksarkiv: dagens oversikt {dag:%d.%m.%Y}"
    assert "Hilsen Saksarkiv" in nb.body and "Hele listen:" in nb.body
    # The job leaves the language it found.
    assert translation.get_language() == settings.LANGUAGE_CODE


def test_the_digest_in_two_languages_does_not_query_per_user(
    personas, org, klokke, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr(utboks, "send_utsendinger", lambda prefiks="": utboks.Sending())
    dag = klokke.dag
    Aarshjulfrist.objects.create(aar=dag.year, type=Fristtype.ANNA, tittel="Budsjettinnspill",
                                 dato=dag + dt.timedelta(days=2), paaminning_dagar=5)  # fmt: skip
    Bruker.objects.filter(pk=personas.leder.pk).update(sprak="nn")
    with django_assert_max_num_queries(100) as few:
        assert jobber.daglig(dag).resultat == {"e-post lagt i kø": 5}
    for i in range(12):
        user = BrukerFactory(username=f"leiar{i}", sprak="nn" if i % 2 else "nb")
        RolleFactory(person=user, enhet=org.enhet_b, rolle="LED")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert jobber.daglig(dag + dt.timedelta(days=1)).resultat == {"e-post lagt i kø": 17}
    neste = utboks.nokkelprefiks(jobber.DAGLIG, (dag + dt.timedelta(days=1)).isoformat())
    tekstar = dict(Utsending.objects.filter(nokkel__startswith=neste).values_list("til", "tekst"))
    assert "FRISTER I ÅRSHJULET (1)" in tekstar["leiar0@example.no"]
    assert "Budsjettinnspill om 1 dag (frist " in tekstar["leiar0@example.no"]
    assert "FRISTAR I ÅRSHJULET (1)" in tekstar["leiar1@example.no"]
    assert "FRISTAR I ÅRSHJULET (1)" in tekstar[personas.leder.email]


# --- The year wheel's default titles ------------------------------------------------------------


def test_default_titles_show_in_the_readers_language(personas, klokke):
    aar = klokke.dag.year
    with translation.override("nn"):  # made by a chief executive reading nynorsk
        tenester.opprett_standard(personas.radmann, aar)
    plan = Aarshjulfrist.objects.get(aar=aar, type=Fristtype.PLAN)
    mars = Aarshjulfrist.objects.get(aar=aar, type=Fristtype.RAPPORT_MAANAD,
                                     dato=dt.date(aar, 4, 10))  # fmt: skip
    # Stored as data in bokmål, shown in the reader's language.
    assert plan.tittel == f"Virksomhetsplan for {aar} ferdig"
    assert tenester.tittel(plan) == f"Virksomhetsplan for {aar} ferdig"
    assert tenester.tittel(mars) == f"Månedsrapport for mars {aar}"
    with translation.override("nn"):
        assert tenester.tittel(plan) == f"Verksemdsplan for {aar} ferdig"
        assert tenester.tittel(mars) == f"Månadsrapport for mars {aar}"
    # A title someone wrote is shown as written, in both languages.
    eigen = tenester.legg_til(personas.radmann, aar, tittel="Budsjettinnspill",
                              dato=dt.date(aar, 9, 1), paaminning_dagar=7)  # fmt: skip
    with translation.override("nn"):
        assert tenester.tittel(eigen) == "Budsjettinnspill"
    # The edit form of a nynorsk reader shows the nynorsk title; saved unchanged, the stored
    # bokmål title stays (no change in the log); rewritten, it is the user's own.
    endra = tenester.endre(personas.radmann, plan, tittel=f"Verksemdsplan for {aar} ferdig",
                           dato=plan.dato, paaminning_dagar=plan.paaminning_dagar)  # fmt: skip
    assert endra.tittel == f"Virksomhetsplan for {aar} ferdig"
    ct = ContentType.objects.get_for_model(Aarshjulfrist)
    assert not Endringslogg.objects.filter(content_type=ct, handling="endret").exists()
    endra = tenester.endre(personas.radmann, plan, tittel="Planen klar til styret",
                           dato=plan.dato, paaminning_dagar=7)  # fmt: skip
    with translation.override("nn"):
        assert tenester.tittel(endra) == "Planen klar til styret"


def test_the_year_wheel_page_in_nynorsk(client, personas, klokke):
    aar = klokke.dag.year
    tenester.opprett_standard(personas.radmann, aar)
    Bruker.objects.filter(pk=personas.radmann.pk).update(sprak="nn")
    client.force_login(personas.radmann)
    side = client.get(reverse("verksemdsplan:aarshjul", args=[aar])).content.decode()
    assert f"Verksemdsplan for {aar} ferdig" in side
    assert f"Månadsrapport for januar {aar}" in side
    assert "Virksomhetsplan for" not in side and "Månedsrapport for" not in side
    frist = Aarshjulfrist.objects.get(aar=aar, type=Fristtype.OPPDRAGSBREV)
    skjema = client.get(reverse("verksemdsplan:aarshjul_frist", args=[frist.pk])).content.decode()
    assert f'value="Oppdragsbrev for {aar} ferdig"' in skjema
    Bruker.objects.filter(pk=personas.radmann.pk).update(sprak="nb")
    side = client.get(reverse("verksemdsplan:aarshjul", args=[aar])).content.decode()
    assert f"Virksomhetsplan for {aar} ferdig" in side

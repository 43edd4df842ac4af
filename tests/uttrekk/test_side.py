"""The archive's page «Arkivuttrekk» (journal/views/uttrekk.py, issue 20 item 3): archive
orders a run, the Celery task (its body called directly) writes the package with progress and
checks it, the run page polls while it runs and offers the checker's report and the .zip when
it is done. Nobody else reaches any of it; bad dates come back beside the field; one run at a
time; a failure is kept on the run.

The data and the period (yesterday and today under the test clock) are test_eksport's."""

import datetime
import io
import subprocess
import sys
import time
import uuid
import zipfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from journal import tasks
from journal.models import Arkivuttrekk, Uttrekksstatus
from journal.services import uttrekk as tjeneste
from journal.uttrekk import eksport
from saksarkiv import access, audit
from tests import klokke as testklokke
from tests.factories import BrukerFactory
from tests.uttrekk import test_eksport

# test_eksport's data: two cases closed today with five posts, their documents and log.
EN_DAG = test_eksport.EN_DAG
media, dag, bygg, data = test_eksport.media, test_eksport.dag, test_eksport.bygg, test_eksport.data

pytestmark = pytest.mark.django_db

SIDE = reverse("journal:arkivuttrekk")


def _dato(d: datetime.date) -> str:
    return f"{d:%d.%m.%Y}"


@pytest.fixture
def uttrekksdir(settings, tmp_path):
    settings.SAKSARKIV_UTTREKK_DIR = tmp_path / "uttrekk"
    return settings.SAKSARKIV_UTTREKK_DIR


@pytest.fixture
def i_ko(monkeypatch) -> list[int]:
    """The runs handed to the broker (the task's delay), in order."""
    lagt = []
    monkeypatch.setattr(tasks.lag_arkivuttrekk, "delay", lagt.append)
    return lagt


@pytest.fixture
def arkiv(client, personas):
    client.force_login(personas.arkiv)
    return client


def _bestill(client, fra, til, capture):
    with capture(execute=True):
        return client.post(SIDE, {"fra": fra, "til": til})


@pytest.mark.datofolsom
def test_archive_orders_a_run_the_task_writes_and_checks_it_and_the_zip_downloads(
    arkiv,
    personas,
    data,
    dag,
    uttrekksdir,
    i_ko,
    django_capture_on_commit_callbacks,
    monkeypatch,
):
    skrevet = []
    original = tjeneste.Fremdrift.skriv

    def skriv(self, tekst, antall, totalt=None):
        skrevet.append((tekst, antall, totalt))
        original(self, tekst, antall, totalt)

    monkeypatch.setattr(tjeneste.Fremdrift, "skriv", skriv)
    side = arkiv.get(SIDE)
    assert side.status_code == 200
    assert "Ingen arkivuttrekk er bestilt ennå." in side.content.decode()

    svar = _bestill(arkiv, _dato(dag - EN_DAG), _dato(dag), django_capture_on_commit_callbacks)
    kjoring = Arkivuttrekk.objects.get()
    assert svar.status_code == 302
    assert svar["Location"] == reverse("journal:arkivuttrekk_kjoring", args=[kjoring.pk])
    assert (kjoring.status, kjoring.bestilt_av, kjoring.fra, kjoring.til) == (
        Uttrekksstatus.VENTER,
        personas.arkiv,
        dag - EN_DAG,
        dag,
    )
    assert i_ko == [kjoring.pk]
    venter = arkiv.get(svar["Location"]).content.decode()
    assert 'hx-trigger="every 2s"' in venter and "venter på å starte" in venter

    assert "ferdig" in tasks.lag_arkivuttrekk(kjoring.pk)
    kjoring.refresh_from_db()
    assert kjoring.status == Uttrekksstatus.FERDIG, kjoring.feilmelding
    assert kjoring.kontroll_feilet is False, kjoring.kontroll_rapport
    assert "Resultat: ingen avvik" in kjoring.kontroll_rapport
    # Five posts in the two cases closed in the period (test_eksport's data).
    assert (kjoring.antall_ferdig, kjoring.antall_totalt) == (5, 5)
    assert kjoring.startet and kjoring.ferdig and kjoring.feilmelding == ""
    assert skrevet[0] == ("Teller journalposter", 0, 5)
    steg = [tekst for tekst, _antall, _totalt in skrevet]
    for tekst in ("Skriver arkivstruktur.xml", "Validerer filene mot skjemaene"):
        assert tekst in steg
    assert skrevet[-1] == ("Kontrollerer uttrekket", 5, None)
    assert [e.handling for e in audit.history(kjoring).order_by("pk")] == [
        "bestilt",
        "startet",
        "ferdig",
    ]
    # A second delivery of the task finds the run taken.
    assert "ingenting å gjøre" in tasks.lag_arkivuttrekk(kjoring.pk)

    ferdig = arkiv.get(reverse("journal:arkivuttrekk_kjoring", args=[kjoring.pk]))
    tekst = ferdig.content.decode()
    assert "hx-trigger" not in tekst
    assert "Kontrollen fant ingen avvik." in tekst and "Kontrollrapport" in tekst
    zip_svar = arkiv.get(reverse("journal:arkivuttrekk_last_ned", args=[kjoring.pk]))
    assert zip_svar.status_code == 200
    assert zip_svar["Content-Type"] == "application/zip"
    katalog = tjeneste.katalog_for(kjoring)
    assert f'filename="{katalog.name}.zip"' in zip_svar["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(b"".join(zip_svar.streaming_content))) as zf:
        navn = set(zf.namelist())
        assert f"{katalog.name}/arkivstruktur.xml" in navn
        assert f"{katalog.name}/arkivuttrekk.xml" in navn
        assert any(n.startswith(f"{katalog.name}/DOKUMENT/") for n in navn)
        assert (
            zf.read(f"{katalog.name}/arkivstruktur.xml")
            == (katalog / "arkivstruktur.xml").read_bytes()
        )
    liste = arkiv.get(SIDE).content.decode()
    assert "Ferdig" in liste and "5 av 5 journalposter" in liste and "Ingen avvik" in liste


def test_a_running_run_polls_and_the_poll_gets_only_the_status(arkiv, personas, uttrekksdir):
    dato = datetime.date(2026, 1, 31)
    kjoring = Arkivuttrekk.objects.create(
        bestilt_av=personas.arkiv,
        fra=dato,
        til=dato,
        status=Uttrekksstatus.KJORER,
        steg="Skriver arkivstruktur.xml",
        antall_ferdig=40,
        antall_totalt=160,
    )
    url = reverse("journal:arkivuttrekk_kjoring", args=[kjoring.pk])
    side = arkiv.get(url).content.decode()
    assert f'hx-get="{url}" hx-trigger="every 2s"' in side
    assert "Skriver arkivstruktur.xml: 40 av 160 journalposter." in side
    assert '<progress max="100" value="25"' in side
    assert "<script>" not in side  # the CSP allows no inline script: polling is HTMX's
    delvis = arkiv.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert delvis.lstrip().startswith("<section") and "<html" not in delvis
    assert 'hx-trigger="every 2s"' in delvis
    # Not finished: nothing to download.
    assert arkiv.get(reverse("journal:arkivuttrekk_last_ned", args=[kjoring.pk])).status_code == (
        404
    )


def test_only_archive_reaches_the_page_the_order_the_run_and_the_download(
    client, personas, uttrekksdir, django_capture_on_commit_callbacks, i_ko
):
    katalog = uttrekksdir / "arkivuttrekk-1"
    katalog.mkdir(parents=True)
    (katalog / "arkivstruktur.xml").write_text("<arkiv/>")
    kjoring = Arkivuttrekk.objects.create(
        bestilt_av=personas.arkiv,
        fra=datetime.date(2025, 1, 1),
        til=datetime.date(2025, 12, 31),
        status=Uttrekksstatus.FERDIG,
        katalog=str(katalog),
        kontroll_feilet=False,
    )
    andre = {n: u for n, u in personas.all().items() if not access.is_archive(u)}
    assert len(andre) >= 9
    for navn, user in andre.items():
        client.force_login(user)
        svar = [
            client.get(SIDE),
            _bestill(client, "01.01.2025", "31.12.2025", django_capture_on_commit_callbacks),
            client.get(reverse("journal:arkivuttrekk_kjoring", args=[kjoring.pk])),
            client.get(reverse("journal:arkivuttrekk_last_ned", args=[kjoring.pk])),
        ]
        assert [s.status_code for s in svar] == [403] * 4, navn
        assert "Bare arkivtjenesten" in svar[0].content.decode()
    assert Arkivuttrekk.objects.count() == 1 and i_ko == []
    client.logout()
    assert client.get(SIDE).status_code == 302  # to the login page

    client.force_login(personas.arkiv)
    zip_svar = client.get(reverse("journal:arkivuttrekk_last_ned", args=[kjoring.pk]))
    with zipfile.ZipFile(io.BytesIO(b"".join(zip_svar.streaming_content))) as zf:
        assert zf.namelist() == ["arkivuttrekk-1/arkivstruktur.xml"]


def test_a_package_outside_the_export_directory_is_never_served(
    arkiv, personas, uttrekksdir, tmp_path
):
    utenfor = tmp_path / "annet"
    utenfor.mkdir()
    kjoring = Arkivuttrekk.objects.create(
        bestilt_av=personas.arkiv,
        fra=datetime.date(2025, 1, 1),
        til=datetime.date(2025, 1, 1),
        status=Uttrekksstatus.FERDIG,
        katalog=str(utenfor),
    )
    assert arkiv.get(reverse("journal:arkivuttrekk_last_ned", args=[kjoring.pk])).status_code == (
        404
    )


I_MORGEN = "i morgen"  # replaced by the day after the test clock's day


@pytest.mark.parametrize(
    ("fra", "til", "felt", "melding"),
    [
        ("32.01.2020", "31.01.2020", "fra", "Skriv datoen som dd.mm.åååå"),
        ("01.01.2020", "", "til", "Feltet er påkrevet."),
        ("01.01.2020", "i går", "til", "Skriv datoen som dd.mm.åååå"),
        ("01.01.2020", I_MORGEN, "til", "kan ikke være etter i dag"),
        ("10.01.2020", "09.01.2020", "til", "kan ikke være før fra-datoen"),
    ],
)
def test_bad_dates_come_back_beside_the_field(
    arkiv, klokke, fra, til, felt, melding, django_capture_on_commit_callbacks, i_ko
):
    if til == I_MORGEN:
        til = _dato(klokke.dag + EN_DAG)
    svar = _bestill(arkiv, fra, til, django_capture_on_commit_callbacks)
    assert svar.status_code == 400
    tekst = svar.content.decode()
    feltfeil = tekst.split(f'id="id_{felt}_error"', 1)
    assert len(feltfeil) == 2, tekst
    assert melding in feltfeil[1].split("</div>", 1)[0]
    assert f'value="{fra}"' in tekst  # what was typed stays in the field
    assert not Arkivuttrekk.objects.exists() and i_ko == []


def test_the_service_refuses_a_bad_period_too(personas, klokke, uttrekksdir):
    from saksarkiv.services import DomainError

    with pytest.raises(DomainError, match="etter i dag") as feil:
        tjeneste.bestill(personas.arkiv, klokke.dag, klokke.dag + EN_DAG)
    assert feil.value.field == "til"
    with pytest.raises(DomainError, match="Bare arkivtjenesten"):
        tjeneste.bestill(personas.leder, klokke.dag, klokke.dag)
    assert not Arkivuttrekk.objects.exists()


def test_a_second_order_while_one_runs_is_refused(
    arkiv, personas, uttrekksdir, django_capture_on_commit_callbacks, i_ko
):
    for status in (Uttrekksstatus.VENTER, Uttrekksstatus.KJORER):
        Arkivuttrekk.objects.all().delete()
        aktiv = Arkivuttrekk.objects.create(
            bestilt_av=personas.arkiv,
            fra=datetime.date(2025, 1, 1),
            til=datetime.date(2025, 1, 31),
            status=status,
        )
        svar = _bestill(arkiv, "01.02.2025", "28.02.2025", django_capture_on_commit_callbacks)
        assert svar.status_code == 409
        tekst = svar.content.decode()
        assert "Et arkivuttrekk venter eller kjører allerede" in tekst
        assert reverse("journal:arkivuttrekk_kjoring", args=[aktiv.pk]) in tekst
        assert list(Arkivuttrekk.objects.values_list("pk", flat=True)) == [aktiv.pk]
    assert i_ko == []
    # Finished and failed runs do not block a new one.
    Arkivuttrekk.objects.update(status=Uttrekksstatus.FEILET)
    svar = _bestill(arkiv, "01.02.2025", "28.02.2025", django_capture_on_commit_callbacks)
    assert svar.status_code == 302 and len(i_ko) == 1


def test_the_database_holds_one_active_run_when_two_orders_race(personas):
    dato = datetime.date(2025, 1, 1)
    Arkivuttrekk.objects.create(bestilt_av=personas.arkiv, fra=dato, til=dato)
    with pytest.raises(IntegrityError), transaction.atomic():
        Arkivuttrekk.objects.create(
            bestilt_av=personas.arkiv, fra=dato, til=dato, status=Uttrekksstatus.KJORER
        )
    Arkivuttrekk.objects.create(
        bestilt_av=personas.arkiv, fra=dato, til=dato, status=Uttrekksstatus.FERDIG
    )


def _venter(personas, fra, til) -> Arkivuttrekk:
    kjoring = Arkivuttrekk.objects.create(bestilt_av=personas.arkiv, fra=fra, til=til)
    return kjoring


@pytest.mark.datofolsom
def test_a_refused_export_records_feilet_with_its_message(arkiv, personas, data, dag, uttrekksdir):
    """No case was closed the week before: lag_uttrekk refuses, the run keeps why."""
    kjoring = _venter(personas, dag - 10 * EN_DAG, dag - 3 * EN_DAG)
    assert "avvist" in tasks.lag_arkivuttrekk(kjoring.pk)
    kjoring.refresh_from_db()
    assert kjoring.status == Uttrekksstatus.FEILET and kjoring.ferdig
    assert kjoring.feilmelding.startswith("Ingen saker med journalposter ble avsluttet")
    assert [e.handling for e in audit.history(kjoring).order_by("pk")] == ["startet", "feilet"]
    side = arkiv.get(reverse("journal:arkivuttrekk_kjoring", args=[kjoring.pk])).content.decode()
    assert "Uttrekket feilet" in side and "Ingen saker med journalposter" in side
    assert "hx-trigger" not in side and "Last ned" not in side
    assert not list(uttrekksdir.iterdir())


@pytest.mark.datofolsom
def test_a_failing_export_records_feilet_with_the_error(
    personas, data, dag, uttrekksdir, monkeypatch
):
    def feiler(fra, til, katalog, fremdrift):
        fremdrift("arkivstruktur", 2)
        raise OSError("Ingen plass igjen på enheten")

    monkeypatch.setattr(eksport, "lag_uttrekk", feiler)
    kjoring = _venter(personas, dag - EN_DAG, dag)
    assert "feilet" in tasks.lag_arkivuttrekk(kjoring.pk)
    kjoring.refresh_from_db()
    assert kjoring.status == Uttrekksstatus.FEILET
    assert kjoring.feilmelding == "Uttrekket feilet: OSError: Ingen plass igjen på enheten"
    assert (kjoring.steg, kjoring.antall_ferdig) == ("Skriver arkivstruktur.xml", 2)
    # The failed run no longer blocks a new order.
    assert tjeneste.bestill(personas.arkiv, dag - EN_DAG, dag).status == Uttrekksstatus.VENTER


def test_a_broker_that_cannot_be_reached_fails_the_run(
    personas, monkeypatch, uttrekksdir, django_capture_on_commit_callbacks
):
    def nede(pk):
        raise ConnectionError("Redis svarer ikke")

    monkeypatch.setattr(tasks.lag_arkivuttrekk, "delay", nede)
    with django_capture_on_commit_callbacks(execute=True):
        kjoring = tjeneste.bestill(
            personas.arkiv, datetime.date(2025, 1, 1), datetime.date(2025, 1, 31)
        )
    kjoring.refresh_from_db()
    assert kjoring.status == Uttrekksstatus.FEILET
    assert "kunne ikke legges i køen" in kjoring.feilmelding


def test_progress_is_written_at_most_every_two_seconds_and_at_each_new_step(personas):
    dato = datetime.date(2025, 1, 1)
    kjoring = Arkivuttrekk.objects.create(
        bestilt_av=personas.arkiv, fra=dato, til=dato, status=Uttrekksstatus.KJORER
    )
    naa = [100.0]
    fremdrift = tjeneste.Fremdrift(kjoring, klokke=lambda: naa[0])
    assert fremdrift.egen is None  # inside the test's transaction: the default connection

    def etter(sekunder, steg, antall):
        naa[0] += sekunder
        fremdrift(steg, antall)
        kjoring.refresh_from_db()
        return kjoring.steg, kjoring.antall_ferdig

    assert etter(0, "arkivstruktur", 10) == ("Skriver arkivstruktur.xml", 10)
    assert etter(1.9, "arkivstruktur", 20) == ("Skriver arkivstruktur.xml", 10)
    assert etter(0.2, "arkivstruktur", 30) == ("Skriver arkivstruktur.xml", 30)
    # A new step is written at once; its count 0 does not set the posts done back.
    assert etter(0.1, "loependeJournal", 0) == ("Skriver loependeJournal.xml", 30)


@pytest.mark.django_db(transaction=True)
def test_progress_reaches_the_page_while_the_export_holds_its_read_only_snapshot():
    """On PostgreSQL the export reads in a READ ONLY transaction; progress goes through a
    connection of its own, committed at once, so others see it while the run goes on."""
    dato = datetime.date(2025, 1, 1)
    kjoring = Arkivuttrekk.objects.create(
        bestilt_av=BrukerFactory(), fra=dato, til=dato, status=Uttrekksstatus.KJORER
    )
    fremdrift = tjeneste.Fremdrift(kjoring)
    assert fremdrift.egen is not None
    annen = connection.copy()
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            fremdrift("arkivstruktur", 7)
            with annen.cursor() as cursor:
                cursor.execute(
                    "SELECT steg, antall_ferdig FROM journal_arkivuttrekk WHERE id = %s",
                    [kjoring.pk],
                )
                assert cursor.fetchone() == ("Skriver arkivstruktur.xml", 7)
    finally:
        fremdrift.lukk()
        annen.close()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_on_redis_runs_the_ordered_export(
    client, personas, data, dag, uttrekksdir, monkeypatch
):
    """Wiring (not `datofolsom`: a worker is too slow to start for every hard day): the order
    is queued on commit, a real worker takes it, writes progress and the package, and the
    page offers the .zip. The run goes to a queue of its own (the pattern of test_worker.py)."""
    assert django_settings.CELERY_BROKER_URL.startswith("redis://"), "tests run on Redis"
    queue = f"test-{uuid.uuid4().hex[:8]}"
    monkeypatch.setattr(
        tasks.lag_arkivuttrekk,
        "delay",
        lambda pk: tasks.lag_arkivuttrekk.apply_async(args=[pk], queue=queue),
    )
    db = connection.settings_dict
    env = {
        **testklokke.miljo(),
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": django_settings.CELERY_BROKER_URL,
        "MEDIA_ROOT": str(django_settings.MEDIA_ROOT),
        "SAKSARKIV_UTTREKK_DIR": str(uttrekksdir),
    }
    root = Path(__file__).resolve().parent.parent.parent
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "saksarkiv", "worker", "--pool=solo",
         "-Q", queue, "--without-mingle", "--without-gossip", "--loglevel=INFO"],
        cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        client.force_login(personas.arkiv)
        svar = client.post(SIDE, {"fra": _dato(dag - EN_DAG), "til": _dato(dag)})
        assert svar.status_code == 302
        kjoring = Arkivuttrekk.objects.get()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and kjoring.aktiv:
            assert worker.poll() is None, worker.stdout.read()
            time.sleep(0.5)
            kjoring.refresh_from_db()
    finally:
        worker.terminate()
        output, _ = worker.communicate(timeout=30)
    assert kjoring.status == Uttrekksstatus.FERDIG, (kjoring.feilmelding, output)
    assert kjoring.kontroll_feilet is False, kjoring.kontroll_rapport
    assert (kjoring.antall_ferdig, kjoring.antall_totalt) == (5, 5)
    assert "journal.tasks.lag_arkivuttrekk" in output and "succeeded" in output
    zip_svar = client.get(reverse("journal:arkivuttrekk_last_ned", args=[kjoring.pk]))
    with zipfile.ZipFile(io.BytesIO(b"".join(zip_svar.streaming_content))) as zf:
        assert f"{tjeneste.katalog_for(kjoring).name}/arkivstruktur.xml" in zf.namelist()

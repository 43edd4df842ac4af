"""The Celery tasks and the beat schedule (the job bodies are tested on their own), and
`manage.py kjor_jobb`. Which day a task runs for is the test clock's (tests/klokke.py):
the tests about calendar facts move it to those days."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import CommandError, call_command

from journal import jobber, tasks
from saksarkiv.celery import app
from saksarkiv.jobber import JobbUferdig, Kjoreresultat, Sending

pytestmark = pytest.mark.datofolsom

KVARTALSDAG = datetime.date(2027, 1, 4)  # 1 January is a Friday and a holiday


def test_beat_runs_the_digest_at_half_past_five_and_the_others_after_it():
    schedule = settings.CELERY_BEAT_SCHEDULE
    entries = {e["task"]: e["schedule"] for e in schedule.values()}
    assert entries["journal.tasks.daglig_sammendrag"].hour == {5}
    assert entries["journal.tasks.daglig_sammendrag"].minute == {30}
    for task in (
        "journal.tasks.kvartalsvise_restanselister",
        "journal.tasks.maanedlig_lederoversikt",
    ):
        assert entries[task].hour == {5} and entries[task].minute == {45}
        assert entries[task].day_of_month == set(range(1, 32))  # every day: the task decides
    app.loader.import_default_modules()  # what a worker registers at start
    for name in entries:
        assert name in app.tasks, name


@pytest.fixture
def calls(monkeypatch):
    made = []

    def fake(jobb):
        def run(dag):
            made.append((jobb, dag))
            return Kjoreresultat(jobb, "p", allerede_fullfort=False)

        return run

    for jobb, name in (("daglig", "daglig"), ("kvartal", "kvartalsvis"), ("maaned", "maanedlig")):
        monkeypatch.setattr(jobber, name, fake(jobb))
    return made


@pytest.mark.parametrize(
    ("today", "ran"),
    [
        (datetime.date(2026, 12, 31), []),
        (datetime.date(2027, 1, 1), []),  # New Year's Day
        (KVARTALSDAG, ["kvartal"]),
        (KVARTALSDAG + datetime.timedelta(days=3), ["kvartal"]),  # catching up
        (datetime.date(2027, 1, 20), []),
        # Half past midnight in Oslo on the first working day, still Sunday in UTC: the day
        # is Oslo's.
        ("2027-01-04T00:30", ["kvartal"]),
    ],
)
def test_the_quarterly_task_runs_at_the_start_of_the_quarter(klokke, calls, today, ran):
    klokke.flytt_til(today)
    tasks.kvartalsvise_restanselister.apply()
    assert [jobb for jobb, _dag in calls] == ran
    assert [dag for _jobb, dag in calls] == [klokke.dag] * len(ran)


def test_the_monthly_task_and_the_digest_respect_working_days(klokke, calls):
    klokke.flytt_til(datetime.date(2026, 5, 1))  # Friday, 1 May: a holiday
    tasks.maanedlig_lederoversikt.apply()
    tasks.daglig_sammendrag.apply()
    assert calls == []
    klokke.flytt_til(datetime.date(2026, 5, 4))
    tasks.maanedlig_lederoversikt.apply()
    tasks.daglig_sammendrag.apply()
    assert calls == [("maaned", datetime.date(2026, 5, 4)), ("daglig", datetime.date(2026, 5, 4))]
    # With a date the task runs for it, whatever day it is.
    tasks.kvartalsvise_restanselister.apply(kwargs={"dato": "2026-08-15"})
    assert calls[-1] == ("kvartal", datetime.date(2026, 8, 15))


def test_unsent_mail_makes_the_task_retry(klokke, monkeypatch):
    def half_sent(dag):
        return Kjoreresultat("daglig", "p", False, sending=Sending(sendt=2, feilet=1))

    monkeypatch.setattr(jobber, "daglig", half_sent)
    result = tasks.daglig_sammendrag.apply(kwargs={"dato": klokke.dag.isoformat()})
    assert isinstance(result.result, JobbUferdig) or result.state == "RETRY"


@pytest.mark.django_db
def test_the_command_runs_a_job_for_a_date_and_says_what_it_did(dag, personas, restanser, capsys):
    call_command("kjor_jobb", "daglig", "--dato", dag.isoformat())
    out = capsys.readouterr().out
    assert f"daglig {dag.isoformat()}: fullført (e-post lagt i kø 3); e-post sendt 3." in out
    call_command("kjor_jobb", "daglig", "--dato", dag.isoformat())
    assert "allerede fullført" in capsys.readouterr().out
    assert len(mail.outbox) == 3
    # By hand the job runs on any day of the month, not only on its first working day.
    ikke_forste = jobber.forste_arbeidsdag_i_maaned(dag) + datetime.timedelta(days=1)
    call_command("kjor_jobb", "maaned", "--dato", ikke_forste.isoformat())
    assert f"maaned {dag:%Y-%m}: fullført" in capsys.readouterr().out


@pytest.mark.django_db
def test_the_command_refuses_a_bad_date_in_norwegian():
    with pytest.raises(
        CommandError, match="Ugyldig dato «23.11.2026». Skriv datoen som ÅÅÅÅ-MM-DD"
    ):
        call_command("kjor_jobb", "daglig", "--dato", "23.11.2026")
    with pytest.raises(CommandError):
        call_command("kjor_jobb", "ukentlig")

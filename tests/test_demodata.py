import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import Max

from generators import saksarkiv as demo
from saksarkiv.models import AdministrativEnhet, Bruker, Klarering, Rolle, Rolletype

pytestmark = pytest.mark.django_db


def table_state():
    return {
        "enheter": list(AdministrativEnhet.objects.order_by("kode").values_list("kode", "path")),
        "brukere": list(Bruker.objects.order_by("username").values_list("username", "password")),
        "roller": Rolle.objects.count(),
        "klareringer": Klarering.objects.count(),
    }


@pytest.mark.datofolsom  # roles and clearances are valid from the day the demo is made
def test_demo_municipality_is_believable_and_idempotent(rf):
    call_command("demodata", saker=0, verbosity=0)
    first = table_state()
    call_command("demodata", saker=0, verbosity=0)
    assert table_state() == first

    assert AdministrativEnhet.objects.count() >= 20
    assert AdministrativEnhet.objects.aggregate(d=Max("depth"))["d"] >= 3
    assert Bruker.objects.count() >= 40
    roles = set(Rolle.objects.values_list("rolle", flat=True))
    assert roles == set(Rolletype.values)
    assert Klarering.objects.count() > 0
    assert Bruker.objects.filter(is_superuser=True, username="admin").exists()
    # One documented password works for every demo user.
    request = rf.post("/logg-inn/")
    for username in ["rune.dahl", "ingrid.berg", "marte.lie", "trond.myhre", "knut.aune"]:
        assert authenticate(request, username=username, password=demo.DEMO_PASSORD), username


def test_every_unit_below_the_top_has_a_leader():
    call_command("demodata", saker=0, verbosity=0)
    led = set(Rolle.objects.filter(rolle="LED").values_list("enhet__kode", flat=True))
    sectors = AdministrativEnhet.objects.filter(depth=2).values_list("kode", flat=True)
    assert set(sectors) <= led


@pytest.mark.datofolsom  # the seats run for the election period around the demo's day
def test_the_demo_committees_have_a_period_a_secretary_a_leader_and_members(rf):
    from django.utils import timezone

    from generators.utvalg import periode
    from utvalg.models import Medlem, Medlemsrolle, Utvalg, Utvalgstype

    call_command("demodata", saker=0, verbosity=0)
    seats = Medlem.objects.count()
    call_command("demodata", saker=0, verbosity=0)
    assert Medlem.objects.count() == seats  # a second run adds nobody
    fra, til = periode(timezone.localdate())
    kinds = set(Utvalg.objects.values_list("utvalgstype", flat=True))
    assert {Utvalgstype.KOMMUNESTYRE, Utvalgstype.FORMANNSKAP, Utvalgstype.HOVEDUTVALG,
            Utvalgstype.RAAD, Utvalgstype.DELEGERT} <= kinds  # fmt: skip
    assert Utvalg.objects.filter(utvalgstype=Utvalgstype.HOVEDUTVALG).count() >= 2
    for utvalg in Utvalg.objects.all():
        gyldige = utvalg.medlemmer.gyldige()
        assert utvalg.periode_fra == fra and utvalg.periode_til == til, utvalg.kode
        assert utvalg.sekretaer and utvalg.sekretaer.roller.filter(rolle="MS").exists()
        assert gyldige.filter(rolle=Medlemsrolle.LEDER).count() == 1, utvalg.kode
    kst = Utvalg.objects.get(kode="KST")
    faste = kst.medlemmer.exclude(rolle=Medlemsrolle.VARAMEDLEM)
    assert faste.count() == 27 and faste.filter(parti__isnull=True).count() == 0
    # The mayor leads the council and the executive committee; elected members log in.
    ordforer = kst.medlemmer.get(rolle=Medlemsrolle.LEDER).person
    assert Utvalg.objects.get(kode="FSK").medlemmer.get(rolle=Medlemsrolle.LEDER).person == ordforer
    request = rf.post("/logg-inn/")
    assert authenticate(request, username=ordforer.username, password=demo.DEMO_PASSORD)
    assert not ordforer.roller.exists()
    # A year of meetings: held ones done, coming ones planned, on working days.
    from saksarkiv.workdays import is_working_day
    from utvalg.models import Mote, Motestatus

    moter = Mote.objects.filter(utvalg=kst, dato__year=timezone.localdate().year)
    assert moter.count() == 8 and all(is_working_day(m.dato) for m in moter)
    for m in moter:
        assert (m.status == Motestatus.PLANLAGT) == (m.dato >= timezone.localdate())

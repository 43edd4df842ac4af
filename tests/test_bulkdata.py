"""`manage.py bulkdata`: a whole municipality loaded with COPY (journal/bulk.py).

The command drops and recreates indexes and uses COPY, so these tests run in real
transactions (`transaction=True`); the database is flushed afterwards."""

import datetime as dt
import io
from collections import Counter
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, F, Max, Min
from django.utils import timezone

from generators.journal import bulk
from journal.models import (
    Avskrivning,
    Godkjenning,
    Journalpost,
    Korrespondansepart,
    Saksmappe,
)
from journal.services.avskrivning import restanse_q
from journal.services.registration import opprett_sak, registrer_journalpost
from saksarkiv.access import title_for
from saksarkiv.models import AdministrativEnhet, Bruker, Klarering, Rolle
from tests.journal.flythjelp import avskrevet_dato_avvik

N = 3000


def _schema() -> set[tuple[str, str]]:
    """Every index and unique/foreign-key constraint on the tables bulkdata reloads."""
    tables = [m._meta.db_table for m in bulk.JOURNAL]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s)", [tables]
        )
        found = set(cursor.fetchall())
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = ANY(%s::regclass[]) AND convalidated",
            [tables],
        )
        return found | set(cursor.fetchall())


def _load(**options) -> str:
    out = io.StringIO()
    call_command("bulkdata", journalposter=N, stdout=out, **options)
    return out.getvalue()


@pytest.mark.datofolsom
@pytest.mark.django_db(transaction=True)
def test_bulkdata_loads_a_municipality_every_worklist_can_use():
    schema_before = _schema()
    output = _load(seed=7)
    assert "Bulkdata klar" in output

    # Counts: N posts, about one case per five posts, 2,000 people, 300 units.
    assert Journalpost.objects.count() == N
    assert Saksmappe.objects.count() == N // 5
    assert Bruker.objects.count() == 2000
    assert AdministrativEnhet.objects.count() == 300
    # The indexes and constraints dropped for the load are all back, and valid.
    assert _schema() == schema_before
    # One audit entry per post, registered by its registrar with the post's code and unit,
    # so that the audit log's access rule has real rows to sift (bench/).
    from saksarkiv.models import Endringslogg

    assert Endringslogg.objects.filter(handling="registrert").count() == N
    skjermet = Journalpost.objects.filter(tilgangskode__isnull=False).first()
    entry = Endringslogg.objects.get(objekt_id=str(skjermet.pk))
    assert (entry.tilgangskode_id, entry.enhet_id, entry.aktor_id) == (
        skjermet.tilgangskode_id,
        skjermet.administrativ_enhet_id,
        skjermet.opprettet_av_id,
    )
    assert entry.objekt_tekst == str(skjermet) and entry.aktor_navn

    # The unit tree is a valid treebeard tree of 3–4 levels, siblings ordered by name.
    assert AdministrativEnhet.objects.find_problems() == ([], [], [], [], [])
    assert AdministrativEnhet.objects.get_root_nodes().count() == 1
    assert set(AdministrativEnhet.objects.values_list("depth", flat=True)) == {1, 2, 3, 4}
    for unit in AdministrativEnhet.objects.filter(numchild__gt=0)[:40]:
        names = [child.navn for child in AdministrativEnhet.objects.get_children(unit)]
        assert names == sorted(names)
    # Roles: one leader per unit, one chief executive, archive, secretaries, deputies.
    roles = Counter(Rolle.objects.values_list("rolle", flat=True))
    assert roles["LED"] == 300
    assert roles["RAD"] == 1
    assert roles["ARK"] >= 10 and roles["MS"] >= 3 and roles["SF"] >= 50
    assert roles["SB"] > 1500
    assert Klarering.objects.exists()

    # Journal numbers unique and gap-free per year; document numbers 1..n in every case.
    per_year = Journalpost.objects.values("journalaar").annotate(
        n=Count("id"), lo=Min("journalsekvensnummer"), hi=Max("journalsekvensnummer")
    )
    for year in per_year:
        assert (year["lo"], year["hi"]) == (1, year["n"])
    per_case = Journalpost.objects.values("saksmappe").annotate(
        n=Count("id"), hi=Max("dokumentnummer"), lo=Min("dokumentnummer")
    )
    assert all((c["lo"], c["hi"]) == (1, c["n"]) for c in per_case)
    cases = Saksmappe.objects.values("saksaar").annotate(n=Count("id"), hi=Max("sakssekvensnummer"))
    assert all(c["hi"] == c["n"] for c in cases)

    # Proportions: types, statuses by age, access codes, write-offs, correspondents.
    types = Counter(Journalpost.objects.values_list("journalposttype", flat=True))
    assert set(types) == {"I", "U", "N", "X", "S"}
    assert 0.30 < types["I"] / N < 0.55 and 0.2 < types["U"] / N < 0.4
    assert types["S"] < types["N"] < types["X"] < types["U"]
    today = timezone.localdate()
    old = Journalpost.objects.filter(journaldato__lt=today - dt.timedelta(days=120))
    assert old.filter(journalstatus__in=["J", "U"]).count() / old.count() > 0.9
    recent = Counter(
        Journalpost.objects.filter(journaldato__gte=today - dt.timedelta(days=7)).values_list(
            "journalstatus", flat=True
        )
    )
    assert recent["M"] and recent["R"] and recent["F"]
    assert sum(n for s, n in recent.items() if s != "J") > recent["J"]
    statuses = Counter(Saksmappe.objects.values_list("saksstatus", flat=True))
    assert (statuses["A"] + statuses["B"]) / (N // 5) > 0.85
    assert Saksmappe.objects.filter(onskes_avsluttet=True, saksstatus="B").exists()
    assert Saksmappe.objects.filter(obs_dato__isnull=False, saksstatus="B").exists()

    restricted = Journalpost.objects.filter(tilgangskode__isnull=False)
    assert 0.08 < restricted.count() / N < 0.18
    assert set(restricted.values_list("tilgangskode", flat=True)) >= {"U", "P", "E", "XX"}
    assert not restricted.filter(offentlig_tittel=F("tittel")).exists()
    xx = Journalpost.objects.filter(tilgangskode="XX")
    assert set(xx.values_list("journalposttype", "journalstatus")) == {("I", "M")}
    assert xx.filter(journaldato__gte=today - dt.timedelta(days=21)).count() == xx.count()

    old_incoming = old.filter(journalposttype="I")
    written_off = Avskrivning.objects.filter(journalpost__in=old_incoming).values("journalpost")
    assert old_incoming.filter(pk__in=written_off).count() / old_incoming.count() > 0.8
    assert Journalpost.objects.filter(restanse_q()).exists()
    assert avskrevet_dato_avvik() == 0
    assert Journalpost.objects.filter(journalposttype="I", forfallsdato__isnull=False).exists()
    assert Journalpost.objects.filter(
        journalposttype="I", saksbehandler__isnull=True, journalstatus__in=["M", "S"]
    ).exists()
    parts = Counter(Korrespondansepart.objects.values_list("korrespondanseparttype", flat=True))
    assert parts["EA"] == types["I"] and parts["IM"] and parts["IK"]
    assert Korrespondansepart.objects.filter(organisasjon=True).exists()
    assert Korrespondansepart.objects.filter(organisasjon=False, person__isnull=True).exists()
    open_flags = Godkjenning.objects.filter(svar="")
    assert open_flags.filter(steg="leder").exists()
    drafts = set(
        Journalpost.objects.filter(journalposttype="S").values_list(
            "behandlingsstatus", "journalstatus"
        )
    )
    assert {("KL", "J"), ("KL", "F")} <= drafts

    # Registering afterwards continues the numbers (Nummerteller) without collisions.
    case = Saksmappe.objects.filter(saksstatus="B").order_by("-id").first()
    actor = case.saksansvarlig
    year = today.year
    highest = Journalpost.objects.filter(journalaar=year).aggregate(m=Max("journalsekvensnummer"))
    last_doc = case.journalposter.aggregate(m=Max("dokumentnummer"))["m"]
    post = registrer_journalpost(actor, case, journalposttype="U", tittel="Svar etter bulkdata")
    assert post.journalsekvensnummer == (highest["m"] or 0) + 1
    assert post.dokumentnummer == last_doc + 1
    highest_case = Saksmappe.objects.filter(saksaar=year).aggregate(m=Max("sakssekvensnummer"))
    new_case = opprett_sak(
        actor, tittel="Ny sak etter bulkdata", administrativ_enhet=case.administrativ_enhet
    )
    assert new_case.sakssekvensnummer == (highest_case["m"] or 0) + 1

    # Access: a caseworker elsewhere without clearance sees the screened title only.
    secret = restricted.exclude(tilgangskode="XX").filter(journalstatus="J").first()
    outsider = (
        Bruker.objects.filter(roller__rolle="SB", klareringer__isnull=True)
        .exclude(roller__enhet=secret.administrativ_enhet)
        .exclude(pk=secret.saksbehandler_id)
        .exclude(pk=secret.saksmappe.saksansvarlig_id)
        .exclude(roller__rolle__in=["LED", "SF", "RAD", "ARK"])
        .first()
    )
    seen = Journalpost.objects.visible_to(outsider).get(pk=secret.pk)
    assert title_for(outsider, seen) == secret.offentlig_tittel != secret.tittel
    owner = secret.saksmappe.saksansvarlig
    assert (
        title_for(owner, Journalpost.objects.visible_to(owner).get(pk=secret.pk)) == secret.tittel
    )


@pytest.mark.django_db(transaction=True)
def test_bulkdata_refuses_a_second_load_without_tom_and_reloads_the_same_with_it():
    _load(seed=11)
    fingerprint = list(
        Journalpost.objects.order_by("journalaar", "journalsekvensnummer").values_list(
            "tittel", "journalstatus", "saksmappe__saksaar", "saksmappe__sakssekvensnummer"
        )
    )
    with pytest.raises(CommandError, match="--tom"):
        _load(seed=11)
    assert Journalpost.objects.count() == N

    # The test database is not a bench database: --tom needs the loud flag here.
    with pytest.raises(CommandError, match="_bench"):
        _load(seed=11, tom=True)
    assert Journalpost.objects.count() == N and Bruker.objects.count() == 2000
    output = _load(seed=11, tom=True, ja_slett_alt=True)
    assert "Tømte" in output
    assert Bruker.objects.count() == 2000
    again = list(
        Journalpost.objects.order_by("journalaar", "journalsekvensnummer").values_list(
            "tittel", "journalstatus", "saksmappe__saksaar", "saksmappe__sakssekvensnummer"
        )
    )
    assert again == fingerprint  # same seed, same day: the same journal


@pytest.mark.django_db
def test_bulkdata_refuses_sqlite_with_a_clear_message():
    with (
        mock.patch.object(connection, "vendor", "sqlite"),
        pytest.raises(CommandError, match="krever PostgreSQL"),
    ):
        _load()
    assert not Journalpost.objects.exists()


@pytest.mark.parametrize(
    ("navn", "debug", "tillatt"),
    [
        ("saksarkiv_bench", True, True),
        ("saksarkiv_bench", False, False),  # a production setting never empties
        ("saksarkiv", True, False),
        ("bench_saksarkiv", True, False),
        ("test_saksarkiv", True, False),
    ],
)
def test_tom_is_for_bench_databases_in_development_only(navn, debug, tillatt):
    grunn = bulk.tomming_nektet(navn, debug)
    assert (grunn is None) == tillatt
    if grunn:
        assert "endringsloggen" in grunn and "--ja-slett-alt" in grunn

"""The access chokepoint: clearance, units, validity, XX leader chain, grants, screening."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from guardian.shortcuts import assign_perm

from saksarkiv import access
from saksarkiv.models import Endringslogg
from tests.accessapp.models import Mappe, Registrering
from tests.conftest import CANARY
from tests.factories import KlareringFactory

pytestmark = pytest.mark.django_db


def mappe(enhet, kode=None, tittel=None):
    return Mappe.objects.create(
        tittel=tittel or f"Søknad fra {CANARY} om byggetillatelse",
        offentlig_tittel="Søknad fra ***** om byggetillatelse",
        tilgangskode_id=kode,
        enhet=enhet,
    )


def readable(user, obj):
    return type(obj).objects.readable_by(user).filter(pk=obj.pk).exists()


def test_unrestricted_rows_are_readable_by_everyone_logged_in(personas, org):
    row = mappe(org.enhet_a, tittel="Reguleringsplan for Sentrum")
    for name, user in personas.all().items():
        assert readable(user, row), name
        assert access.title_for(user, row) == "Reguleringsplan for Sentrum"
    anonymous = AnonymousUser()
    assert list(Mappe.objects.visible_to(anonymous)) == [row]


def test_anonymous_never_sees_restricted_rows(org):
    mappe(org.enhet_a, kode="U")
    assert not Mappe.objects.visible_to(AnonymousUser()).exists()
    assert not Mappe.objects.readable_by(AnonymousUser()).exists()


def test_clearance_for_the_code_gives_access_everywhere(personas, org):
    row_a, row_b = mappe(org.enhet_a, "U"), mappe(org.enhet_b, "U")
    assert readable(personas.klarert_u, row_a) and readable(personas.klarert_u, row_b)
    assert not readable(personas.saksbehandler, row_a)
    # Clearance for one code does not open another.
    assert not readable(personas.klarert_u, mappe(org.enhet_a, "P"))


def test_clearance_limited_to_a_unit_covers_its_subtree_only(personas, org):
    user = personas.saksbehandler
    KlareringFactory(person=user, tilgangskode_id="P", enhet=org.sektor_a)
    assert readable(user, mappe(org.sektor_a, "P"))
    assert readable(user, mappe(org.enhet_a, "P"))  # below sektor A
    assert not readable(user, mappe(org.enhet_b, "P"))
    assert not readable(user, mappe(org.kommune, "P"))  # above is not included


def test_clearance_counts_only_within_its_period(personas, org):
    user = personas.saksbehandler
    today = timezone.localdate()
    clearance = KlareringFactory(
        person=user,
        tilgangskode_id="E",
        gyldig_fra=today - datetime.timedelta(days=30),
        gyldig_til=today - datetime.timedelta(days=1),
    )
    row = mappe(org.enhet_a, "E")
    assert not readable(user, row)
    clearance.gyldig_til = today
    clearance.save()
    assert readable(user, row)
    clearance.gyldig_fra = today + datetime.timedelta(days=1)
    clearance.gyldig_til = None
    clearance.save()
    assert not readable(user, row)


def test_xx_is_readable_by_archive_and_the_units_leader_chain_only(personas, org):
    row = mappe(org.enhet_a, "XX")
    allowed = {"arkiv", "leder", "sektorleder", "stedfortreder", "radmann"}
    for name, user in personas.all().items():
        assert readable(user, row) == (name in allowed), name


def test_xx_clearance_also_opens_it(personas, org):
    row = mappe(org.enhet_b, "XX")
    assert not readable(personas.saksbehandler, row)
    KlareringFactory(person=personas.saksbehandler, tilgangskode_id="XX")
    assert readable(personas.saksbehandler, row)


def test_leaders_chain_does_not_open_other_codes(personas, org):
    assert not readable(personas.leder, mappe(org.enhet_a, "P"))


def test_ended_role_no_longer_gives_leader_access(personas, org):
    row = mappe(org.enhet_a, "XX")
    role = personas.leder.roller.get()
    role.gyldig_fra = timezone.localdate() - datetime.timedelta(days=10)
    role.gyldig_til = timezone.localdate() - datetime.timedelta(days=1)
    role.save()
    personas.leder.refresh_from_db()
    assert not readable(personas.leder, row)


def test_explicit_grant_on_the_case_opens_it_and_its_rows(personas, org):
    case = mappe(org.enhet_a, "P")
    post = Registrering.objects.create(
        mappe=case, tittel=f"Notat om {CANARY}", tilgangskode_id="P", enhet=org.enhet_a
    )
    other_post = Registrering.objects.create(
        mappe=mappe(org.enhet_a, "P"), tittel="Annet", tilgangskode_id="P", enhet=org.enhet_a
    )
    user = personas.saksbehandler_annen
    assert not readable(user, case) and not readable(user, post)
    assign_perm("accessapp.les_mappe", user, case)
    assert readable(user, case)
    assert readable(user, post)  # inherited from the container
    assert not readable(user, other_post)


def test_grant_to_a_group_reaches_its_members(personas, org):
    case = mappe(org.enhet_a, "U")
    group = Group.objects.create(name="Formannskapet")
    personas.politiker.groups.add(group)
    assign_perm("accessapp.les_mappe", group, case)
    assert readable(personas.politiker, case)
    assert not readable(personas.saksbehandler, case)


def test_visible_to_lists_every_row_for_staff_with_innsyn_flag(personas, org):
    open_row = mappe(org.enhet_a, tittel="Åpen sak")
    closed_row = mappe(org.enhet_a, "U")
    rows = {m.pk: m for m in Mappe.objects.visible_to(personas.saksbehandler)}
    assert set(rows) == {open_row.pk, closed_row.pk}
    assert rows[open_row.pk].innsyn is True
    assert rows[closed_row.pk].innsyn is False


def test_screened_display_never_returns_the_restricted_value(personas, org):
    row = mappe(org.enhet_a, "U")
    listed = Mappe.objects.visible_to(personas.saksbehandler).get(pk=row.pk)
    assert access.title_for(personas.saksbehandler, listed) == row.offentlig_tittel
    assert CANARY not in access.title_for(personas.saksbehandler, row)
    assert CANARY in access.title_for(personas.klarert_u, row)
    row.offentlig_tittel = ""
    assert access.screened(personas.saksbehandler, row, "tittel", "offentlig_tittel") == (
        access.SKJERMET
    )


def test_canary_never_reaches_uncleared_personas(personas, org):
    """Every persona without U clearance, in every unit: the canary stays hidden."""
    rows = [mappe(unit, "U") for unit in (org.kommune, org.enhet_a, org.enhet_b)]
    for name, user in personas.all().items():
        shown = " ".join(
            access.title_for(user, row) for row in Mappe.objects.visible_to(user).order_by("pk")
        )
        if name == "klarert_u":
            assert shown.count(CANARY) == len(rows)
        else:
            assert CANARY not in shown, name


def test_list_access_is_decided_in_one_query(personas, org):
    for i in range(30):
        mappe(org.enhet_a if i % 2 else org.enhet_b, ["U", "XX", None][i % 3])
    user = personas.leder
    access.role_codes(user)  # the roles are read once per request
    with CaptureQueriesContext(connection) as queries:
        titles = [access.title_for(user, row) for row in Mappe.objects.visible_to(user)]
    assert len(titles) == 30
    assert len(queries) == 1


def test_can_read_without_annotation_asks_the_database(personas, org):
    row = Mappe.objects.get(pk=mappe(org.enhet_a, "XX").pk)
    assert access.can_read(personas.leder, row)
    assert not access.can_read(personas.saksbehandler_annen, row)


def test_audit_entries_are_as_restricted_as_their_object(personas, org):
    from saksarkiv import audit

    row = mappe(org.enhet_a, "U")
    audit.record(
        personas.klarert_u,
        row,
        "endret",
        endringer={"tittel": {"for": CANARY, "etter": "x"}},
        tilgangskode_id="U",
        enhet_id=org.enhet_a.pk,
    )
    audit.record(personas.klarert_u, org.enhet_a, "endret")
    assert Endringslogg.objects.readable_by(personas.klarert_u).count() == 2
    assert Endringslogg.objects.readable_by(personas.arkiv).count() == 1
    assert Endringslogg.objects.readable_by(AnonymousUser()).count() == 1

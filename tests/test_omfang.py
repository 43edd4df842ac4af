"""A leader's scope is decided in one place (saksarkiv.access.lederomfang), and a stored
report is opened through the chokepoint (Rapport.objects.readable_by), not by a view."""

import pytest
from django.core.files.base import ContentFile

from journal.arbeidslister import Kontekst
from saksarkiv import access
from saksarkiv.models import AdministrativEnhet, Rapport

pytestmark = pytest.mark.django_db


@pytest.fixture
def rapporter(org):
    return {
        enhet.kode: Rapport.objects.create(
            type=Rapport.Type.RESTANSELISTE,
            periode="2026-K3",
            enhet=enhet,
            fil=ContentFile(b"%PDF-1.7", name=f"{enhet.kode}.pdf"),
        )
        for enhet in (org.kommune, org.sektor_a, org.enhet_a, org.enhet_b)
    }


@pytest.mark.parametrize(
    ("hvem", "ser"),
    [
        ("arkiv", {"KOM", "SA", "A1", "B1"}),
        ("radmann", {"KOM", "SA", "A1", "B1"}),
        ("sektorleder", {"SA", "A1"}),
        ("leder", {"A1"}),
        ("stedfortreder", {"A1"}),
        ("leder_annen", {"B1"}),
        ("saksbehandler", set()),
        ("politiker", set()),
    ],
)
def test_stored_reports_follow_the_leaders_scope(personas, media, rapporter, hvem, ser):
    user = getattr(personas, hvem)
    koder = set(Rapport.objects.readable_by(user).values_list("enhet__kode", flat=True))
    assert koder == ser


def test_the_worklists_and_the_reports_read_the_same_scope(personas, org):
    for hvem in ("sektorleder", "leder", "stedfortreder", "leder_annen"):
        user = getattr(personas, hvem)
        omfang = set(
            AdministrativEnhet.objects.filter(access.lederomfang(user)).values_list("pk", flat=True)
        )
        assert set(Kontekst(user).mine_enhet_ids) == omfang, hvem
    assert access.lederomfang(personas.saksbehandler) is None
    assert access.rapportomfang(personas.saksbehandler) is None


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT

"""CSV import of indicator values: a file as Norwegian Excel writes it (semicolons, decimal
comma, Windows-1252) is saved; a file with bad lines saves nothing and names every bad line
by its number; the unit rules hold per line; corrections are logged; the page shows the
report."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from saksarkiv.models import Endringslogg
from saksarkiv.services import DomainError, IkkeTilgang
from verksemdsplan.models import Indikatorverdi
from verksemdsplan.services import indikator as tenester
from verksemdsplan.services import indikator_csv

from .test_indikator import lag

pytestmark = pytest.mark.django_db


def fil(tekst: str, koding="cp1252", namn="verdier.csv"):
    return SimpleUploadedFile(namn, tekst.encode(koding), content_type="text/csv")


@pytest.fixture
def to(org, klokke):
    """A monthly indicator for sektor A (delegated to enhet A) and a yearly one."""
    return (
        lag(org, namn="Andel digitale søknader"),
        lag(org, namn="Brukertilfredshet", periodetype="A", desimalar=2, basisverdi=Decimal(3),
            maalverdi=Decimal(5)),
    )  # fmt: skip


def test_a_good_file_as_excel_writes_it(to, org, personas, klokke):
    maanad, aarleg = to
    fjor = klokke.dag.year - 1
    tekst = (
        "Indikator;Enhet;År;Periode;Verdi\r\n"
        f"{maanad.pk};A1;{fjor};1;45,5\r\n"
        f'andel digitale søknader;a1;{fjor};2;"1 046,5"\r\n'
        ";;;;\r\n"
        f"Brukertilfredshet;SA;{fjor};;4,25\r\n"
    )
    rapport = indikator_csv.importer(personas.sektorleder, fil(tekst))
    assert (rapport.nye, rapport.korrigerte) == (3, 0)
    verdiar = {(v.indikator_id, v.enhet.kode, v.periode): v.verdi
               for v in Indikatorverdi.objects.select_related("enhet")}  # fmt: skip
    assert verdiar == {
        (maanad.pk, "A1", 1): Decimal("45.5"),
        (maanad.pk, "A1", 2): Decimal("1046.5"),
        (aarleg.pk, "SA", 0): Decimal("4.25"),
    }
    assert set(Indikatorverdi.objects.values_list("kjelde", flat=True)) == {"C"}
    # Again with one value changed: a correction, logged with the file's name as the reason.
    tekst2 = f"indikator;enhet;år;periode;verdi\n{maanad.pk};A1;{fjor};1;46\n"
    rapport = indikator_csv.importer(personas.sektorleder, fil(tekst2, "utf-8-sig", "mars.csv"))
    assert (rapport.nye, rapport.korrigerte) == (0, 1)
    logg = Endringslogg.objects.get(handling=tenester.KORRIGERT)
    assert logg.endringer["verdi"] == {"for": "45.5000", "etter": "46"}
    assert logg.beskrivelse == "Importert fra mars.csv"


def test_a_comma_file_with_decimal_points(to, org, personas, klokke):
    maanad, _aarleg = to
    tekst = f"indikator,enhet,år,periode,verdi\n{maanad.pk},A1,{klokke.dag.year - 1},3,47.5\n"
    assert indikator_csv.importer(personas.leder, fil(tekst, "utf-8")).nye == 1
    assert Indikatorverdi.objects.get().verdi == Decimal("47.5")


def test_bad_lines_are_reported_by_number_and_nothing_is_saved(to, org, personas, klokke):
    maanad, aarleg = to
    fjor = klokke.dag.year - 1
    tekst = (
        "indikator;enhet;år;periode;verdi\n"
        f"{maanad.pk};A1;{fjor};1;45,5\n"  # 2: good
        f"Finnes ikke;A1;{fjor};1;1\n"  # 3
        f"{maanad.pk};ZZ;{fjor};2;1\n"  # 4
        f"{maanad.pk};A1;{fjor};13;1\n"  # 5
        f"{maanad.pk};A1;{fjor};4;mye\n"  # 6
        f"{maanad.pk};B1;{fjor};4;1\n"  # 7: not delegated there
        f"{maanad.pk};SA;{fjor};4;1\n"  # 8: the leader of A1 does not lead sektor A
        f"{maanad.pk};A1;{fjor};1;46\n"  # 9: twice
        f"{aarleg.pk};A1;{fjor};0;4,123\n"  # 10: three decimals
        f"{maanad.pk};A1;{klokke.dag.year + 1};1;1\n"  # 11: a year to come
    )
    logg = Endringslogg.objects.count()
    with pytest.raises(DomainError) as svar:
        indikator_csv.importer(personas.leder, fil(tekst))
    feil = svar.value.details
    assert svar.value.field == "fil" and "9 linjer har feil" in svar.value.message
    assert [f.split(":")[0] for f in feil] == [f"Linje {n}" for n in range(3, 12)]
    assert "ukjent indikator «Finnes ikke»" in feil[0]
    assert "ukjent enhet «ZZ»" in feil[1]
    assert "1–12" in feil[2] and "«mye»" in feil[3] and "ikke delegert" in feil[4]
    assert "Byggesak" not in feil[5] and "Sektor A" in feil[5]
    assert "samme verdi som på linje 2" in feil[6] and "høyst 2 desimaler" in feil[7]
    assert "Året må være" in feil[8]
    assert not Indikatorverdi.objects.exists() and Endringslogg.objects.count() == logg


@pytest.mark.parametrize(
    ("tekst", "melding"),
    [
        ("", "tom"),
        ("indikator;enhet;verdi\n1;A1;2\n", "Mangler: år"),
        ("indikator;enhet;år;periode;verdi\n", "ingen verdier"),
    ],
)
def test_bad_files(to, personas, tekst, melding):
    with pytest.raises(DomainError, match=melding):
        indikator_csv.importer(personas.radmann, fil(tekst))


def test_only_leaders_import(to, personas):
    with pytest.raises(IkkeTilgang):
        indikator_csv.importer(personas.saksbehandler, fil("indikator;enhet;år;periode;verdi\n"))


def test_the_import_page(client, to, org, personas, klokke):
    maanad, _aarleg = to
    fjor = klokke.dag.year - 1
    url = reverse("verksemdsplan:indikator_import")
    client.force_login(personas.saksbehandler)
    assert client.get(url).status_code == 403
    client.force_login(personas.leder)
    assert client.get(url).status_code == 200
    tekst = f"indikator;enhet;år;periode;verdi\n{maanad.pk};A1;{fjor};1;45,5\nx;A1;{fjor};1;1\n"
    svar = client.post(url, {"fil": fil(tekst)})
    side = svar.content.decode()
    assert svar.status_code == 400 and "Linje 3: ukjent indikator «x»." in side
    assert 'id="id_fil_error"' in side and not Indikatorverdi.objects.exists()
    svar = client.post(url, {"fil": fil(tekst.rsplit("x;", 1)[0])}, follow=True)
    assert "Importert: 1 nye verdier" in svar.content.decode()
    assert Indikatorverdi.objects.get().verdi == Decimal("45.5")

"""Nynorsk and bokmål (issue 21, item 8): every string of the verksemdsplan part has a nynorsk
translation, the compiled catalogue is the one the .po gives, the user chooses the language in
the header, and the part's pages render in the chosen language.

The part's msgids are extracted the way `make nynorsk` does (scripts/meldingar.py: Django's
makemessages over a copy of verksemdsplan/, templates/verksemdsplan/ and templates/base.html),
so a string a template or module adds fails here until it is translated."""

import dataclasses
import datetime as dt
import gettext
import re
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser

import pytest
from django import forms
from django.conf import settings
from django.template import engines
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone, translation

from saksarkiv.models import AdministrativEnhet, Bruker
from saksarkiv.pdftekst import pdf_tekst
from scripts.meldingar import NN_MO, NN_PO, lag_po, les_po
from verksemdsplan import models as vp

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _spraket_tilbake():
    """A request in nynorsk leaves nn active in this thread (LocaleMiddleware activates, nothing
    deactivates): put bokmål back so that no later test reads nynorsk messages."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="module")
def delens_meldingar(tmp_path_factory) -> dict[tuple[str, str], dict]:
    """(msgctxt, msgid) → entry for every gettext string of the part, freshly extracted."""
    return les_po(lag_po(tmp_path_factory.mktemp("meldingar")))


def _katalog(mo) -> dict:
    with open(mo, "rb") as fil:
        return gettext.GNUTranslations(fil)._catalog


def _omsett(katalog: dict, ctx: str, msgid: str, plural: str | None) -> bool:
    if plural:
        return all(katalog.get((msgid, n)) for n in (0, 1))
    return bool(katalog.get(f"{ctx}\x04{msgid}" if ctx else msgid))


def test_every_msgid_of_the_part_has_a_nynorsk_translation(delens_meldingar):
    assert len(delens_meldingar) > 100  # the extraction found the part (models' labels at least)
    assert ("", "Hopp til hovedinnhold") in delens_meldingar  # and the base template's header
    katalog = _katalog(NN_MO)
    mangler = [
        f"{ctx + ' | ' if ctx else ''}{msgid}"
        for (ctx, msgid), oppforing in delens_meldingar.items()
        if not _omsett(katalog, ctx, msgid, oppforing["plural"])
    ]
    assert not mangler, (
        f"{len(mangler)} tekster uten nynorsk omsetjing (kjør `make nynorsk` og omset dem i "
        f"{NN_PO.relative_to(settings.BASE_DIR)}):\n" + "\n".join(mangler)
    )


def test_the_committed_mo_is_compiled_from_the_po(tmp_path):
    """The .mo the app reads is committed: it must say what the .po says (no fuzzy entry
    counts, and msgfmt --check refuses a translation that drops a placeholder)."""
    ferdig = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(ferdig), str(NN_PO)], check=True)
    assert _katalog(NN_MO) == _katalog(ferdig), "Kjør `make nynorsk`: .mo er eldre enn .po"
    uklare = [m for (_c, m), o in les_po(NN_PO).items() if o["fuzzy"]]
    assert not uklare, f"Uklare (fuzzy) omsetjingar: {uklare}"


def test_placeholders_survive_translation(delens_meldingar):
    """A translated message keeps its %(name)s and {name} placeholders (msgfmt only checks
    those xgettext recognised as python-format)."""
    plass = re.compile(r"%\(\w+\)[sd]|\{\w*\}")
    katalog = _katalog(NN_MO)
    feil = [
        msgid
        for (ctx, msgid), o in delens_meldingar.items()
        if not o["plural"]
        and (nn := katalog.get(f"{ctx}\x04{msgid}" if ctx else msgid))
        and sorted(plass.findall(nn)) != sorted(plass.findall(msgid))
    ]
    assert not feil, feil


# --- The language chooser --------------------------------------------------------------------


def test_the_user_chooses_nynorsk_in_the_header_and_it_is_kept(client, personas):
    client.force_login(personas.saksbehandler)
    side = client.get(reverse("arbeidsbord")).content.decode()
    assert '<html lang="nb">' in side
    skjema = re.search(r'<form[^>]*action="/sprak/"[^>]*>.*?</form>', side, re.S).group(0)
    # A labelled select with both languages in their own names, and a button.
    assert '<label for="sprakval">Språk</label>' in skjema
    assert '<select id="sprakval" name="language">' in skjema
    assert re.search(r'<option value="nb" lang="nb" selected>Norsk \(bokmål\)</option>', skjema)
    assert '<option value="nn" lang="nn">Norsk (nynorsk)</option>' in skjema
    assert '<button type="submit" class="knapp knapp--lenke">Bytt språk</button>' in skjema
    assert 'name="csrfmiddlewaretoken"' in skjema
    assert 'name="next" value="/"' in skjema

    svar = client.post(reverse("set_language"), {"language": "nn", "next": "/organisasjon/"})
    assert svar.status_code == 302 and svar["Location"] == "/organisasjon/"
    kake = svar.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert kake.value == "nn" and kake["httponly"] and kake["samesite"] == "Lax"
    assert int(kake["max-age"]) == 365 * 24 * 60 * 60  # kept for a year, not only this visit

    side = client.get(reverse("organisasjon")).content.decode()
    assert '<html lang="nn">' in side
    assert "Hopp til hovudinnhaldet" in side and "Byt språk" in side
    assert 'aria-label="Hovudmeny"' in side
    assert '<option value="nn" lang="nn" selected>' in side
    # Django's own strings come in nynorsk from Django's nn catalogue; dates as in bokmål.
    with translation.override("nn"):
        dato = engines["django"].from_string("{{ d|date }}").render({"d": dt.date(2026, 12, 3)})
        assert forms.CharField().error_messages["required"] == "Feltet er påkravd."
    assert dato == "03.12.2026"

    # And back to bokmål.
    client.post(reverse("set_language"), {"language": "nb", "next": "/"})
    assert '<html lang="nb">' in client.get(reverse("arbeidsbord")).content.decode()


def test_an_unknown_language_or_a_foreign_next_changes_nothing(client, personas):
    client.force_login(personas.saksbehandler)
    # Django's set_language takes any language it has a catalogue for; the middleware then
    # only serves settings.LANGUAGES, so an English cookie leaves the page in bokmål.
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert '<html lang="nb">' in client.get("/").content.decode()
    svar = client.post(reverse("set_language"), {"language": "nn", "next": "https://evil.example/"})
    assert svar.status_code == 302 and svar["Location"] == "/"
    assert '<html lang="nn">' in client.get("/").content.decode()  # only the redirect is refused


# --- The part's pages in both languages -------------------------------------------------------

# Bokmål words that never stand in nynorsk text: one of them in a page of the part in nynorsk
# is a string left out of the translation (a hard-coded text, or one looked up at import time).
BOKMAL = {
    "ikke", "enhet", "enheten", "enheter", "enhetene", "virksomhetsplan", "virksomhetsplanen",
    "virksomhetsplaner", "måned", "måneder", "hva", "hvordan", "hvem", "hvis", "hvor", "eier",
    "eieren", "beskrivelse", "oppgaver", "strategier", "planer", "verdier", "indikatorer",
    "fra", "noen", "ennå", "allerede", "bare", "velg", "mangler", "leder", "lederen",
    "ledere", "lederne", "hovedmål", "formål", "ble", "være", "mer", "sammenstilling",
}  # fmt: skip


class _Tekster(HTMLParser):
    """The text nodes and readable attributes of <main>, without code examples (a CSV
    file's column names are what they are in either language)."""

    LESBARE = ("aria-label", "title", "placeholder", "alt")
    KODE = ("pre", "code", "kbd", "samp")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.i_main = self.i_kode = 0
        self.tekster: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.i_main += tag == "main"
        self.i_kode += tag in self.KODE
        if self.i_main:
            self.tekster += [v for k, v in attrs if k in self.LESBARE and v]

    def handle_endtag(self, tag):
        self.i_main -= tag == "main"
        self.i_kode -= tag in self.KODE

    def handle_data(self, data):
        if self.i_main and not self.i_kode and data.strip():
            self.tekster.append(" ".join(data.split()))


def _tekster(side: str) -> list[str]:
    parser = _Tekster()
    parser.feed(side)
    return parser.tekster


def _delens_sider() -> dict[str, list[str]]:
    """The part's URL names → their arguments' names."""
    navn = {}

    def walk(patterns, ns=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, f"{ns}{p.namespace}:" if p.namespace else ns)
            elif isinstance(p, URLPattern) and ns == "verksemdsplan:":
                navn[ns + p.name] = list(p.pattern.converters)

    walk(get_resolver().url_patterns)
    return navn


@dataclasses.dataclass
class Verda:
    """One year of the part in enhet_a, in nynorsk as the demo municipality writes it."""

    aar: int
    plan: vp.Plan
    brev: vp.Oppdragsbrev  # enhet_a's draft (its leader sees the forms)
    punkt: vp.Oppdragspunkt
    oppdrag: vp.Oppdrag
    indikator: vp.Indikator
    rapport: vp.Rapport  # January's report, being written
    levert: vp.Rapport  # the first tertial's, delivered
    frist: vp.Aarshjulfrist
    enhet: object
    tiltak: vp.Tiltak | None = None  # a measure of the samfunnsdel, prioritised in the HØP
    hop: vp.Plan | None = None
    prioritering: vp.Prioritering | None = None
    verbalpunkt: vp.Verbalpunkt | None = None


def _verda(org, p, dag) -> Verda:
    aar = dag.year
    plan = vp.Plan.objects.create(namn="Samfunnsdelen", type="SD", vedteken=dt.date(aar - 2, 6, 1),
                                  fra_aar=aar - 2, til_aar=aar + 8)  # fmt: skip
    hm = vp.Maal.objects.create(plan=plan, nivaa="HM", nummer="1", tittel="Gode oppvekstvilkår")
    dm = vp.Maal.objects.create(plan=plan, forelder=hm, nivaa="DM", nummer="1.1",
                                tittel="Fleire born i barnehage")  # fmt: skip
    strategi = vp.Strategi.objects.create(maal=hm, nummer="1.a", tittel="Tidleg innsats")
    for enhet in (org.kommune, org.sektor_a, org.enhet_a):
        plan_ = vp.Verksemdsplan.objects.create(aar=aar, enhet=enhet)
        plan_.maal.set([hm, dm])
        plan_.strategiar.set([strategi])
    naa = timezone.now()
    brev_k = vp.Oppdragsbrev.objects.create(aar=aar, enhet=org.kommune, status="P",
                                            innleiing="Hovudbodskapen for året.",
                                            skrive_av=p.radmann, publisert=naa,
                                            publisert_av=p.radmann)  # fmt: skip
    punkt_k = vp.Oppdragspunkt.objects.create(brev=brev_k, tema="ST", tekst="Følgje opp planen.")
    brev_s = vp.Oppdragsbrev.objects.create(aar=aar, enhet=org.sektor_a, forelder=brev_k,
                                            status="P", skrive_av=p.sektorleder, publisert=naa,
                                            publisert_av=p.sektorleder)  # fmt: skip
    brev = vp.Oppdragsbrev.objects.create(aar=aar, enhet=org.enhet_a, forelder=brev_s,
                                          skrive_av=p.leder)  # fmt: skip
    punkt = vp.Oppdragspunkt.objects.create(brev=brev, tema="SK", tekst="Betre innbyggjardialog.")
    oppdrag = vp.Oppdrag.objects.create(aar=aar, kategori="VP", tittel="Ny heimeside",
                                        enhet=org.enhet_a, eigar=p.leder, maal=hm,
                                        frist=dag + dt.timedelta(days=30), oppdragspunkt=punkt_k,
                                        oppretta_av=p.radmann)  # fmt: skip
    vp.Oppdrag.objects.create(
        aar=aar, kategori="VP", tittel="Skriv tekstane", forelder=oppdrag, enhet=org.enhet_a,
        eigar=p.saksbehandler, strategi=strategi, frist=dag + dt.timedelta(days=20),
        status="AV", statuskommentar="Seinare enn venta.", oppretta_av=p.leder,
    )  # fmt: skip
    indikator = vp.Indikator.objects.create(
        namn="Sjukefråvær", maaleining="%", desimalar=1, periodetype="M", retning="F",
        basisverdi=8, basisaar=aar - 1, maalverdi=6, maalaar=aar + 1, maal=dm,
        enhet=org.enhet_a,
    )  # fmt: skip
    indikator.delegert_til.set([org.enhet_a])
    vp.Indikatormaal.objects.create(indikator=indikator, aar=aar, verdi=7)
    for maanad in range(1, 13):
        vp.Indikatorverdi.objects.create(indikator=indikator, enhet=org.enhet_a, aar=aar - 1,
                                         periode=maanad, verdi=8 - maanad / 10,
                                         registrert_av=p.leder)  # fmt: skip
    type_ = vp.Kontrolltype.objects.create(foremaal=vp.Foremaal.objects.create(namn="HMS"),
                                           namn="Vernerunde")  # fmt: skip
    sjekkpunkt = vp.Sjekkpunkt.objects.create(type=type_, sporsmaal="Er vernerunde gjennomført?")
    vp.Sjekkpunkt.objects.create(type=type_, sporsmaal="Er risikoen vurdert?")
    vp.Sjekkpunktsvar.objects.create(sjekkpunkt=sjekkpunkt, enhet=org.enhet_a, aar=aar,
                                     status="JA", svart_av=p.leder)  # fmt: skip
    rapport = vp.Rapport.objects.create(enhet=org.enhet_a, aar=aar, periodetype="M", periode=1)
    vp.Rapportlinje.objects.create(rapport=rapport, oppdrag=oppdrag, status="IR")
    vp.Maalvurdering.objects.create(rapport=rapport, maal=hm, vurdering=4)
    levert = vp.Rapport.objects.create(enhet=org.enhet_a, aar=aar, periodetype="T", periode=1,
                                       status="L", levert=naa, levert_av=p.leder,
                                       kommentar="Godt i gang.")  # fmt: skip
    vp.Rapportlinje.objects.create(rapport=levert, oppdrag=oppdrag, status="IR",
                                   kommentar="Arbeidet går etter planen.")  # fmt: skip
    vp.Maalvurdering.objects.create(rapport=levert, maal=hm, vurdering=2, kommentar="For seint.")
    frist = vp.Aarshjulfrist.objects.create(aar=aar, type="OB", tittel="Oppdragsbrevet",
                                            dato=dt.date(aar, 1, 31))  # fmt: skip
    tiltak = vp.Tiltak.objects.create(plan=plan, strategi=strategi, nummer="1.a.1",
                                      tittel="Fleire helsesjukepleiarar", okonomisk=True,
                                      kostnad=800_000)  # fmt: skip
    hop = vp.Plan.objects.create(namn="Handlings- og økonomiplanen", type="HO", fra_aar=aar,
                                 til_aar=aar + 3)  # fmt: skip
    prioritering = vp.Prioritering.objects.create(hop=hop, tiltak=tiltak, aar=aar,
                                                  enhet=org.enhet_a, belop=500_000)  # fmt: skip
    verbalpunkt = vp.Verbalpunkt.objects.create(hop=hop, aar=aar, nummer="1", maal=hm,
                                                tekst="Greie ut ny skulestruktur.",
                                                enhet=org.enhet_a)  # fmt: skip
    return Verda(aar, plan, brev, punkt, oppdrag, indikator, rapport, levert, frist, org.enhet_a,
                 tiltak, hop, prioritering, verbalpunkt)  # fmt: skip


# The arguments of each page of the part; a new URL fails the test below until it is here.
ARGUMENT: dict[str, Callable[[Verda], dict]] = {
    "oppdrag": lambda v: {"pk": v.oppdrag.pk},
    "oppdrag_status": lambda v: {"pk": v.oppdrag.pk},
    "oppdrag_deleger": lambda v: {"pk": v.oppdrag.pk},
    "indikator": lambda v: {"pk": v.indikator.pk},
    "endre_indikator": lambda v: {"pk": v.indikator.pk},
    "indikator_aarsmaal": lambda v: {"pk": v.indikator.pk},
    "plan": lambda v: {"pk": v.plan.pk},
    "ny_maal": lambda v: {"pk": v.plan.pk},
    "ny_strategi": lambda v: {"pk": v.plan.pk},
    "endre_plan": lambda v: {"pk": v.plan.pk},
    "endre_maal": lambda v: {"pk": v.plan.maal.get(nummer="1.1").pk},  # a delmål
    "endre_strategi": lambda v: {"pk": vp.Strategi.objects.get(maal__plan=v.plan).pk},
    "eining": lambda v: {"aar": v.aar, "enhet": v.enhet.pk},
    "godkjenn_plan": lambda v: {"aar": v.aar, "enhet": v.enhet.pk},
    "brev": lambda v: {"pk": v.brev.pk},
    "brev_innleiing": lambda v: {"pk": v.brev.pk},
    "brev_nytt_punkt": lambda v: {"pk": v.brev.pk},
    "brev_punkt": lambda v: {"pk": v.punkt.pk},
    "brev_handling": lambda v: {"pk": v.brev.pk, "handling": "send"},
    "aarshjul": lambda v: {"aar": v.aar},
    "aarshjul_standard": lambda v: {"aar": v.aar},
    "aarshjul_ny": lambda v: {"aar": v.aar},
    "aarshjul_frist": lambda v: {"pk": v.frist.pk},
    "sjekkliste_eining": lambda v: {"enhet": v.enhet.pk, "aar": v.aar},
    "rapport": lambda v: {"pk": v.rapport.pk},
    "levert_rapport": lambda v: {"pk": v.levert.pk},  # the same page, read only
    "rapport_pdf": lambda v: {"pk": v.levert.pk, "variant": "politisk"},
    "administrativ_pdf": lambda v: {"pk": v.levert.pk, "variant": "administrativ"},
    "tiltak": lambda v: {"pk": v.plan.pk},
    "endre_tiltak": lambda v: {"pk": v.tiltak.pk},
    "okonomiplan_no": lambda v: {"pk": v.hop.pk},
    "okonomiplan": lambda v: {"pk": v.hop.pk, "aar": v.aar},
    "prioriter": lambda v: {"pk": v.hop.pk, "aar": v.aar},
    "nytt_verbalpunkt": lambda v: {"pk": v.hop.pk, "aar": v.aar},
    "send_okonomiplan": lambda v: {"pk": v.hop.pk, "aar": v.aar},
    "fjern_prioritering": lambda v: {"pk": v.prioritering.pk},
    "verbalpunkt": lambda v: {"pk": v.verbalpunkt.pk},
    "rapport_referer": lambda v: {"pk": v.levert.pk},  # POST only; the form is on levert_rapport
}
# Under another name above (a second object or variant for the same URL).
ALIAS = {"levert_rapport": "rapport", "administrativ_pdf": "rapport_pdf"}
# Pages this test does not reach, and why.
UTELATNE = {
    "verksemdsplan:fra_vedtak": "needs a decided meeting item; tests/verksemdsplan/ of that area",
}


def _tekst_ord(tekst: str, data: set[str]) -> set[str]:
    for verdi in sorted(data, key=len, reverse=True):
        tekst = tekst.replace(verdi, " ")
    return BOKMAL & set(re.findall(r"\w+", tekst.lower()))


def test_the_parts_pages_render_in_the_chosen_language(client, personas, org, klokke,
                                                       delens_meldingar):  # fmt: skip
    """Every page (and PDF) of the part, as the chief executive and as the unit's leader:
    in nynorsk no text of the page is a bokmål msgid or has a bokmål word; in bokmål no text
    is a nynorsk translation."""
    verda = _verda(org, personas, klokke.dag)
    katalog = _katalog(NN_MO)
    omsett = {
        msgid: katalog[msgid]
        for (ctx, msgid), o in delens_meldingar.items()
        if not ctx and not o["plural"] and katalog.get(msgid, msgid) != msgid
    }
    nynorske = set(omsett.values()) - set(omsett)
    # Text the translator wrote, and the data on the page (names of people and units), may
    # hold a word that is bokmål elsewhere.
    godtatt = set(katalog.values())
    data = {t for e in AdministrativEnhet.objects.all() for t in (str(e), e.navn)}
    data |= {u.get_full_name() for u in Bruker.objects.all()}
    data.add(settings.SAKSARKIV_KOMMUNE)

    sider = _delens_sider()
    kjende = {f"verksemdsplan:{ALIAS.get(n, n)}" for n in ARGUMENT} | set(UTELATNE)
    nye = {n for n, args in sider.items() if args and n not in kjende}
    assert not nye, f"Sider uten argument i ARGUMENT her: {sorted(nye)}"
    urler = [(n, reverse(n)) for n, args in sider.items() if not args]
    urler += [(n, reverse(f"verksemdsplan:{ALIAS.get(n, n)}", kwargs=a(verda)))
              for n, a in ARGUMENT.items()]  # fmt: skip

    feil, sett = [], set()
    for bruker in (personas.radmann, personas.leder):
        client.force_login(bruker)
        for namn, url in urler:
            # A logged-in user's language is the profile's (saksarkiv/sprak.py).
            Bruker.objects.filter(pk=bruker.pk).update(sprak="nb")
            svar_nb = client.get(url)
            Bruker.objects.filter(pk=bruker.pk).update(sprak="nn")
            svar_nn = client.get(url)
            kodar = (svar_nb.status_code, svar_nn.status_code)
            if kodar in ((405, 405), (403, 403)):
                continue  # an action (POST only), or a page for others
            if kodar != (200, 200):
                feil.append(f"{namn} som {bruker.username}: {kodar}")
                continue
            sett.add(namn)
            hvor = f"{namn} som {bruker.username}"
            if svar_nn["Content-Type"] == "application/pdf":
                tekst_nb = pdf_tekst(svar_nb.content)
                tekst_nn = pdf_tekst(svar_nn.content)
                assert tekst_nb != tekst_nn, hvor
                if ord_ := _tekst_ord(tekst_nn, data | godtatt):
                    feil.append(f"{hvor} (nn, PDF): bokmålsord {sorted(ord_)}")
                continue
            side_nb, side_nn = svar_nb.content.decode(), svar_nn.content.decode()
            assert '<html lang="nb">' in side_nb and '<html lang="nn">' in side_nn, hvor
            for tekst in _tekster(side_nn):
                if tekst in omsett:
                    feil.append(f"{hvor} (nn): «{tekst}» står på bokmål")
                elif tekst not in godtatt and (ord_ := _tekst_ord(tekst, data)):
                    feil.append(f"{hvor} (nn): «{tekst}» har bokmålsord {sorted(ord_)}")
            for tekst in _tekster(side_nb):
                if tekst in nynorske:
                    feil.append(f"{hvor} (nb): «{tekst}» står på nynorsk")
    assert not feil, "\n".join(feil)
    # The world reached the pages with content, the PDFs included.
    assert {"oppdrag", "indikator", "plan", "eining", "brev", "rapport", "levert_rapport",
            "rapport_pdf", "administrativ_pdf", "sjekkliste_eining"} <= sett  # fmt: skip


def test_a_page_of_the_part_reads_nynorsk_and_bokmal(client, personas, org, klokke):
    """The seed's words: «Oppdrag og oppgåver», «eigar», «månad», in the pages and the PDF."""
    verda = _verda(org, personas, klokke.dag)
    client.force_login(personas.leder)
    mine = reverse("verksemdsplan:oppdrag_mine")
    rapport = reverse("verksemdsplan:rapport", args=[verda.rapport.pk])
    pdf = reverse("verksemdsplan:rapport_pdf", args=[verda.levert.pk, "politisk"])

    side = client.get(mine).content.decode()
    assert "Oppdrag og oppgaver du er eier av." in side and "oppgåver" not in side
    side = client.get(rapport).content.decode()
    assert f"januar {verda.aar}" in side and "Vurdering av målene" in side
    client.post(reverse("set_language"), {"language": "nn", "next": mine})
    side = client.get(mine).content.decode()
    assert "Oppdrag og oppgåver du er eigar av." in side and "oppgaver" not in side
    assert '<th scope="col">Eigar</th>' in side or ">Eigar<" in side
    side = client.get(rapport).content.decode()
    assert f"januar {verda.aar}" in side and "Vurdering av måla" in side
    assert "Måned" not in side and "måned" not in side
    tekst = " ".join(pdf_tekst(client.get(pdf).content).split())
    assert "Vurdering av måla" in tekst and "målene" not in tekst

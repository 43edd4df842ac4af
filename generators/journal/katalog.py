"""What the demo journal is made of (journal/demo.py): the kinds of cases each unit of
Fjordvik kommune handles, the posts such a case typically gets, names, addresses and
senders. Pure data; the generator decides dates, statuses and numbers.

Title templates use {kjerne} (what the case is about, e.g. "gnr 12 bnr 34 – Fjordvegen 5"),
{tittel} / {tittel_lc} (the case title), {navn} (the party), {soker} (an applicant on a
single post), {org} (a public body), {aar} / {naar} (the case's year / the next). Names are
the words screened with ***** in the public title.
"""

from dataclasses import dataclass

SKJERMEDE_FELT = ("navn", "soker")


@dataclass(frozen=True)
class Steg:
    """One post a case of this kind may get."""

    type: str  # I, U, N, X, S
    tittel: str
    hvem: str = ""  # I: part/org/firma/person; U: part/org; N/X: intern
    svar: bool = False  # answers an earlier received post (BU for U, NN for N)
    forelopig: bool = False  # a preliminary answer: the received post gets ***
    tilgang: str = ""  # the post's own access code (e.g. P on an application for a job)


def I(tittel, hvem="part", tilgang=""):  # noqa: E743, N802 - reads like the post type
    return Steg("I", tittel, hvem, tilgang=tilgang)


def U(tittel, hvem="part", svar=False, forelopig=False):  # noqa: N802
    return Steg("U", tittel, hvem, svar=svar, forelopig=forelopig)


def N(tittel, svar=False):  # noqa: N802
    return Steg("N", tittel, "intern", svar=svar)


def X(tittel):  # noqa: N802
    return Steg("X", tittel, "intern")


def S(tittel="{tittel}"):  # noqa: N802
    return Steg("S", tittel, "intern")


@dataclass(frozen=True)
class Sakstype:
    vekt: int
    tittel: str
    kjerne: str
    ordning: str  # a K-kode, or "GBNR" (ordningsverdi gnr/bnr)
    forste: Steg
    steg: tuple[Steg, ...] = ()
    slutt: Steg | None = None
    tilgang: str = ""  # access code of the restricted variant
    skjermet: float = 0.0  # share of these cases that are restricted
    part: str = "person"  # person, firma, elev, barn, lag or "" (no party)
    utvalg: tuple = ()  # (sakstype PS/DS/RS, committee codes in treatment order)
    lopende: bool = False  # a running file: unntatt prosesstyring (X)
    presedens: bool = False


SVAR = U("Svar – {tittel_lc}", svar=True)
FORELOPIG = U("Foreløpig svar – {kjerne}", forelopig=True)
TILLEGG = (
    U("Anmodning om tilleggsopplysninger – {kjerne}"),
    I("Tilleggsopplysninger – {kjerne}"),
)
TELEFON = X("Telefonnotat – {kjerne}")
INTERN = N("Intern vurdering – {kjerne}")

BYGG = (
    FORELOPIG,
    *TILLEGG,
    I("Nabomerknad – {kjerne}", "person"),
    U("Oversendelse av nabomerknad til uttalelse – {kjerne}"),
    I("Uttalelse – {kjerne}", "org"),
    X("Befaringsrapport – {kjerne}"),
    TELEFON,
    N("Oversendelse til uttalelse fra kommunalteknikk – {kjerne}"),
)
PLAN = (
    U("Varsel om oppstart av planarbeid – {kjerne}", "org"),
    I("Innspill til planarbeid – {kjerne}", "person"),
    I("Innspill til planarbeid – {kjerne}", "org"),
    I("Merknad til planforslag – {kjerne}", "firma"),
    X("Referat fra oppstartsmøte – {kjerne}"),
    U("Offentlig ettersyn – {kjerne}", "org"),
    N("Intern høring – {kjerne}"),
)
SOKNAD = (FORELOPIG, *TILLEGG, TELEFON, INTERN)
# What any case may get more of when its kind has few typical posts.
EKSTRA = (
    TELEFON,
    I("Ettersendt dokumentasjon – {kjerne}"),
    X("Notat til saken – {kjerne}"),
    U("Orientering om saken – {kjerne}"),
)

# The two schools handle the same kinds of cases.
SKOLE = [
    Sakstype(1, "Søknad om permisjon – elev {navn}", "elev {navn}", "B31", I("{tittel}"),
        (), U("Svar på søknad om permisjon – elev {navn}", svar=True),
        tilgang="E", skjermet=1.0, part="elev"),
    Sakstype(1, "Spesialundervisning – {navn}", "{navn}", "B34",
        I("Sakkyndig vurdering fra PPT – {navn}", "org:Pedagogisk-psykologisk tjeneste"),
        (TELEFON, INTERN),
        U("Enkeltvedtak om spesialundervisning – {navn}", svar=True),
        tilgang="E", skjermet=1.0, part="elev"),
    Sakstype(1, "Skolemiljøsak – aktivitetsplikt – {navn}", "{navn}", "B37",
        I("Melding om skolemiljø – {navn}"), (X("Aktivitetsplan – {navn}"), TELEFON),
        U("Orientering om aktivitetsplan – {navn}", svar=True),
        tilgang="E", skjermet=1.0, part="elev"),
    Sakstype(3, "Innkjøp av læremidler {aar} – {kjerne}", "{skole}", "B13",
        N("Behov for læremidler {aar}"), (I("Tilbud på læremidler", "firma"),),
        U("Bestilling av læremidler", "firma"), part=""),
    Sakstype(1, "Tilsyn – skolemiljø – {kjerne}", "{skole}", "B10",
        I("Varsel om tilsyn – {kjerne}", "org"),
        (U("Dokumentasjon til tilsyn – {kjerne}", "org"),
         I("Foreløpig tilsynsrapport – {kjerne}", "org")),
        I("Endelig tilsynsrapport – {kjerne}", "org"), part="", utvalg=("RS", ("HOO",))),
    Sakstype(1, "Samarbeidsutvalget – referater {aar} – {kjerne}", "{skole}", "B12",
        X("Referat fra samarbeidsutvalget – {kjerne}"),
        (X("Referat fra samarbeidsutvalget – {kjerne}"),), None, part="", lopende=True),
    Sakstype(2, "Skolerute {aar}–{naar} – {kjerne}", "{skole}", "B11",
        N("Forslag til skolerute {aar}–{naar}"), (I("Innspill til skolerute", "person"),),
        U("Vedtatt skolerute {aar}–{naar}", "org:FAU Fjordvik skole"), part=""),

]  # fmt: skip

ENHETER: dict[str, tuple[int, list[Sakstype]]] = {
    "BYG": (28, [
        Sakstype(8, "Søknad om byggetillatelse – {kjerne}", "{gbnr} – {adr}", "GBNR",
            I("{tittel}"), BYGG, U("Vedtak – byggetillatelse – {kjerne}", svar=True)),
        Sakstype(4, "Søknad om rammetillatelse – {kjerne}", "{gbnr} – {adr}, nytt bolighus",
            "GBNR", I("{tittel}", "firma"), BYGG,
            U("Rammetillatelse – {kjerne}", "firma", svar=True), part="firma"),
        Sakstype(3, "Søknad om igangsettingstillatelse – {kjerne}", "{gbnr} – {adr}", "GBNR",
            I("{tittel}", "firma"), (FORELOPIG, *TILLEGG),
            U("Igangsettingstillatelse – {kjerne}", "firma", svar=True), part="firma"),
        Sakstype(3, "Søknad om ferdigattest – {kjerne}", "{gbnr} – {adr}", "GBNR",
            I("{tittel}"), (X("Tilsynsrapport – {kjerne}"), *TILLEGG),
            U("Ferdigattest – {kjerne}", svar=True)),
        Sakstype(2, "Søknad om dispensasjon fra reguleringsplan – {kjerne}", "{gbnr} – {adr}",
            "GBNR", I("{tittel}"),
            (U("Høring av dispensasjonssøknad – {kjerne}", "org"),
             I("Uttalelse til dispensasjonssøknad – {kjerne}", "org")),
            U("Melding om vedtak – dispensasjon – {kjerne}", svar=True),
            utvalg=("PS", ("HTE",))),
        Sakstype(2, "Søknad om deling av grunneiendom – {kjerne}", "{gbnr} – {adr}", "GBNR",
            I("{tittel}"), SOKNAD, U("Vedtak om deling – {kjerne}", svar=True)),
        Sakstype(1, "Ulovlig byggearbeid – {kjerne}", "{gbnr} – {adr}", "GBNR",
            X("Registrert ulovlig tiltak – {kjerne}"),
            (U("Varsel om pålegg om retting – {kjerne}"),
             I("Tilsvar til varsel om pålegg – {kjerne}"), TELEFON),
            U("Pålegg om retting – {kjerne}")),
        Sakstype(1, "Klage på vedtak – {kjerne}", "{gbnr} – {adr}", "GBNR", I("{tittel}"),
            (INTERN, N("Klagen sendes til politisk behandling – {kjerne}", svar=True)),
            U("Oversendelse av klage til Statsforvalteren – {kjerne}", "org", svar=True),
            utvalg=("PS", ("HTE",)), presedens=True),
    ]),
    "PLA": (7, [
        Sakstype(3, "Detaljregulering – {kjerne}", "{sted} boligfelt", "L12",
            I("Planinitiativ – {kjerne}", "firma"), PLAN,
            U("Kunngjøring av vedtatt reguleringsplan – {kjerne}", "firma", svar=True),
            part="firma", utvalg=("PS", ("HTE", "FSK", "KST"))),
        Sakstype(1, "Kommuneplanens arealdel {aar}–{aar12}", "arealdelen", "L11",
            N("Planprogram – kommuneplanens arealdel"), PLAN, None, part="",
            utvalg=("PS", ("HTE", "FSK", "KST"))),
        Sakstype(3, "Rekvisisjon av oppmålingsforretning – {kjerne}", "{gbnr} – {adr}", "GBNR",
            I("{tittel}"),
            (U("Varsel om oppmålingsforretning – {kjerne}"),
             X("Protokoll fra oppmålingsforretning – {kjerne}")),
            U("Matrikkelbrev – {kjerne}", svar=True)),
        Sakstype(1, "Adressetildeling – {kjerne}", "{vei}", "L71",
            N("Forslag til adressenavn – {kjerne}"),
            (I("Innspill til adressenavn – {kjerne}", "person"),),
            U("Melding om tildelt adresse – {kjerne}", "person"), part=""),
        Sakstype(2, "Høring – {kjerne}", "regional plan for {regionplan}", "L05",
            I("Høring – {kjerne}", "org"), (INTERN,),
            U("Høringsuttalelse – {kjerne}", "org", svar=True), part=""),
    ]),
    "KTE": (7, [
        Sakstype(3, "Søknad om tilknytning til kommunalt vann og avløp – {kjerne}",
            "{gbnr} – {adr}", "GBNR", I("{tittel}"), (FORELOPIG, TELEFON),
            U("Tillatelse til tilknytning – {kjerne}", svar=True)),
        Sakstype(2, "Søknad om gravetillatelse – {kjerne}", "{vei}", "Q13",
            I("{tittel}", "firma"), (TELEFON,),
            U("Gravetillatelse – {kjerne}", "firma", svar=True), part="firma"),
        Sakstype(2, "Klage på kommunale avgifter – {kjerne}", "{gbnr} – {adr}", "GBNR",
            I("{tittel}"), (INTERN, TELEFON), U("Svar på klage – {kjerne}", svar=True)),
        Sakstype(1, "Anskaffelse – brøyting og strøing {aar}–{naar}", "vintervedlikehold", "Q14",
            N("Behovsmelding – brøyting og strøing"),
            (I("Tilbud – brøyting og strøing", "firma"), X("Evalueringsnotat – tilbud"),
             U("Melding om tildeling – brøyting og strøing", "firma")),
            U("Kontrakt – brøyting og strøing", "firma"), part=""),
        Sakstype(1, "Hovedplan vann og avløp {aar}–{aar12}", "vann og avløp", "M10",
            N("Oppstart – hovedplan vann og avløp"),
            (X("Referat fra arbeidsgruppe – hovedplan"),
             I("Uttalelse – hovedplan vann og avløp", "org")),
            None, part="", utvalg=("PS", ("HTE", "KST"))),
        Sakstype(1, "Melding om vannlekkasje – {kjerne}", "{vei}", "M12",
            I("{tittel}", "person"),
            (TELEFON, N("Arbeidsordre – vannlekkasje – {kjerne}", svar=True)),
            U("Svar på melding om vannlekkasje – {kjerne}", "person", svar=True), part=""),
    ]),
    "LAN": (5, [
        Sakstype(3, "Søknad om produksjonstilskudd {aar} – {kjerne}", "{gard}", "V61",
            I("{tittel}"), (TELEFON,),
            U("Vedtak om produksjonstilskudd – {kjerne}", svar=True)),
        Sakstype(2, "Søknad om konsesjon – {kjerne}", "{gbnr} – {gard}", "GBNR",
            I("{tittel}"), (INTERN,),
            U("Melding om vedtak – konsesjon – {kjerne}", svar=True), utvalg=("PS", ("HTE",))),
        Sakstype(1, "Søknad om fellingstillatelse – hjort {aar} – {kjerne}", "{gard} vald",
            "K46", I("{tittel}"), (), U("Fellingstillatelse – {kjerne}", svar=True)),
        Sakstype(1, "Søknad om SMIL-tilskudd – {kjerne}", "{gard}", "V62", I("{tittel}"),
            (X("Befaringsnotat – {kjerne}"),),
            U("Vedtak om SMIL-tilskudd – {kjerne}", svar=True)),
    ]),
    "FSK": (4, SKOLE),
    "NSK": (3, SKOLE),
    "SBH": (2, [
        Sakstype(3, "Søknad om barnehageplass – {navn}", "{navn}", "A12", I("{tittel}"), (),
            U("Tilbud om barnehageplass – {navn}", svar=True),
            tilgang="U", skjermet=0.5, part="barn"),
        Sakstype(1, "Søknad om redusert foreldrebetaling – {navn}", "{navn}", "A13",
            I("{tittel}"), TILLEGG,
            U("Vedtak om redusert foreldrebetaling – {navn}", svar=True),
            tilgang="U", skjermet=1.0, part="barn"),
        Sakstype(1, "Tilsyn med barnehagen {aar}", "Sentrum barnehage", "A10",
            U("Varsel om tilsyn – Sentrum barnehage", "org"),
            (I("Tilsynsrapport – Sentrum barnehage", "org"),),
            X("Oppfølging av tilsyn – Sentrum barnehage"), part=""),
    ]),
    "KUL": (5, [
        Sakstype(4, "Søknad om kulturmidler {aar} – {kjerne}", "{lag}", "C20", I("{tittel}"),
            (TELEFON,), U("Tilsagn om kulturmidler {aar} – {kjerne}", svar=True), part="lag"),
        Sakstype(2, "Søknad om tilskudd til arrangement – {kjerne}", "{arrangement}", "C21",
            I("{tittel}"), (), U("Svar på søknad om tilskudd – {kjerne}", svar=True),
            part="lag"),
        Sakstype(1, "Kulturprisen {aar}", "kulturprisen", "C00",
            N("Forslag til kulturpris {aar}"), (I("Forslag til kulturprisen {aar}", "person"),),
            U("Melding om tildeling av kulturprisen {aar}", "person"),
            part="", utvalg=("PS", ("HOO",))),
        Sakstype(2, "Utleie av kulturhuset – {kjerne}", "{lag}", "C30",
            I("Forespørsel om leie av kulturhuset – {kjerne}"), (),
            U("Leieavtale – kulturhuset – {kjerne}", svar=True), part="lag"),
    ]),
    "PPT": (1, [
        Sakstype(3, "Sakkyndig vurdering – {navn}", "{navn}", "B34",
            I("Henvisning til PPT – {navn}", "org"),
            (X("Observasjon – {navn}"), TELEFON, U("Innkalling til samtale – {navn}")),
            U("Sakkyndig vurdering – {navn}", svar=True),
            tilgang="E", skjermet=0.95, part="elev"),
    ]),
    "HJT": (2, [
        Sakstype(3, "Søknad om hjemmetjenester – {navn}", "{navn}", "G21", I("{tittel}"),
            (X("Kartlegging – {navn}"), TELEFON),
            U("Vedtak om hjemmetjenester – {navn}", svar=True), tilgang="U", skjermet=1.0),
        Sakstype(1, "Søknad om trygghetsalarm – {navn}", "{navn}", "G22", I("{tittel}"), (),
            U("Vedtak om trygghetsalarm – {navn}", svar=True), tilgang="U", skjermet=1.0),
        Sakstype(1, "Anskaffelse – velferdsteknologi {aar}", "velferdsteknologi", "G20",
            N("Behovsmelding – velferdsteknologi"),
            (I("Tilbud – velferdsteknologi", "firma"),),
            U("Melding om tildeling – velferdsteknologi", "firma"), part=""),
    ]),
    "SHJ": (1, [
        Sakstype(2, "Søknad om langtidsopphold – {navn}", "{navn}", "G23", I("{tittel}"),
            (TELEFON, INTERN), U("Vedtak om langtidsopphold – {navn}", svar=True),
            tilgang="U", skjermet=1.0),
        Sakstype(1, "Tilsyn med legemiddelhåndtering {aar}", "legemiddelhåndtering", "G20",
            I("Varsel om tilsyn – legemiddelhåndtering", "org"),
            (U("Dokumentasjon til tilsyn", "org"),),
            I("Tilsynsrapport – legemiddelhåndtering", "org"), part=""),
    ]),
    "HST": (1, [
        Sakstype(2, "Helsestasjonsoppfølging – {navn}", "{navn}", "G32",
            I("Melding fra fastlege – {navn}", "org:Fjordvik legesenter"), (TELEFON,),
            U("Svar – oppfølging – {navn}", "org:Fjordvik legesenter", svar=True),
            tilgang="U", skjermet=1.0),
        Sakstype(1, "Vaksinasjonsprogram {aar}", "vaksinasjon", "G31",
            I("Informasjon om vaksinasjonsprogrammet {aar}", "org:Helsedirektoratet"),
            (X("Plan for skolevaksinasjon {aar}"),), None, part=""),
    ]),
    "BVT": (2, [
        Sakstype(2, "Bekymringsmelding – {navn}", "{navn}", "F47", I("{tittel}", "org"),
            (X("Vurdering av bekymringsmelding – {navn}"),),
            U("Melding om henleggelse – {navn}", svar=True),
            tilgang="U", skjermet=1.0, part="barn"),
        Sakstype(2, "Undersøkelsessak – {navn}", "{navn}", "F47",
            I("Bekymringsmelding – {navn}", "org"),
            (U("Innkalling til samtale – {navn}"), X("Samtalereferat – {navn}"), TELEFON),
            U("Vedtak om hjelpetiltak – {navn}", svar=True),
            tilgang="U", skjermet=1.0, part="barn"),
        Sakstype(1, "Barnevernssak – {navn}", "{navn}", "F47", N("Tiltaksplan – {navn}"),
            (I("Rapport fra fosterhjemsoppfølging – {navn}", "org"), TELEFON),
            X("Evaluering av tiltak – {navn}"), tilgang="U", skjermet=1.0, part="barn"),
    ]),
    "NAV": (2, [
        Sakstype(3, "Søknad om økonomisk sosialhjelp – {navn}", "{navn}", "F30",
            I("{tittel}"), TILLEGG,
            U("Vedtak om økonomisk sosialhjelp – {navn}", svar=True),
            tilgang="U", skjermet=1.0),
        Sakstype(1, "Søknad om startlån – {navn}", "{navn}", "F35", I("{tittel}"), TILLEGG,
            U("Vedtak om startlån – {navn}", svar=True), tilgang="U", skjermet=1.0),
        Sakstype(1, "Samarbeidsavtale NAV Fjordvik {aar}", "samarbeidsavtale", "F30",
            I("Utkast til samarbeidsavtale {aar}", "org"), (INTERN,),
            U("Signert samarbeidsavtale {aar}", "org", svar=True), part=""),
    ]),
    "PER": (7, [
        Sakstype(4, "Tilsetting – {kjerne}", "{stilling}", "411", X("Utlysning – {kjerne}"),
            (I("Søknad på stilling – {kjerne} – {soker}", "soker", tilgang="P"),
             I("Søknad på stilling – {kjerne} – {soker}", "soker", tilgang="P"),
             X("Innstilling – {kjerne}"), U("Tilbud om stilling – {kjerne}", "soker")),
            I("Aksept av tilbud – {kjerne}", "soker"), part=""),
        Sakstype(1, "Søknad om permisjon – {navn}", "{navn}", "461", I("{tittel}"), (),
            U("Svar på søknad om permisjon – {navn}", svar=True),
            tilgang="P", skjermet=1.0, part="ansatt"),
        Sakstype(1, "Personalsak – {navn}", "{navn}", "413", N("Notat – {navn}"),
            (X("Referat fra samtale – {navn}"), U("Innkalling til samtale – {navn}")),
            X("Oppfølgingsplan – {navn}"), tilgang="P", skjermet=1.0, part="ansatt"),
        Sakstype(1, "Lønnspolitisk plan {aar}–{naar}", "lønnspolitikk", "400",
            N("Utkast – lønnspolitisk plan"),
            (I("Uttalelse fra Fagforbundet", "org:Fagforbundet Fjordvik"),),
            None, part="", utvalg=("PS", ("ADM", "KST"))),
        Sakstype(1, "Vernerunde {aar} – {kjerne}", "{skole}", "470",
            X("Sjekkliste for vernerunde – {kjerne}"), (N("Avvik fra vernerunde – {kjerne}"),),
            X("Handlingsplan etter vernerunde – {kjerne}"), part=""),
        Sakstype(1, "Arbeidsmiljøutvalget – møter {aar}", "AMU", "033",
            X("Innkalling til AMU"), (X("Protokoll fra AMU"), X("Innkalling til AMU")), None,
            part="", lopende=True),
    ]),
    "OKA": (6, [
        Sakstype(1, "Budsjett {naar} og økonomiplan {naar}–{aar4}", "budsjett {naar}", "151",
            N("Budsjettrundskriv {naar}"),
            (X("Budsjettinnspill fra sektorene"),
             I("Statsbudsjettet {naar} – kommuneopplegget", "org:Statsforvalteren i Vestland")),
            U("Melding om vedtatt budsjett {naar}", "org:Statsforvalteren i Vestland"),
            part="", utvalg=("PS", ("FSK", "KST"))),
        Sakstype(2, "Tertialrapport {tertial}. tertial {aar}", "tertialrapport", "153",
            N("Rapportering fra sektorene"), (), None, part="",
            utvalg=("PS", ("FSK", "KST"))),
        Sakstype(1, "Årsregnskap og årsberetning {aar}", "årsregnskap", "210",
            N("Årsberetning – innspill"),
            (I("Revisjonsberetning", "org:Revisjon Vest IKS"),), None, part="",
            utvalg=("PS", ("KU", "FSK", "KST"))),
        Sakstype(2, "Leverandørfakturaer {aar}", "fakturaer", "212",
            I("Faktura – {firma}", "firma"),
            (I("Faktura – {firma}", "firma"), I("Kreditnota – {firma}", "firma")), None,
            part="", lopende=True),
        Sakstype(1, "Søknad om kommunal garanti – {kjerne}", "{lag}", "157", I("{tittel}"),
            (INTERN,), U("Melding om vedtak – kommunal garanti – {kjerne}", svar=True),
            part="lag", utvalg=("PS", ("FSK", "KST"))),
    ]),
    "SKA": (1, [
        Sakstype(2, "Søknad om ettergivelse av restskatt – {navn}", "{navn}", "255",
            I("{tittel}"), TILLEGG, U("Vedtak – ettergivelse – {navn}", svar=True),
            tilgang="S", skjermet=0.5),
        Sakstype(1, "Arbeidsgiverkontroll {aar} – {navn}", "{navn}", "256",
            U("Varsel om arbeidsgiverkontroll – {navn}"), (I("Dokumentasjon – {navn}"),),
            U("Kontrollrapport – {navn}", svar=True),
            tilgang="S", skjermet=0.5, part="firma"),
        Sakstype(1, "Skatteoppkreverens årsrapport {aar}", "årsrapport", "250",
            N("Årsrapport skatteoppkrever {aar}"),
            (I("Kontrollrapport fra Skatteetaten", "org:Skatteetaten"),),
            None, part="", utvalg=("RS", ("KU",))),
    ]),
    "IKT": (3, [
        Sakstype(2, "Anskaffelse – {kjerne}", "{itkjop}", "077", N("Behovsmelding – {kjerne}"),
            (I("Tilbud – {kjerne}", "firma"), X("Evalueringsnotat – {kjerne}")),
            U("Melding om tildeling – {kjerne}", "firma"), part=""),
        Sakstype(1, "Databehandleravtale – {kjerne}", "{firma}", "077",
            I("Utkast til databehandleravtale – {kjerne}", "firma"), (INTERN,),
            U("Signert databehandleravtale – {kjerne}", "firma", svar=True), part=""),
        Sakstype(1, "Avvik – informasjonssikkerhet {aar}", "avvik", "079",
            I("Avviksmelding – informasjonssikkerhet", "person"),
            (X("Risikovurdering etter avvik"),), X("Lukking av avvik"), part=""),
    ]),
    "JUR": (3, [
        Sakstype(2, "Innsynskrav – {kjerne}", "{tema}", "008", I("{tittel}", "org"), (),
            U("Svar på innsynskrav – {kjerne}", "org", svar=True), part=""),
        Sakstype(1, "Juridisk vurdering – {kjerne}", "{tema}", "008",
            N("Bestilling av juridisk vurdering – {kjerne}"),
            (I("Uttalelse fra KS Advokatene – {kjerne}", "org:KS Advokatene"),),
            X("Juridisk vurdering – {kjerne}"), part=""),
        Sakstype(1, "Erstatningskrav – {navn}", "{navn}", "008", I("{tittel}"),
            (INTERN, TELEFON), U("Svar på erstatningskrav – {navn}", svar=True),
            tilgang="U", skjermet=0.8),
    ]),
    "POL": (5, [
        Sakstype(1, "Forvaltningsrevisjon – {kjerne}", "{tema}", "033",
            I("Prosjektplan – forvaltningsrevisjon – {kjerne}", "org:Revisjon Vest IKS"),
            (I("Rapport – forvaltningsrevisjon – {kjerne}", "org:Revisjon Vest IKS"),),
            None, part="", utvalg=("PS", ("KU", "KST"))),
        Sakstype(1, "Søknad om fritak fra politiske verv – {navn}", "{navn}", "033",
            I("{tittel}"), (), U("Melding om vedtak – fritak fra politiske verv", svar=True),
            utvalg=("PS", ("KST",))),
        Sakstype(1, "Møteplan for politiske utvalg {naar}", "møteplan", "033",
            N("Forslag til møteplan {naar}"), (), None, part="",
            utvalg=("PS", ("FSK", "KST"))),
        Sakstype(2, "Spørsmål til ordføreren – {kjerne}", "{tema}", "033",
            I("{tittel}", "person"), (),
            U("Svar på spørsmål – {kjerne}", "person", svar=True), part=""),
        Sakstype(1, "Innbyggerforslag – {kjerne}", "{tema}", "033", I("{tittel}", "person"),
            (), U("Melding om vedtak – innbyggerforslag", "person", svar=True), part="",
            utvalg=("PS", ("FSK", "KST"))),
    ]),
    "RAD": (2, [
        Sakstype(1, "Delegeringsreglement – revisjon {aar}", "delegering", "023",
            N("Utkast – delegeringsreglement"), (X("Innspill fra sektorene"),), None,
            part="", utvalg=("PS", ("FSK", "KST"))),
        Sakstype(1, "Henvendelse fra Statsforvalteren – {kjerne}", "{tema}", "000",
            I("{tittel}", "org:Statsforvalteren i Vestland"), (INTERN,),
            U("Svar til Statsforvalteren – {kjerne}", "org:Statsforvalteren i Vestland",
              svar=True), part=""),
        Sakstype(1, "Beredskapsplan {aar}", "beredskap", "X20",
            N("Helhetlig ROS-analyse {aar}"), (X("Referat fra beredskapsrådet"),),
            X("Beredskapsplan {aar}"), part=""),
    ]),
    "OPK": (2, [
        Sakstype(1, "Skolebruksplan {aar}–{aar12}", "skolebruksplan", "B10",
            N("Mandat – skolebruksplan"),
            (I("Innspill til skolebruksplan", "person"),
             I("Uttalelse fra FAU", "org:FAU Fjordvik skole")),
            None, part="", utvalg=("PS", ("HOO", "FSK", "KST"))),
        Sakstype(1, "Tilstandsrapport for grunnskolen {aar}", "tilstandsrapport", "B10",
            N("Tilstandsrapport – bestilling"), (), None, part="", utvalg=("PS", ("HOO",))),
        Sakstype(1, "Henvendelse om skolestruktur – {kjerne}", "{tema}", "B10",
            I("{tittel}", "person"), (),
            U("Svar på henvendelse – {kjerne}", "person", svar=True), part=""),
    ]),
    "HV": (1, [
        Sakstype(1, "Helse- og omsorgsplan {aar}–{aar12}", "helse og omsorg", "G00",
            N("Planprogram – helse og omsorg"),
            (I("Uttalelse – eldrerådet", "org:Eldrerådet i Fjordvik"),), None,
            part="", utvalg=("PS", ("FSK", "KST"))),
        Sakstype(1, "Legevaktsamarbeid {aar}", "legevakt", "G10",
            I("Forslag til avtale om legevakt", "org"), (INTERN,),
            U("Svar – avtale om legevakt", "org", svar=True), part=""),
    ]),
    "TM": (1, [
        Sakstype(1, "Trafikksikkerhetsplan {aar}–{aar4}", "trafikksikkerhet", "Q80",
            N("Oppstart – trafikksikkerhetsplan"),
            (I("Innspill – trafikksikkerhet", "person"),), None,
            part="", utvalg=("PS", ("HTE", "KST"))),
    ]),
    "OKO": (1, [
        Sakstype(1, "Eiendomsskatt {naar}", "eiendomsskatt", "232",
            N("Eiendomsskatt {naar} – grunnlag"), (), None, part="",
            utvalg=("PS", ("FSK", "KST"))),
        Sakstype(1, "Finansrapport {aar}", "finansrapport", "155", X("Finansrapport {aar}"),
            (), None, part="", utvalg=("RS", ("FSK",))),
    ]),
    "DOK": (3, [
        Sakstype(1, "Arkivplan – revisjon {aar}", "arkivplan", "060", N("Arkivplan – status"),
            (I("Veiledning fra IKA", "org:IKA Vestland"),), X("Arkivplan {aar}"), part=""),
        Sakstype(2, "Innsynskrav – {kjerne}", "{tema}", "060", I("{tittel}", "org"), (),
            U("Svar på innsynskrav – {kjerne}", "org", svar=True), part=""),
        Sakstype(1, "Diverse henvendelser {aar} – Dokumentsenteret", "diverse", "060",
            I("Henvendelse – postmottak", "person"),
            (I("Henvendelse – postmottak", "person"),
             N("Videresendt henvendelse – postmottak", svar=True)), None, part="", lopende=True),
    ]),
}  # fmt: skip

UTVALG = [
    # (kode, navn, rekkefølge i behandlingskjeden)
    ("HOO", "Hovedutvalg for oppvekst", 10),
    ("HTE", "Hovedutvalg for teknisk", 10),
    ("ADM", "Administrasjonsutvalget", 10),
    ("KU", "Kontrollutvalget", 10),
    ("FSK", "Formannskapet", 20),
    ("KST", "Kommunestyret", 30),
]

FORNAVN = [
    "Ola", "Kari", "Per", "Anne", "Lars", "Ingrid", "Jon", "Marit", "Nils", "Hilde", "Tor", "Liv",
    "Bjørn", "Randi", "Geir", "Silje", "Arne", "Tone", "Knut", "Eva", "Emil", "Nora", "Jakob",
    "Emma", "Filip", "Sofie", "Oskar", "Ella", "William", "Maja", "Noah", "Olivia", "Lucas",
    "Leah", "Henrik", "Ingeborg", "Sander", "Aurora", "Magnus", "Thea", "Johannes", "Frida",
    "Aksel", "Sara", "Isak", "Hedda", "Elias", "Linnea", "Mathias", "Vilde", "Tobias", "Amalie",
    "Sigurd", "Mari", "Eirik", "Ragnhild", "Odd", "Gunnhild", "Svein", "Åse",
]  # fmt: skip
BARNENAVN = [
    "Emil", "Nora", "Jakob", "Emma", "Filip", "Sofie", "Oskar", "Ella", "William", "Maja", "Noah",
    "Olivia", "Lucas", "Leah", "Aksel", "Sara", "Isak", "Hedda", "Elias", "Linnea", "Mathias",
    "Vilde", "Tobias", "Amalie", "Sigurd", "Ingrid", "Johannes", "Frida",
]  # fmt: skip
ETTERNAVN = [
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
    "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen",
    "Johannessen", "Andreassen", "Jacobsen", "Dahl", "Jørgensen", "Halvorsen", "Henriksen", "Lund",
    "Sørensen", "Jakobsen", "Moen", "Gundersen", "Iversen", "Strand", "Solberg", "Svendsen",
    "Eide", "Knutsen", "Martinsen", "Paulsen", "Bakken", "Kristoffersen", "Mathisen", "Lie",
    "Amundsen", "Nguyen", "Rasmussen", "Ali", "Lunde", "Solheim", "Berge", "Moe", "Nygård",
    "Bakke", "Kristensen", "Fredriksen", "Holm", "Lien", "Hauge", "Christensen", "Andresen",
    "Nielsen", "Knudsen", "Evensen", "Sæther", "Aas", "Myhre", "Hanssen", "Ahmed", "Haugland",
    "Thomassen", "Sivertsen", "Simonsen",
]  # fmt: skip
VEIER = [
    "Fjordvegen", "Storgata", "Kirkevegen", "Nordbygdvegen", "Skolebakken", "Havnegata",
    "Strandvegen", "Liavegen", "Furulunden", "Sjøvegen", "Bjørkelia", "Elvevegen", "Industrivegen",
    "Myrvegen", "Solbakken", "Granlia", "Kaivegen", "Torget", "Stasjonsvegen", "Bakkevegen",
    "Heiavegen", "Måkevegen", "Nausttunet", "Prestegardsvegen",
]  # fmt: skip
POSTSTEDER = [
    ("6900", "Fjordvik"),
    ("6901", "Fjordvik"),
    ("6907", "Nordbygda"),
    ("6910", "Strandvik"),
]
STEDER = [
    "Lia", "Myrane", "Strandvik", "Nordbygda", "Solheim", "Fjordhagen", "Grønlia", "Bakkeli",
    "Havnehagen", "Elvetun",
]  # fmt: skip
GARDER = [f"{a} {b}" for a in ("Nordre", "Søndre", "Øvre", "Nedre")
          for b in ("Lia", "Haug", "Moen", "Berg", "Bakken")]  # fmt: skip
FIRMA = [
    "Byggmester Hansen AS", "Fjordvik Rør og Varme AS", "Arkitektkontoret Nord AS",
    "Vest Entreprenør AS", "Nordbygda Elektro AS", "Fjordvik Eiendom AS", "Tømrer Berg AS",
    "Sunnfjord Landmåling AS", "Kystplan AS", "Advokatfirmaet Lunde & Moe AS",
    "Strandvik Maskin AS", "Fjordvik Bygg og Anlegg AS", "Norconsult Vest AS", "Bolighus Vest AS",
]  # fmt: skip
# (navn, adresse, postnummer, poststed)
ORGANER = [
    ("Statsforvalteren i Vestland", "Postboks 100", "6801", "Førde"),
    ("Statens vegvesen", "Postboks 1010 Nordre Ål", "2605", "Lillehammer"),
    ("Vestland fylkeskommune", "Postboks 7900", "5020", "Bergen"),
    ("Norges vassdrags- og energidirektorat", "Postboks 5091 Majorstua", "0301", "Oslo"),
    ("Mattilsynet", "Postboks 383", "2381", "Brumunddal"),
    ("Husbanken", "Postboks 1404", "8002", "Bodø"),
    ("Arbeidstilsynet", "Postboks 4720 Torgarden", "7468", "Trondheim"),
    ("Vest politidistrikt", "Postboks 4", "6901", "Fjordvik"),
    ("Direktoratet for byggkvalitet", "Postboks 8742 Youngstorget", "0028", "Oslo"),
    ("Skatteetaten", "Postboks 9200 Grønland", "0134", "Oslo"),
    ("Helsedirektoratet", "Postboks 220 Skøyen", "0213", "Oslo"),
    ("Utdanningsdirektoratet", "Postboks 9359 Grønland", "0135", "Oslo"),
    ("Bufetat region vest", "Postboks 1", "5001", "Bergen"),
    ("Fjordvik legesenter", "Storgata 12", "6900", "Fjordvik"),
    ("KS Advokatene", "Postboks 1378 Vika", "0114", "Oslo"),
    ("Revisjon Vest IKS", "Havnegata 3", "6900", "Fjordvik"),
    ("Fjordvik Avis", "Torget 2", "6900", "Fjordvik"),
    ("IKA Vestland", "Postboks 3", "5802", "Bergen"),
    ("Fagforbundet Fjordvik", "Storgata 20", "6900", "Fjordvik"),
    ("Eldrerådet i Fjordvik", "Rådhuset", "6900", "Fjordvik"),
    ("FAU Fjordvik skole", "Skolebakken 1", "6900", "Fjordvik"),
]
# Public bodies that plausibly write to each unit (senders of I posts with hvem="org").
ORGANER_FOR = {
    "BYG": ["Statens vegvesen", "Statsforvalteren i Vestland", "Vestland fylkeskommune",
            "Norges vassdrags- og energidirektorat", "Direktoratet for byggkvalitet"],
    "PLA": ["Statens vegvesen", "Statsforvalteren i Vestland", "Vestland fylkeskommune",
            "Norges vassdrags- og energidirektorat", "Mattilsynet"],
    "KTE": ["Mattilsynet", "Statens vegvesen", "Norges vassdrags- og energidirektorat"],
    "LAN": ["Statsforvalteren i Vestland", "Mattilsynet"],
    "FSK": ["Statsforvalteren i Vestland", "Utdanningsdirektoratet"],
    "SBH": ["Statsforvalteren i Vestland", "Utdanningsdirektoratet"],
    "PPT": ["Fjordvik legesenter", "Bufetat region vest"],
    "HJT": ["Fjordvik legesenter", "Statsforvalteren i Vestland", "Helsedirektoratet"],
    "SHJ": ["Statsforvalteren i Vestland", "Helsedirektoratet", "Fjordvik legesenter"],
    "HST": ["Fjordvik legesenter", "Helsedirektoratet"],
    "BVT": ["Fjordvik legesenter", "Vest politidistrikt", "Bufetat region vest"],
    "NAV": ["Husbanken", "Statsforvalteren i Vestland"],
    "PER": ["Fagforbundet Fjordvik", "Arbeidstilsynet"],
    "OKA": ["Revisjon Vest IKS", "Skatteetaten"],
    "SKA": ["Skatteetaten"],
    "JUR": ["Fjordvik Avis", "Statsforvalteren i Vestland"],
    "DOK": ["Fjordvik Avis", "IKA Vestland"],
    "POL": ["Revisjon Vest IKS", "Statsforvalteren i Vestland"],
    "RAD": ["Statsforvalteren i Vestland", "KS Advokatene"],
    "HV": ["Statsforvalteren i Vestland", "Fjordvik legesenter"],
    "TM": ["Statens vegvesen"],
}  # fmt: skip
LAG = [
    "Fjordvik idrettslag", "Nordbygda ungdomslag", "Fjordvik musikkorps", "Strandvik båtlag",
    "Fjordvik sanitetsforening", "Fjordvik historielag", "Nordbygda skyttarlag",
    "Fjordvik Frivilligsentral", "Fjordvik Næringsforening", "Lia vel",
]  # fmt: skip
TEMAER = [
    "kommunale avgifter", "skolestrukturen", "brøyting i Nordbygda", "gatelys i sentrum",
    "utbygging av Lia", "havneområdet", "eiendomsskatt", "offentlige toaletter",
    "ventetid på sjukeheimsplass", "kostnader ved nytt rådhus", "badeplassen i Strandvik",
    "sykkelveg langs Fjordvegen", "kommunens bruk av konsulenter",
]  # fmt: skip
STILLINGER = [
    "lærer 100 % fast – Fjordvik skole", "lærer 60 % vikariat – Nordbygda skole",
    "sykepleier 80 % fast – Fjordvik sjukeheim", "helsefagarbeider 75 % – hjemmetjenesten",
    "byggesaksbehandler 100 % fast", "barnehagelærer 100 % – Sentrum barnehage",
    "rådgiver økonomi 100 % fast", "IKT-konsulent 100 % fast", "miljøterapeut 100 % – NAV",
    "saksbehandler barnevern 100 % fast", "arkivmedarbeider 100 % vikariat",
]  # fmt: skip
REGIONPLANER = ["vannforvaltning", "klima og energi", "kysten", "senterstruktur"]
ARRANGEMENTER = ["Fjordvikdagane", "Sommerkonsert på kaia", "Julemarked i sentrum", "Kulturnatt"]
IT_KJOP = [
    "nettbrett til skolene", "mobiltelefoni", "nettverksutstyr", "sak- og arkivsystem",
    "fagsystem for helse", "skrivere og kopimaskiner",
]  # fmt: skip

MERKNADER = [
    "Ringte søker, avklarte at tegninger ettersendes.",
    "Fristen er avtalt forlenget med to uker.",
    "Saken drøftes på fagmøte torsdag.",
    "Venter på uttalelse fra Statens vegvesen før vedtak.",
    "Søker er orientert på telefon om saksbehandlingstiden.",
    "Se også tidligere sak om samme eiendom.",
    "Dokumentet er kontrollert mot original.",
    "Leder er orientert.",
]
OBS_MERKNADER = [
    "Følg opp manglende dokumentasjon.",
    "Kontroller at pålegget er etterkommet.",
    "Ferdigattest skal være søkt innen denne datoen.",
    "Evaluer tiltaket.",
    "Sjekk om klagefristen er ute.",
    "Ny vurdering etter seks måneder.",
]
AVVIST = [
    "Klageadgangen må komme tydeligere fram.",
    "Rett opp henvisningen til lovverket og send på nytt.",
    "Vurderingen må utdypes før brevet sendes.",
]

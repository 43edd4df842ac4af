"""arkivuttrekk.xml: the ADDML 8.3 description of a Noark 5 extraction, following
Arkivverket's template (../shared/noark5/examples/noark5-standard/arkivuttrekk.xml): for
each XML file its name, SHA-256 and schemas, and the count of its main element."""

from lxml import etree

NS = "http://www.arkivverket.no/standarder/addml"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


def _q(navn: str) -> str:
    return f"{{{NS}}}{navn}"


def _el(parent, navn: str, **attrib) -> etree._Element:
    return etree.SubElement(parent, _q(navn), **attrib)


def _verdi(parent, tekst) -> None:
    _el(parent, "value").text = str(tekst)


def _property(parent, navn: str, verdi=None, data_type: str | None = None) -> etree._Element:
    attrib = {"dataType": data_type, "name": navn} if data_type else {"name": navn}
    prop = _el(parent, "property", **attrib)
    if verdi is not None:
        _verdi(prop, verdi)
    return prop


def _properties(prop) -> etree._Element:
    return _el(prop, "properties")


def _xml_format(props) -> None:
    fmt = _property(props, "format", "XML")
    _property(_properties(fmt), "version", "1.0")


def _fil(props, navn: str, sjekksum: str | None) -> None:
    fil = _properties(_property(props, "file"))
    _property(fil, "name", navn)
    _xml_format(fil)
    sum_ = _properties(_property(fil, "checksum"))
    _property(sum_, "algorithm", "SHA-256")
    _property(sum_, "value", sjekksum)


def _skjema(props, navn: str, sjekksum: str, hoved: bool) -> None:
    skjema = _property(props, "schema", "main" if hoved else None)
    innhold = _properties(skjema)
    _fil(innhold, navn, sjekksum)
    type_ = _property(innhold, "type", "XML Schema")
    _property(_properties(type_), "version", "1.0")


def lag(
    *,
    arkivskaper: str,
    arkiv: str,
    fra,
    til,
    filer: list[tuple[str, str, dict[str, int]]],
    sjekksummer: dict[str, str],
    info: dict[str, bool | int],
) -> bytes:
    """`filer`: (xml file, its main schema, {element: count}); `sjekksummer` for every file
    named, schemas included; `info`: the additionalInfo flags and antallDokumentfiler."""
    root = etree.Element(
        _q("addml"),
        {f"{{{XSI}}}schemaLocation": f"{NS} addml.xsd", "name": "Noark 5-arkivuttrekk"},
        nsmap={None: NS, "xsi": XSI},
    )
    dataset = _el(root, "dataset")
    _el(dataset, "description").text = "Noark 5-arkivuttrekk"
    reference = _el(dataset, "reference")
    context = _el(_el(reference, "context"), "additionalElements")
    skapere = _el(context, "additionalElement", name="recordCreators")
    skaper = _el(_el(skapere, "additionalElements"), "additionalElement", name="recordCreator")
    _verdi(skaper, arkivskaper)
    for navn, verdi in (
        ("systemType", "Sakarkiv (Noark-5)"),
        ("systemName", "Saksarkiv"),
        ("archive", arkiv),
    ):
        _verdi(_el(context, "additionalElement", name=navn), verdi)
    content = _el(_el(reference, "content"), "additionalElements")
    periode = _el(content, "additionalElement", name="archivalPeriod")
    props = _el(periode, "properties")
    _property(props, "startDate", fra.isoformat())
    _property(props, "endDate", til.isoformat())

    uttrekk = _el(_el(dataset, "dataObjects"), "dataObject", name="Noark 5-arkivuttrekk")
    info_props = _properties(_property(_el(uttrekk, "properties"), "info"))
    type_ = _property(info_props, "type", "Noark 5")
    _property(_properties(type_), "version", "5.0")
    tillegg = _properties(_property(info_props, "additionalInfo"))
    skille = _properties(_property(tillegg, "periode"))
    # Open cases carry on into the next period (soft split); this export takes closed ones.
    _property(skille, "inngaaendeSkille", "mykt")
    _property(skille, "utgaaendeSkille", "mykt")
    for navn, verdi in info.items():
        if isinstance(verdi, bool):
            _property(tillegg, navn, "true" if verdi else "false", "boolean")
        else:
            _property(tillegg, navn, verdi, "integer")

    objekter = _el(uttrekk, "dataObjects")
    for filnavn, skjemanavn, antall in filer:
        objekt = _el(objekter, "dataObject", name=filnavn.removesuffix(".xml"))
        props = _el(objekt, "properties")
        _fil(props, filnavn, sjekksummer[filnavn])
        _skjema(props, skjemanavn, sjekksummer[skjemanavn], hoved=True)
        _skjema(props, "metadatakatalog.xsd", sjekksummer["metadatakatalog.xsd"], hoved=False)
        forekomster = _properties(_property(props, "info"))
        for element, n in antall.items():
            prop = _property(forekomster, "numberOfOccurrences", element)
            inne = _properties(prop)
            _property(inne, "elementPath", f"//{element}")
            _property(inne, "value", n, "integer")
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)

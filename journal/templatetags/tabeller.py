"""THE post table and THE case table (issue 14): every list of journal posts or cases is
drawn by `{% posttabell %}` or `{% sakstabell %}`, with the columns it needs.

    {% posttabell side.rader "dok type status tittel dato frist" overskrift="…" tom="…" %}

Tags rather than includes: a 50-row table with ten column choices is 500 template `if`s as
an include, about 10 ms of a search page; here each row is one pass of `format_html`.
Titles go through the access chokepoint (`access.title_for`) like `{% tittel %}`, and every
value is escaped by `format_html`/`conditional_escape`.

Options: `overskrift` (the hidden caption), `tom` (the text of an empty list), `klasse` (an
extra CSS class), `xx` (a screening list: «Vurderingsfrist» and a «Vurder» button per row),
`frister` (the rows carry `frist`, `merking` and `dager_igjen` from the worklists; without
it the deadline column shows the post's forfallsdato, the case column its obs_dato), `les`
(the rows carry `hoveddokument_id`: a «Les dokumentet» link to read a draft from the list;
the download checks access like every document), `velg` (the name of a checkbox per row,
for a list with bulk actions: «Velg 2026/12-3», and a «Velg alle» box in the header that
static/js/masse.js shows).
"""

import datetime

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from saksarkiv import access

from .arbeidsliste import frist

register = template.Library()

POSTKOLONNER = "dok type status tittel dato frist enhet saksbehandler tilgang"
SAKSKOLONNER = "nummer tittel status obs merknad enhet ansvarlig tilgang"


def _dato(dag: datetime.date | None) -> SafeString:
    if not dag:
        return mark_safe("")  # noqa: S308 - empty
    return format_html('<time datetime="{}">{}</time>', dag.isoformat(), dag.strftime("%d.%m.%Y"))


def _kode(rad) -> SafeString:
    if not rad.tilgangskode_id:
        return mark_safe("")  # noqa: S308 - empty
    return format_html('<abbr title="{}">{}</abbr>', rad.tilgangskode.navn, rad.tilgangskode_id)


def _navn(person, ingen: str = "") -> str:
    if person is None:
        return ingen
    return person.get_full_name() or person.username


class _Lenke:
    """reverse() once per table: the object's id replaces a placeholder in one URL."""

    def __init__(self, name: str):
        self.url = reverse(name, args=[987654321])

    def __call__(self, pk) -> str:
        return self.url.replace("987654321", str(pk))


def _post_celler(user, post, valgt, xx, frister, lenke, vurder, les=None):
    dok = f"{post.saksmappe.saksnummer}-{post.dokumentnummer}"
    for kolonne in valgt:
        if kolonne == "nummer":
            yield conditional_escape(post.journalpostnummer)
        elif kolonne == "dok":
            yield format_html('<a href="{}">{}</a>', lenke(post.pk), dok)
        elif kolonne == "type":
            yield format_html(
                '<abbr title="{}">{}</abbr>', post.journalposttype_navn, post.journalposttype
            )
        elif kolonne == "status":
            html = format_html(
                '<abbr title="{}">{}</abbr>', post.journalstatus_navn, post.journalstatus
            )
            if post.behandlingsstatus:
                # As the seeds write it: behandlingsstatus/journalstatus, «RE/G».
                html = (
                    format_html(
                        '<abbr title="{}">{}</abbr>/',
                        post.get_behandlingsstatus_display(),
                        post.behandlingsstatus,
                    )
                    + html
                )
            if post.journalstatus == "M":
                html += mark_safe(' <span class="merke">Ny</span>')  # noqa: S308 - constant
            if getattr(post, "er_restanse", False):
                html += mark_safe(' <span class="merke merke--restanse">Restanse</span>')  # noqa: S308
            yield html
        elif kolonne == "tittel":
            html = conditional_escape(access.title_for(user, post))
            if les is not None and getattr(post, "hoveddokument_id", None):
                html += format_html(
                    '<br><a class="knapp knapp--liten knapp--sekundar" href="{}">Les '
                    'dokumentet<span class="skjult"> {}</span></a>',
                    les(post.hoveddokument_id),
                    dok,
                )
            if xx:
                html += format_html(
                    '<br><a class="knapp knapp--liten" href="{}">Vurder'
                    '<span class="skjult"> {}</span></a>',
                    vurder(post.pk),
                    dok,
                )
            yield html
        elif kolonne == "dato":
            yield _dato(post.journaldato)
        elif kolonne == "frist":
            yield frist(post) if frister else _dato(post.forfallsdato)
        elif kolonne == "enhet":
            yield conditional_escape(post.administrativ_enhet.navn)
        elif kolonne == "saksbehandler":
            yield conditional_escape(_navn(post.saksbehandler, "Ufordelt"))
        elif kolonne == "tilgang":
            yield _kode(post)
        elif kolonne == "skjerming":
            yield _skjerming(post)
        elif kolonne == "avsender":
            # Worklists annotate `avsender_navn`; screened names as on the post page.
            if getattr(post, "innsyn", False) or not post.skjerm_korrespondanseparter:
                yield conditional_escape(getattr(post, "avsender_navn", None) or "")
            else:
                yield mark_safe('<span class="dempet">Skjermet</span>')  # noqa: S308 - constant
        elif kolonne in ("sendt_av", "sendt", "melding"):
            yield _godkjenning_celle(post, kolonne)


def _skjerming(post) -> SafeString:
    """Archive's check before journalising: is the screening decided? (From the row's own
    access code: no query.)"""
    kode = post.tilgangskode
    if kode is None:
        return mark_safe("Offentlig")  # noqa: S308 - constant
    if kode.midlertidig:
        return format_html(
            '<span class="merke merke--restanse">Ikke vurdert ({})</span> Lederen må avgjøre '
            "skjermingen før journalføring.",
            kode.kode,
        )
    return format_html(
        "Skjermet ({}){}",
        kode.kode,
        format_html(", {}", post.skjermingshjemmel) if post.skjermingshjemmel else "",
    )


def _sak_celler(user, sak, valgt, frister, lenke):
    for kolonne in valgt:
        if kolonne == "nummer":
            yield format_html('<a href="{}">{}</a>', lenke(sak.pk), sak.saksnummer)
        elif kolonne == "tittel":
            yield conditional_escape(access.title_for(user, sak))
        elif kolonne == "status":
            html = format_html('<abbr title="{}">{}</abbr>', sak.saksstatus_navn, sak.saksstatus)
            if sak.onskes_avsluttet:
                html += mark_safe(' <span class="merke">Ønskes avsluttet</span>')  # noqa: S308
            yield html
        elif kolonne == "obs":
            yield frist(sak) if frister else _dato(sak.obs_dato)
        elif kolonne == "merknad":
            # The OBS note may name what the title screens: only with access to the content.
            yield conditional_escape(sak.obs_merknad) if getattr(sak, "innsyn", False) else ""
        elif kolonne == "enhet":
            yield conditional_escape(sak.administrativ_enhet.navn)
        elif kolonne == "ansvarlig":
            yield conditional_escape(_navn(sak.saksansvarlig))
        elif kolonne == "tilgang":
            yield _kode(sak)


def _godkjenning_celle(post, kolonne) -> SafeString:
    """The approval a row waits on (annotated `flagg_sendt_av`, `flagg_sendt`,
    `flagg_melding`): who sent it, when, and the message — the message only with access to
    the post's content, as on the post page."""
    if kolonne == "sendt_av":
        return conditional_escape(getattr(post, "flagg_sendt_av", "") or "")
    if kolonne == "sendt":
        sendt = getattr(post, "flagg_sendt", None)
        if not sendt:
            return mark_safe("")  # noqa: S308 - empty
        lokal = timezone.localtime(sendt)
        return format_html(
            '<time datetime="{}">{}</time>', lokal.isoformat(), lokal.strftime("%d.%m.%Y %H:%M")
        )
    melding = getattr(post, "flagg_melding", "") or ""
    if not melding or getattr(post, "innsyn", False):
        return conditional_escape(melding)
    return mark_safe('<span class="dempet">Skjermet</span>')  # noqa: S308 - constant


_POSTHODE = {
    "nummer": "Journalpostnr.",
    "dok": "Dok.nr.",
    "type": "Type",
    "status": "Status",
    "tittel": "Tittel",
    "dato": "Journaldato",
    "frist": "Forfall",
    "enhet": "Enhet",
    "saksbehandler": "Saksbehandler",
    "tilgang": "Tilgang",
    "skjerming": "Skjerming",
    "avsender": "Avsender",
    "sendt_av": "Sendt av",
    "sendt": "Sendt",
    "melding": "Melding",
}
_SAKSHODE = {
    "nummer": "Saksnummer",
    "tittel": "Tittel",
    "status": "Status",
    "obs": "OBS-dato",
    "merknad": "OBS-merknad",
    "enhet": "Enhet",
    "ansvarlig": "Saksansvarlig",
    "tilgang": "Tilgang",
}


VELG_ALLE = mark_safe(  # noqa: S308 - constant
    '<th scope="col" class="velg"><span class="skjult">Velg</span>'
    '<input type="checkbox" class="velg-alle" aria-label="Velg alle" hidden></th>'
)


def _med_velg(velg, celler):
    """A checkbox first in each row, labelled by the post's number."""

    def med(post):
        yield format_html(
            '<input type="checkbox" name="{}" value="{}" aria-label="Velg {}">',
            velg,
            post.pk,
            f"{post.saksmappe.saksnummer}-{post.dokumentnummer}",
        )
        yield from celler(post)

    return med


def _tabell(valgt, hode, rader, celler, overskrift, tom, klasse, velg=False) -> SafeString:
    ukjent = [k for k in valgt if k not in hode]
    if ukjent:
        raise template.TemplateSyntaxError(f"Ukjente kolonner: {' '.join(ukjent)}")
    thead = format_html_join("", '<th scope="col">{}</th>', ((hode[k],) for k in valgt))
    if velg:
        thead = VELG_ALLE + thead
    if rader:
        tbody = format_html_join(
            "\n",
            "<tr{}>{}</tr>",
            (
                (
                    format_html(' class="rad--{}"', rad.merking)
                    if getattr(rad, "merking", "")
                    else "",
                    format_html_join("", "<td>{}</td>", ((c,) for c in celler(rad))),
                )
                for rad in rader
            ),
        )
    else:
        tbody = format_html('<tr><td colspan="{}">{}</td></tr>', len(valgt) + bool(velg), tom)
    return format_html(
        '<table class="tabell{}">\n<caption class="skjult">{}</caption>\n'
        "<thead><tr>{}</tr></thead>\n<tbody>\n{}\n</tbody>\n</table>",
        f" {klasse}" if klasse else "",
        overskrift,
        thead,
        tbody,
    )


@register.simple_tag(takes_context=True)
def posttabell(
    context, poster, kolonner=POSTKOLONNER, *, overskrift="", tom="", klasse="", xx=False,
    frister=False, les=False, velg="",
):  # fmt: skip
    user = context["request"].user
    valgt = (kolonner or POSTKOLONNER).split()
    hode = _POSTHODE | ({"frist": "Vurderingsfrist"} if xx else {})
    lenke, vurder = _Lenke("journal:journalpost"), _Lenke("journal:vurder_offentlighet")
    dokument = _Lenke("journal:dokument_last_ned") if les else None

    def celler(post):
        return _post_celler(user, post, valgt, xx, frister, lenke, vurder, dokument)

    return _tabell(
        valgt,
        hode,
        list(poster),
        _med_velg(velg, celler) if velg else celler,
        overskrift,
        tom,
        klasse,
        velg=bool(velg),
    )


@register.simple_tag(takes_context=True)
def sakstabell(
    context, saker, kolonner=SAKSKOLONNER, *, overskrift="", tom="", klasse="", frister=False
):
    user = context["request"].user
    valgt = kolonner.split()
    lenke = _Lenke("journal:sak")
    return _tabell(
        valgt,
        _SAKSHODE,
        list(saker),
        lambda sak: _sak_celler(user, sak, valgt, frister, lenke),
        overskrift,
        tom,
        klasse,
    )

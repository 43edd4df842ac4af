"""«Referer til politisk utvalg» (issue 21 item 6): a delivered report's political version
goes to one or more committees as a referatsak (RS), in one step and one transaction:

1. the report's rule («referer»: delivered, not referred yet, the unit's leader or one above
   it, the chief executive included);
2. the political PDF (PDF/A: it is archived) is registered as a journal post in the case the
   user chose, through the journal's own services and rules (may the user register in that
   case; the main document; the caseworker finishing it, after which archive journalises it
   from its «Til journalføring» list as for any X note);
3. `utvalg.services.referer` puts it in each committee's queue (the committee's own rule on
   the post), where the meeting secretary takes it onto an agenda;
4. the report keeps the post (`referert_post`, compare-and-set), audited.

A refusal anywhere rolls everything back (no post without its referral, no file left in
storage) and comes back beside the form field it concerns."""

from contextlib import contextmanager

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from journal.models import Journalpost, Saksmappe
from journal.services import journalposter
from journal.services.dokumenter import StoredFiles, kontroller_fil, legg_til
from journal.services.registration import registrer_journalpost
from saksarkiv import audit
from saksarkiv.pdf import render_pdf
from saksarkiv.services import DomainError
from utvalg import services as utvalg_tenester
from utvalg.models import Behandling, Sakstype, Utvalg

from ..models import Periodetype, Rapport, Rapportstatus
from ..tillatelser import rapport as regler
from . import rapport_innhald

# Noark 5 journalposttype X, «organinternt dokument uten oppfølging»: the report goes from
# the administration to the municipality's own political bodies, for information (RS), and
# asks for no answer. N («for oppfølging») would put the post in the caseworker's restanse
# list until it is written off, and I/U are for documents to or from outside parties. The
# decision follow-up report referred to committees (vedtak/rapport.py) is an X post too.
JOURNALPOSTTYPE = "X"


def tittel(rapport: Rapport) -> str:
    """The post's default title, e.g. «2. tertialrapport 2026 – Fjordvik kommune»,
    «Månedsrapport november 2026 – Fjordvik skole»."""
    if rapport.periodetype == Periodetype.TERTIAL:
        return _("%(nr)s. tertialrapport %(aar)s – %(enhet)s") % {
            "nr": rapport.periode, "aar": rapport.aar, "enhet": rapport.enhet.navn}  # fmt: skip
    return _("Månedsrapport %(periode)s – %(enhet)s") % {
        "periode": rapport.periodenamn, "enhet": rapport.enhet.navn}  # fmt: skip


def foreslatt_sak(user, rapport: Rapport) -> Saksmappe | None:
    """The case of the last referral of a report of the same unit, if the user may know it."""
    siste = (
        Rapport.objects.filter(enhet_id=rapport.enhet_id, referert_post__isnull=False)
        .exclude(pk=rapport.pk)
        .order_by("-aar", "-levert", "-pk")
        .values("referert_post__saksmappe_id")[:1]
    )
    return Saksmappe.objects.visible_to(user).filter(pk__in=siste).first()


def referat(user, rapport: Rapport) -> dict | None:
    """What the report page says about the referral: the committees, and the post only when
    the user may see it (the journal's chokepoint, visible_to, as its post page)."""
    if not rapport.referert_post_id:
        return None
    utvalg = [
        b.utvalg.navn
        for b in Behandling.objects.filter(
            journalpost_id=rapport.referert_post_id, sakstype=Sakstype.REFERAT
        )
        .select_related("utvalg")
        .order_by("rekkefolge", "pk")
    ]
    post = (
        Journalpost.objects.visible_to(user)
        .select_related("saksmappe")
        .filter(pk=rapport.referert_post_id)
        .first()
    )
    return {"utvalg": utvalg, "post": post}


@contextmanager
def _ved(felt: str, *andre: str):
    """A refusal from the journal's or the committees' services, shown beside `felt` (or
    beside one of `andre`, our own fields it already names)."""
    try:
        yield
    except DomainError as error:
        if error.field not in (felt, *andre):
            error.field = felt
        raise


@transaction.atomic
def referer(actor, rapport: Rapport, *, sak: Saksmappe | None, utvalg, tittel: str) -> Journalpost:
    """Register the political report in `sak` and refer it to `utvalg` (one or more active
    committees) as RS; returns the journal post."""
    rapport = Rapport.objects.select_for_update().select_related("enhet").get(pk=rapport.pk)
    regler.rapport(actor, rapport).krev("referer")
    utvalg = list(utvalg or [])
    if not utvalg:
        raise DomainError(_("Velg minst ett politisk utvalg."), field="utvalg")
    if inaktive := [u for u in utvalg if not (isinstance(u, Utvalg) and u.aktiv)]:
        raise DomainError(_("%(utvalg)s er ikke aktivt.") % {"utvalg": inaktive[0]}, field="utvalg")
    if sak is None:
        raise DomainError(_("Velg saken rapporten skal arkiveres i."), field="sak")
    tittel = (tittel or "").strip()
    if not tittel:
        raise DomainError(_("Skriv tittelen på journalposten."), field="tittel")
    if len(tittel) > 500:
        raise DomainError(_("Tittelen kan ha høyst 500 tegn."), field="tittel")

    with _ved("sak", "tittel"):
        post = registrer_journalpost(
            actor, sak, journalposttype=JOURNALPOSTTYPE, tittel=tittel,
            administrativ_enhet=rapport.enhet, saksbehandler=actor,
            dokumentdato=timezone.localdate(),
        )  # fmt: skip
    context = rapport_innhald.innhald(rapport, politisk=True)
    context["tittel"] = rapport_innhald.tittel(rapport, politisk=True)
    data = render_pdf("verksemdsplan/rapport/pdf.html", context, archival=True)
    namn = f"politisk-rapport-{rapport.enhet.kode}-{rapport.aar}-{rapport.periodetype}"
    stored = StoredFiles()
    try:
        with _ved("sak"):
            legg_til(actor, post, kontroller_fil(data, f"{namn}{rapport.periode}.pdf"),
                     tittel=tittel, tilknyttet_som="H", stored=stored)  # fmt: skip
            # The caseworker (the actor, who registered it) finishes the post by the
            # journal's own rule; archive journalises it (F → J) as any X note.
            post = journalposter.endre_status(actor, Journalpost.objects.get(pk=post.pk),
                                              "ferdigstill")  # fmt: skip
        with _ved("utvalg"):
            behandlingar = utvalg_tenester.referer(actor, post, utvalg)
        if not Rapport.objects.filter(
            pk=rapport.pk, status=Rapportstatus.LEVERT, referert_post__isnull=True
        ).update(referert_post=post):
            raise DomainError(_("Rapporten er allerede referert til politisk utvalg."))
        if not Journalpost.objects.readable_by(actor).filter(pk=post.pk).exists():
            raise DomainError(_("Du ville ikke kunne lese journalposten etterpå."), field="sak")
    except BaseException:
        stored.remove_all()
        raise
    rapport.referert_post = post
    audit.record(
        actor, rapport, "referert",
        endringer={"referert_post": {"for": None, "etter": post.journalpostnummer}},
        beskrivelse=", ".join(f"RS {b.utvalg.kode}" for b in behandlingar),
    )  # fmt: skip
    return post

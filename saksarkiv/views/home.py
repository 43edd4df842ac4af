from functools import cache

from django.apps import apps
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.shortcuts import render
from django.urls import reverse
from django.utils.module_loading import import_string

from .. import access
from ..models import Endringslogg, Klarering, Rolle, Rolletype

SISTE_ENDRINGER = 10


@cache
def _endringslenker(paths: tuple[str, ...]) -> dict[str, str]:
    """URL names by "app_label.model", from the apps' SAKSARKIV_SISTE_ENDRINGER."""
    return {label.lower(): url for path in paths for label, url in import_string(path).items()}


def siste_endringer(user) -> list:
    """«Siste endringer»: the newest entries of the audit log about what a person (not the
    system) did to the apps' work objects (settings.SAKSARKIV_SISTE_ENDRINGER: cases and
    posts), that `user` may read; each with `lenke`, the object's page. Users, roles,
    clearances and the set-up are the system's bookkeeping and stay in «Endringslogg».

    One query, newest first down the `tidspunkt` index: the content types are ids from
    Django's content-type cache (as constants the planner can estimate; a join on their names
    made it read every entry of the two types), the link is built from the entry's object id.
    """
    lenker = _endringslenker(tuple(settings.SAKSARKIV_SISTE_ENDRINGER))
    if not lenker:
        return []
    typer = ContentType.objects.get_for_models(*(apps.get_model(label) for label in lenker))
    url_names = {ct.pk: lenker[f"{ct.app_label}.{ct.model}"] for ct in typer.values()}
    entries = list(
        Endringslogg.objects.readable_by(user).filter(
            aktor__isnull=False, content_type_id__in=list(url_names)
        )[:SISTE_ENDRINGER]
    )
    for entry in entries:
        entry.lenke = reverse(url_names[entry.content_type_id], args=[entry.objekt_id])
    return entries


@login_required
def arbeidsbord(request):
    """Mitt arbeidsbord: the person's worklists with their counts, roles and clearances.
    The apps provide the worklist tiles (settings.SAKSARKIV_ARBEIDSBORD)."""
    user = request.user
    roller = Rolle.objects.gyldige().filter(person=user).select_related("enhet")
    klareringer = (
        Klarering.objects.gyldige().filter(person=user).select_related("tilgangskode", "enhet")
    )
    arbeidslister = []
    for provider in settings.SAKSARKIV_ARBEIDSBORD:
        arbeidslister.extend(import_string(provider)(user))
    # A tile with a «varsel» is a warning: something is due, shown above the lists.
    varsler = [liste for liste in arbeidslister if liste.get("varsel")]
    arbeidslister = [liste for liste in arbeidslister if not liste.get("varsel")]
    context = {"roller": roller, "klareringer": klareringer, "arbeidslister": arbeidslister,
               "varsler": varsler}  # fmt: skip
    if access.is_archive(user):
        context["siste_endringer"] = siste_endringer(user)
    context["er_leder"] = access.is_leader(user)
    context["rolletyper"] = Rolletype
    return render(request, "saksarkiv/arbeidsbord.html", context)

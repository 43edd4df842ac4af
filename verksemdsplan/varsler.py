"""The year wheel in the journal's daily digest (issue 21 item 7), through the hook
SAKSARKIV_DAGLIG_TILLEGG that journal/jobber.py calls (the journal may not import this app).

Every leader, deputy and the chief executive (the leader line, valid on the day) gets
«Frist i årshjulet: … om N dager» for each deadline from `paaminning_dagar` days before it
until the day itself — a window, not one day, so a reminder day on a weekend (when no digest
is sent) is not lost. Computed for everyone at once: one query for the deadlines, one for
the recipients. The deadlines are the same for all leaders and hold no restricted content;
the mail carries the title, the date and a link.

The texts are lazy: the digest renders each mail in its recipient's language
(`Bruker.sprak`), so one computation serves the readers of both languages."""

import datetime

from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from journal.jobber import lenke
from saksarkiv.models import LEDERLINJE, Rolle

from .models import Aarshjulfrist
from .services.aarshjul import MAKS_PAAMINNING, tittel_lazy

VIS_MAKS = 10


def _naar(dagar: int) -> str:
    if dagar == 0:
        return _("i dag")
    return ngettext("om %(n)s dag", "om %(n)s dager", dagar) % {"n": dagar}


_naar_lazy = lazy(_naar, str)


def komande(dag: datetime.date) -> list[Aarshjulfrist]:
    """The deadlines whose reminder window covers `dag`, earliest first."""
    fristar = Aarshjulfrist.objects.filter(
        dato__gte=dag, dato__lte=dag + datetime.timedelta(days=MAKS_PAAMINNING)
    ).order_by("dato", "pk")
    return [f for f in fristar if (f.dato - dag).days <= f.paaminning_dagar]


def daglig(dag: datetime.date) -> dict[int, list[dict]]:
    """SAKSARKIV_DAGLIG_TILLEGG: per leader, the year wheel's deadlines coming up."""
    fristar = komande(dag)
    if not fristar:
        return {}
    punkter = [
        {
            "nummer": gettext_lazy("Frist i årshjulet:"),
            "tittel": format_lazy("{} {}", tittel_lazy(frist), _naar_lazy((frist.dato - dag).days)),
            "dato": frist.dato,
            "lenke": lenke("verksemdsplan:aarshjul", frist.aar) + f"#frist-{frist.pk}",
            "merking": "",
        }
        for frist in fristar[:VIS_MAKS]
    ]
    seksjon = {
        "overskrift": gettext_lazy("Frister i årshjulet"),
        "datotekst": gettext_lazy("frist"),
        "antall": len(fristar),
        "punkter": punkter,
        "lenke": lenke("verksemdsplan:aarshjul", fristar[0].aar),
    }
    ledere = (
        Rolle.objects.gyldige(on=dag).filter(rolle__in=LEDERLINJE)
        .values_list("person_id", flat=True).distinct()
    )  # fmt: skip
    return {uid: [dict(seksjon, punkter=list(punkter))] for uid in ledere}

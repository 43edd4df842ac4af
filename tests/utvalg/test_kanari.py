"""The canary suite for the committee pages (issue 16): every persona on every new page —
the register, the queue, «Politisk behandling», the templates, the text, its preview PDF and
the post page's panels — never sees restricted content it may not read."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from journal.models import Journalpost
from journal.services import godkjenning
from saksarkiv import access
from tests.conftest import CANARY
from tests.journal.flythjelp import eget, inngaende, ny_sak
from utvalg import services, tekst
from utvalg.models import Dokumentmal, Maltype, Utvalg

pytestmark = pytest.mark.django_db


def _tekst(response) -> str:
    body = b"".join(response) if response.streaming else response.content
    if response.get("Content-Type") == "application/pdf":
        return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages)
    return body.decode()


def test_no_persona_sees_the_canary_it_may_not_read(client, personas, org):
    sb = personas.saksbehandler
    fsk = Utvalg.objects.create(kode="FSK", navn="Formannskapet")
    mal = Dokumentmal.objects.create(navn="SF", maltype=Maltype.SAKSFRAMLEGG,
                                     topp="<p>[[tittel]] [[parter]]</p>")  # fmt: skip
    skjerming = {"tilgangskode": "U", "skjermingshjemmel": "Offl. § 13"}
    sak = ny_sak(sb, org.enhet_a, tittel=f"Barnevernssak {CANARY}",
                 offentlig_tittel="Barnevernssak *****", **skjerming)  # fmt: skip
    post = eget(sb, sak, "S", tittel=f"Tiltak for {CANARY}", offentlig_tittel="Tiltak for *****",
                **skjerming)  # fmt: skip
    services.sett_behandling(sb, post, fsk, sakstype="PS")
    t = tekst.start_tekst(sb, post, mal)
    tekst.lagre_tekst(sb, t, versjon=1, saksopplysninger=f"<p>{CANARY}</p>",
                      vurdering="<p>Vurdert</p>", innstilling="<p>Vedtas</p>")  # fmt: skip
    flagg = godkjenning.send_saksframlegg(sb, post, personas.leder)
    godkjenning.besvar_godkjenning(personas.leder, flagg, godkjent=True)
    siste = post.godkjenninger.get(steg="radmann", svar="")
    godkjenning.besvar_godkjenning(personas.radmann, siste, godkjent=True)
    brev = inngaende(personas.arkiv, sak, saksbehandler=sb, tittel=f"Melding om {CANARY}",
                     offentlig_tittel="Melding om *****", **skjerming)  # fmt: skip
    services.referer(sb, brev, [fsk])
    post = Journalpost.objects.get(pk=post.pk)
    sider = [
        reverse("utvalg:liste"), reverse("utvalg:utvalg", args=[fsk.pk]),
        reverse("utvalg:koliste", args=[fsk.pk]), reverse("utvalg:mine"),
        reverse("utvalg:maler"), reverse("utvalg:tekst", args=[post.pk]),
        reverse("utvalg:tekst_pdf", args=[post.pk]), reverse("arbeidsbord"),
        reverse("journal:journalpost", args=[post.pk]),
        reverse("journal:journalpost", args=[brev.pk]),
    ]  # fmt: skip
    sett = 0
    for navn, user in personas.all().items():
        client.force_login(user)
        leser = access.can_read(user, post)
        for url in sider:
            response = client.get(url)
            assert response.status_code < 500, (navn, url)
            innhold = _tekst(response)
            if not leser:
                assert CANARY not in innhold, (navn, url)
            elif response.status_code == 200 and CANARY in innhold:
                sett += 1
    assert sett  # the cleared see it: the canary is there to be found

"""A whole meeting in a real browser (issue 18): the secretary takes the roll call with a
substitute, registers a member inhabil for one item, records an alternative proposal voted
down and the recommendation carried, postpones an item (back in the committee's queue),
closes the meeting and publishes the minutes; the next meeting approves them under
«Godkjenning av protokoll» and they are locked, so a change is a correction with a reason;
the caseworker sees the decision on the case and produces the saksutskrift."""

import datetime as dt

from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.journal.flythjelp import ny_sak
from tests.utvalg.motehjelp import framlegg, medlemmer, mote
from utvalg import innkalling, sakskart
from utvalg.models import Mote, Motestatus, Sakskartpunkt, Utvalg


def _behandle(page, moetet, nummer, hva="Behandle"):
    page.goto(f"/utvalg/moter/{moetet.pk}/")
    page.get_by_role("link", name=f"{hva} {nummer}").click()


def test_a_whole_meeting_from_roll_call_to_locked_minutes_and_back_to_the_case(
    page, log_in, personas, org
):
    fsk = Utvalg.objects.create(kode="FSK", navn="Formannskapet")
    medlemmer(personas, fsk, antall_faste=4)
    sak = ny_sak(personas.saksbehandler, org.enhet_a, tittel="Saker til formannskapet")
    for tittel in ("Budsjett", "Skole", "Veg"):
        framlegg(personas, sak, fsk, tittel, f"Framlegg om {tittel.lower()}")
    dato = timezone.localdate() + dt.timedelta(days=7)
    moetet = mote(personas, fsk, dato)
    ms = personas.motesekretaer
    sakskart.sett_pa(ms, moetet, [b.pk for b in fsk.behandlinger.order_by("pk")])
    innkalling.publiser(ms, moetet)
    aa = f"{dato.year % 100:02d}"

    # The roll call: Fast Medlem3 is absent, the substitute from list H meets for him.
    page.goto(f"/utvalg/moter/{moetet.pk}/")
    log_in(ms.username, PASSWORD)
    page.get_by_role("button", name="Start opprop").click()
    page.get_by_label("Status for Fast Medlem3").select_option("F")
    page.get_by_role("button", name="Lagre status for Fast Medlem3").click()
    page.get_by_label("Varamedlem").select_option(label="Vara vara_b1 (H)")
    page.get_by_label("Møtte for").select_option(label="Fast Medlem3 (AP)")
    page.get_by_role("button", name="Før opp varamedlemmet").click()
    # Fast Medlem1 is inhabil in PS 3 (Skole) only.
    page.get_by_role("combobox", name="Sak", exact=True).select_option(label=f"PS 3/{aa}")
    page.get_by_role("combobox", name="Hvem").select_option(label="Fast Medlem1 (AP)")
    page.get_by_label("Hva skjedde").select_option(label="Erklært inhabil")
    page.get_by_label("Hjemmel (inhabilitet)").fill("Fvl. § 6 første ledd bokstav a")
    page.get_by_label("Avgjort av (inhabilitet)").fill("Utvalget")
    page.get_by_role("button", name="Registrer endringen").click()
    expect(page.get_by_text("Fast Medlem1 (Fvl. § 6 første ledd bokstav a; avgjort av "
                            "Utvalget)")).to_be_visible()  # fmt: skip

    # PS 2: the recommendation against H's alternative; H's substitute votes against.
    _behandle(page, moetet, f"PS 2/{aa}")
    page.get_by_role("combobox", name="Type").select_option(label="Innstilling")
    page.get_by_role("textbox", name="Forslag", exact=True).fill("Budsjettet vedtas.")
    page.get_by_role("button", name="Registrer forslaget").click()
    page.get_by_role("combobox", name="Type").select_option(label="Alternativt forslag")
    page.get_by_role("textbox", name="Forslag", exact=True).fill("Budsjettet sendes tilbake.")
    page.get_by_role("checkbox", name="Vara vara_b1 (H)").check()
    page.get_by_role("button", name="Registrer forslaget").click()
    page.get_by_label("Forslag det stemmes over").select_option(label="1. Innstilling")
    page.get_by_label("Alternativ votering mot (valgfritt)").select_option(
        label="2. Alternativt forslag")  # fmt: skip
    page.get_by_label("Vara vara_b1: Mot").check()
    page.get_by_role("button", name="Registrer voteringen").click()
    expect(page.get_by_text("Vedtatt med 3 mot 1 stemmer.", exact=True)).to_be_visible()
    fasit = "Innstillingen ble vedtatt med 3 mot 1 stemmer for forslaget fra Vara vara_b1."
    expect(page.get_by_role("textbox", name="Votering 1")).to_have_value(fasit)
    page.get_by_role("combobox", name="Resultat", exact=True).select_option(
        label="Vedtatt som innstilt"
    )
    page.get_by_role("button", name="Lagre resultatet").click()
    expect(page.get_by_text("Resultatet er registrert.")).to_be_visible()

    # PS 3 without the inhabil member; PS 4 postponed.
    _behandle(page, moetet, f"PS 3/{aa}")
    expect(page.get_by_text("Fast Medlem1 er inhabil")).to_be_visible()
    page.get_by_role("combobox", name="Type").select_option(label="Innstilling")
    page.get_by_role("textbox", name="Forslag", exact=True).fill("Skolen bygges.")
    page.get_by_role("button", name="Registrer forslaget").click()
    page.get_by_role("button", name="Registrer voteringen").click()
    page.get_by_role("combobox", name="Resultat", exact=True).select_option(
        label="Vedtatt som innstilt"
    )
    page.get_by_role("button", name="Lagre resultatet").click()
    _behandle(page, moetet, f"PS 4/{aa}")
    page.get_by_role("combobox", name="Resultat", exact=True).select_option(label="Utsatt")
    page.get_by_role("button", name="Lagre resultatet").click()

    # Closed; the minutes published (not approved yet).
    page.get_by_role("button", name="Avslutt møtet").click()
    expect(page.get_by_text("Møtet er avsluttet.").first).to_be_visible()
    page.get_by_role("button", name="Publiser protokollen").click()
    expect(page.get_by_text("Protokollen er publisert i møtesaken")).to_be_visible()
    expect(page.get_by_role("link", name="Møteprotokoll Formannskapet")).to_be_visible()
    page.get_by_role("button", name="Publiser vedtaksliste").click()
    expect(page.get_by_role("link", name="Vedtaksliste Formannskapet")).to_be_visible()

    # The next meeting: the postponed case waits in the queue; the minutes are approved.
    neste = mote(personas, fsk, dato + dt.timedelta(days=28))
    page.goto(f"/utvalg/moter/{neste.pk}/")
    koen = page.get_by_role("region", name="Fra kølisten")
    koen.get_by_role("checkbox", name="Veg").check()
    koen.get_by_role("button", name="Sett valgte saker på sakskartet").click()
    page.get_by_role("button", name="Publiser innkallingen og varsle medlemmene").click()
    page.get_by_role("button", name="Start opprop").click()
    godkjenning = Sakskartpunkt.objects.get(mote=neste, fast="PR")  # PS 6/26 or PS 2/27
    _behandle(page, neste, godkjenning.saksnummer)
    page.get_by_role("combobox", name="Resultat", exact=True).select_option(
        label="Vedtatt som innstilt"
    )
    page.get_by_role("button", name="Lagre resultatet").click()
    moetet.refresh_from_db()
    assert moetet.status == Motestatus.PROTOKOLL_GODKJENT
    page.goto(f"/utvalg/moter/{moetet.pk}/")
    expect(page.get_by_text("Protokollen er godkjent og låst")).to_be_visible()

    # Locked: a change to PS 2's decision is a correction with a reason.
    _behandle(page, moetet, f"PS 2/{aa}", "Rett")
    expect(page.get_by_role("button", name="Lagre resultatet")).to_have_count(0)
    page.get_by_label("Vedtak", exact=True).fill("<p>Budsjettet vedtas med tillegg.</p>")
    page.get_by_role("button", name="Registrer rettelsen").click()
    expect(
        page.get_by_text("Skriv hvorfor den godkjente protokollen rettes.").first
    ).to_be_visible()
    page.get_by_label("Begrunnelse for rettelsen").fill("Skrivefeil i vedtaket")
    page.get_by_role("button", name="Registrer rettelsen").click()
    expect(page.get_by_text("Rettelsen er registrert")).to_be_visible()
    assert Sakskartpunkt.objects.get(mote=moetet, nummer=2).vedtak == (
        "<p>Budsjettet vedtas med tillegg.</p>")  # fmt: skip
    assert Mote.objects.get(pk=neste.pk).status == Motestatus.INNKALT

    # The caseworker: the decision on the case, and the saksutskrift from «Mine vedtak».
    page.get_by_role("button", name="Logg ut").click()
    log_in(personas.saksbehandler.username, PASSWORD)
    page.goto(f"/saker/{sak.pk}/")
    behandling = page.get_by_role("region", name="Politisk behandling")
    expect(behandling.get_by_text("Budsjettet vedtas med tillegg.")).to_be_visible()
    expect(behandling.get_by_text(f"PS 4/{aa}")).to_be_visible()
    page.goto("/utvalg/vedtak/")
    expect(page.get_by_role("heading", name="Mine vedtak å ekspedere")).to_be_visible()
    page.get_by_role("button", name=f"Lag saksutskrift for PS 2/{aa}").click()
    expect(page.get_by_text("Saksutskriften er registrert i saken")).to_be_visible()
    utskrift = Sakskartpunkt.objects.get(mote=moetet, nummer=2).saksutskrift
    assert utskrift is not None and utskrift.tittel == "Saksutskrift – Budsjett"

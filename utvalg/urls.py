from django.urls import path

from .views import behandling as b
from .views import behandling_i_mote as bim
from .views import frammote, koliste, moter, portal, protokoll, register, sakskart, tekst
from .views.behandling import fjern_behandling, flytt_behandling, meld_klar, planlegg, referer

app_name = "utvalg"
urlpatterns = [
    # A journal post's treatments
    path("journalposter/<int:pk>/behandling/", b, name="behandling"),
    path("journalposter/<int:pk>/referer/", referer, name="referer"),
    path("behandlinger/<int:pk>/fjern/", fjern_behandling, name="fjern_behandling"),
    path("behandlinger/<int:pk>/opp/", flytt_behandling, name="flytt_behandling"),
    path("behandlinger/<int:pk>/klar/", meld_klar, name="meld_klar"),
    path("behandlinger/<int:pk>/planlegg/", planlegg, name="planlegg"),
    # Documents written here, and their templates
    path("journalposter/<int:pk>/tekst/", tekst.tekst, name="tekst"),
    path("journalposter/<int:pk>/tekst/start/", tekst.start_tekst, name="start_tekst"),
    path("journalposter/<int:pk>/tekst/autolagre/", tekst.autolagre, name="autolagre"),
    path("journalposter/<int:pk>/tekst/pdf/", tekst.tekst_pdf, name="tekst_pdf"),
    path("utvalg/maler/", tekst.mal_liste, name="maler"),
    path("utvalg/maler/ny/", tekst.mal, name="ny_mal"),
    path("utvalg/maler/<int:pk>/", tekst.mal, name="mal"),
    # The register, the queues and the caseworker's political cases
    path("utvalg/", register.utvalg_liste, name="liste"),
    path("utvalg/nytt/", register.nytt_utvalg, name="nytt"),
    path("utvalg/mine/", koliste.mine_politiske, name="mine"),
    path("utvalg/<int:pk>/", register.utvalg, name="utvalg"),
    path("utvalg/<int:pk>/endre/", register.endre_utvalg, name="endre"),
    path("utvalg/<int:pk>/koliste/", koliste.koliste_side, name="koliste"),
    path("utvalg/<int:pk>/medlemmer/", register.nytt_medlem, name="nytt_medlem"),
    path("utvalg/medlemmer/<int:pk>/avslutt/", register.avslutt_medlem, name="avslutt_medlem"),
    # The meeting plan
    path("utvalg/<int:pk>/moter/", moter.nytt_mote, name="nytt_mote"),
    path("utvalg/<int:pk>/moteplan/kopier/", moter.kopier_moteplan, name="kopier_moteplan"),
    path("utvalg/moter/<int:pk>/", moter.mote, name="mote"),
    # The agenda
    path("utvalg/moter/<int:pk>/sakskart/", sakskart.sett_pa, name="sett_pa_sakskart"),
    path("utvalg/moter/<int:pk>/sakskart/ordne/", sakskart.ordne, name="ordne_sakskart"),
    path("utvalg/moter/<int:pk>/sakskart/nummerer/", sakskart.nummerer, name="nummerer_sakskart"),
    path(
        "utvalg/moter/<int:pk>/innkalling/",
        sakskart.publiser_innkalling,
        name="publiser_innkalling",
    ),
    path(
        "utvalg/moter/<int:pk>/innkalling/utkast.pdf",
        sakskart.forhandsvis_innkalling,
        name="forhandsvis_innkalling",
    ),
    path("utvalg/forfall/<int:pk>/vara/", portal.kall_inn_vara, name="kall_inn_vara"),
    # Attendance
    path("utvalg/moter/<int:pk>/opprop/", frammote.start_opprop, name="start_opprop"),
    path("utvalg/moter/<int:pk>/vara-motte/", frammote.vara_motte, name="vara_motte"),
    path("utvalg/moter/<int:pk>/frammote-endring/", frammote.endring, name="frammote_endring"),
    path("utvalg/frammote/<int:pk>/", frammote.sett_status, name="frammote_status"),
    # Treating an item in the meeting
    path("utvalg/sakskart/<int:pk>/behandling/", bim.behandling, name="behandling_i_mote"),
    path("utvalg/sakskart/<int:pk>/forslag/", bim.nytt_forslag, name="nytt_forslag"),
    path("utvalg/sakskart/<int:pk>/votering/", bim.ny_votering, name="ny_votering"),
    path("utvalg/sakskart/<int:pk>/resultat/", bim.avgjor, name="avgjor"),
    path(
        "utvalg/moter/<int:pk>/protokoll/utkast.pdf",
        bim.forhandsvis_protokoll,
        name="forhandsvis_protokoll",
    ),
    # After the meeting: the minutes
    path("utvalg/moter/<int:pk>/avslutt/", protokoll.avslutt, name="avslutt_mote"),
    path(
        "utvalg/moter/<int:pk>/protokoll/", protokoll.publiser_protokoll, name="publiser_protokoll"
    ),
    path(
        "utvalg/moter/<int:pk>/vedtaksliste/",
        protokoll.publiser_vedtaksliste,
        name="publiser_vedtaksliste",
    ),
    path(
        "utvalg/moter/<int:pk>/protokoll/godkjenn/", protokoll.godkjenn, name="godkjenn_protokoll"
    ),
    path(
        "utvalg/sakskart/<int:pk>/protokolltekst/", protokoll.protokolltekst, name="protokolltekst"
    ),
    # The member portal
    path("folkevalgt/", portal.oversikt, name="portal"),
    path("folkevalgt/moter/<int:pk>/", portal.mote, name="portal_mote"),
    path("folkevalgt/moter/<int:pk>/forfall/", portal.forfall, name="forfall"),
    path("folkevalgt/sakskart/<int:pk>/notat/", portal.notat, name="notat"),
    path("folkevalgt/dokumenter/<int:pk>/", portal.dokument, name="portal_dokument"),
    path("utvalg/sakskart/<int:pk>/flytt/", sakskart.flytt, name="flytt_punkt"),
    path("utvalg/sakskart/<int:pk>/ta-av/", sakskart.ta_av, name="ta_av_sakskart"),
]
# Back to the case: the caseworker expedites the committees' decisions (issue 18 item 8)
from .views import ekspedering as eksp  # noqa: E402

urlpatterns += [
    path("utvalg/vedtak/", eksp.mine_vedtak, name="vedtak"),
    path("utvalg/vedtak/<int:pk>/saksutskrift/", eksp.saksutskrift, name="saksutskrift"),
    path("utvalg/vedtak/<int:pk>/partsbrev/", eksp.partsbrev, name="partsbrev"),
    path("utvalg/vedtak/<int:pk>/ekspedert/", eksp.ekspeder, name="ekspeder"),
]

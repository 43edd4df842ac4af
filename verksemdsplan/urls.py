"""The verksemdsplan's pages (issue 21), under /verksemdsplan/. Each area appends its own
paths: plans and oppdragsbrev, assignments, indicators, checklist and reports."""

from django.urls import path  # noqa: F401  (the areas append their paths below)

app_name = "verksemdsplan"

# --- Oversikt: the front page for a unit and year ---
from .views import oversikt as oversikt_side  # noqa: E402

urlpatterns = [path("", oversikt_side.oversikt, name="oversikt")]

# --- Oppdrag og oppgåver (assignments) ---
from .views import oppdrag as oppdrag_sider  # noqa: E402

urlpatterns += [
    path("oppdrag/mine/", oppdrag_sider.mine, name="oppdrag_mine"),
    path("oppdrag/", oppdrag_sider.eininga, name="oppdrag_eininga"),
    path("oppdrag/ny/", oppdrag_sider.ny, name="oppdrag_ny"),
    path("oppdrag/<int:pk>/", oppdrag_sider.oppdrag, name="oppdrag"),
    path("oppdrag/<int:pk>/status/", oppdrag_sider.status, name="oppdrag_status"),
    path("oppdrag/<int:pk>/deleger/", oppdrag_sider.deleger, name="oppdrag_deleger"),
    path("oppdrag/fra-vedtak/<int:pk>/", oppdrag_sider.fra_vedtak, name="fra_vedtak"),
]

# --- Aktivitet: indicators ---
from .views import indikator as indikator_sider  # noqa: E402

urlpatterns += [
    path("indikatorer/", indikator_sider.liste, name="indikatorar"),
    path("indikatorer/ny/", indikator_sider.ny, name="ny_indikator"),
    path("indikatorer/import/", indikator_sider.importer, name="indikator_import"),
    path("indikatorer/<int:pk>/", indikator_sider.detalj, name="indikator"),
    path("indikatorer/<int:pk>/endre/", indikator_sider.endre, name="endre_indikator"),
    path("indikatorer/<int:pk>/arsmal/", indikator_sider.aarsmaal, name="indikator_aarsmaal"),
]

# --- Plans, goals and strategies; oppdragsbrev; year wheel ---
from .views import aarshjul as aarshjul_sider  # noqa: E402
from .views import brev as brev_sider  # noqa: E402
from .views import plan as plan_sider  # noqa: E402

urlpatterns += [
    path("planer/", plan_sider.planar, name="planar"),
    path("planer/<int:pk>/", plan_sider.plan, name="plan"),
    path("planer/<int:pk>/mal/", plan_sider.ny_maal, name="ny_maal"),
    path("planer/<int:pk>/strategi/", plan_sider.ny_strategi, name="ny_strategi"),
    path("planer/<int:pk>/endre/", plan_sider.endre_plan, name="endre_plan"),
    path("planer/mal/<int:pk>/endre/", plan_sider.endre_maal, name="endre_maal"),
    path("planer/strategi/<int:pk>/endre/", plan_sider.endre_strategi, name="endre_strategi"),
    path("enheter/", plan_sider.verksemdsplanar, name="verksemdsplanar"),
    path("enheter/<int:aar>/<int:enhet>/", plan_sider.eining, name="eining"),
    path("enheter/<int:aar>/<int:enhet>/godkjenn/", plan_sider.godkjenn, name="godkjenn_plan"),
    path("oppdragsbrev/", brev_sider.liste, name="brev_liste"),
    path("oppdragsbrev/ny/", brev_sider.ny, name="brev_ny"),
    path("oppdragsbrev/<int:pk>/", brev_sider.brev, name="brev"),
    path("oppdragsbrev/<int:pk>/innledning/", brev_sider.innleiing, name="brev_innleiing"),
    path("oppdragsbrev/<int:pk>/punkt/", brev_sider.nytt_punkt, name="brev_nytt_punkt"),
    path("oppdragsbrev/punkt/<int:pk>/", brev_sider.endre_punkt, name="brev_punkt"),
    path("oppdragsbrev/<int:pk>/<slug:handling>/", brev_sider.handling, name="brev_handling"),
    path("arshjul/", aarshjul_sider.aarshjul, name="aarshjul_no"),
    path("arshjul/<int:aar>/", aarshjul_sider.aarshjul, name="aarshjul"),
    path("arshjul/<int:aar>/standard/", aarshjul_sider.standard, name="aarshjul_standard"),
    path("arshjul/<int:aar>/ny/", aarshjul_sider.ny, name="aarshjul_ny"),
    path("arshjul/frist/<int:pk>/", aarshjul_sider.frist, name="aarshjul_frist"),
]

# --- Internal-control checklist; reports ---
from .views import rapport as rapport_sider  # noqa: E402
from .views import sjekkliste as sjekkliste_sider  # noqa: E402

urlpatterns += [
    path("internkontroll/", sjekkliste_sider.oversikt, name="sjekkliste"),
    path("internkontroll/sjekkliste/", sjekkliste_sider.katalog, name="sjekkliste_katalog"),
    path(
        "internkontroll/<int:enhet>/<int:aar>/", sjekkliste_sider.eining, name="sjekkliste_eining"
    ),  # fmt: skip
    path("rapporter/", rapport_sider.liste, name="rapporter"),
    path("rapporter/ny/", rapport_sider.ny, name="rapport_ny"),
    path("rapporter/oppsett/", rapport_sider.oppsett, name="rapport_oppsett"),
    path("rapporter/<int:pk>/", rapport_sider.rapport, name="rapport"),
    path("rapporter/<int:pk>/<slug:variant>.pdf", rapport_sider.pdf, name="rapport_pdf"),
    path("rapporter/<int:pk>/referer/", rapport_sider.referer, name="rapport_referer"),
]

# --- Measures in the plans; the action and economy plan (HØP) ---
from .views import tiltak as tiltak_sider  # noqa: E402

urlpatterns += [
    path("planer/<int:pk>/tiltak/", tiltak_sider.tiltak, name="tiltak"),
    path("tiltak/<int:pk>/", tiltak_sider.endre_tiltak, name="endre_tiltak"),
    path("planer/<int:pk>/okonomiplan/", tiltak_sider.okonomiplan_no, name="okonomiplan_no"),
    path("planer/<int:pk>/okonomiplan/<int:aar>/", tiltak_sider.okonomiplan, name="okonomiplan"),
    path(
        "planer/<int:pk>/okonomiplan/<int:aar>/prioriter/", tiltak_sider.prioriter, name="prioriter"
    ),  # fmt: skip
    path(
        "planer/<int:pk>/okonomiplan/<int:aar>/verbalpunkt/",
        tiltak_sider.nytt_verbalpunkt,
        name="nytt_verbalpunkt",
    ),  # fmt: skip
    path(
        "planer/<int:pk>/okonomiplan/<int:aar>/send/", tiltak_sider.send, name="send_okonomiplan"
    ),  # fmt: skip
    path(
        "okonomiplan/prioritering/<int:pk>/fjern/",
        tiltak_sider.fjern_prioritering,
        name="fjern_prioritering",
    ),  # fmt: skip
    path("okonomiplan/verbalpunkt/<int:pk>/", tiltak_sider.verbalpunkt, name="verbalpunkt"),
]

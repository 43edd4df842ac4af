"""Journal pages. Each views module owns its `urlpatterns`; this file only joins them."""

from .views import (
    arbeidsliste,
    dokumenter,
    journalposter,
    kontakter,
    masse,
    mottak,
    offentlighet,
    rapporter,
    saker,
    sok,
    uttrekk,
)

app_name = "journal"

urlpatterns = [
    *saker.urlpatterns,
    *journalposter.urlpatterns,
    *mottak.urlpatterns,
    *arbeidsliste.urlpatterns,
    *dokumenter.urlpatterns,
    *sok.urlpatterns,
    *offentlighet.urlpatterns,
    *rapporter.urlpatterns,
    *kontakter.urlpatterns,
    *masse.urlpatterns,
    *uttrekk.urlpatterns,
]

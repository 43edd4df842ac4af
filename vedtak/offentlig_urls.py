"""The public overview of decision follow-up at /moter/vedtak/ (no login). Routed from
saksarkiv/urls.py: the meeting calendar's utvalg/offentlig_urls.py may not import vedtak."""

from django.urls import path

from . import offentlig

app_name = "vedtak_offentlig"

urlpatterns = [
    path("", offentlig.oversikt, name="oversikt"),
    path("csv/", offentlig.csv, name="csv"),
]

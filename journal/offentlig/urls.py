"""The public journal at /postliste/ (no login), and archive's export page."""

from django.urls import path

from . import views

app_name = "offentlig"

urlpatterns = [
    path("", views.postliste, name="postliste"),
    path("<int:pk>/", views.journalpost, name="journalpost"),
    path("<int:pk>/innsyn/", views.be_om_innsyn, name="innsyn"),
    path("dokument/<int:pk>/", views.dokument, name="dokument"),
    path("eksport/", views.eksport, name="eksport"),
]

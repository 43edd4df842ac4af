from django.urls import path

from . import views
from .views import register

app_name = "utvalg"
urlpatterns = [
    path("journalposter/<int:pk>/behandling/", views.behandling, name="behandling"),
    path("utvalg/", register.utvalg_liste, name="liste"),
    path("utvalg/nytt/", register.nytt_utvalg, name="nytt"),
    path("utvalg/<int:pk>/", register.utvalg, name="utvalg"),
    path("utvalg/<int:pk>/endre/", register.endre_utvalg, name="endre"),
    path("utvalg/<int:pk>/medlemmer/", register.nytt_medlem, name="nytt_medlem"),
    path("utvalg/medlemmer/<int:pk>/avslutt/", register.avslutt_medlem, name="avslutt_medlem"),
]

from django.urls import path

from . import views

app_name = "utvalg"
urlpatterns = [
    path("journalposter/<int:pk>/behandling/", views.behandling, name="behandling"),
]

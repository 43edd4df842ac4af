"""The public meeting calendar at /moter/ (no login)."""

from django.urls import path

from . import kalender

app_name = "moter"

urlpatterns = [
    path("", kalender.moter, name="kalender"),
    path("<uuid:systemid>/", kalender.mote, name="mote"),
    path("<str:kode>.ics", kalender.ical, name="ical"),
]

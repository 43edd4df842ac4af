"""The public meeting calendar at /moter/ (no login)."""

from django.urls import path

from . import kalender, offentlige_voteringer

app_name = "moter"

urlpatterns = [
    path("", kalender.moter, name="kalender"),
    path("<uuid:systemid>/", kalender.mote, name="mote"),
    path("<uuid:systemid>/innkalling/<int:pk>/", kalender.innkalling, name="innkalling"),
    path("<uuid:systemid>/dokumenter/<int:pk>/", kalender.saksdokument, name="saksdokument"),
    path("<str:kode>.ics", kalender.ical, name="ical"),
]

# Votes in public (issue 18, item 9): the members' pages.
urlpatterns += [
    path("representanter/", offentlige_voteringer.representanter, name="representanter"),
    path("representanter/<int:pk>/", offentlige_voteringer.representant, name="representant"),
]

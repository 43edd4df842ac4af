from django.contrib import admin
from django.contrib.auth import views as django_auth_views
from django.urls import include, path

from .sprak import sett_sprak
from .views import audit, auth, health, home, organisation

admin.site.site_header = "Saksarkiv – systemadministrasjon"
admin.site.site_title = "Saksarkiv"
admin.site.index_title = "Administrasjon"

urlpatterns = [
    path("", home.arbeidsbord, name="arbeidsbord"),
    path("organisasjon/", organisation.organisasjon, name="organisasjon"),
    path("endringslogg/", audit.endringslogg, name="endringslogg"),
    path("logg-inn/", auth.LoginView.as_view(), name="login"),
    path("logg-ut/", django_auth_views.LogoutView.as_view(), name="logout"),
    path("glemt-passord/", auth.PasswordResetView.as_view(), name="password_reset"),
    path("glemt-passord/sendt/", auth.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "nytt-passord/<uidb64>/<token>/",
        auth.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "nytt-passord/ferdig/",
        auth.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("helse/", health.helse, name="helse"),
    # The language chooser in the header (bokmål or nynorsk, settings.LANGUAGES): a cookie,
    # and for a logged-in user the profile too (saksarkiv/sprak.py).
    path("sprak/", sett_sprak, name="set_language"),
    # The public journal: no login (its views are public; the export page checks itself).
    path("postliste/", include("journal.offentlig.urls")),
    # Before /moter/: the public overview of decision follow-up (issue 19, item 6).
    path("moter/vedtak/", include("vedtak.offentlig_urls")),
    path("moter/", include("utvalg.offentlig_urls")),
    path("", include("journal.urls")),
    path("", include("utvalg.urls")),
    path("", include("vedtak.urls")),
    path("verksemdsplan/", include("verksemdsplan.urls")),
    path("admin/", admin.site.urls),
]

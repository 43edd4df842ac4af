from django.urls import path

from . import views

app_name = "vedtak"
urlpatterns = [
    path("vedtaksoppfolging/", views.mine, name="mine"),
    path("vedtaksoppfolging/enhet/", views.enhet, name="enhet"),
    path("vedtaksoppfolging/uregistrert/", views.uten_oppfolging, name="uten_oppfolging"),
    path("vedtaksoppfolging/linjer/<int:pk>/", views.linje, name="linje"),
    path("vedtaksoppfolging/sakskart/<int:pk>/", views.punkt, name="punkt"),
    path("vedtaksoppfolging/<int:pk>/frist/", views.frist, name="frist"),
    path("vedtaksoppfolging/<int:pk>/linje/", views.ny_linje, name="ny_linje"),
    path("vedtaksoppfolging/rapport/", views.rapport_side, name="rapport"),
    path("vedtaksoppfolging/rapport/referer/", views.rapport_referer, name="referer_rapport"),
    path("vedtaksoppfolging/avslutt/", views.avslutt, name="avslutt"),
]

from django.apps import AppConfig


class SaksarkivConfig(AppConfig):
    name = "saksarkiv"
    verbose_name = "Organisasjon og tilgang"

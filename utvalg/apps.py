from django.apps import AppConfig


class UtvalgConfig(AppConfig):
    name = "utvalg"
    verbose_name = "Utvalg og møter"

    def ready(self):
        from . import tilgang, tillatelser

        tillatelser.registrer()
        tilgang.registrer()

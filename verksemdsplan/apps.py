from django.apps import AppConfig


class VerksemdsplanConfig(AppConfig):
    name = "verksemdsplan"
    verbose_name = "Verksemdsplan"

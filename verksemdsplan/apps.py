from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerksemdsplanConfig(AppConfig):
    name = "verksemdsplan"
    verbose_name = _("Virksomhetsplan")

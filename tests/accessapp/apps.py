from django.apps import AppConfig


class AccessappConfig(AppConfig):
    name = "tests.accessapp"
    label = "accessapp"

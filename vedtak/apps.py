from django.apps import AppConfig


class VedtakConfig(AppConfig):
    name = "vedtak"
    verbose_name = "Vedtaksoppfølging"

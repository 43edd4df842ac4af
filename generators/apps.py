from django.apps import AppConfig


class GeneratorsConfig(AppConfig):
    """Demo and bulk data: the management commands `demodata` and `bulkdata`. Not part of
    the product (kept out of the production image by .dockerignore); it sits above every
    app, and no app imports it (pyproject.toml, [tool.importlinter])."""

    name = "generators"
    verbose_name = "Demo- og testdata"

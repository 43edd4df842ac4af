import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saksarkiv.settings")

app = Celery("saksarkiv")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

"""Housekeeping jobs. Tasks take ids, call a function and are safe to run twice."""

from celery import shared_task
from django.contrib.sessions.models import Session
from django.utils import timezone

from .request_id import set_request_id


def clear_expired_sessions_now() -> int:
    """Delete expired login sessions; returns how many went."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


@shared_task(name="saksarkiv.tasks.clear_expired_sessions")
def clear_expired_sessions() -> int:
    set_request_id(f"celery-{clear_expired_sessions.request.id or 'lokal'}")
    return clear_expired_sessions_now()

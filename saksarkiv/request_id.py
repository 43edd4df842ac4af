"""The id of the current request or job, for the audit log and log lines. No model imports:
the logging configuration loads this before Django's apps are ready."""

import logging
from contextvars import ContextVar

_request_id: ContextVar[str] = ContextVar("request_id", default="")


def current_request_id() -> str:
    return _request_id.get()


def set_request_id(value: str):
    """Set the id for work outside a request (Celery tasks, commands); returns a reset token."""
    return _request_id.set(value)


def reset_request_id(token) -> None:
    _request_id.reset(token)


class RequestIdLogFilter(logging.Filter):
    def filter(self, record):
        record.request_id = current_request_id() or "-"
        return True

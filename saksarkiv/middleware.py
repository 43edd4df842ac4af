"""Request id for the audit log and logs, the idle/absolute session timeout, and a refusal
of NUL bytes in parameters."""

import re
import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.utils import timezone
from django_htmx.http import HttpResponseClientRedirect

from .request_id import reset_request_id, set_request_id
from .widgets import delte_valg

_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

SESSION_LOGIN_AT = "saksarkiv_innlogget"
SESSION_LAST_SEEN = "saksarkiv_sist_aktiv"


class RequestIdMiddleware:
    """Takes X-Request-ID from the proxy when it is sane, or makes one; echoes it back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = set_request_id(request_id)
        try:
            response = self.get_response(request)
        finally:
            reset_request_id(token)
        response["X-Request-ID"] = request_id
        return response


class ValgMiddleware:
    """Pickers over the same people or units share one query per request (widgets.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with delte_valg():
            return self.get_response(request)


class SessionTimeoutMiddleware:
    """Logs a user out after SESSION_IDLE_TIMEOUT without requests, and in any case
    SESSION_ABSOLUTE_TIMEOUT after logging in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = timezone.now().timestamp()
            session = request.session
            login_at = session.setdefault(SESSION_LOGIN_AT, now)
            last_seen = session.get(SESSION_LAST_SEEN, now)
            idle = settings.SESSION_IDLE_TIMEOUT.total_seconds()
            absolute = settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds()
            reason = None
            if now - last_seen > idle:
                reason = "Du ble logget ut fordi du har vært inaktiv for lenge."
            elif now - login_at > absolute:
                reason = "Økten din er utløpt. Logg inn på nytt."
            if reason:
                logout(request)
                messages.info(request, reason)
                response = redirect_to_login(request.get_full_path())
                if getattr(request, "htmx", False):
                    # A partial update must not swap the login page into the table.
                    return HttpResponseClientRedirect(response["Location"])
                return response
            # Write the session at most once a minute, not on every request.
            if now - last_seen >= 60 or SESSION_LAST_SEEN not in session:
                session[SESSION_LAST_SEEN] = now
        return self.get_response(request)


class NulltegnMiddleware:
    """A NUL byte in a query or form parameter is refused with 400: PostgreSQL cannot store
    or compare it, and no field of ours takes one (forms refuse it too, but lists and
    searches read parameters directly)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _har_nulltegn(request.GET) or (request.method == "POST" and _har_nulltegn(request.POST)):
            melding = "Forespørselen inneholder et tegn som ikke kan brukes (NUL). Fjern det."
            context = {"tittel": "Ugyldig tegn", "melding": melding}
            return render(request, "400.html", context, status=400)
        return self.get_response(request)


def _har_nulltegn(params) -> bool:
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in params.lists())


class PermissionsPolicyMiddleware:
    """Permissions-Policy on every response: no camera, microphone, location … for any page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

"""The user's language (bokmål or nynorsk, settings.LANGUAGES; issue 21 item 8).

Anonymous visitors keep their choice in the language cookie, as Django's `set_language`
does. A logged-in user's choice is also kept on the profile (`Bruker.sprak`), and the profile
wins: `SprakMiddleware` serves every page in the profile's language and sets the cookie to it
when the two differ — after logging in on another browser too, and on a browser still
holding an old choice — so the cookie and the profile never disagree for long. The daily
digest reads the profile (journal/jobber.py)."""

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.views.i18n import set_language

from . import audit
from .models import Bruker


def gyldig(sprak) -> bool:
    return sprak in dict(settings.LANGUAGES)


@transaction.atomic
def velg_sprak(user, sprak: str) -> bool:
    """Keep `sprak` on the user's own profile (audited). True if it changed."""
    if not gyldig(sprak):
        return False
    lagra = Bruker.objects.select_for_update().get(pk=user.pk)
    foer = audit.snapshot(lagra, fields={"sprak"})
    if lagra.sprak == sprak:
        user.sprak = sprak
        return False
    lagra.sprak = sprak
    lagra.save(update_fields=["sprak"])
    audit.record(user, lagra, "endret", endringer=audit.diff(foer, {"sprak": sprak}))
    user.sprak = sprak
    return True


def sett_sprak(request):
    """The header's language chooser: Django's `set_language` (the cookie, the safe
    redirect to `next`), refusing a language outside settings.LANGUAGES (Django would take
    any it has a catalogue for), and keeping the choice on a logged-in user's profile."""
    response = set_language(request)
    sprak = request.POST.get("language") if request.method == "POST" else None
    if not gyldig(sprak):
        response.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)
    elif request.user.is_authenticated:
        velg_sprak(request.user, sprak)
    return response


def _sett_kake(response, sprak: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        sprak,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


class SprakMiddleware:
    """A logged-in user's pages in the profile's language, whatever the cookie says; the
    cookie follows the profile (also on the response that logs the user in). After
    LocaleMiddleware (which reads the cookie) and AuthenticationMiddleware; the user is
    already loaded by the session timeout before it, so this costs no query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and gyldig(user.sprak) and user.sprak != request.LANGUAGE_CODE:
            translation.activate(user.sprak)
            request.LANGUAGE_CODE = user.sprak
        response = self.get_response(request)
        # Login and logout in the view replace request.user.
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and gyldig(user.sprak)
            and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != user.sprak
            and settings.LANGUAGE_COOKIE_NAME not in response.cookies
        ):
            _sett_kake(response, user.sprak)
        return response

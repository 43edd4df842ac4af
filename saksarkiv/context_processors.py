from django.conf import settings

from .navigation import menu_for


def navigation(request):
    user = getattr(request, "user", None)
    context = {"kommune": settings.SAKSARKIV_KOMMUNE}
    if user is not None and user.is_authenticated:
        context["meny"] = menu_for(user, request.path)
    return context

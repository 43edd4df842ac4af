"""Serving a stored file: one way for every download (journal documents, the public journal,
the meeting calendar, the member portal). The caller has decided the user may have it."""

from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control


def fil_svar(felt, filnavn: str, content_type: str, *, vedlegg: bool = True,
             privat: bool = True) -> FileResponse:  # fmt: skip
    """Stream `felt` (a FieldFile). Never sniffed, never run (sandbox), never kept in any
    cache — screening can change after a download (`privat`: also not in shared caches)."""
    if content_type == "text/plain":
        content_type = "text/plain; charset=utf-8"
    try:
        handle = felt.storage.open(felt.name, "rb")
    except FileNotFoundError as exc:
        raise Http404("Filen finnes ikke i lageret.") from exc
    response = FileResponse(handle, as_attachment=vedlegg, filename=filnavn,
                            content_type=content_type)  # fmt: skip
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    if privat:
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(response, no_store=True)
    return response

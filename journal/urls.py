"""Journal pages. Each views module owns its `urlpatterns`; this file only joins them."""

from .views import arbeidslister, dokumenter, journalposter, saker, sok

app_name = "journal"

urlpatterns = [
    *saker.urlpatterns,
    *journalposter.urlpatterns,
    *arbeidslister.urlpatterns,
    *dokumenter.urlpatterns,
    *sok.urlpatterns,
]

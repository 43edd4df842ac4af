"""The committees' entries in the main menu (settings.SAKSARKIV_MENY)."""

from saksarkiv.navigation import MenuItem

MENY = [MenuItem("Utvalg", "utvalg:liste")]

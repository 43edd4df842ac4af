"""The committees' pages: the register (register.py) and the committee treatment panel on
a committee draft's page (behandling.py, settings.SAKSARKIV_JOURNALPOST_PANELER)."""

from .behandling import behandling, behandling_panel

__all__ = ["behandling", "behandling_panel"]

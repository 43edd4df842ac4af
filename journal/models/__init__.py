from .codes import (
    Avskrivningsmaate,
    Behandlingsstatus,
    Ekspedisjonsmaate,
    Journalposttype,
    Journalstatus,
    Korrespondanseparttype,
    Saksstatus,
    TilknyttetRegistreringSom,
)
from .flyt import (
    Godkjenning,
    Godkjenningssteg,
    Godkjenningssvar,
    Merknad,
)
from .journalpost import Avskrivning, Dokument, Journalpost, Korrespondansepart
from .saksmappe import (
    Nummerteller,
    Saksmappe,
    SaksmappeGroupObjectPermission,
    SaksmappeUserObjectPermission,
    Sakspart,
)

__all__ = [
    "Avskrivning",
    "Avskrivningsmaate",
    "Godkjenning",
    "Godkjenningssteg",
    "Godkjenningssvar",
    "Merknad",
    "Behandlingsstatus",
    "Dokument",
    "Ekspedisjonsmaate",
    "Journalpost",
    "Journalposttype",
    "Journalstatus",
    "Korrespondansepart",
    "Korrespondanseparttype",
    "Nummerteller",
    "Saksmappe",
    "SaksmappeGroupObjectPermission",
    "SaksmappeUserObjectPermission",
    "Sakspart",
    "Saksstatus",
    "TilknyttetRegistreringSom",
]

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
    Behandling,
    Godkjenning,
    Godkjenningssteg,
    Godkjenningssvar,
    Merknad,
    Sakstype,
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
    "Behandling",
    "Godkjenning",
    "Godkjenningssteg",
    "Godkjenningssvar",
    "Merknad",
    "Sakstype",
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

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
from .innstillinger import Innstillinger
from .journalpost import Avskrivning, Dokument, Journalpost, Korrespondansepart
from .kontakt import Kontakt
from .saksmappe import (
    Saksmappe,
    SaksmappeGroupObjectPermission,
    SaksmappeUserObjectPermission,
    Sakspart,
)
from .sett import JournalpostSett
from .uttrekk import AKTIVE as AKTIVE_UTTREKK
from .uttrekk import Arkivuttrekk, Klasse, Uttrekksstatus

__all__ = [
    "AKTIVE_UTTREKK",
    "Arkivuttrekk",
    "Klasse",
    "Uttrekksstatus",
    "Avskrivning",
    "Avskrivningsmaate",
    "Godkjenning",
    "Godkjenningssteg",
    "Godkjenningssvar",
    "Innstillinger",
    "Merknad",
    "Behandlingsstatus",
    "Dokument",
    "Ekspedisjonsmaate",
    "Journalpost",
    "JournalpostSett",
    "Journalposttype",
    "Journalstatus",
    "Kontakt",
    "Korrespondansepart",
    "Korrespondanseparttype",
    "Saksmappe",
    "SaksmappeGroupObjectPermission",
    "SaksmappeUserObjectPermission",
    "Sakspart",
    "Saksstatus",
    "TilknyttetRegistreringSom",
]

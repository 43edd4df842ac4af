"""Forms of the journal pages, one module per resource. They only parse input; the rules
live in services (and the permission rules in services/tillatelser.py)."""

from .dokumenter import DokumentForm, EpostImportForm
from .felles import (
    SaksnummerField,
    SkjermingMixin,
    enhet_field,
    finn_sak,
    person_field,
    tilgangskode_field,
)
from .journalposter import (
    AvskrivForm,
    BegrunnelseForm,
    BesvarForm,
    FlyttForm,
    FordelForm,
    JournalpostForm,
    KopiForm,
    KorrespondansepartForm,
    MerknadForm,
    SendGodkjenningForm,
    SvarGodkjenningForm,
)
from .mottak import InngaaendeForm
from .offentlighet import OffentlighetsvurderingForm
from .rapporter import OverforForm
from .saker import PartForm, RelaterForm, SakForm

__all__ = [
    "AvskrivForm",
    "BegrunnelseForm",
    "BesvarForm",
    "DokumentForm",
    "EpostImportForm",
    "FlyttForm",
    "FordelForm",
    "InngaaendeForm",
    "JournalpostForm",
    "KopiForm",
    "KorrespondansepartForm",
    "MerknadForm",
    "OffentlighetsvurderingForm",
    "OverforForm",
    "PartForm",
    "RelaterForm",
    "SakForm",
    "SaksnummerField",
    "SendGodkjenningForm",
    "SkjermingMixin",
    "SvarGodkjenningForm",
    "enhet_field",
    "finn_sak",
    "person_field",
    "tilgangskode_field",
]

"""One permission rule per object and action (STYLE.md §3).

An app declares a `Regelsett` per model: one function per action, answering why the user
may not take that action on the object now (an `Avslag`) or None when they may. Asking
`regelsett.for_(user, obj)` gives a `Tillatelser`, and everything reads that one answer:

- a service calls `tillatelser.krev("avskriv")` on the object it has locked, before it
  changes anything, and the refusal is raised as a DomainError with the rule's reason;
- a page puts the `Tillatelser` in the template context; the template shows a form when
  `tillatelser.kan.avskriv` and may say `tillatelser.grunn.flytt` when it is not;
- the write-matrix test (tests/test_skrivematrise.py) posts to every URL as every persona
  and checks the answer and the database against the same rule.

Rules are evaluated lazily and at most once per (user, object): a page pays only for what
it asks. Facts several rules share (may the user read the content, which actor kinds the
user is for the object) live on the rule set's `Kontekst`, also computed once.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import PermissionDenied

from . import access
from .services import DomainError, IkkeTilgang

INGEN_TILGANG = 403


@dataclass(frozen=True)
class Avslag:
    """Why an action is refused. `status` 403: the user may not (role, clearance); None:
    the object's state does not allow it now (the page answers 409)."""

    grunn: str
    status: int | None = None
    felt: str | None = None

    def __str__(self) -> str:
        return self.grunn

    def feil(self) -> DomainError:
        if self.status == INGEN_TILGANG:
            return IkkeTilgang(self.grunn, field=self.felt)
        return DomainError(self.grunn, field=self.felt)


def nei(grunn: str, felt: str | None = None) -> Avslag:
    """Refused by the object's state (409)."""
    return Avslag(grunn, felt=felt)


def ingen_tilgang(grunn: str, felt: str | None = None) -> Avslag:
    """Refused because of who the user is (403)."""
    return Avslag(grunn, INGEN_TILGANG, felt)


class Kontekst:
    """Facts about one (user, object) that several rules need, computed once."""

    def __init__(self, user, obj):
        self.user = user
        self.obj = obj

    @cached_property
    def innsyn(self) -> bool:
        """May the user read the object's restricted content (the access chokepoint)?"""
        return access.can_read(self.user, self.obj)

    def krev_innsyn(self, hva: str) -> Avslag | None:
        if self.innsyn:
            return None
        navn = self.obj._meta.verbose_name
        return ingen_tilgang(f"Du har ikke tilgang til innholdet i {navn} og kan ikke {hva}.")


Regel = Callable[[Kontekst], Avslag | None]


class Regelsett:
    """The actions on one model and the rule of each."""

    def __init__(self, navn: str, kontekst: type[Kontekst] = Kontekst):
        self.navn = navn
        self.kontekst = kontekst
        self.regler: dict[str, Regel] = {}

    def regel(self, *handlinger: str) -> Callable[[Regel], Regel]:
        """Register the decorated function as the rule of `handlinger`."""

        def register(fn: Regel) -> Regel:
            for handling in handlinger:
                if handling in self.regler:
                    raise ValueError(f"{self.navn}: «{handling}» har allerede en regel.")
                self.regler[handling] = fn
            return fn

        return register

    def legg_til(self, handling: str, fn: Regel) -> None:
        self.regel(handling)(fn)

    @property
    def handlinger(self) -> list[str]:
        return list(self.regler)

    def for_(self, user, obj) -> "Tillatelser":
        return Tillatelser(self, self.kontekst(user, obj))


class _Oppslag:
    """`tillatelser.kan.avskriv` / `tillatelser.grunn.avskriv` in templates and code."""

    def __init__(self, svar: Callable[[str], object]):
        self._svar = svar

    def __getitem__(self, handling: str):
        return self._svar(handling)

    def __getattr__(self, handling: str):
        if handling.startswith("_"):
            raise AttributeError(handling)
        return self._svar(handling)


class Tillatelser:
    """What one user may do with one object: {action: None | Avslag}, evaluated lazily."""

    def __init__(self, regelsett: Regelsett, kontekst: Kontekst):
        self.regelsett = regelsett
        self.kontekst = kontekst
        self._svar: dict[str, Avslag | None] = {}
        self.kan = _Oppslag(lambda h: self[h] is None)
        self.grunn = _Oppslag(lambda h: str(self[h] or ""))

    def __getitem__(self, handling: str) -> Avslag | None:
        if handling not in self._svar:
            regel = self.regelsett.regler.get(handling)
            if regel is None:
                raise KeyError(f"{self.regelsett.navn} har ingen regel for «{handling}».")
            self._svar[handling] = regel(self.kontekst)
        return self._svar[handling]

    def krev(self, handling: str) -> None:
        """Raise the rule's refusal (a DomainError) unless the user may take the action."""
        avslag = self[handling]
        if avslag is not None:
            raise avslag.feil()

    def krev_side(self, handling: str) -> None:
        """For a view: the rule's refusal as HTTP 403 (PermissionDenied), its reason shown."""
        avslag = self[handling]
        if avslag is not None:
            raise PermissionDenied(avslag.grunn)

    def tillatte(self, *handlinger: str) -> list[str]:
        """Those of `handlinger` (default: all) the user may take now."""
        return [h for h in handlinger or self.regelsett.handlinger if self[h] is None]

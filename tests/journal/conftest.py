"""Fixtures the journal flow tests share; a module defines its own `sak` where it needs
another case."""

import pytest

from tests.journal.flythjelp import inngaende, ny_sak


@pytest.fixture
def sak(personas, org):
    """An open case of the caseworker in enhet_a."""
    return ny_sak(personas.saksbehandler, org.enhet_a)


@pytest.fixture
def inn(personas, sak):
    """An incoming post in `sak`, distributed to the caseworker."""
    return inngaende(personas.arkiv, sak, saksbehandler=personas.saksbehandler)

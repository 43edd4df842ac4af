"""The verksemdsplan's arithmetic (verksemdsplan/berekning.py): progress, status bands, trend
and roll-up, as a table of cases that includes falling-is-good indicators."""

from decimal import Decimal as D

import pytest

from verksemdsplan.berekning import Status, Trend, framdrift, samanstill, status, trend


@pytest.mark.parametrize(
    ("basis", "maal", "verdi", "venta"),
    [
        ("10", "20", "15", "50.0"),  # rising is good, half way
        ("10", "20", "20", "100.0"),
        ("10", "20", "25", "100.0"),  # past the target: clamped
        ("10", "20", "5", "0.0"),  # worse than the baseline: clamped
        ("8", "4", "6", "50.0"),  # falling is good (sick leave 8 % → 4 %)
        ("8", "4", "3", "100.0"),
        ("8", "4", "9", "0.0"),
        ("8", "4", "7.1", "22.5"),
        ("0", "3", "1", "33.3"),  # rounded half up to one decimal
        ("10", "20", None, None),
    ],
)
def test_progress_toward_the_target(basis, maal, verdi, venta):
    verdi = None if verdi is None else D(verdi)
    svar = framdrift(D(basis), D(maal), verdi)
    assert svar == (None if venta is None else D(venta))


def test_no_progress_when_target_equals_baseline():
    assert framdrift(D(5), D(5), D(6)) is None


@pytest.mark.parametrize(
    ("prosent", "venta"),
    [("100", Status.GRONN), ("90", Status.GRONN), ("89.9", Status.GUL), ("60", Status.GUL),
     ("59.9", Status.RAUD), ("0", Status.RAUD), (None, None)],
)  # fmt: skip
def test_bands_set_the_status_colour(prosent, venta):
    assert status(None if prosent is None else D(prosent), 90, 60) == venta


@pytest.mark.parametrize(
    ("forrige", "no", "fallande", "venta"),
    [("5", "6", False, Trend.BETRE), ("5", "4", False, Trend.VERRE),
     ("5", "6", True, Trend.VERRE), ("5", "4", True, Trend.BETRE),
     ("5", "5", True, Trend.UENDRA), (None, "5", False, None)],
)  # fmt: skip
def test_trend_arrow_follows_the_desired_direction(forrige, no, fallande, venta):
    forrige = None if forrige is None else D(forrige)
    assert trend(forrige, D(no), fallande_er_bra=fallande) == venta


def test_roll_up_worst_child_and_weighted_mean():
    born = [(Status.GRONN, 3), (Status.RAUD, 1), (None, 5)]
    assert samanstill(born, daarlegaste=True) == Status.RAUD
    # (3·3 + 1·1) / 4 = 2.5, rounded half up: grøn
    assert samanstill(born, daarlegaste=False) == Status.GRONN
    assert samanstill([(Status.GRONN, 1), (Status.RAUD, 2)], daarlegaste=False) == Status.GUL
    assert samanstill([(None, 1)], daarlegaste=True) is None
    assert samanstill([], daarlegaste=False) is None

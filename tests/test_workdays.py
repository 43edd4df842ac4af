import datetime

from saksarkiv.workdays import (
    add_working_days,
    first_working_day_on_or_after,
    holiday_name,
    is_working_day,
    working_days_between,
)

D = datetime.date


def test_weekends_and_norwegian_holidays_are_not_working_days():
    assert is_working_day(D(2026, 11, 20))  # Friday
    assert not is_working_day(D(2026, 11, 21))  # Saturday
    for holiday in [
        D(2026, 1, 1),
        D(2026, 4, 2),  # skjærtorsdag
        D(2026, 4, 3),  # langfredag
        D(2026, 4, 6),  # 2. påskedag
        D(2026, 5, 1),
        D(2026, 5, 14),  # Kristi himmelfartsdag
        D(2026, 5, 25),  # 2. pinsedag
        D(2026, 12, 25),
        D(2026, 12, 26),
    ]:
        assert not is_working_day(holiday), holiday
    assert holiday_name(D(2026, 5, 17)) is not None  # grunnlovsdag (a Sunday in 2026)


def test_three_working_days_skip_weekends_and_easter():
    assert add_working_days(D(2026, 11, 20), 3) == D(2026, 11, 25)  # Fri → Wed
    # Registered Tuesday before Easter 2026: Wed, then Tue 7 and Wed 8 April.
    assert add_working_days(D(2026, 3, 31), 3) == D(2026, 4, 8)
    assert add_working_days(D(2026, 4, 8), -3) == D(2026, 3, 31)
    assert add_working_days(D(2026, 11, 20), 0) == D(2026, 11, 20)


def test_working_days_between_counts_after_start_up_to_end():
    assert working_days_between(D(2026, 11, 20), D(2026, 11, 23)) == 1
    assert working_days_between(D(2026, 12, 23), D(2026, 12, 28)) == 2  # 24th and 28th
    assert working_days_between(D(2026, 11, 23), D(2026, 11, 20)) == -1
    assert working_days_between(D(2026, 11, 20), D(2026, 11, 20)) == 0


def test_first_working_day_of_a_quarter():
    assert first_working_day_on_or_after(D(2027, 1, 1)) == D(2027, 1, 4)
    assert first_working_day_on_or_after(D(2026, 4, 1)) == D(2026, 4, 1)
    assert first_working_day_on_or_after(D(2023, 10, 1)) == D(2023, 10, 2)


def test_the_days_the_test_clock_visits():
    """The calendar at tests/klokke.py HARDE_DAGER (and the verification moments)."""
    assert not is_working_day(D(2027, 1, 1))  # nyttårsdag, a Friday
    assert add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 4)
    assert working_days_between(D(2026, 12, 31), D(2027, 1, 4)) == 1
    assert holiday_name(D(2027, 3, 28)) is not None  # 1. påskedag
    assert not is_working_day(D(2027, 3, 29))  # 2. påskedag
    assert first_working_day_on_or_after(D(2027, 3, 25)) == D(2027, 3, 30)  # skjærtorsdag
    assert not is_working_day(D(2027, 5, 17))  # grunnlovsdag and 2. pinsedag, a Monday
    assert is_working_day(D(2028, 2, 29))  # the leap day, a Tuesday
    assert add_working_days(D(2028, 2, 28), 1) == D(2028, 2, 29)
    assert working_days_between(D(2028, 2, 25), D(2028, 3, 1)) == 3

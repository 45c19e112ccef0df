"""When first contact is due: calendar days normally, working days when it is urgent."""

import datetime as dt
from functools import lru_cache

import holidays

from eenplan.signalering.models import SignalType


@lru_cache(maxsize=16)
def _public_holidays(year: int) -> frozenset[dt.date]:
    # Good Friday is in the library's list but is no day off for most municipal offices.
    return frozenset(
        day for day, name in holidays.Netherlands(years=year).items() if name != "Good Friday"
    )


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _public_holidays(day.year)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The `days`-th working day after `start` (start itself does not count)."""
    current = start
    remaining = days
    while remaining > 0:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def first_contact_due(*, received_on: dt.date, signal_type: SignalType, urgent: bool) -> dt.date:
    if urgent:
        return add_working_days(received_on, signal_type.urgent_first_contact_working_days)
    return received_on + dt.timedelta(days=signal_type.first_contact_days)

"""Daily background work for signals, through the tasks framework (django-tasks).

`signalering_daily` hides signals that led to nothing once their active period is over, runs the
turning-18 scan, and queues itself again for the next night. The library has no periodic
schedule of its own, so the chain is kept alive by each run; `daily_schedule()` (called by
`eenplan signalering_plan`, which `make demo` runs) starts the chain when no run is waiting, and
does nothing when one is, so running it twice never doubles the work.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sized
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django_tasks import task

from eenplan.core import daily
from eenplan.privacy.services import audit_record, snapshot
from eenplan.signalering.models import (
    OUTCOMES_LEADING_NOWHERE,
    Alert,
    RetentionSetting,
    Signal,
    SignalStatus,
)

logger = logging.getLogger(__name__)

# Local time of the nightly run: quiet hours, after the day's imports.
DAILY_RUN_AT = dt.time(3, 0)
DEFAULT_ACTIVE_DAYS = 730


def retention_active_days() -> int:
    setting = RetentionSetting.objects.order_by("pk").first()
    return setting.active_days if setting else DEFAULT_ACTIVE_DAYS


def signals_expired(*, now: dt.datetime) -> QuerySet[Signal]:
    """Signals that led to nothing and whose active period is over, not yet hidden.

    Led to nothing: closed with an outcome in OUTCOMES_LEADING_NOWHERE, or never linked to a
    person or household and never taken up. The period runs from the last thing that happened
    to the signal: its closing, or else its receipt.
    """
    cutoff = now - dt.timedelta(days=retention_active_days())
    closed_for_nothing = Q(
        status=SignalStatus.CLOSED,
        outcome__in=list(OUTCOMES_LEADING_NOWHERE),
    ) & (Q(closed_at__lt=cutoff) | Q(closed_at__isnull=True, received_at__lt=cutoff))
    never_picked_up = Q(
        status=SignalStatus.RECEIVED,
        household__isnull=True,
        resident__isnull=True,
        received_at__lt=cutoff,
    )
    return Signal.objects.filter(hidden_at__isnull=True).filter(
        closed_for_nothing | never_picked_up
    )


@transaction.atomic
def signals_hide_expired(*, now: dt.datetime | None = None) -> int:
    """Hide every expired signal: from then on only the audit trail knows it. Returns how many."""
    now = now or timezone.now()
    signals = list(signals_expired(now=now).select_for_update().order_by("pk"))
    for signal in signals:
        before = snapshot(signal)
        signal.hidden_at = now
        signal.save(update_fields=["hidden_at", "updated_at"])
        audit_record(
            actor_user=None,
            action="signal.hide",
            instance=signal,
            before=before,
            after=snapshot(signal),
            household_uuid=signal.household.uuid if signal.household_id else None,  # type: ignore[union-attr]
        )
    # Notices about a hidden signal leave the recipients' lists with it.
    Alert.objects.filter(signal__in=signals, done_at__isnull=True).update(done_at=now)
    return len(signals)


def _count(result: Any) -> int:
    if isinstance(result, int):
        return result
    if isinstance(result, Sized):
        return len(result)
    return 0


def signalering_daily_run(*, today: dt.date, now: dt.datetime | None = None) -> dict[str, int]:
    """One night's work, callable without the tasks framework (tests, a manual run)."""
    from eenplan.signalering.rules import scan_turning_eighteen

    hidden = signals_hide_expired(now=now)
    transitions = scan_turning_eighteen(today=today)
    logger.info("Signals hidden: %d; turning-18 tasks: %d", hidden, _count(transitions))
    return {"hidden": hidden, "turning_eighteen": _count(transitions)}


def next_run_after(now: dt.datetime) -> dt.datetime:
    return daily.next_run_after(now, at=DAILY_RUN_AT)


@task()
def signalering_daily() -> dict[str, int]:
    now = timezone.now()
    result = signalering_daily_run(today=timezone.localdate(now), now=now)
    daily_schedule(run_after=next_run_after(now))
    return result


def daily_schedule(*, run_after: dt.datetime | None = None) -> bool:
    """Queue the daily run unless one is already waiting (see `eenplan.core.daily`)."""
    return daily.daily_schedule(signalering_daily, run_after=run_after)

"""The daily reminder run, through the tasks framework (django-tasks).

`reminders_daily` creates the reminders that are due and sends the e-mails, then queues itself
for the next morning: the library has no periodic schedule, so each run keeps the chain alive.
`daily_schedule()` (called by `eenplan herinneringen-plan`, which `make demo` runs) starts the
chain when no run is waiting and does nothing when one is, so running it twice never doubles
the work. The run itself is idempotent too: a reminder exists once per recipient and subject.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone
from django_tasks import task

from eenplan.core import daily
from eenplan.reminders.services import reminders_generate

logger = logging.getLogger(__name__)

# Local time of the daily run: before the working day, so the e-mail is there in the morning.
DAILY_RUN_AT = dt.time(6, 30)


def reminders_daily_run(*, today: dt.date, now: dt.datetime | None = None) -> dict[str, int]:
    """One day's work, callable without the tasks framework (tests, a manual run)."""
    result = reminders_generate(today=today, now=now)
    logger.info("Reminders created: %d; e-mails sent: %d", result.created, result.emailed)
    return {"created": result.created, "emailed": result.emailed}


def next_run_after(now: dt.datetime) -> dt.datetime:
    return daily.next_run_after(now, at=DAILY_RUN_AT)


@task()
def reminders_daily() -> dict[str, int]:
    now = timezone.now()
    result = reminders_daily_run(today=timezone.localdate(now), now=now)
    daily_schedule(run_after=next_run_after(now))
    return result


def daily_schedule(*, run_after: dt.datetime | None = None) -> bool:
    """Queue the daily run unless one is already waiting (see `eenplan.core.daily`)."""
    return daily.daily_schedule(reminders_daily, run_after=run_after)

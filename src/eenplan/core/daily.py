"""Daily chains on the tasks framework (django-tasks).

The library has no periodic schedule of its own, so a daily task queues its own next run; the
helpers here keep that chain to one waiting run per task, whoever starts it (a management
command at every start, or the run itself).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django_tasks import TaskResultStatus


def next_run_after(now: dt.datetime, *, at: dt.time) -> dt.datetime:
    """The next `at` in local time, strictly after `now`."""
    local = timezone.localtime(now)
    candidate = timezone.make_aware(dt.datetime.combine(local.date(), at))
    if candidate <= now:
        candidate = timezone.make_aware(
            dt.datetime.combine(local.date() + dt.timedelta(days=1), at)
        )
    return candidate


def waiting_runs(task: Any) -> int | None:
    """How many runs of `task` are queued and not started, or None if the backend cannot tell."""
    backend = task.get_backend()
    if type(backend).__module__.split(".")[0] != "django_tasks_db":
        return None
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=task.module_path,
        backend_name=backend.alias,
        status=TaskResultStatus.READY,
    ).count()


def daily_schedule(task: Any, *, run_after: dt.datetime | None = None) -> bool:
    """Queue `task` unless a run is already waiting; `run_after=None` runs it as soon as a worker
    is free. Returns whether a run was queued.

    A backend that cannot defer (the immediate backend of the tests) would run the next day's
    work now and recurse, so the chain only continues on backends that can wait."""
    backend = task.get_backend()
    if run_after is not None and not backend.supports_defer:
        return False
    if waiting_runs(task):
        return False
    queued = task.using(run_after=run_after) if run_after else task
    queued.enqueue()
    return True

"""The daily task: it runs the reminders, queues itself for the next morning once, and the
start-up command never queues a second run."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from eenplan.plans.tests.factories import ActionFactory
from eenplan.reminders import tasks
from eenplan.reminders.models import Reminder

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def overdue(world):
    return ActionFactory(
        goal=world.goal,
        owner_professional=world.partner,
        due_on=timezone.localdate() - dt.timedelta(days=3),
    )


def test_the_next_run_is_the_coming_morning():
    evening = timezone.make_aware(dt.datetime(2026, 11, 23, 22, 0))
    night = timezone.make_aware(dt.datetime(2026, 11, 23, 2, 0))
    assert timezone.localtime(tasks.next_run_after(evening)) == timezone.make_aware(
        dt.datetime(2026, 11, 24, 6, 30)
    )
    assert timezone.localtime(tasks.next_run_after(night)) == timezone.make_aware(
        dt.datetime(2026, 11, 23, 6, 30)
    )


@override_settings(TASKS=DB_TASKS)
def test_the_task_runs_and_queues_itself_for_the_next_morning_once(overdue):
    result = tasks.reminders_daily.call()

    assert result == {"created": 1, "emailed": 1}
    assert Reminder.objects.get().action == overdue
    (queued,) = DBTaskResult.objects.all()
    assert queued.task_path == tasks.reminders_daily.module_path
    assert queued.status == "READY"
    assert queued.run_after == tasks.next_run_after(queued.enqueued_at)
    # Another run, or the start-up command, adds no second one and no second reminder.
    assert tasks.reminders_daily.call() == {"created": 0, "emailed": 0}
    call_command("herinneringen_plan")
    assert DBTaskResult.objects.count() == 1
    assert len(mail.outbox) == 1


@override_settings(TASKS=DB_TASKS)
def test_the_start_up_command_queues_the_first_run_once(db, capsys):
    call_command("herinneringen_plan")
    call_command("herinneringen_plan")
    (queued,) = DBTaskResult.objects.all()
    assert queued.task_path == tasks.reminders_daily.module_path
    out = capsys.readouterr().out
    assert "staat klaar" in out and "stond al klaar" in out


def test_the_command_can_run_the_work_now(overdue, capsys):
    call_command("herinneringen_plan", "--nu")
    assert Reminder.objects.filter(recipient=overdue.owner_professional).exists()
    assert "Herinneringen gemaakt: 1" in capsys.readouterr().out


def test_the_immediate_backend_runs_once_and_does_not_recurse(overdue):
    assert tasks.daily_schedule() is True  # ran at once, in this process
    assert Reminder.objects.count() == 1
    assert tasks.daily_schedule(run_after=timezone.now()) is False

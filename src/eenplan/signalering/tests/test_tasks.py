"""Retention by the daily task: which signals expire, that hiding is audited and complete, and that
the task keeps itself scheduled exactly once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.http import Http404
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from eenplan.privacy.models import AuditEvent
from eenplan.signalering import tasks
from eenplan.signalering.meetings import meeting_agenda, meeting_decide, meeting_start
from eenplan.signalering.models import (
    Channel,
    Decision,
    Outcome,
    RetentionSetting,
    Signal,
    SignalStatus,
)
from eenplan.signalering.selectors import (
    alerts_for,
    signal_detail,
    signal_work,
    signals_reported_by,
)
from eenplan.signalering.services import SignalInput, signal_receive

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
NOW = timezone.make_aware(dt.datetime(2026, 11, 23, 12, 0))


def received(world, actor_of, *, days_ago, house_number=3, linked=False) -> Signal:  # type: ignore[no-untyped-def]
    if linked:
        data = SignalInput(
            signal_type_code="energieachterstand",
            bsn=world.bsn,
            months_in_arrears=1,
            amount=Decimal("80"),
            received_at=NOW - dt.timedelta(days=days_ago),
        )
        actor = actor_of(world.energy_contact)
    else:
        data = SignalInput(
            signal_type_code="eenzaamheid",
            postcode="3554CD",
            house_number=house_number,
            received_at=NOW - dt.timedelta(days=days_ago),
        )
        actor = actor_of(world.melder)
    return signal_receive(actor=actor, data=data, channel=Channel.FORM).signal


def closed(signal: Signal, outcome: str, *, days_ago: int) -> Signal:
    Signal.objects.filter(pk=signal.pk).update(
        status=SignalStatus.CLOSED, outcome=outcome, closed_at=NOW - dt.timedelta(days=days_ago)
    )
    signal.refresh_from_db()
    return signal


class TestWhichSignalsExpire:
    def test_led_to_nothing_and_older_than_the_period(self, world, actor_of):
        never_taken_up = received(world, actor_of, days_ago=800)
        declined = closed(
            received(world, actor_of, days_ago=900, linked=True), Outcome.DECLINED, days_ago=760
        )
        helped = closed(
            received(world, actor_of, days_ago=900, house_number=5),
            Outcome.HELP_ACCEPTED,
            days_ago=800,
        )
        recently_closed = closed(
            received(world, actor_of, days_ago=900, house_number=7), Outcome.NO_ACTION, days_ago=100
        )
        linked_open = received(world, actor_of, days_ago=800, linked=True)
        young = received(world, actor_of, days_ago=10, house_number=9)

        assert tasks.signals_hide_expired(now=NOW) == 2

        hidden = set(Signal.objects.filter(hidden_at__isnull=False))
        assert hidden == {never_taken_up, declined}
        for kept in (helped, recently_closed, linked_open, young):
            kept.refresh_from_db()
            assert kept.hidden_at is None

    def test_the_functional_admins_period_counts(self, world, actor_of):
        signal = received(world, actor_of, days_ago=100)
        assert tasks.signals_hide_expired(now=NOW) == 0
        RetentionSetting.objects.update(active_days=90)
        assert tasks.signals_hide_expired(now=NOW) == 1
        signal.refresh_from_db()
        assert signal.hidden_at == NOW

    def test_hiding_is_audited_by_the_system_and_not_repeated(self, world, actor_of):
        signal = closed(
            received(world, actor_of, days_ago=800, linked=True), Outcome.NOT_REACHED, days_ago=740
        )
        tasks.signals_hide_expired(now=NOW)
        event = AuditEvent.objects.get(action="signal.hide")
        assert event.object_id == str(signal.pk)
        assert event.actor_id is None and event.actor_username == "system"
        assert event.before["hidden_at"] is None and event.after["hidden_at"]
        assert event.household_uuid == world.household.uuid
        assert tasks.signals_hide_expired(now=NOW + dt.timedelta(days=1)) == 0
        assert AuditEvent.objects.filter(action="signal.hide").count() == 1


class TestHiddenIsGone:
    def test_hidden_signals_show_nowhere_but_in_the_audit_trail(self, world, actor_of):
        signal = received(world, actor_of, days_ago=800)
        meeting = meeting_start(
            actor=actor_of(world.teamleider),
            team=world.wijkteam,
            held_on=timezone.localdate(),
            chair=world.teamleider,
            participants=[],
        )
        team = actor_of(world.teamleider)
        assert signal in signal_work(actor=team).triage
        assert [
            i.signal for i in meeting_agenda(actor=team, meeting_uuid=meeting.uuid).open_items
        ] == [signal]

        tasks.signals_hide_expired(now=NOW)

        assert signal not in signal_work(actor=team).triage
        assert meeting_agenda(actor=team, meeting_uuid=meeting.uuid).open_items == []
        assert signal not in signals_reported_by(actor=actor_of(world.melder))
        with pytest.raises(Http404):
            signal_detail(actor=team, signal_uuid=signal.uuid)
        # What remains is the record of it, for the privacy officer.
        assert AuditEvent.objects.filter(action="signal.hide", object_id=str(signal.pk)).exists()

    def test_a_decided_signal_and_its_coordinator_alert_go_too(self, world, actor_of):
        signal = received(world, actor_of, days_ago=800, linked=True)
        coordinator = actor_of(world.regisseur)
        assert signal in [a.signal for a in alerts_for(actor=coordinator)]
        meeting = meeting_start(
            actor=actor_of(world.teamleider),
            team=world.wijkteam,
            held_on=timezone.localdate(),
            chair=world.teamleider,
            participants=[],
        )
        meeting_decide(
            actor=actor_of(world.teamleider),
            meeting=meeting,
            signal_uuid=signal.uuid,
            decision=Decision.NO_ACTION,
            present=[world.teamleider],
        )
        Signal.objects.filter(pk=signal.pk).update(closed_at=NOW - dt.timedelta(days=731))
        lead = actor_of(world.teamleider)
        assert meeting_agenda(actor=lead, meeting_uuid=meeting.uuid).decided_items

        assert tasks.signals_hide_expired(now=NOW) == 1

        assert meeting_agenda(actor=lead, meeting_uuid=meeting.uuid).decided_items == []
        assert signal not in [a.signal for a in alerts_for(actor=coordinator)]


class TestDailyTask:
    def test_one_run_hides_and_scans_turning_eighteen(self, world, actor_of, monkeypatch):
        seen = []
        monkeypatch.setattr(
            "eenplan.signalering.rules.scan_turning_eighteen",
            lambda *, today: seen.append(today) or 4,
        )
        received(world, actor_of, days_ago=800)
        result = tasks.signalering_daily_run(today=NOW.date(), now=NOW)
        assert result == {"hidden": 1, "turning_eighteen": 4}
        assert seen == [NOW.date()]

    def test_the_real_turning_eighteen_scan_runs(self, world):
        # The son turns 18 within three months of this date, with youth care open.
        today = dt.date(2026, 4, 1)
        result = tasks.signalering_daily_run(today=today, now=NOW)
        assert result["turning_eighteen"] >= 1

    def test_next_run_is_the_coming_night(self):
        evening = timezone.make_aware(dt.datetime(2026, 11, 23, 22, 0))
        early = timezone.make_aware(dt.datetime(2026, 11, 23, 1, 0))
        assert timezone.localtime(tasks.next_run_after(evening)) == timezone.make_aware(
            dt.datetime(2026, 11, 24, 3, 0)
        )
        assert timezone.localtime(tasks.next_run_after(early)) == timezone.make_aware(
            dt.datetime(2026, 11, 23, 3, 0)
        )

    @override_settings(TASKS=DB_TASKS)
    def test_the_task_runs_and_queues_itself_for_the_next_night_once(self, world, actor_of):
        received(world, actor_of, days_ago=800)
        result = tasks.signalering_daily.call()
        assert result["hidden"] == 1
        (queued,) = DBTaskResult.objects.all()
        assert queued.task_path == tasks.signalering_daily.module_path
        assert queued.status == "READY"
        assert queued.run_after == tasks.next_run_after(queued.enqueued_at)
        # Another run, or the start-up command, does not add a second one.
        tasks.signalering_daily.call()
        call_command("signalering_plan")
        assert DBTaskResult.objects.count() == 1

    @override_settings(TASKS=DB_TASKS)
    def test_start_up_command_queues_the_first_run_for_now(self, capsys):
        call_command("signalering_plan")
        (queued,) = DBTaskResult.objects.all()
        assert queued.run_after >= timezone.now().replace(year=9000)  # the library's "no delay"
        call_command("signalering_plan")
        assert DBTaskResult.objects.count() == 1

    def test_the_immediate_backend_runs_once_and_does_not_recurse(self, world, actor_of):
        received(world, actor_of, days_ago=800)
        assert tasks.daily_schedule() is True  # ran at once, in this process
        assert Signal.objects.filter(hidden_at__isnull=False).count() == 1
        assert tasks.daily_schedule(run_after=NOW) is False

"""Writes of reminders: important days, the daily run that creates reminders and sends the
e-mails, and marking reminders read."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from eenplan.accounts.actor import Actor
from eenplan.households.models import Household, HouseholdMember, Resident
from eenplan.households.selectors import household_get
from eenplan.meetings.models import Meeting, MeetingStatus
from eenplan.plans.models import Action, ActionStatus, Plan, PlanStatus
from eenplan.privacy.services import audit_record, snapshot
from eenplan.reminders.models import ImportantDay, Reminder, ReminderKind

# --- Important days -----------------------------------------------------------------------------


def _writable_household(actor: Actor, household_uuid: uuid.UUID | str) -> Household:
    if not actor.works_with_cases:
        raise Http404  # residents and roles without case work have no household pages
    return household_get(actor=actor, household_uuid=household_uuid)


@transaction.atomic
def important_day_add(
    *,
    actor: Actor,
    household_uuid: uuid.UUID | str,
    resident_uuid: uuid.UUID | str,
    on: dt.date | None,
    what: str,
    today: dt.date | None = None,
) -> ImportantDay:
    """Note a household member's important day. Only for a professional who may see the
    household (404 otherwise); the day is today or later and says what it is."""
    household = _writable_household(actor, household_uuid)
    today = today or timezone.localdate()
    what = (what or "").strip()
    errors: dict[str, list[str]] = {}
    resident = Resident.objects.filter(
        uuid=resident_uuid,
        pk__in=HouseholdMember.objects.filter(household=household, until__isnull=True).values(
            "resident_id"
        ),
    ).first()
    if resident is None:
        errors["resident"] = [_("Choose a member of this household.")]
    if on is None:
        errors["on"] = [_("Fill in the date.")]
    elif on < today:
        errors["on"] = [_("This date has passed. Choose today or a later date.")]
    if not what:
        errors["what"] = [_("Write what the day is, in the resident's own words.")]
    if errors:
        raise ValidationError(errors)
    assert on is not None and resident is not None
    day = ImportantDay(
        household=household, resident=resident, on=on, what=what, created_by=actor.user
    )
    day.full_clean()
    day.save()
    audit_record(
        actor_user=actor.user,
        action="important_day.add",
        instance=day,
        before=None,
        after=snapshot(day),
        household_uuid=household.uuid,
    )
    return day


@transaction.atomic
def important_day_remove(
    *, actor: Actor, household_uuid: uuid.UUID | str, important_day_uuid: uuid.UUID | str
) -> None:
    """Remove an important day that is off (the interview was cancelled), with its reminders."""
    household = _writable_household(actor, household_uuid)
    try:
        day = ImportantDay.objects.select_for_update().get(
            household=household, uuid=important_day_uuid
        )
    except (ImportantDay.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc
    before = snapshot(day)
    audit_record(
        actor_user=actor.user,
        action="important_day.remove",
        instance=day,
        before=before,
        after=None,
        household_uuid=household.uuid,
    )
    day.delete()


# --- Reading reminders ----------------------------------------------------------------------------


@transaction.atomic
def reminder_mark_read(*, actor: Actor, reminder_uuid: uuid.UUID | str | None = None) -> int:
    """Mark one of the actor's own reminders read, or all of them when no uuid is given.
    Someone else's reminder does not exist (404). Returns how many changed."""
    own = Reminder.objects.select_for_update().filter(recipient=actor.user)
    if reminder_uuid is not None:
        try:
            own = own.filter(pk=own.get(uuid=reminder_uuid).pk)
        except (Reminder.DoesNotExist, ValueError, ValidationError) as exc:
            raise Http404 from exc
    now = timezone.now()
    reminders = list(own.filter(read_at__isnull=True).order_by("pk"))
    for reminder in reminders:
        before = snapshot(reminder)
        reminder.read_at = now
        reminder.save(update_fields=["read_at"])
        audit_record(
            actor_user=actor.user,
            action="reminder.read",
            instance=reminder,
            before=before,
            after=snapshot(reminder),
        )
    return len(reminders)


# --- The daily run ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    recipient_id: int
    kind: str
    key: str
    household_id: int
    link: str
    due_on: dt.date
    action_id: int | None = None
    meeting_id: int | None = None
    important_day_id: int | None = None


@dataclass(frozen=True)
class GenerateResult:
    created: int
    emailed: int


def _unique(ids: Iterable[int | None]) -> list[int]:
    return [i for i in dict.fromkeys(ids) if i is not None]


def _plan_professionals(plan: Plan | None) -> list[int]:
    """Who looks after the plan: the coordinator and the backup, or only the backup when a
    resident or relative coordinates."""
    if plan is None:
        return []
    return _unique([plan.coordinator_professional_id, plan.backup_professional_id])


def _household_link(household: Household, anchor: str = "") -> str:
    return reverse("households:detail", kwargs={"household_uuid": household.uuid}) + anchor


def _overdue_actions(today: dt.date) -> list[Candidate]:
    actions = (
        Action.objects.filter(
            status=ActionStatus.OPEN,
            due_on__lt=today,
            goal__plan__status=PlanStatus.ACTIVE,
        )
        .select_related("goal__plan__household")
        .order_by("pk")
    )
    candidates = []
    for action in actions:
        plan = action.goal.plan
        # The professional who owns it; for a resident, relative or organisation the plan's
        # coordinator (or the backup when the coordinator is a resident) keeps an eye on it.
        if action.owner_professional_id:
            recipients = [action.owner_professional_id]
        else:
            recipients = _plan_professionals(plan)[:1]
        assert action.due_on is not None
        for recipient_id in recipients:
            candidates.append(
                Candidate(
                    recipient_id=recipient_id,
                    kind=ReminderKind.OVERDUE_ACTION,
                    key=f"actie:{action.pk}:{action.due_on.isoformat()}",
                    household_id=plan.household_id,
                    link=_household_link(plan.household, "#plan-heading"),
                    due_on=action.due_on,
                    action_id=action.pk,
                )
            )
    return candidates


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def meeting_reminder_days() -> int:
    return int(getattr(settings, "EENPLAN_REMINDER_MEETING_DAYS", 2))


def _upcoming_meetings(today: dt.date) -> list[Candidate]:
    # Today and the next few days, whole days in local time.
    until = today + dt.timedelta(days=meeting_reminder_days() + 1)
    meetings = (
        Meeting.objects.filter(
            status=MeetingStatus.PLANNED,
            starts_at__gte=_day_start(today),
            starts_at__lt=_day_start(until),
        )
        .select_related("household")
        .prefetch_related("participants")
        .order_by("pk")
    )
    candidates = []
    for meeting in meetings:
        starts = timezone.localtime(meeting.starts_at)
        for recipient_id in _unique(p.professional_id for p in meeting.participants.all()):
            candidates.append(
                Candidate(
                    recipient_id=recipient_id,
                    kind=ReminderKind.UPCOMING_MEETING,
                    key=f"overleg:{meeting.pk}:{starts.isoformat(timespec='minutes')}",
                    household_id=meeting.household_id,
                    link=reverse(
                        "households:meeting_detail",
                        kwargs={
                            "household_uuid": meeting.household.uuid,
                            "household_meeting_uuid": meeting.uuid,
                        },
                    ),
                    due_on=starts.date(),
                    meeting_id=meeting.pk,
                )
            )
    return candidates


def _important_days(today: dt.date) -> list[Candidate]:
    # The day before, so there is time to send a message; a day entered for today is still
    # worth a reminder on the day itself.
    days = list(
        ImportantDay.objects.filter(on__gte=today, on__lte=today + dt.timedelta(days=1))
        .select_related("household")
        .order_by("pk")
    )
    plans = {
        plan.household_id: plan
        for plan in Plan.objects.filter(
            status=PlanStatus.ACTIVE, household_id__in={d.household_id for d in days}
        )
    }
    candidates = []
    for day in days:
        # Without an active plan there is no coordinator: the professional who noted the day.
        recipients = _plan_professionals(plans.get(day.household_id)) or [day.created_by_id]
        for recipient_id in recipients:
            candidates.append(
                Candidate(
                    recipient_id=recipient_id,
                    kind=ReminderKind.IMPORTANT_DAY,
                    key=f"dag:{day.pk}:{day.on.isoformat()}",
                    household_id=day.household_id,
                    link=reverse(
                        "reminders:important_days",
                        kwargs={"household_uuid": day.household.uuid},
                    ),
                    due_on=day.on,
                    important_day_id=day.pk,
                )
            )
    return candidates


@transaction.atomic
def _reminders_create(*, today: dt.date) -> int:
    candidates = _overdue_actions(today) + _upcoming_meetings(today) + _important_days(today)
    if not candidates:
        return 0
    existing = set(
        Reminder.objects.filter(key__in={c.key for c in candidates}).values_list(
            "recipient_id", "key"
        )
    )
    new: dict[tuple[int, str], Reminder] = {}
    for c in candidates:
        if (c.recipient_id, c.key) in existing or (c.recipient_id, c.key) in new:
            continue
        new[(c.recipient_id, c.key)] = Reminder(
            recipient_id=c.recipient_id,
            kind=c.kind,
            key=c.key,
            household_id=c.household_id,
            action_id=c.action_id,
            meeting_id=c.meeting_id,
            important_day_id=c.important_day_id,
            link=c.link,
            due_on=c.due_on,
        )
    Reminder.objects.bulk_create(new.values())
    return len(new)


def reminders_email_pending(*, now: dt.datetime | None = None) -> int:
    """One e-mail per professional with unread reminders not yet e-mailed. E-mail is not a safe
    channel: it says how many reminders there are and links to the app, nothing about whom or
    what. Returns the number of e-mails sent."""
    now = now or timezone.now()
    pending: dict[Any, list[int]] = defaultdict(list)
    for reminder in (
        Reminder.objects.filter(
            emailed_at__isnull=True,
            read_at__isnull=True,
            recipient__is_active=True,
        )
        .exclude(recipient__email="")
        .select_related("recipient")
        .order_by("recipient_id", "pk")
    ):
        pending[reminder.recipient].append(reminder.pk)
    url = settings.EENPLAN_SITE_URL.rstrip("/") + reverse("reminders:list")
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for recipient, ids in pending.items():
            count = len(ids)
            body = ngettext(
                "There is %(count)d new reminder for you in eenplan.",
                "There are %(count)d new reminders for you in eenplan.",
                count,
            ) % {"count": count}
            body += "\n\n" + _("Your reminders: %(url)s") % {"url": url} + "\n\n"
            body += _(
                "This e-mail does not say what the reminder is about, because e-mail is not a "
                "safe way to send information about residents."
            )
            send_mail(
                subject=_("New reminder in eenplan"),
                message=body,
                from_email=None,
                recipient_list=[recipient.email],
            )
            # Marked per recipient after sending: a failure halfway leaves the rest for the
            # next run instead of losing them.
            Reminder.objects.filter(pk__in=ids).update(emailed_at=now)
            sent += 1
    return sent


def reminders_generate(*, today: dt.date, now: dt.datetime | None = None) -> GenerateResult:
    """The daily run: create the reminders that are due (each once), then send the e-mails."""
    created = _reminders_create(today=today)
    emailed = reminders_email_pending(now=now)
    return GenerateResult(created=created, emailed=emailed)

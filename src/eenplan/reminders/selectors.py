"""Reads of reminders and important days, scoped to the acting user and logged.

A professional sees only their own reminders. A reminder about a household they no longer may
see stays in their list (so the count in the header adds up) but says nothing about it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from eenplan.accounts.actor import Actor
from eenplan.households.models import Household, HouseholdMember
from eenplan.households.selectors import household_get, household_read_log, households_visible_to
from eenplan.privacy.models import AccessEvent, AccessPurpose
from eenplan.privacy.services import access_log_record
from eenplan.reminders.models import ImportantDay, Reminder

REMINDER_LIST_LENGTH = 100


def _own_reminders(actor: Actor) -> QuerySet[Reminder]:
    if not actor.works_with_cases:
        return Reminder.objects.none()
    return Reminder.objects.filter(recipient=actor.user)


def unread_reminder_count(*, actor: Actor) -> int:
    """The number in the header: one query, none for residents and roles without case work."""
    if not actor.works_with_cases:
        return 0
    return _own_reminders(actor).filter(read_at__isnull=True).count()


@dataclass(frozen=True)
class ReminderRow:
    reminder: Reminder
    # False when the household is no longer the actor's: the row then shows no content.
    visible: bool


def reminders_for(*, actor: Actor, limit: int = REMINDER_LIST_LENGTH) -> list[ReminderRow]:
    """The actor's reminders, newest first. The list says what each is about, so it is logged as
    a read of the members of the households it shows."""
    reminders = list(
        _own_reminders(actor)
        .select_related("household", "action", "meeting", "important_day__resident")
        .order_by("-created_at", "-id")[:limit]
    )
    if not reminders:
        return []
    households = {r.household_id: r.household for r in reminders}
    visible = set(
        households_visible_to(actor, include_grants=False)
        .filter(pk__in=households)
        .values_list("pk", flat=True)
    )
    subjects = [
        (resident_uuid, households[household_id].uuid)
        for household_id, resident_uuid in HouseholdMember.objects.filter(
            household_id__in=visible, until__isnull=True
        )
        .order_by("household_id", "id")
        .values_list("household_id", "resident__uuid")
    ]
    if subjects:
        access_log_record(actor=actor, event=AccessEvent.HOUSEHOLD_LIST, subjects=subjects)
    return [ReminderRow(reminder=r, visible=r.household_id in visible) for r in reminders]


@dataclass
class ImportantDaysPage:
    household: Household
    members: list[HouseholdMember]
    days: list[ImportantDay]


def _upcoming(household_ids: list[int], today: dt.date) -> QuerySet[ImportantDay]:
    return (
        ImportantDay.objects.filter(household_id__in=household_ids, on__gte=today)
        .select_related("resident")
        .order_by("on", "id")
    )


def important_days_page(
    *, actor: Actor, household_uuid: uuid.UUID | str, today: dt.date | None = None
) -> ImportantDaysPage:
    """The household's coming important days and its current members (for the form). For a
    professional who may see the household, else 404; logged as a read of the members."""
    if not actor.works_with_cases:
        raise Http404
    household = household_get(actor=actor, household_uuid=household_uuid)
    today = today or timezone.localdate()
    members = list(
        HouseholdMember.objects.filter(household=household, until__isnull=True)
        .select_related("resident")
        .order_by("since", "id")
    )
    days = list(_upcoming([household.pk], today))
    household_read_log(actor=actor, household=household)
    return ImportantDaysPage(household=household, members=members, days=days)


def important_days_on_household_page(
    *, actor: Actor, household: Household, today: dt.date | None = None, limit: int = 5
) -> list[ImportantDay]:
    """The coming important days for the card on the household page. `household` comes from
    `household_detail`, which already checked access and logged the read of every member, so
    this adds one query and no log entry."""
    if not actor.works_with_cases:
        return []
    return list(_upcoming([household.pk], today or timezone.localdate())[:limit])


def important_days_for_resident(
    *, actor: Actor, today: dt.date | None = None
) -> list[ImportantDay]:
    """A resident's own coming important days (for the portal), logged as a read of their own
    file. Empty for anyone who is not a resident."""
    if not actor.is_resident or actor.resident_id is None:
        return []
    days = list(
        ImportantDay.objects.filter(
            resident_id=actor.resident_id, on__gte=today or timezone.localdate()
        )
        .select_related("household", "resident")
        .order_by("on", "id")
    )
    if days:
        access_log_record(
            actor=actor,
            event=AccessEvent.RESIDENT_VIEW,
            subjects=[(days[0].resident.uuid, day.household.uuid) for day in days],
            purpose=AccessPurpose.OWN_FILE,
        )
    return days

"""Writes of meetings: schedule, record what happened (agreements become plan actions in the
same transaction), cancel. Each write is audited inside its transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.accounts.actor import Actor
from eenplan.households.models import Household, HouseholdMember, Involvement, Resident
from eenplan.households.timeline import timeline_add
from eenplan.meetings.models import (
    MEETING_TRANSITIONS,
    Agreement,
    Meeting,
    MeetingKind,
    MeetingParticipant,
    MeetingStatus,
    PartyKind,
)
from eenplan.organisations.models import CASE_ROLES, Membership, Organisation
from eenplan.plans.models import Goal
from eenplan.plans.services import action_add, may_lead_household
from eenplan.privacy.services import audit_record, snapshot

# A meeting may be entered a little after the fact (it was arranged by phone this morning),
# but a planned meeting far in the past is a typing error.
PAST_GRACE = dt.timedelta(days=1)
MAX_DURATION = dt.timedelta(hours=8)


@dataclass(frozen=True)
class ParticipantInput:
    """One party: exactly one of organisation, resident or relative_name. A professional comes
    with their organisation."""

    organisation: Organisation | None = None
    professional: Any = None
    resident: Resident | None = None
    relative_name: str = ""


@dataclass(frozen=True)
class AgreementInput:
    """An agreement becomes an action for `goal`, with exactly one owner (checked by the plan)."""

    goal: Goal
    what: str
    owner_resident: Resident | None = None
    owner_relative: str = ""
    owner_professional: Any = None
    owner_organisation: Organisation | None = None
    due_on: dt.date | None = None


def _require_planner(actor: Actor, household: Household) -> None:
    # The household's meetings are planned by whoever leads its case, as for goals and actions.
    if not may_lead_household(actor=actor, household=household):
        raise PermissionDenied(
            _("Only the coordinator, the backup or the team lead plans this household's meetings.")
        )


def _party_key(item: ParticipantInput) -> tuple[str, Any]:
    given = [
        value
        for value in (item.organisation, item.resident, (item.relative_name or "").strip())
        if value not in (None, "")
    ]
    if len(given) != 1:
        raise ValidationError(
            {
                "participants": _(
                    "Each participant is one party: an organisation, a household member or a "
                    "relative."
                )
            }
        )
    if item.organisation is not None:
        return PartyKind.ORGANISATION, item.organisation.pk
    if item.resident is not None:
        return PartyKind.RESIDENT, item.resident.pk
    return PartyKind.RELATIVE, item.relative_name.strip().casefold()


def _organisations_at_the_table(actor: Actor, household: Household) -> set[int]:
    """The organisations that may sit at this household's table: those involved with it now, and
    the organiser's own."""
    involved = set(
        Involvement.objects.filter(household=household, until__isnull=True).values_list(
            "organisation_id", flat=True
        )
    )
    if actor.organisation_id is not None:
        involved.add(actor.organisation_id)
    return involved


def _participants_build(
    actor: Actor, household: Household, items: list[ParticipantInput]
) -> list[MeetingParticipant]:
    if not items:
        raise ValidationError(
            {"participants": _("Choose who sits at the table: at least one party.")}
        )
    seen: set[tuple[str, Any]] = set()
    rows = []
    member_ids = set(
        HouseholdMember.objects.filter(household=household, until__isnull=True).values_list(
            "resident_id", flat=True
        )
    )
    organisations = _organisations_at_the_table(actor, household)
    for item in items:
        key = _party_key(item)
        if key in seen:
            raise ValidationError(
                {"participants": _("Each party sits at the table once. Remove the double entry.")}
            )
        seen.add(key)
        if item.resident is not None and item.resident.pk not in member_ids:
            raise ValidationError(
                {"participants": _("This person is not a member of the household.")}
            )
        if item.professional is not None and item.organisation is None:
            raise ValidationError(
                {"participants": _("Choose the organisation the professional comes for.")}
            )
        if item.organisation is not None and item.organisation.pk not in organisations:
            raise ValidationError(
                {
                    "participants": _(
                        "Only organisations involved with the household sit at its table. "
                        "Involve the organisation first."
                    )
                }
            )
        if (
            item.professional is not None
            and not Membership.objects.filter(
                user=item.professional,
                organisation=item.organisation,
                active=True,
                role__in=CASE_ROLES,
            ).exists()
        ):
            raise ValidationError(
                {
                    "participants": _(
                        "Choose a professional who works for the organisation they come for."
                    )
                }
            )
        rows.append(
            MeetingParticipant(
                party=key[0],
                organisation=item.organisation,
                professional=item.professional if item.organisation is not None else None,
                resident=item.resident,
                relative_name=(item.relative_name or "").strip(),
            )
        )
    return rows


@transaction.atomic
def meeting_schedule(
    *,
    actor: Actor,
    household: Household,
    kind: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    place: str,
    participants: list[ParticipantInput],
    absence_reason: str = "",
) -> Meeting:
    """Plan a meeting. The resident is at the table unless there is a written reason why not:
    a meeting about a household is held with it."""
    _require_planner(actor, household)
    if kind not in MeetingKind.values:
        raise ValidationError({"kind": _("Choose a kind of meeting from the list.")})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The meeting must end after it starts.")})
    if ends_at - starts_at > MAX_DURATION:
        raise ValidationError({"ends_at": _("A meeting lasts at most eight hours.")})
    if starts_at < timezone.now() - PAST_GRACE:
        raise ValidationError(
            {"starts_at": _("This date is in the past. A planned meeting needs a future date.")}
        )
    rows = _participants_build(actor, household, participants)
    absence_reason = (absence_reason or "").strip()
    resident_invited = any(row.party == PartyKind.RESIDENT for row in rows)
    if not resident_invited and not absence_reason:
        raise ValidationError(
            {
                "absence_reason": _(
                    "No member of the household is invited. Invite the resident, or write down "
                    "why they are not at the table."
                )
            }
        )
    meeting = Meeting(
        household=household,
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        place=(place or "").strip(),
        status=MeetingStatus.PLANNED,
        absence_reason="" if resident_invited else absence_reason,
        created_by=actor.user,
    )
    meeting.full_clean()
    meeting.save()
    for row in rows:
        row.meeting = meeting
        row.full_clean()
    MeetingParticipant.objects.bulk_create(rows)
    audit_record(
        actor_user=actor.user,
        action="meeting.schedule",
        instance=meeting,
        before=None,
        after=snapshot(meeting) | {"participants": [row.name for row in rows]},
        household_uuid=household.uuid,
    )
    _timeline(meeting, "meeting.scheduled", actor)
    return meeting


def _timeline(meeting: Meeting, kind: str, actor: Actor) -> None:
    """Who was at the table and what was said stay on the meeting page; the timeline shows that
    a meeting is planned, held or cancelled, and when."""
    timeline_add(
        household=meeting.household,
        kind=kind,
        actor=actor,
        data={
            "meeting_kind": meeting.kind,
            "date": timezone.localtime(meeting.starts_at).strftime("%d-%m-%Y"),
        },
    )


def _require_transition(meeting: Meeting, status: str) -> None:
    if status not in MEETING_TRANSITIONS[meeting.status]:
        raise ValidationError({"status": _("This meeting can no longer be changed.")})


@transaction.atomic
def meeting_record(
    *,
    actor: Actor,
    meeting: Meeting,
    resident_present: bool,
    absence_reason: str = "",
    summary: str = "",
    agreements: list[AgreementInput] | None = None,
) -> Meeting:
    """The meeting was held: who was there, the summary for the resident, and the agreements,
    each written as a plan action. Any error leaves nothing behind."""
    _require_planner(actor, meeting.household)
    _require_transition(meeting, MeetingStatus.HELD)
    if meeting.starts_at > timezone.now():
        raise ValidationError(
            {"status": _("This meeting has not started yet. Record it once it has been held.")}
        )
    absence_reason = (absence_reason or "").strip()
    if not resident_present and not absence_reason:
        raise ValidationError(
            {
                "absence_reason": _(
                    "The resident was not at the table. Write down why: a meeting about "
                    "someone is held with them, unless there is a reason."
                )
            }
        )
    before = snapshot(meeting)
    meeting.status = MeetingStatus.HELD
    meeting.resident_present = resident_present
    meeting.absence_reason = "" if resident_present else absence_reason
    meeting.summary = (summary or "").strip()
    meeting.full_clean()
    meeting.save()
    made = []
    for item in agreements or []:
        if item.goal.plan.household_id != meeting.household_id:
            raise ValidationError({"agreements": _("Choose a goal from this household's plan.")})
        action = action_add(
            actor=actor,
            goal=item.goal,
            what=item.what,
            owner_resident=item.owner_resident,
            owner_relative=item.owner_relative,
            owner_professional=item.owner_professional,
            owner_organisation=item.owner_organisation,
            due_on=item.due_on,
        )
        made.append(Agreement.objects.create(meeting=meeting, action=action))
    audit_record(
        actor_user=actor.user,
        action="meeting.record",
        instance=meeting,
        before=before,
        after=snapshot(meeting) | {"agreements": [a.action_id for a in made]},
        household_uuid=meeting.household.uuid,
    )
    _timeline(meeting, "meeting.held", actor)
    return meeting


@transaction.atomic
def meeting_cancel(*, actor: Actor, meeting: Meeting) -> Meeting:
    _require_planner(actor, meeting.household)
    _require_transition(meeting, MeetingStatus.CANCELLED)
    before = snapshot(meeting)
    meeting.status = MeetingStatus.CANCELLED
    meeting.save()
    audit_record(
        actor_user=actor.user,
        action="meeting.cancel",
        instance=meeting,
        before=before,
        after=snapshot(meeting),
        household_uuid=meeting.household.uuid,
    )
    _timeline(meeting, "meeting.cancelled", actor)
    return meeting

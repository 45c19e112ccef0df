"""Reads of meetings. The household is always found through `households_visible_to`, so a
meeting of a household the actor may not see is a 404, like the household itself."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Page
from django.db.models import Prefetch, QuerySet
from django.http import Http404

from eenplan.accounts.actor import Actor
from eenplan.households.models import Household
from eenplan.households.selectors import (
    household_get,
    household_read_log,
    households_visible_to,
    page_by_household,
)
from eenplan.meetings.models import Agreement, Meeting, MeetingParticipant
from eenplan.plans.models import Action, ActionStatus, Goal, GoalStatus, Plan, PlanStatus
from eenplan.signalering.models import Signal, SignalStatus
from eenplan.signalering.selectors import household_signals


@dataclass
class Agenda:
    """What to talk about: the plan's open goals (each with its open actions) and the open
    signals the actor may see."""

    plan: Plan | None
    goals: list[Goal] = field(default_factory=list)
    signals: list[Signal] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.goals and not self.signals


@dataclass
class MeetingDetail:
    meeting: Meeting
    household: Household
    participants: list[MeetingParticipant]
    agreements: list[Agreement]
    agenda: Agenda


def _log_household_read(actor: Actor, household: Household) -> None:
    household_read_log(actor=actor, household=household)


def meetings_for_household(
    *, actor: Actor, household_uuid: uuid.UUID | str
) -> tuple[Household, list[Meeting]]:
    """The household's meetings, newest first; logged as a read of the household."""
    household = household_get(actor=actor, household_uuid=household_uuid)
    meetings = list(Meeting.objects.filter(household=household).order_by("-starts_at", "-id"))
    _log_household_read(actor, household)
    return household, meetings


def meeting_get(
    *, actor: Actor, household_uuid: uuid.UUID | str, meeting_uuid: uuid.UUID | str
) -> Meeting:
    """One meeting of a visible household, for a write (which is audited): not logged."""
    household = household_get(actor=actor, household_uuid=household_uuid)
    try:
        meeting = Meeting.objects.get(household=household, uuid=meeting_uuid)
    except (Meeting.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
    meeting.household = household
    return meeting


def meeting_agenda(*, actor: Actor, household: Household) -> Agenda:
    """Open goals with their open actions, and open signals. Not logged: callers have logged the
    read of the household."""
    plan = Plan.objects.filter(household=household, status=PlanStatus.ACTIVE).first()
    goals: list[Goal] = []
    if plan is not None:
        goals = list(
            Goal.objects.filter(plan=plan, status=GoalStatus.OPEN)
            .select_related("domain")
            .prefetch_related(
                Prefetch(
                    "actions",
                    queryset=Action.objects.filter(status=ActionStatus.OPEN)
                    .select_related("owner_resident", "owner_professional", "owner_organisation")
                    .order_by("due_on", "id"),
                    to_attr="open_actions",
                )
            )
            .order_by("domain__position", "position", "id")
        )
    signals = [
        signal
        for signal in household_signals(actor=actor, household_id=household.pk)
        if signal.status != SignalStatus.CLOSED
    ]
    return Agenda(plan=plan, goals=goals, signals=signals)


def meeting_detail(
    *, actor: Actor, household_uuid: uuid.UUID | str, meeting_uuid: uuid.UUID | str
) -> MeetingDetail:
    """The meeting page: participants, agenda and agreements; logged as a read of the household."""
    meeting = meeting_get(actor=actor, household_uuid=household_uuid, meeting_uuid=meeting_uuid)
    household = meeting.household
    participants = list(
        MeetingParticipant.objects.filter(meeting=meeting).select_related(
            "organisation", "professional", "resident"
        )
    )
    agreements = list(
        Agreement.objects.filter(meeting=meeting).select_related(
            "action__goal__domain",
            "action__owner_resident",
            "action__owner_professional",
            "action__owner_organisation",
        )
    )
    agenda = meeting_agenda(actor=actor, household=household)
    _log_household_read(actor, household)
    return MeetingDetail(
        meeting=meeting,
        household=household,
        participants=participants,
        agreements=agreements,
        agenda=agenda,
    )


# --- Meetings by their own uuid (the API), each read scoped and logged -----------------------


def _meetings_visible_to(actor: Actor) -> QuerySet[Meeting]:
    return Meeting.objects.filter(
        household_id__in=households_visible_to(actor).values("pk").order_by()
    )


def meeting_page(
    *,
    actor: Actor,
    household_uuid: uuid.UUID | None = None,
    status: str = "",
    page: int = 1,
    per_page: int = 25,
) -> Page:
    """One page of the meetings of the households the actor may see, newest first, each with its
    participants; logged as one read of every current member of the households on the page."""
    qs = _meetings_visible_to(actor)
    if household_uuid is not None:
        qs = qs.filter(household__uuid=household_uuid)
    if status:
        qs = qs.filter(status=status)
    qs = qs.prefetch_related(
        Prefetch(
            "participants",
            queryset=MeetingParticipant.objects.select_related(
                "organisation", "professional", "resident"
            ),
            to_attr="participant_list",
        ),
    ).order_by("-starts_at", "-id")
    return page_by_household(actor=actor, rows=qs, page=page, per_page=per_page)


def meeting_for_write(*, actor: Actor, meeting_uuid: uuid.UUID | str) -> Meeting:
    """A meeting of a household the actor may see, for a write (which is audited): not logged.
    404 otherwise, exactly like a meeting that does not exist."""
    try:
        return _meetings_visible_to(actor).select_related("household").get(uuid=meeting_uuid)
    except (Meeting.DoesNotExist, ValueError, DjangoValidationError) as exc:
        raise Http404 from exc


def meeting_detail_get(*, actor: Actor, meeting_uuid: uuid.UUID | str) -> MeetingDetail:
    """`meeting_detail` for a meeting known only by its own uuid; logged as a read."""
    meeting = meeting_for_write(actor=actor, meeting_uuid=meeting_uuid)
    return meeting_detail(
        actor=actor, household_uuid=meeting.household.uuid, meeting_uuid=meeting.uuid
    )

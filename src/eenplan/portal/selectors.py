"""What a resident sees about themselves: their household, plan, contact person, who is involved,
and who looked at their file. Reads go through the household selectors, so they are logged
(purpose: own file) like any other read."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils import timezone

from eenplan.accounts.actor import Actor
from eenplan.assessments.models import Instrument, Measurement, Score, ScoredBy
from eenplan.assessments.selectors import (
    InstrumentProgress,
    instruments_with_items,
    progress_rows,
)
from eenplan.households.models import Household, HouseholdMember, Resident
from eenplan.households.selectors import HouseholdDetail, household_detail, households_visible_to
from eenplan.meetings.models import Agreement, Meeting, MeetingParticipant, MeetingStatus
from eenplan.organisations.models import Membership
from eenplan.plans.models import Action, ActionStatus, Plan, PlanStatus
from eenplan.plans.selectors import (
    DomainGoals,
    PrintablePlan,
    plan_goals_by_domain,
    plan_printable_build,
)
from eenplan.privacy.models import AccessEvent, AccessLogEntry, AccessLogSubject, AccessPurpose
from eenplan.privacy.services import access_log_record

HISTORY_LENGTH = 50


@dataclass(frozen=True)
class ContactPerson:
    name: str
    organisation: str
    phone: str
    email: str


@dataclass
class ResidentHome:
    resident: Resident
    detail: HouseholdDetail | None
    coordinator: ContactPerson | None
    coordinator_resident: Resident | None
    backup: ContactPerson | None


def _contacts(users: list) -> dict[int, ContactPerson]:  # type: ignore[type-arg]
    """Name, organisation, phone and e-mail of professionals, in one query for their memberships.
    The team's or organisation's phone and e-mail stand in for a missing personal one."""
    users = [u for u in users if u is not None]
    if not users:
        return {}
    memberships: dict[int, Membership] = {}
    for found in (
        Membership.objects.filter(user__in=users, active=True)
        .select_related("organisation", "team")
        .order_by("id")
    ):
        memberships.setdefault(found.user_id, found)
    contacts = {}
    for user in users:
        membership = memberships.get(user.pk)
        team = membership.team if membership else None
        organisation = membership.organisation if membership else None
        contacts[user.pk] = ContactPerson(
            name=user.get_full_name() or user.get_username(),
            organisation=organisation.name if organisation else "",
            phone=user.phone
            or (team.phone if team else "")
            or (organisation.phone if organisation else ""),
            email=user.email
            or (team.email if team else "")
            or (organisation.email if organisation else ""),
        )
    return contacts


def resident_home(*, actor: Actor) -> ResidentHome:
    """The resident's own page. Logged as a read of the household with purpose 'own file'."""
    if not actor.is_resident:
        raise PermissionDenied
    resident = Resident.objects.get(pk=actor.resident_id or 0)
    household_uuid = households_visible_to(actor).values_list("uuid", flat=True).first()
    if household_uuid is None:
        return ResidentHome(
            resident=resident, detail=None, coordinator=None, coordinator_resident=None, backup=None
        )
    detail = household_detail(actor=actor, household_uuid=household_uuid)
    plan = detail.active_plan
    coordinator = backup = None
    coordinator_resident = None
    if plan is not None:
        contacts = _contacts([plan.coordinator_professional, plan.backup_professional])
        if plan.coordinator_professional_id:
            coordinator = contacts.get(plan.coordinator_professional_id)
        if plan.backup_professional_id:
            backup = contacts.get(plan.backup_professional_id)
        coordinator_resident = plan.coordinator_resident
    return ResidentHome(
        resident=resident,
        detail=detail,
        coordinator=coordinator,
        coordinator_resident=coordinator_resident,
        backup=backup,
    )


def own_access_history(*, actor: Actor, limit: int = HISTORY_LENGTH) -> list[AccessLogEntry]:
    """'Who looked at my file': the newest entries about this resident, by others than
    themselves. Only the organisation, the role and what was done are shown, not the username."""
    if not actor.is_resident:
        raise PermissionDenied
    resident_uuid = (
        Resident.objects.filter(pk=actor.resident_id or 0).values_list("uuid", flat=True).get()
    )
    return list(
        AccessLogEntry.objects.filter(
            seq__in=AccessLogSubject.objects.filter(resident_uuid=resident_uuid).values("entry_id")
        )
        .exclude(user_id=actor.user.pk)
        .only("seq", "at", "organisation", "role", "event", "purpose", "reason", "channel")
        .order_by("-seq")[:limit]
    )


# --- The resident's own plan, meetings and measurements -----------------------------------------
# Each read is scoped to the household the resident belongs to now, and logged once per page
# with purpose 'own file'. A resident without a household (or plan) gets an empty page or a 404.


def _own_household(actor: Actor) -> Household | None:
    if not actor.is_resident:
        raise PermissionDenied
    return households_visible_to(actor).order_by("id").first()


def _log_own_read(actor: Actor, household: Household, event: str) -> None:
    residents = HouseholdMember.objects.filter(household=household, until__isnull=True).values_list(
        "resident__uuid", flat=True
    )
    access_log_record(
        actor=actor,
        event=event,
        subjects=[(resident, household.uuid) for resident in residents],
        purpose=AccessPurpose.OWN_FILE,
    )


def _own_active_plan(household: Household) -> Plan | None:
    return (
        Plan.objects.filter(household=household, status=PlanStatus.ACTIVE)
        .select_related("household", "coordinator_professional", "coordinator_resident")
        .select_related("backup_professional")
        .first()
    )


@dataclass
class OwnPlan:
    resident_id: int
    plan: Plan | None
    domains: list[DomainGoals] = field(default_factory=list)
    # "What I do": the resident's own open actions, soonest first.
    my_actions: list[Action] = field(default_factory=list)


def _mine_first(actions: list[Action], resident_id: int) -> list[Action]:
    return sorted(actions, key=lambda action: action.owner_resident_id != resident_id)


def own_plan(*, actor: Actor) -> OwnPlan:
    """The resident's active plan: goals per life domain with their actions (the resident's own
    first, cancelled ones left out), and the resident's own open actions. Logged."""
    household = _own_household(actor)
    resident_id = actor.resident_id or 0
    plan = _own_active_plan(household) if household is not None else None
    if household is None or plan is None:
        return OwnPlan(resident_id=resident_id, plan=None)
    _log_own_read(actor, household, AccessEvent.HOUSEHOLD_VIEW)
    domains = plan_goals_by_domain(plan=plan)
    my_actions = []
    for group in domains:
        for goal in group.goals:
            actions = [
                a
                for a in goal.action_list  # type: ignore[attr-defined]
                if a.status != ActionStatus.CANCELLED
            ]
            goal.action_list = _mine_first(actions, resident_id)  # type: ignore[attr-defined]
            for action in goal.action_list:  # type: ignore[attr-defined]
                action.mine = action.owner_resident_id == resident_id
                if action.mine and action.status == ActionStatus.OPEN:
                    action.goal = goal  # already loaded: no query for the goal's text
                    my_actions.append(action)
    my_actions.sort(key=lambda a: (a.due_on is None, a.due_on or timezone.localdate(), a.pk))
    return OwnPlan(resident_id=resident_id, plan=plan, domains=domains, my_actions=my_actions)


def own_printable_plan(*, actor: Actor) -> PrintablePlan:
    """The resident's plan as printed (for the PDF). No active plan: a 404. Logged."""
    household = _own_household(actor)
    plan = _own_active_plan(household) if household is not None else None
    if household is None or plan is None:
        raise Http404
    _log_own_read(actor, household, AccessEvent.HOUSEHOLD_VIEW)
    return plan_printable_build(plan=plan)


@dataclass
class OwnMeetings:
    upcoming: list[Meeting] = field(default_factory=list)
    held: list[Meeting] = field(default_factory=list)


def own_meetings(*, actor: Actor) -> OwnMeetings:
    """Planned meetings that have not ended (soonest first) and held meetings (newest first),
    each with `participant_list` and, when held, `agreement_list`. Cancelled meetings are left
    out. Logged."""
    household = _own_household(actor)
    if household is None:
        return OwnMeetings()
    now = timezone.now()
    meetings: list[Meeting] = list(
        Meeting.objects.filter(household=household)
        .filter(Q(status=MeetingStatus.PLANNED, ends_at__gte=now) | Q(status=MeetingStatus.HELD))
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=MeetingParticipant.objects.select_related(
                    "organisation", "professional", "resident"
                ).order_by("id"),
                to_attr="participant_list",
            ),
            Prefetch(
                "agreements",
                queryset=Agreement.objects.select_related(
                    "action__goal__domain",
                    "action__owner_resident",
                    "action__owner_professional",
                    "action__owner_organisation",
                ).order_by("id"),
                to_attr="agreement_list",
            ),
        )
    )
    _log_own_read(actor, household, AccessEvent.HOUSEHOLD_VIEW)
    upcoming = sorted(
        (m for m in meetings if m.status == MeetingStatus.PLANNED), key=lambda m: m.starts_at
    )
    held = sorted(
        (m for m in meetings if m.status == MeetingStatus.HELD),
        key=lambda m: m.starts_at,
        reverse=True,
    )
    return OwnMeetings(upcoming=upcoming, held=held)


def participant_roles(meetings: list[Meeting]) -> dict[int, str]:
    """The job title (or else the role) of each professional at these meetings, by user id: what
    a resident needs to know about who comes. One query for the memberships."""
    users = {
        p.professional_id
        for meeting in meetings
        for p in getattr(meeting, "participant_list", [])
        if p.professional_id
    }
    roles: dict[int, str] = {}
    for membership in Membership.objects.filter(user_id__in=users, active=True).order_by("id"):
        roles.setdefault(membership.user_id, membership.get_role_display())
    for meeting in meetings:
        for participant in getattr(meeting, "participant_list", []):
            person = participant.professional
            if person is not None and person.job_title:
                roles[person.pk] = person.job_title
    return roles


@dataclass
class OwnMeasurements:
    resident: Resident | None
    instruments: list[InstrumentProgress] = field(default_factory=list)
    # Instruments the resident fills in themselves.
    to_fill: list[Instrument] = field(default_factory=list)


def own_measurements(*, actor: Actor) -> OwnMeasurements:
    """The resident's own measurements per instrument (oldest first), as rows per item with a
    cell per measurement, and the instruments they may fill in. Logged (once)."""
    household = _own_household(actor)
    to_fill = list(
        Instrument.objects.filter(active=True, scored_by__in=(ScoredBy.RESIDENT, ScoredBy.BOTH))
    )
    if household is None:
        return OwnMeasurements(resident=None, to_fill=[])
    member = (
        HouseholdMember.objects.filter(
            household=household, resident_id=actor.resident_id or 0, until__isnull=True
        )
        .select_related("resident")
        .order_by("since", "id")
        .first()
    )
    if member is None:
        return OwnMeasurements(resident=None, to_fill=[])
    measurements: list[Measurement] = list(
        Measurement.objects.filter(resident=member.resident)
        .prefetch_related(Prefetch("scores", queryset=Score.objects.all(), to_attr="score_list"))
        .order_by("taken_on", "id")
    )
    by_instrument: dict[int, list[Measurement]] = {}
    for measurement in measurements:
        by_instrument.setdefault(measurement.instrument_id, []).append(measurement)
    progress = []
    for instrument in instruments_with_items().filter(pk__in=list(by_instrument)):
        taken = by_instrument[instrument.pk]
        progress.append(
            InstrumentProgress(
                member=member,
                instrument=instrument,
                measurements=taken,
                rows=progress_rows(instrument, taken),
            )
        )
    _log_own_read(actor, household, AccessEvent.MEASUREMENTS_VIEW)
    return OwnMeasurements(resident=member.resident, instruments=progress, to_fill=to_fill)


def own_instrument_to_fill(*, actor: Actor, instrument_code: str) -> tuple[Resident, Instrument]:
    """The resident and an instrument in use that residents score themselves; 404 otherwise
    (also for a resident without a household: there is nowhere to record it)."""
    household = _own_household(actor)
    if household is None:
        raise Http404
    try:
        instrument = instruments_with_items().get(
            code=instrument_code,
            active=True,
            scored_by__in=(ScoredBy.RESIDENT, ScoredBy.BOTH),
        )
    except Instrument.DoesNotExist as exc:
        raise Http404 from exc
    return Resident.objects.get(pk=actor.resident_id or 0), instrument


def own_next_meeting(*, home: ResidentHome) -> Meeting | None:
    """The resident's next planned meeting, for the home page. `home` comes from
    `resident_home`, which already logged the read of the household: one query, no log entry."""
    if home.detail is None:
        return None
    return (
        Meeting.objects.filter(
            household=home.detail.household,
            status=MeetingStatus.PLANNED,
            ends_at__gte=timezone.now(),
        )
        .order_by("starts_at", "id")
        .first()
    )

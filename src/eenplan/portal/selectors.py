"""What a resident sees about themselves: their household, plan, contact person, who is involved,
and who looked at their file. Reads go through the household selectors, so they are logged
(purpose: own file) like any other read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, IntegerField, Max, Min, Prefetch, Q, Value, When
from django.db.models.functions import TruncDate
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
from eenplan.households.selectors import (
    HouseholdDetail,
    household_detail,
    household_read_log,
    households_visible_to,
)
from eenplan.meetings.models import Agreement, Meeting, MeetingParticipant, MeetingStatus
from eenplan.organisations.models import Membership, OrganisationKind, Team
from eenplan.plans.models import Action, ActionStatus, FollowUp, Plan, PlanOutcome, PlanStatus
from eenplan.plans.selectors import (
    DomainGoals,
    PrintablePlan,
    plan_goals_by_domain,
    plan_printable_build,
)
from eenplan.privacy.models import AccessEvent, AccessLogEntry, AccessLogSubject
from eenplan.taxonomy.models import LifeDomain

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
    # Without an active plan: the household's last closed plan, and its follow-up measurement
    # while that is not done (until then the former coordinator is still the contact person).
    closed_plan: Plan | None = None
    follow_up: FollowUp | None = None
    # Whom to ask once nobody coordinates: the team that covers the household's district.
    team: ContactPerson | None = None
    # The resident's own open actions in the active plan.
    open_actions: int = 0

    @property
    def has_contact(self) -> bool:
        return bool(self.coordinator or self.coordinator_resident or self.backup)


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


def _last_closed_plan(household_id: int) -> Plan | None:
    return (
        Plan.objects.filter(household_id=household_id, status=PlanStatus.CLOSED)
        .select_related("household", "coordinator_professional", "coordinator_resident")
        .select_related("backup_professional")
        .order_by("-closed_on", "-id")
        .first()
    )


def _open_follow_up(plan: Plan) -> FollowUp | None:
    return FollowUp.objects.filter(plan=plan, done_at__isnull=True).first()


def _district_team(household: Household) -> ContactPerson | None:
    """The team that covers the household's district, the municipality's first: whom a resident
    without a contact person can ask."""
    neighbourhood = household.neighbourhood  # loaded with the household page
    if neighbourhood is None:
        return None
    district_id = neighbourhood.district_id
    team = (
        Team.objects.filter(districts__id=district_id)
        .select_related("organisation")
        .annotate(
            municipal=Case(
                When(organisation__kind=OrganisationKind.GEMEENTE, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("municipal", "organisation__name", "name", "id")
        .first()
    )
    if team is None:
        return None
    return ContactPerson(
        name=team.name,
        organisation=team.organisation.name,
        phone=team.phone or team.organisation.phone,
        email=team.email or team.organisation.email,
    )


@dataclass
class PlanContacts:
    coordinator: ContactPerson | None = None
    coordinator_resident: Resident | None = None
    backup: ContactPerson | None = None
    closed_plan: Plan | None = None
    follow_up: FollowUp | None = None
    team: ContactPerson | None = None


def _plan_contacts(household: Household, active: Plan | None) -> PlanContacts:
    """Whom the resident can call: the coordinator (and backup) of the active plan; after the
    plan is closed, the former coordinator while the follow-up measurement is open (they keep
    access until it is done, see `households_visible_to`); after that, the district's team."""
    if active is not None:
        contacts = _contacts([active.coordinator_professional, active.backup_professional])
        return PlanContacts(
            coordinator=contacts.get(active.coordinator_professional_id or 0),
            coordinator_resident=active.coordinator_resident,
            backup=contacts.get(active.backup_professional_id or 0),
        )
    closed = _last_closed_plan(household.pk)
    follow_up = _open_follow_up(closed) if closed is not None else None
    if closed is not None and follow_up is not None:
        contacts = _contacts([closed.coordinator_professional, closed.backup_professional])
        # A resident or relative who led the plan does not do the follow-up: the backup does.
        first = contacts.get(closed.coordinator_professional_id or 0)
        backup = contacts.get(closed.backup_professional_id or 0)
        if first is None:
            first, backup = backup, None
        if first is not None:
            return PlanContacts(
                coordinator=first, backup=backup, closed_plan=closed, follow_up=follow_up
            )
    return PlanContacts(closed_plan=closed, team=_district_team(household))


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
    contacts = _plan_contacts(detail.household, plan)
    open_actions = 0
    if plan is not None:
        open_actions = Action.objects.filter(
            goal__plan=plan, owner_resident=resident, status=ActionStatus.OPEN
        ).count()
    return ResidentHome(
        resident=resident,
        detail=detail,
        coordinator=contacts.coordinator,
        coordinator_resident=contacts.coordinator_resident,
        backup=contacts.backup,
        closed_plan=contacts.closed_plan,
        follow_up=contacts.follow_up,
        team=contacts.team,
        open_actions=open_actions,
    )


@dataclass(frozen=True)
class AccessGroup:
    """Reads of the same kind by the same person on the same day, as one line: the log itself
    keeps every read."""

    first_at: dt.datetime
    last_at: dt.datetime
    times: int
    organisation: str
    role: str
    event: str
    purpose: str
    reason: str


def own_access_history(*, actor: Actor, limit: int = HISTORY_LENGTH) -> list[AccessGroup]:
    """'Who looked at my file': the newest reads about this resident by others than themselves,
    grouped per reader, kind of read (and emergency reason) and day. Only the organisation, the
    role and what was done are shown, not the username. One query."""
    if not actor.is_resident:
        raise PermissionDenied
    resident_uuid = (
        Resident.objects.filter(pk=actor.resident_id or 0).values_list("uuid", flat=True).get()
    )
    rows = (
        AccessLogEntry.objects.filter(
            seq__in=AccessLogSubject.objects.filter(resident_uuid=resident_uuid).values("entry_id")
        )
        .exclude(user_id=actor.user.pk)
        .annotate(day=TruncDate("at"))
        .values("user_id", "organisation", "role", "event", "purpose", "reason", "day")
        .annotate(times=Count("seq"), first_at=Min("at"), last_at=Max("at"))
        .order_by("-last_at")[:limit]
    )
    return [
        AccessGroup(
            first_at=row["first_at"],
            last_at=row["last_at"],
            times=row["times"],
            organisation=row["organisation"],
            role=row["role"],
            event=row["event"],
            purpose=row["purpose"],
            reason=row["reason"],
        )
        for row in rows
    ]


# --- The resident's own plan, meetings and measurements -----------------------------------------
# Each read is scoped to the household the resident belongs to now, and logged once per page
# with purpose 'own file'. A resident without a household (or plan) gets an empty page or a 404.


def _own_household(actor: Actor) -> Household | None:
    if not actor.is_resident:
        raise PermissionDenied
    return households_visible_to(actor).order_by("id").first()


def _log_own_read(
    actor: Actor, household: Household, event: str, *, only_self: bool = False
) -> None:
    """One read of the resident's own file (purpose 'own file'). `only_self`: what was read is
    the resident's alone (their scores), so only they are its subject, not the whole household."""
    household_read_log(
        actor=actor,
        household=household,
        event=event,
        only_resident_id=(actor.resident_id or 0) if only_self else None,
    )


def _own_active_plan(household: Household) -> Plan | None:
    return (
        Plan.objects.filter(household=household, status=PlanStatus.ACTIVE)
        .select_related("household", "coordinator_professional", "coordinator_resident")
        .select_related("backup_professional")
        .first()
    )


def _own_plan_to_read(household: Household) -> Plan | None:
    """The active plan; without one, the last closed plan, which the resident may still read."""
    return _own_active_plan(household) or _last_closed_plan(household.pk)


@dataclass
class OwnOutcome:
    """The resident's own first and last score on one item during the closed plan."""

    item_name: str
    instrument_name: str
    first_score: int
    last_score: int
    direction: str


@dataclass
class OwnDomainOutcome:
    domain: LifeDomain
    outcomes: list[OwnOutcome] = field(default_factory=list)


@dataclass
class OwnPlan:
    resident_id: int
    plan: Plan | None
    domains: list[DomainGoals] = field(default_factory=list)
    # "What I do": the resident's own open actions, soonest first.
    my_actions: list[Action] = field(default_factory=list)
    # A closed plan: the resident's own outcome per life domain, and whom to call now.
    outcomes: list[OwnDomainOutcome] = field(default_factory=list)
    contacts: PlanContacts | None = None

    @property
    def closed(self) -> bool:
        return self.plan is not None and self.plan.status == PlanStatus.CLOSED


def _mine_first(actions: list[Action], resident_id: int) -> list[Action]:
    return sorted(actions, key=lambda action: action.owner_resident_id != resident_id)


def _own_outcomes(plan: Plan, resident_id: int) -> list[OwnDomainOutcome]:
    """The outcome the plan was closed with, only the resident's own rows: a housemate's scores
    are theirs (as in `member_for_measurements`). Items by their names for residents."""
    groups: dict[int, OwnDomainOutcome] = {}
    for outcome in (
        PlanOutcome.objects.filter(plan=plan, resident_id=resident_id)
        .select_related("domain", "item__instrument")
        .order_by("domain__position", "item__instrument__position", "item__position", "id")
    ):
        groups.setdefault(
            outcome.domain_id, OwnDomainOutcome(domain=outcome.domain)
        ).outcomes.append(
            OwnOutcome(
                item_name=outcome.item.name_for_resident,
                instrument_name=outcome.item.instrument.name_for_resident,
                first_score=outcome.first_score,
                last_score=outcome.last_score,
                direction=outcome.direction,
            )
        )
    return list(groups.values())


def own_plan(*, actor: Actor) -> OwnPlan:
    """The resident's active plan: goals per life domain with their actions (the resident's own
    first, cancelled ones left out), and the resident's own open actions. Without an active plan,
    the last closed plan, to read back, with the resident's own outcome and whom to call now.
    Logged."""
    household = _own_household(actor)
    resident_id = actor.resident_id or 0
    plan = _own_plan_to_read(household) if household is not None else None
    if household is None or plan is None:
        return OwnPlan(resident_id=resident_id, plan=None)
    _log_own_read(actor, household, AccessEvent.HOUSEHOLD_VIEW)
    closed = plan.status == PlanStatus.CLOSED
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
                if action.mine and action.status == ActionStatus.OPEN and not closed:
                    action.goal = goal  # already loaded: no query for the goal's text
                    my_actions.append(action)
    my_actions.sort(key=lambda a: (a.due_on is None, a.due_on or timezone.localdate(), a.pk))
    if not closed:
        return OwnPlan(resident_id=resident_id, plan=plan, domains=domains, my_actions=my_actions)
    return OwnPlan(
        resident_id=resident_id,
        plan=plan,
        domains=domains,
        outcomes=_own_outcomes(plan, resident_id),
        contacts=_plan_contacts(household, None),
    )


def own_printable_plan(*, actor: Actor) -> PrintablePlan:
    """The resident's plan as printed (for the PDF): the active plan, or else the last closed
    one. No plan at all: a 404. Logged."""
    household = _own_household(actor)
    plan = _own_plan_to_read(household) if household is not None else None
    if household is None or plan is None:
        raise Http404
    _log_own_read(actor, household, AccessEvent.HOUSEHOLD_VIEW)
    # A closed plan is printed whole, as it ended: its reached and stopped goals are the point.
    return plan_printable_build(plan=plan, all_goals=plan.status == PlanStatus.CLOSED)


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
    _log_own_read(actor, household, AccessEvent.MEASUREMENTS_VIEW, only_self=True)
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

"""Reads of plans: goals with their actions, the version history, the printable plan.

The household is always found through `households_visible_to`, so a plan of a household the
actor may not see is a 404, like the household itself.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Page, Paginator
from django.db.models import F, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from eenplan.accounts.actor import Actor
from eenplan.households.models import HouseholdMember, Involvement
from eenplan.households.selectors import (
    household_get,
    household_read_log,
    households_visible_to,
    page_by_household,
)
from eenplan.organisations.models import Membership
from eenplan.plans.models import (
    FOLLOW_UP_MARGIN,
    Action,
    ActionStatus,
    FollowUp,
    Goal,
    Plan,
    PlanOutcome,
    PlanStatus,
    PlanVersion,
)
from eenplan.taxonomy.models import LifeDomain


@dataclass
class DomainGoals:
    domain: LifeDomain
    goals: list[Goal] = field(default_factory=list)


def _actions_prefetch() -> Prefetch:
    return Prefetch(
        "actions",
        queryset=Action.objects.select_related(
            "owner_resident", "owner_professional", "owner_organisation"
        ).order_by("due_on", "id"),
        to_attr="action_list",
    )


def plan_goals_by_domain(*, plan: Plan) -> list[DomainGoals]:
    """The plan's goals grouped per life domain (in the taxonomy's order), each goal with its
    actions in `action_list` and each action's `overdue` flag. Two queries.

    No access check or log here: callers pass a plan they got from a scoped, logged read."""
    today = timezone.localdate()
    goals = list(
        Goal.objects.filter(plan=plan)
        .select_related("domain")
        .prefetch_related(_actions_prefetch())
        .order_by("domain__position", "domain__name", "position", "id")
    )
    groups: dict[int, DomainGoals] = {}
    for goal in goals:
        for action in goal.action_list:  # type: ignore[attr-defined]
            action.overdue = action.is_overdue(today)
        groups.setdefault(goal.domain_id, DomainGoals(domain=goal.domain)).goals.append(goal)
    return list(groups.values())


def active_plan_get(*, actor: Actor, household_uuid: uuid.UUID | str) -> Plan:
    """The active plan of a household the actor may see, for a write. 404 otherwise. Not logged:
    the write that follows is audited."""
    household = household_get(actor=actor, household_uuid=household_uuid)
    plan = (
        Plan.objects.filter(household=household, status=PlanStatus.ACTIVE)
        .select_related("household__neighbourhood")
        .first()
    )
    if plan is None:
        raise Http404
    return plan


def plan_action_get(*, plan: Plan, action_uuid: uuid.UUID | str) -> Action:
    try:
        return Action.objects.select_related("goal__plan__household__neighbourhood").get(
            uuid=action_uuid, goal__plan=plan
        )
    except (Action.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def plan_goal_get(*, plan: Plan, goal_uuid: uuid.UUID | str) -> Goal:
    try:
        return Goal.objects.select_related("plan__household__neighbourhood", "domain").get(
            uuid=goal_uuid, plan=plan
        )
    except (Goal.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


@dataclass
class OwnerChoices:
    residents: list
    professionals: list
    organisations: list


def plan_owner_choices(*, plan: Plan) -> OwnerChoices:
    """Who may own an action: the current members, the involved professionals (and the
    coordinator and backup) and the involved organisations."""
    members = HouseholdMember.objects.filter(
        household_id=plan.household_id, until__isnull=True
    ).select_related("resident")
    involvements = list(
        Involvement.objects.filter(household_id=plan.household_id, until__isnull=True)
        .select_related("professional", "organisation")
        .order_by("id")
    )
    professionals = {i.professional.pk: i.professional for i in involvements if i.professional}
    for person in (plan.coordinator_professional, plan.backup_professional):
        if person is not None:
            professionals.setdefault(person.pk, person)
    organisations = {i.organisation.pk: i.organisation for i in involvements}
    return OwnerChoices(
        residents=[m.resident for m in members],
        professionals=sorted(professionals.values(), key=str),
        organisations=sorted(organisations.values(), key=lambda o: o.name),
    )


def _log_plan_read(actor: Actor, plan: Plan) -> None:
    household_read_log(actor=actor, household=plan.household)


def plan_versions(
    *, actor: Actor, household_uuid: uuid.UUID | str
) -> tuple[Plan, list[PlanVersion]]:
    """The active plan's history, newest first; logged as a read of the household."""
    plan = active_plan_get(actor=actor, household_uuid=household_uuid)
    _log_plan_read(actor, plan)
    versions = list(PlanVersion.objects.filter(plan=plan).select_related("created_by"))
    return plan, versions


@dataclass
class PrintablePlan:
    plan: Plan
    domains: list[DomainGoals]
    coordinator_name: str
    contact_name: str
    coordinator_organisation: str
    coordinator_phone: str
    coordinator_email: str
    today: dt.date

    @property
    def resident_text(self) -> str:
        """Everything on the printed plan that the resident reads, for the plain-language check."""
        lines = []
        for group in self.domains:
            for goal in group.goals:
                lines.append(goal.text)
                lines.extend(action.what for action in goal.action_list)  # type: ignore[attr-defined]
        # One sentence per line, so separate lines are not read as one long sentence.
        return "\n".join(
            line if line.rstrip()[-1:] in ".!?" else f"{line.rstrip()}." for line in lines
        )


def plan_printable(*, actor: Actor, household_uuid: uuid.UUID | str) -> PrintablePlan:
    """What the resident takes home: goals, who does what before when, and whom to call."""
    plan = active_plan_get(actor=actor, household_uuid=household_uuid)
    _log_plan_read(actor, plan)
    return plan_printable_build(plan=plan)


# --- Closed plans: the outcome per life domain and the follow-up measurement -------------------


@dataclass
class DomainOutcome:
    domain: LifeDomain
    outcomes: list[PlanOutcome] = field(default_factory=list)


@dataclass
class ClosedPlan:
    plan: Plan
    domains: list[DomainOutcome]
    follow_up: FollowUp | None
    today: dt.date


def plan_closed_get(
    *, actor: Actor, household_uuid: uuid.UUID | str, plan_uuid: uuid.UUID | str
) -> ClosedPlan:
    """A closed plan of a household the actor may see, with its outcome per life domain. 404 for
    another household's plan, an active plan or an unknown one; logged as a read."""
    household = household_get(actor=actor, household_uuid=household_uuid)
    try:
        plan = Plan.objects.select_related(
            "household", "coordinator_professional", "coordinator_resident"
        ).get(uuid=plan_uuid, household=household, status=PlanStatus.CLOSED)
    except (Plan.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
    _log_plan_read(actor, plan)
    groups: dict[int, DomainOutcome] = {}
    for outcome in PlanOutcome.objects.filter(plan=plan).select_related(
        "domain", "resident", "item__instrument"
    ):
        groups.setdefault(outcome.domain_id, DomainOutcome(domain=outcome.domain)).outcomes.append(
            outcome
        )
    follow_up = FollowUp.objects.filter(plan=plan).select_related("instrument").first()
    return ClosedPlan(
        plan=plan, domains=list(groups.values()), follow_up=follow_up, today=timezone.localdate()
    )


@dataclass
class HouseholdFollowUps:
    closed_plans: list[Plan]
    due: list[FollowUp]


def household_follow_ups(*, household_id: int, today: dt.date) -> HouseholdFollowUps:
    """The household's closed plans and the follow-up measurements that are near or past their
    date and not done yet. Two queries.

    No access check or log here: the household page has scoped and logged the read."""
    closed = list(
        Plan.objects.filter(household_id=household_id, status=PlanStatus.CLOSED).order_by(
            "-closed_on", "-id"
        )
    )
    due = list(
        FollowUp.objects.filter(
            plan__household_id=household_id,
            done_at__isnull=True,
            due_on__lte=today + FOLLOW_UP_MARGIN,
        )
        .select_related("instrument", "plan")
        .order_by("due_on", "id")
    )
    for follow_up in due:
        follow_up.overdue = follow_up.due_on < today  # type: ignore[attr-defined]
    return HouseholdFollowUps(closed_plans=closed, due=due)


def plan_printable_build(*, plan: Plan, all_goals: bool = False) -> PrintablePlan:
    """The printable plan of a plan the caller already found through a scoped, logged read (the
    resident's portal logs its own reads with purpose 'own file'). Not logged here. Open goals
    only: what is reached or stopped is history, not the plan to follow; `all_goals` for a closed
    plan, which is printed as it ended."""
    domains = []
    for group in plan_goals_by_domain(plan=plan):
        if not all_goals:
            group.goals = [g for g in group.goals if g.status == "open"]
        if group.goals:
            domains.append(group)
    person = plan.coordinator_professional or plan.backup_professional
    organisation = phone = email = ""
    if person is not None:
        membership = (
            Membership.objects.filter(user=person, active=True)
            .select_related("organisation")
            .order_by("id")
            .first()
        )
        if membership is not None:
            organisation = membership.organisation.name
            phone = person.phone or membership.organisation.phone
        email = person.email
    coordinator = plan.coordinator_professional or plan.coordinator_resident
    return PrintablePlan(
        plan=plan,
        domains=domains,
        coordinator_name=str(coordinator or ""),
        contact_name=str(person or ""),
        coordinator_organisation=organisation,
        coordinator_phone=phone,
        coordinator_email=email,
        today=timezone.localdate(),
    )


# --- Plans by their own uuid (the API), each read scoped and logged --------------------------


def _plans_visible_to(actor: Actor) -> QuerySet[Plan]:
    return Plan.objects.filter(
        household_id__in=households_visible_to(actor).values("pk").order_by()
    )


def plan_page(
    *,
    actor: Actor,
    household_uuid: uuid.UUID | None = None,
    status: str = "",
    page: int = 1,
    per_page: int = 25,
) -> Page:
    """One page of the plans of the households the actor may see, newest first; logged as one
    read of every current member of the households on the page. A household the actor may not
    see simply has no plans here."""
    qs = _plans_visible_to(actor)
    if household_uuid is not None:
        qs = qs.filter(household__uuid=household_uuid)
    if status:
        qs = qs.filter(status=status)
    qs = qs.select_related(
        "coordinator_professional", "coordinator_resident", "backup_professional"
    ).order_by("-started_on", "-id")
    return page_by_household(actor=actor, rows=qs, page=page, per_page=per_page)


def plan_for_write(*, actor: Actor, plan_uuid: uuid.UUID | str) -> Plan:
    """A plan of a household the actor may see, for a write (which is audited): not logged.
    404 otherwise, exactly like a plan that does not exist."""
    try:
        return (
            _plans_visible_to(actor).select_related("household__neighbourhood").get(uuid=plan_uuid)
        )
    except (Plan.DoesNotExist, ValueError, DjangoValidationError) as exc:
        raise Http404 from exc


def _plan_read(actor: Actor, plan_uuid: uuid.UUID | str) -> Plan:
    try:
        plan = (
            _plans_visible_to(actor)
            .select_related(
                "household",
                "coordinator_professional",
                "coordinator_resident",
                "backup_professional",
            )
            .get(uuid=plan_uuid)
        )
    except (Plan.DoesNotExist, ValueError, DjangoValidationError) as exc:
        raise Http404 from exc
    _log_plan_read(actor, plan)
    return plan


def plan_get(*, actor: Actor, plan_uuid: uuid.UUID | str) -> Plan:
    """One plan with its goals (`goal_list`, each with its actions in `action_list`); logged as
    a read of the household. 404 for a plan the actor may not see."""
    plan = _plan_read(actor, plan_uuid)
    plan.goal_list = list(  # type: ignore[attr-defined]
        Goal.objects.filter(plan=plan)
        .select_related("domain")
        .prefetch_related(_actions_prefetch())
        .order_by("domain__position", "position", "id")
    )
    return plan


def plan_goal_page(
    *, actor: Actor, plan_uuid: uuid.UUID | str, page: int = 1, per_page: int = 25
) -> tuple[Plan, Page]:
    """One page of a plan's goals in the taxonomy's order; logged as a read of the household."""
    plan = _plan_read(actor, plan_uuid)
    goals = (
        Goal.objects.filter(plan=plan)
        .select_related("domain")
        .prefetch_related(_actions_prefetch())
        .order_by("domain__position", "position", "id")
    )
    return plan, Paginator(goals, per_page).get_page(page)


def plan_action_page(
    *,
    actor: Actor,
    plan_uuid: uuid.UUID | str,
    status: str = "",
    page: int = 1,
    per_page: int = 25,
) -> tuple[Plan, Page]:
    """One page of a plan's actions, by due date; logged as a read of the household."""
    plan = _plan_read(actor, plan_uuid)
    actions = Action.objects.filter(goal__plan=plan)
    if status:
        actions = actions.filter(status=status)
    actions = actions.select_related(
        "goal", "owner_resident", "owner_professional", "owner_organisation"
    ).order_by(F("due_on").asc(nulls_last=True), "id")
    return plan, Paginator(actions, per_page).get_page(page)


def plan_action_read(*, actor: Actor, action: Action) -> Action:
    """An action just written, read back for the answer with its owner; logged as a read."""
    plan = action.goal.plan
    _log_plan_read(actor, plan)
    return Action.objects.select_related(
        "goal", "owner_resident", "owner_professional", "owner_organisation"
    ).get(pk=action.pk)


def plan_goal_read(*, actor: Actor, goal: Goal) -> Goal:
    """A goal of a plan the caller found through a scoped read, with its actions; logged as a
    read of the plan."""
    _log_plan_read(actor, goal.plan)
    return (
        Goal.objects.select_related("domain", "plan")
        .prefetch_related(_actions_prefetch())
        .get(pk=goal.pk)
    )


@dataclass(frozen=True)
class OpenWork:
    """What is still open when a plan is about to close: shown on the close form, so that
    closing is a decision, not a slip."""

    open_actions: int
    planned_meetings: int


def plan_open_work(*, plan: Plan) -> OpenWork:
    """Counts only, for a plan the caller found through a scoped read."""
    from eenplan.meetings.models import Meeting, MeetingStatus  # meetings builds on plans

    return OpenWork(
        open_actions=Action.objects.filter(goal__plan=plan, status=ActionStatus.OPEN).count(),
        planned_meetings=Meeting.objects.filter(
            household_id=plan.household_id, status=MeetingStatus.PLANNED
        ).count(),
    )

"""Writes of plans: start, change of coordinator (with reason), close; goals and actions, each
change of content written as a plan version in the same transaction as its audit row."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.accounts.actor import Actor
from eenplan.assessments.models import Instrument, Measurement, Score
from eenplan.households.models import Household, HouseholdMember, Involvement, Resident
from eenplan.households.selectors import lead_district_ids
from eenplan.households.timeline import timeline_add
from eenplan.organisations.models import CASE_ROLES, Membership, Organisation, Role
from eenplan.plans.models import (
    ACTION_TRANSITIONS,
    FOLLOW_UP_MARGIN,
    FOLLOW_UP_MONTHS,
    Action,
    ActionStatus,
    CoordinatorChange,
    Direction,
    FollowUp,
    Goal,
    GoalStatus,
    Plan,
    PlanOutcome,
    PlanStatus,
    PlanVersion,
)
from eenplan.privacy.services import audit_record, snapshot
from eenplan.signalering.routing import may_coordinate
from eenplan.taxonomy.models import LifeDomain

PLANNING_ROLES = frozenset({Role.REGISSEUR, Role.TEAMLEIDER})


def _is_case_professional(user: Any) -> bool:
    return Membership.objects.filter(user=user, active=True, role__in=CASE_ROLES).exists()


def _check_coordinator(
    household: Household, professional: Any, resident: Resident | None, backup: Any
) -> None:
    # A resident's login, a policy adviser or a former employee cannot carry a plan: only
    # someone who currently works with households can be reached as coordinator or backup.
    for field, user in (("coordinator", professional), ("backup_professional", backup)):
        if user is not None and not _is_case_professional(user):
            raise ValidationError(
                {field: _("Choose a professional who works with households now.")}
            )
    if (professional is None) == (resident is None):
        raise ValidationError(
            {"coordinator": _("Choose exactly one coordinator: a professional or a resident.")}
        )
    if resident is not None:
        if backup is None:
            raise ValidationError(
                {
                    "backup_professional": _(
                        "When a resident or relative coordinates, a professional is the backup."
                    )
                }
            )
        # The household chooses a member or a relative; a relative must at least be registered.
        if not HouseholdMember.objects.filter(household=household, resident=resident).exists() and (
            resident.pk is None
        ):
            raise ValidationError({"coordinator": _("Register the relative first.")})
    if professional is not None:
        _check_covenant(household, professional)


def _check_covenant(household: Household, professional: Any) -> None:
    """The regional covenant says which kinds of organisation may coordinate (others, such as the
    police or a school, may only signal)."""
    neighbourhood = household.neighbourhood
    municipality_id = neighbourhood.district.municipality_id if neighbourhood is not None else None
    kinds = set(
        Membership.objects.filter(user=professional, active=True).values_list(
            "organisation__kind", flat=True
        )
    )
    if kinds and not any(
        may_coordinate(organisation_kind=kind, municipality_id=municipality_id) for kind in kinds
    ):
        raise ValidationError(
            {
                "coordinator": _(
                    "Under this municipality's covenant, this professional's organisation may "
                    "signal but not coordinate."
                )
            }
        )


@transaction.atomic
def plan_start(
    *,
    actor: Actor,
    household: Household,
    coordinator_professional: Any = None,
    coordinator_resident: Resident | None = None,
    backup_professional: Any = None,
    summary: str = "",
) -> Plan:
    if not actor.roles & PLANNING_ROLES:
        raise PermissionDenied
    _check_coordinator(
        household, coordinator_professional, coordinator_resident, backup_professional
    )
    if Plan.objects.filter(household=household, status=PlanStatus.ACTIVE).exists():
        raise ValidationError({"household": _("This household already has an active plan.")})
    plan = Plan(
        household=household,
        status=PlanStatus.ACTIVE,
        started_on=timezone.localdate(),
        coordinator_professional=coordinator_professional,
        coordinator_resident=coordinator_resident,
        backup_professional=backup_professional,
        summary=summary.strip(),
    )
    plan.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError as exc:  # a concurrent start won the race; the database said no
        raise ValidationError(
            {"household": _("This household already has an active plan.")}
        ) from exc
    audit_record(
        actor_user=actor.user,
        action="plan.start",
        instance=plan,
        before=None,
        after=snapshot(plan),
        household_uuid=household.uuid,
    )
    timeline_add(
        household=household,
        kind="plan.started",
        actor=actor,
        data={"coordinator": plan.coordinator_name},
    )
    return plan


@transaction.atomic
def plan_change_coordinator(
    *,
    actor: Actor,
    plan: Plan,
    reason: str,
    coordinator_professional: Any = None,
    coordinator_resident: Resident | None = None,
    backup_professional: Any = None,
) -> Plan:
    # Another regisseur who sees the household (through their own involvement) does not take
    # the plan over: the coordinator, the backup or the covering team lead hands it on.
    if not may_write_plan(actor=actor, plan=plan):
        raise PermissionDenied
    if plan.status != PlanStatus.ACTIVE:
        raise ValidationError({"plan": _("Only an active plan has a coordinator.")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for the change of coordinator.")})
    _check_coordinator(
        plan.household, coordinator_professional, coordinator_resident, backup_professional
    )
    before = snapshot(plan)
    change = CoordinatorChange(
        plan=plan,
        changed_by=actor.user,
        previous_professional=plan.coordinator_professional,
        previous_resident=plan.coordinator_resident,
        new_professional=coordinator_professional,
        new_resident=coordinator_resident,
        reason=reason.strip(),
    )
    plan.coordinator_professional = coordinator_professional
    plan.coordinator_resident = coordinator_resident
    plan.backup_professional = backup_professional
    plan.full_clean(validate_constraints=False)
    plan.save()
    change.save()
    audit_record(
        actor_user=actor.user,
        action="plan.change_coordinator",
        instance=plan,
        before=before,
        after=snapshot(plan) | {"reason": change.reason},
        household_uuid=plan.household.uuid,
    )
    timeline_add(
        household=plan.household,
        kind="plan.coordinator_changed",
        actor=actor,
        data={"coordinator": plan.coordinator_name},
    )
    return plan


def follow_up_default_date(*, today: dt.date) -> dt.date:
    """`FOLLOW_UP_MONTHS` calendar months later; the 31st becomes the last day of a short month."""
    months = today.month - 1 + FOLLOW_UP_MONTHS
    year, month = today.year + months // 12, months % 12 + 1
    next_month = dt.date(year + month // 12, month % 12 + 1, 1)
    return dt.date(year, month, min(today.day, (next_month - dt.timedelta(days=1)).day))


def follow_up_default_instrument(*, plan: Plan) -> Instrument | None:
    """The instrument last used for this household during the plan, else the first in use."""
    last = (
        Measurement.objects.filter(household_id=plan.household_id, instrument__active=True)
        .filter(taken_on__gte=plan.started_on)
        .order_by("-taken_on", "-id")
        .select_related("instrument")
        .first()
    )
    if last is not None:
        return last.instrument
    return Instrument.objects.filter(active=True).order_by("position", "code").first()


def _direction(first: int, last: int) -> str:
    # Every instrument in eenplan scores higher as better (self-reliance, rung, health, mark).
    if last > first:
        return Direction.BETTER
    if last < first:
        return Direction.WORSE
    return Direction.SAME


def plan_outcome_compute(*, plan: Plan, until: dt.date) -> list[PlanOutcome]:
    """Per household member and per instrument item tied to a life domain: the score of the first
    and of the last measurement within the plan's period (unsaved rows). An item measured only
    once has no outcome: there is nothing to compare."""
    members = HouseholdMember.objects.filter(household_id=plan.household_id).filter(
        Q(until__isnull=True) | Q(until__gte=plan.started_on)
    )
    members = members.filter(since__lte=until)
    scores = (
        Score.objects.filter(
            measurement__resident_id__in=members.values("resident_id"),
            measurement__taken_on__gte=plan.started_on,
            measurement__taken_on__lte=until,
            item__domain__isnull=False,
        )
        .select_related("measurement", "item")
        .order_by("measurement__resident_id", "item_id", "measurement__taken_on", "measurement_id")
    )
    series: dict[tuple[int, int], list[Score]] = {}
    for score in scores:
        series.setdefault((score.measurement.resident_id, score.item_id), []).append(score)
    outcomes = []
    for (resident_id, _item_id), measured in series.items():
        first, last = measured[0], measured[-1]
        if first.measurement_id == last.measurement_id:
            continue
        outcomes.append(
            PlanOutcome(
                plan=plan,
                resident_id=resident_id,
                domain_id=cast(int, first.item.domain_id),  # items without one are filtered
                item=first.item,
                first_on=first.measurement.taken_on,
                first_score=first.value,
                last_on=last.measurement.taken_on,
                last_score=last.value,
                direction=_direction(first.value, last.value),
            )
        )
    return outcomes


@transaction.atomic
def plan_close(
    *,
    actor: Actor,
    plan: Plan,
    reason: str,
    follow_up_on: dt.date | None = None,
    follow_up_instrument: Instrument | None = None,
) -> Plan:
    """Close the plan with a reason, store the outcome per life domain, and schedule the
    follow-up measurement (by default some months later, with the instrument last used).

    Only the coordinator, the backup, or the team lead covering the district closes a plan."""
    if not may_write_plan(actor=actor, plan=plan):
        raise PermissionDenied
    # Locked, so two people closing at once cannot both pass the status check.
    current = Plan.objects.select_for_update().filter(pk=plan.pk).values_list("status", flat=True)
    today = timezone.localdate()
    errors: dict[str, list[str]] = {}
    if current.get() != PlanStatus.ACTIVE:
        errors["plan"] = [_("This plan is not active, so it cannot be closed.")]
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = [_("Write down why the plan is closed and what it achieved.")]
    if follow_up_on is None:
        follow_up_on = follow_up_default_date(today=today)
    if follow_up_on <= today:
        errors["follow_up_on"] = [_("The follow-up measurement must be on a date after today.")]
    if follow_up_instrument is None:
        follow_up_instrument = follow_up_default_instrument(plan=plan)
    if follow_up_instrument is None or not follow_up_instrument.active:
        errors["follow_up_instrument"] = [_("Choose an instrument that is in use.")]
    if errors:
        raise ValidationError(errors)

    before = snapshot(plan)
    plan.status = PlanStatus.CLOSED
    plan.closed_on = today
    plan.closing_reason = reason
    plan.full_clean(validate_constraints=False)
    plan.save()
    outcomes = PlanOutcome.objects.bulk_create(plan_outcome_compute(plan=plan, until=today))
    follow_up = FollowUp(plan=plan, instrument=follow_up_instrument, due_on=follow_up_on)
    follow_up.full_clean()
    follow_up.save()
    after = snapshot(plan)
    after["outcomes"] = [
        {
            "resident": outcome.resident_id,
            "item": outcome.item_id,
            "first": [outcome.first_on.isoformat(), outcome.first_score],
            "last": [outcome.last_on.isoformat(), outcome.last_score],
            "direction": outcome.direction,
        }
        for outcome in outcomes
    ]
    after["follow_up"] = snapshot(follow_up)
    audit_record(
        actor_user=actor.user,
        action="plan.close",
        instance=plan,
        before=before,
        after=after,
        household_uuid=plan.household.uuid,
    )
    timeline_add(household=plan.household, kind="plan.closed", actor=actor)
    return plan


@transaction.atomic
def follow_up_mark_done(*, actor: Actor, measurement: Measurement) -> list[FollowUp]:
    """A measurement with the follow-up's instrument, for the household, from the due date minus
    the margin on, completes the follow-up. Called in the measurement's own transaction."""
    if measurement.household_id is None:
        return []
    open_follow_ups = list(
        FollowUp.objects.select_for_update()
        .filter(
            plan__household_id=measurement.household_id,
            instrument_id=measurement.instrument_id,
            done_at__isnull=True,
            due_on__lte=measurement.taken_on + FOLLOW_UP_MARGIN,
        )
        .select_related("plan__household")
    )
    for follow_up in open_follow_ups:
        before = snapshot(follow_up)
        follow_up.done_at = timezone.now()
        follow_up.measurement = measurement
        follow_up.save(update_fields=["done_at", "measurement"])
        audit_record(
            actor_user=actor.user,
            action="plan.follow_up_done",
            instance=follow_up,
            before=before,
            after=snapshot(follow_up),
            household_uuid=follow_up.plan.household.uuid,
        )
    return open_follow_ups


# --- Goals, actions and versions -------------------------------------------------------------


def may_write_plan(*, actor: Actor, plan: Plan) -> bool:
    """Need-to-know for planning: the coordinator, the backup, and the team lead whose team
    covers the household's district. Other planners may see the household, not rewrite its plan."""
    if not actor.roles & PLANNING_ROLES:
        return False
    user_id = actor.user.pk
    if user_id in (plan.coordinator_professional_id, plan.backup_professional_id):
        return True
    if not actor.lead_team_ids:
        return False
    neighbourhood = plan.household.neighbourhood
    return neighbourhood is not None and neighbourhood.district_id in lead_district_ids(actor)


def may_lead_household(
    *, actor: Actor, household: Household, active_plan: Plan | bool | None = True
) -> bool:
    """Who leads a household's case (its meetings, who belongs to it, which organisations are
    involved): while it has an active plan, those who may write that plan; before there is a
    plan, any planner who may see the household (callers fetched it scoped). A caller that has
    the active plan at hand passes it (or None for none), which saves looking it up."""
    if not actor.roles & PLANNING_ROLES:
        return False
    plan = (
        Plan.objects.filter(household=household, status=PlanStatus.ACTIVE)
        .select_related("household__neighbourhood")
        .first()
        if active_plan is True
        else active_plan
    )
    return not isinstance(plan, Plan) or may_write_plan(actor=actor, plan=plan)


def may_update_action(*, actor: Actor, action: Action, plan: Plan) -> bool:
    """Planners, and the professional who owns the action (an involved professional reports
    their own work done)."""
    if action.owner_professional_id is not None and action.owner_professional_id == actor.user.pk:
        return True
    return may_write_plan(actor=actor, plan=plan)


def _require_writable(actor: Actor, plan: Plan) -> None:
    if not may_write_plan(actor=actor, plan=plan):
        raise PermissionDenied
    if plan.status != PlanStatus.ACTIVE:
        raise ValidationError({"plan": _("Only an active plan can be changed.")})


def _plan_change_record(
    *,
    actor: Actor,
    plan: Plan,
    instance: Goal | Action,
    audit_action: str,
    change: str,
    summary: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    timeline: tuple[str, dict[str, Any]] | None = None,
) -> PlanVersion:
    """Every change to the plan's content writes its audit row and a numbered plan version, in the
    transaction of the write; the changes that matter to everyone involved also go on the
    household's timeline."""
    if timeline is not None:
        timeline_add(household=plan.household, kind=timeline[0], actor=actor, data=timeline[1])
    audit_record(
        actor_user=actor.user,
        action=audit_action,
        instance=instance,
        before=before,
        after=after,
        household_uuid=plan.household.uuid,
    )
    # The plan row is locked so two writers cannot take the same version number.
    Plan.objects.select_for_update().filter(pk=plan.pk).values_list("pk", flat=True).get()
    last = (
        PlanVersion.objects.filter(plan=plan)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    version = PlanVersion(
        plan=plan,
        number=(last or 0) + 1,
        created_by=actor.user,
        change=change,
        summary=summary[:300],
        before=before,
        after=after,
    )
    version.save()
    return version


def _domain(domain: LifeDomain | str) -> LifeDomain:
    if isinstance(domain, LifeDomain):
        return domain
    found = LifeDomain.objects.filter(code=domain).first()
    if found is None:
        raise ValidationError({"domain": _("Choose a life domain from the list.")})
    return found


def _clean_text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value


@transaction.atomic
def goal_add(
    *,
    actor: Actor,
    plan: Plan,
    domain: LifeDomain | str,
    text: str,
    professional_note: str = "",
) -> Goal:
    _require_writable(actor, plan)
    text = _clean_text(text, "text", _("Write down the goal, in the resident's own words."))
    last = plan.goals.order_by("-position").values_list("position", flat=True).first()
    goal = Goal(
        plan=plan,
        domain=_domain(domain),
        text=text,
        professional_note=(professional_note or "").strip(),
        position=(last or 0) + 1,
    )
    goal.full_clean()
    goal.save()
    after = snapshot(goal)
    _plan_change_record(
        actor=actor,
        plan=plan,
        instance=goal,
        audit_action="plan.goal_add",
        change="goal.add",
        summary=_("Goal added (%(domain)s): %(text)s") % {"domain": goal.domain.name, "text": text},
        before=None,
        after=after,
        timeline=("plan.goal_added", {"domain": goal.domain.name}),
    )
    return goal


@transaction.atomic
def goal_update(
    *,
    actor: Actor,
    goal: Goal,
    text: str | None = None,
    professional_note: str | None = None,
    status: str | None = None,
    domain: LifeDomain | str | None = None,
) -> Goal:
    plan = goal.plan
    _require_writable(actor, plan)
    before = snapshot(goal)
    if text is not None:
        goal.text = _clean_text(
            text, "text", _("Write down the goal, in the resident's own words.")
        )
    if professional_note is not None:
        goal.professional_note = professional_note.strip()
    if status is not None:
        if status not in GoalStatus.values:
            raise ValidationError({"status": _("Choose a status from the list.")})
        goal.status = status
    if domain is not None:
        goal.domain = _domain(domain)
    goal.full_clean()
    after = snapshot(goal)
    if after == before:
        return goal
    goal.save()
    after = snapshot(goal)
    _plan_change_record(
        actor=actor,
        plan=plan,
        instance=goal,
        audit_action="plan.goal_update",
        change="goal.update",
        summary=_("Goal changed: %(text)s") % {"text": goal.text},
        before=before,
        after=after,
        timeline=_goal_timeline(goal, before=before),
    )
    return goal


def _goal_timeline(goal: Goal, *, before: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """A goal reached or stopped is news for the household's timeline; a rewording is not."""
    kinds = {GoalStatus.REACHED: "plan.goal_reached", GoalStatus.STOPPED: "plan.goal_stopped"}
    if before.get("status") == goal.status or goal.status not in kinds:
        return None
    return kinds[GoalStatus(goal.status)], {"domain": goal.domain.name}


def _check_owner(
    plan: Plan,
    *,
    resident: Resident | None,
    relative: str,
    professional: Any,
    organisation: Organisation | None,
) -> None:
    given = [
        owner
        for owner in (resident, relative, professional, organisation)
        if owner not in (None, "")
    ]
    if not given:
        raise ValidationError(
            {
                "owner": _(
                    "Say who does this: the resident, a relative, a professional or an organisation."
                )
            }
        )
    if len(given) > 1:
        raise ValidationError({"owner": _("An action has one owner. Choose only one.")})
    household = plan.household
    if (
        resident is not None
        and not HouseholdMember.objects.filter(
            household=household, resident=resident, until__isnull=True
        ).exists()
    ):
        raise ValidationError({"owner": _("This person is not a member of the household.")})
    involvements = Involvement.objects.filter(household=household, until__isnull=True)
    if (
        professional is not None
        and professional.pk
        not in {
            plan.coordinator_professional_id,
            plan.backup_professional_id,
        }
        and not involvements.filter(professional=professional).exists()
    ):
        # The same words as for a professional who does not exist (the API says this for an
        # unknown uuid): a refusal must not tell which accounts there are.
        raise ValidationError({"owner": _("You cannot choose this professional here.")})
    if organisation is not None and not involvements.filter(organisation=organisation).exists():
        raise ValidationError({"owner": _("You cannot choose this organisation here.")})


# A due date further ahead than this is a typing error (2062 for 2026), not a plan.
DUE_DATE_HORIZON = dt.timedelta(days=5 * 366)


def _check_due_date(plan: Plan, due_on: dt.date | None) -> None:
    if due_on is None:
        return
    if due_on < plan.started_on:
        raise ValidationError(
            {
                "due_on": _("This date is before the plan started (%(date)s).")
                % {"date": plan.started_on.strftime("%d-%m-%Y")}
            }
        )
    if due_on > timezone.localdate() + DUE_DATE_HORIZON:
        raise ValidationError({"due_on": _("This date is more than five years ahead.")})


@transaction.atomic
def action_add(
    *,
    actor: Actor,
    goal: Goal,
    what: str,
    owner_resident: Resident | None = None,
    owner_relative: str = "",
    owner_professional: Any = None,
    owner_organisation: Organisation | None = None,
    due_on: dt.date | None = None,
) -> Action:
    plan = goal.plan
    _require_writable(actor, plan)
    what = _clean_text(what, "what", _("Write down what will be done."))
    owner_relative = (owner_relative or "").strip()
    _check_due_date(plan, due_on)
    _check_owner(
        plan,
        resident=owner_resident,
        relative=owner_relative,
        professional=owner_professional,
        organisation=owner_organisation,
    )
    action = Action(
        goal=goal,
        what=what,
        owner_resident=owner_resident,
        owner_relative=owner_relative,
        owner_professional=owner_professional,
        owner_organisation=owner_organisation,
        due_on=due_on,
    )
    action.full_clean()
    action.save()
    after = snapshot(action)
    _plan_change_record(
        actor=actor,
        plan=plan,
        instance=action,
        audit_action="plan.action_add",
        change="action.add",
        summary=_("Action added for %(owner)s: %(what)s")
        % {"owner": action.owner_name, "what": what},
        before=None,
        after=after,
        timeline=("plan.action_added", {"owner": action.owner_name}),
    )
    return action


@transaction.atomic
def action_update_status(*, actor: Actor, action: Action, status: str) -> Action:
    plan = action.goal.plan
    if not may_update_action(actor=actor, action=action, plan=plan):
        raise PermissionDenied
    if plan.status != PlanStatus.ACTIVE:
        raise ValidationError({"plan": _("Only an active plan can be changed.")})
    if status not in ACTION_TRANSITIONS.get(action.status, frozenset()):
        raise ValidationError({"status": _("This change of status is not possible.")})
    before = snapshot(action)
    action.status = status
    action.done_on = timezone.localdate() if status == ActionStatus.DONE else None
    action.full_clean()
    action.save()
    after = snapshot(action)
    summaries = {
        ActionStatus.DONE: _("Action done: %(what)s"),
        ActionStatus.CANCELLED: _("Action cancelled: %(what)s"),
        ActionStatus.OPEN: _("Action reopened: %(what)s"),
    }
    _plan_change_record(
        actor=actor,
        plan=plan,
        instance=action,
        audit_action="plan.action_status",
        change="action.status",
        summary=summaries[ActionStatus(status)] % {"what": action.what},
        before=before,
        after=after,
        timeline=(
            ("plan.action_done", {"owner": action.owner_name})
            if status == ActionStatus.DONE
            else None
        ),
    )
    return action

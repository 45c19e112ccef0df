"""Writes of plans: start, change of coordinator (with reason), close."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.accounts.actor import Actor
from eenplan.households.models import Household, HouseholdMember, Resident
from eenplan.households.timeline import timeline_add
from eenplan.organisations.models import Membership, Role
from eenplan.plans.models import CoordinatorChange, Plan, PlanStatus
from eenplan.privacy.services import audit_record, snapshot
from eenplan.signalering.routing import may_coordinate

PLANNING_ROLES = frozenset({Role.REGISSEUR, Role.TEAMLEIDER})


def _check_coordinator(
    household: Household, professional: Any, resident: Resident | None, backup: Any
) -> None:
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
    if not actor.roles & PLANNING_ROLES:
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


@transaction.atomic
def plan_close(*, actor: Actor, plan: Plan) -> Plan:
    if not actor.roles & PLANNING_ROLES:
        raise PermissionDenied
    if plan.status != PlanStatus.ACTIVE:
        raise ValidationError({"plan": _("This plan is not active.")})
    before = snapshot(plan)
    plan.status = PlanStatus.CLOSED
    plan.closed_on = timezone.localdate()
    plan.save()
    audit_record(
        actor_user=actor.user,
        action="plan.close",
        instance=plan,
        before=before,
        after=snapshot(plan),
        household_uuid=plan.household.uuid,
    )
    timeline_add(household=plan.household, kind="plan.closed", actor=actor)
    return plan

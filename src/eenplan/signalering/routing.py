"""Where a signal goes: the team that covers the buurt, and the household's coordinator if any."""

from __future__ import annotations

from typing import Any

from eenplan.areas.models import Neighbourhood
from eenplan.households.models import Household, Involvement
from eenplan.organisations.models import (
    SIGNAL_ONLY_KINDS_DEFAULT,
    CoordinationRule,
    Membership,
    OrganisationKind,
    Role,
    Team,
)
from eenplan.plans.models import Plan, PlanStatus


def covering_team(neighbourhood: Neighbourhood | None) -> Team | None:
    """The municipality's wijkteam for the buurt's district: it triages what has no coordinator."""
    if neighbourhood is None:
        return None
    return (
        Team.objects.filter(
            districts=neighbourhood.district_id, organisation__kind=OrganisationKind.GEMEENTE
        )
        .order_by("id")
        .first()
    )


def active_plan(household: Household | None) -> Plan | None:
    if household is None:
        return None
    return Plan.objects.filter(household=household, status=PlanStatus.ACTIVE).first()


def coordinating_professional(household: Household | None) -> Any:
    """The professional who answers for the household: the coordinator, or the backup when the
    resident coordinates their own plan."""
    plan = active_plan(household)
    if plan is None:
        return None
    return plan.coordinator_professional or plan.backup_professional


def team_leads(team: Team | None) -> list[Any]:
    if team is None:
        return []
    return [
        m.user
        for m in Membership.objects.filter(team=team, role=Role.TEAMLEIDER, active=True)
        .select_related("user")
        .order_by("id")
    ]


def involved_professionals(household: Household, *, exclude_organisation_id: int | None = None):
    involvements = Involvement.objects.filter(
        household=household, until__isnull=True, professional__isnull=False
    )
    if exclude_organisation_id is not None:
        involvements = involvements.exclude(organisation_id=exclude_organisation_id)
    return [i.professional for i in involvements.select_related("professional").order_by("id")]


def may_coordinate(*, organisation_kind: str, municipality_id: int | None) -> bool:
    """The regional covenant's answer; without a rule of its own the national default applies."""
    if municipality_id is not None:
        rule = CoordinationRule.objects.filter(
            municipality_id=municipality_id, organisation_kind=organisation_kind
        ).first()
        if rule is not None:
            return rule.may_coordinate
    return organisation_kind not in SIGNAL_ONLY_KINDS_DEFAULT

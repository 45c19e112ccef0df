"""The household, plan and people the meeting tests share."""

import pytest

from eenplan.households.tests.factories import HouseholdFactory, InvolvementFactory
from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import professional
from eenplan.plans.tests.factories import GoalFactory, PlanFactory


@pytest.fixture
def case(actor_of):
    """A household with two members, an involved partner and a coordinated plan with one goal."""
    coordinator = professional(Role.REGISSEUR)
    household = HouseholdFactory(members=2)
    partner = professional(Role.PARTNER)
    involvement = InvolvementFactory(
        household=household,
        professional=partner,
        organisation=partner.memberships.get().organisation,
    )
    plan = PlanFactory(household=household, coordinator_professional=coordinator)
    goal = GoalFactory(plan=plan, text="Ik wil mijn huur op tijd betalen")
    members = [m.resident for m in household.members.order_by("id")]
    return {
        "household": household,
        "plan": plan,
        "goal": goal,
        "coordinator_user": coordinator,
        "coordinator": actor_of(coordinator),
        "partner_user": partner,
        "partner": actor_of(partner),
        "organisation": involvement.organisation,
        "member": members[0],
        "other_member": members[1],
    }

import pytest

from eenplan.households.tests.factories import HouseholdFactory
from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import professional
from eenplan.plans.tests.factories import PlanFactory


@pytest.fixture
def case(actor_of):  # type: ignore[no-untyped-def]
    """A household of two with its coordinating regisseur: (household, resident, user, actor)."""
    household = HouseholdFactory(members=2)
    resident = household.members.order_by("id").first().resident
    user = professional(Role.REGISSEUR)
    PlanFactory(household=household, coordinator_professional=user)
    return household, resident, user, actor_of(user)

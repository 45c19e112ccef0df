"""A small world for the API tests: one household, every kind of person who might ask for it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from eenplan.areas.tests.factories import DistrictFactory, NeighbourhoodFactory
from eenplan.households.bsn import bsn_pseudonym, encrypt_bsn
from eenplan.households.models import Household, Resident
from eenplan.households.tests.factories import HouseholdFactory, InvolvementFactory, make_bsn
from eenplan.organisations.models import Organisation, Role
from eenplan.organisations.tests.factories import (
    OrganisationFactory,
    TeamFactory,
    UserFactory,
    professional,
)
from eenplan.plans.tests.factories import PlanFactory


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    # Throttling counts requests in the cache; one test's requests must not count in the next.
    cache.clear()
    yield
    cache.clear()


@dataclass
class World:
    household: Household
    resident: Resident
    other_household: Household
    organisation: Organisation
    users: dict[str, Any]


BSN = make_bsn(7)

# The people of the access matrix. Who may see `World.household`:
SEES_HOUSEHOLD = {"regisseur", "partner_involved", "lead_covering", "resident"}
PROFESSIONALS = {
    "regisseur",
    "partner_involved",
    "partner_not_involved",
    "lead_covering",
    "lead_other",
    "beleid",
    "privacy",
    "beheer",
}
PEOPLE = [*sorted(PROFESSIONALS), "resident", "other_resident", "anonymous"]


@pytest.fixture
def world(db) -> World:
    district = DistrictFactory()
    household = HouseholdFactory(members=2, neighbourhood=NeighbourhoodFactory(district=district))
    resident = household.members.order_by("id").first().resident
    Resident.objects.filter(pk=resident.pk).update(
        bsn_encrypted=encrypt_bsn(BSN), bsn_pseudonym=bsn_pseudonym(BSN)
    )
    resident.refresh_from_db()
    other_household = HouseholdFactory(members=1)

    regisseur = professional(Role.REGISSEUR, username="regisseur")
    PlanFactory(household=household, coordinator_professional=regisseur)
    corporation = OrganisationFactory(corporation=True, name="Woonstichting Test")
    partner_team = TeamFactory(organisation=corporation, name="Woonconsulenten")
    partner_involved = professional(Role.PARTNER, team=partner_team, username="partner_involved")
    InvolvementFactory(
        household=household,
        organisation=corporation,
        team=partner_team,
        professional=partner_involved,
    )
    users = {
        "regisseur": regisseur,
        "partner_involved": partner_involved,
        "partner_not_involved": professional(Role.PARTNER, username="partner_not_involved"),
        "lead_covering": professional(
            Role.TEAMLEIDER, team=TeamFactory(districts=[district]), username="lead_covering"
        ),
        "lead_other": professional(
            Role.TEAMLEIDER,
            team=TeamFactory(districts=[DistrictFactory()]),
            username="lead_other",
        ),
        "beleid": professional(Role.BELEID, username="beleid"),
        "privacy": professional(Role.PRIVACY, username="privacy"),
        "beheer": professional(Role.BEHEER, username="beheer"),
        "resident": _login_for(resident, "resident"),
        "other_resident": _login_for(other_household.members.get().resident, "other_resident"),
        "anonymous": None,
    }
    return World(
        household=household,
        resident=resident,
        other_household=other_household,
        organisation=corporation,
        users=users,
    )


def _login_for(resident: Resident, username: str) -> Any:
    user = UserFactory(username=username)
    resident.user = user
    resident.save(update_fields=["user"])
    return user


def client_for(user: Any) -> APIClient:
    """A client that authenticates the way an integration would: with a token."""
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client

"""One household (Fatima Bakker and her son) with a coordinating regisseur, an involved partner
from a housing corporation, and people who have nothing to do with it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from eenplan.households.models import Relation
from eenplan.households.tests.factories import (
    HouseholdFactory,
    HouseholdMemberFactory,
    InvolvementFactory,
    ResidentFactory,
)
from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import (
    OrganisationFactory,
    TeamFactory,
    UserFactory,
    professional,
)
from eenplan.plans.tests.factories import GoalFactory, PlanFactory

TODAY = dt.date(2026, 11, 23)


@dataclass
class World:
    regisseur: Any
    backup: Any
    partner: Any
    outsider: Any
    beleid: Any
    corporation: Any
    household: Any
    mother: Any
    son: Any
    resident_user: Any
    plan: Any
    goal: Any


@pytest.fixture
def world(db) -> World:  # type: ignore[no-untyped-def]
    regisseur = professional(Role.REGISSEUR, first_name="Sanne", last_name="Visser")
    backup = professional(Role.REGISSEUR, team=TeamFactory(organisation=OrganisationFactory()))
    corporation = OrganisationFactory(name="Woonstad", corporation=True)
    partner = professional(Role.PARTNER, team=TeamFactory(organisation=corporation))
    outsider = professional(Role.REGISSEUR)
    beleid = professional(Role.BELEID)
    household = HouseholdFactory(name="Huishouden Bakker", members=0)
    mother = ResidentFactory(given_names="Fatima", surname="Bakker")
    son = ResidentFactory(given_names="Daan", surname="Bakker")
    HouseholdMemberFactory(household=household, resident=mother, relation=Relation.MAIN_RESIDENT)
    HouseholdMemberFactory(household=household, resident=son, relation=Relation.CHILD)
    resident_user = UserFactory()
    mother.user = resident_user
    mother.save()
    plan = PlanFactory(household=household, coordinator_professional=regisseur)
    InvolvementFactory(household=household, organisation=corporation, professional=partner)
    goal = GoalFactory(plan=plan, text="Ik wil mijn huur weer op tijd betalen")
    return World(
        regisseur=regisseur,
        backup=backup,
        partner=partner,
        outsider=outsider,
        beleid=beleid,
        corporation=corporation,
        household=household,
        mother=mother,
        son=son,
        resident_user=resident_user,
        plan=plan,
        goal=goal,
    )


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))

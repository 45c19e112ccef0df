"""A small neighbourhood with a wijkteam, a housing corporation, youth care and one household."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from eenplan.areas.tests.factories import NeighbourhoodFactory, PostcodeAreaFactory
from eenplan.households.models import Relation
from eenplan.households.tests.factories import (
    HouseholdFactory,
    HouseholdMemberFactory,
    InvolvementFactory,
    ResidentFactory,
    make_bsn,
)
from eenplan.organisations.models import OrganisationKind, Role
from eenplan.organisations.tests.factories import OrganisationFactory, TeamFactory, professional
from eenplan.plans.tests.factories import PlanFactory


@dataclass
class World:
    neighbourhood: Any
    wijkteam: Any
    regisseur: Any
    colleague: Any
    teamleider: Any
    corporation: Any
    woonconsulent: Any
    youth_care: Any
    youth_worker: Any
    energy: Any
    energy_contact: Any
    melder: Any
    outsider: Any
    household: Any
    mother: Any
    son: Any
    bsn: str
    son_bsn: str


@pytest.fixture
def world(db) -> World:  # type: ignore[no-untyped-def]
    neighbourhood = NeighbourhoodFactory(name="Zuilen-Noord")
    PostcodeAreaFactory(pc4="3554", neighbourhood=neighbourhood)
    wijkteam = TeamFactory(name="Wijkteam Noordwest")
    wijkteam.districts.add(neighbourhood.district)
    regisseur = professional(Role.REGISSEUR, team=wijkteam, first_name="Sanne")
    colleague = professional(Role.REGISSEUR, team=wijkteam)
    teamleider = professional(Role.TEAMLEIDER, team=wijkteam)
    corporation = OrganisationFactory(name="Woonstad", corporation=True, phone="030 123 45 67")
    woonconsulent = professional(
        Role.PARTNER, team=TeamFactory(organisation=corporation), phone="06 11111111"
    )
    youth_care = OrganisationFactory(name="Jeugdzorg Midden", kind=OrganisationKind.JEUGDHULP)
    youth_worker = professional(Role.PARTNER, team=TeamFactory(organisation=youth_care))
    # An energy company with a covenant that lets it pass on the BSN in its early-signal files.
    energy = OrganisationFactory(
        name="Stroom BV", kind=OrganisationKind.OVERIG, may_process_bsn=True
    )
    energy_contact = professional(Role.PARTNER, team=TeamFactory(organisation=energy))
    neighbours = OrganisationFactory(name="Bewonersgroep", kind=OrganisationKind.BEWONERSINITIATIEF)
    melder = professional(Role.MELDER, organisation=neighbours)
    outsider = professional(Role.REGISSEUR)  # another wijkteam
    household = HouseholdFactory(
        name="Huishouden Bakker",
        postcode="3554AB",
        house_number=12,
        neighbourhood=neighbourhood,
        members=0,
    )
    bsn = make_bsn(4242)
    mother = ResidentFactory(
        given_names="Fatima",
        surname="Bakker",
        birth_date=dt.date(1984, 3, 7),
        postcode="3554AB",
        house_number=12,
        bsn=bsn,
    )
    son = ResidentFactory(
        given_names="Daan",
        surname="Bakker",
        birth_date=dt.date(2008, 6, 1),
        postcode="3554AB",
        house_number=12,
        bsn=make_bsn(4343),
    )
    HouseholdMemberFactory(household=household, resident=mother, relation=Relation.MAIN_RESIDENT)
    HouseholdMemberFactory(household=household, resident=son, relation=Relation.CHILD)
    PlanFactory(household=household, coordinator_professional=regisseur)
    InvolvementFactory(
        household=household,
        organisation=wijkteam.organisation,
        team=wijkteam,
        professional=regisseur,
    )
    InvolvementFactory(household=household, organisation=youth_care, professional=youth_worker)
    return World(
        neighbourhood=neighbourhood,
        wijkteam=wijkteam,
        regisseur=regisseur,
        colleague=colleague,
        teamleider=teamleider,
        corporation=corporation,
        woonconsulent=woonconsulent,
        youth_care=youth_care,
        youth_worker=youth_worker,
        energy=energy,
        energy_contact=energy_contact,
        melder=melder,
        outsider=outsider,
        household=household,
        mother=mother,
        son=son,
        bsn=bsn,
        son_bsn=make_bsn(4343),
    )

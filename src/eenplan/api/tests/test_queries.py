"""The busy endpoints cost the same number of queries for 5 households (or members) as for 30."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eenplan.households.models import HouseholdMember, Relation
from eenplan.households.tests.factories import (
    HouseholdFactory,
    InvolvementFactory,
    ResidentFactory,
)
from eenplan.households.timeline import timeline_add
from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import TeamFactory, professional
from eenplan.plans.tests.factories import PlanFactory
from eenplan.taxonomy.models import LifeDomain

from .conftest import client_for

pytestmark = pytest.mark.django_db


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"paginaGrootte": 100})
    assert response.status_code == 200
    return len(queries)


def test_caseload_queries_do_not_grow_with_households():
    regisseur = professional(Role.REGISSEUR)
    client = client_for(regisseur)
    url = reverse("api:household-list")

    def add_households(count: int) -> None:
        for _ in range(count):
            PlanFactory(household=HouseholdFactory(members=2), coordinator_professional=regisseur)

    add_households(5)
    few = count_queries(client, url)
    add_households(25)
    many = count_queries(client, url)
    assert client.get(url, {"paginaGrootte": 100}).json()["count"] == 30
    assert few == many


def test_household_detail_queries_do_not_grow_with_members_and_involvements(actor_of):
    regisseur = professional(Role.REGISSEUR)
    household = HouseholdFactory(members=0)
    PlanFactory(household=household, coordinator_professional=regisseur)
    client = client_for(regisseur)
    url = reverse("api:household-detail", kwargs={"uuid": household.uuid})
    domains = list(LifeDomain.objects.all()[:3])
    actor = actor_of(regisseur)

    def grow(count: int) -> None:
        for _ in range(count):
            HouseholdMember.objects.create(
                household=household,
                resident=ResidentFactory(),
                relation=Relation.CHILD,
                since=dt.date(2024, 1, 1),
            )
            team = TeamFactory()
            involvement = InvolvementFactory(
                household=household,
                organisation=team.organisation,
                team=team,
                professional=professional(Role.PARTNER, team=team),
            )
            involvement.domains.set(domains)
            timeline_add(household=household, kind="household.created", actor=actor)

    grow(5)
    few = count_queries(client, url)
    grow(25)
    many = count_queries(client, url)
    body = client.get(url).json()
    assert len(body["leden"]) == 30 and len(body["betrokkenen"]) == 30
    assert few == many

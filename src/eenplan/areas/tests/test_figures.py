"""Figures for policy: aggregates per wijk, small numbers hidden, never a person."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eenplan.areas.selectors import (
    ACTIVE_PLANS,
    COORDINATOR_PROFESSIONAL,
    COORDINATOR_RESIDENT,
    HOUSEHOLDS,
    TOTAL,
    area_figures,
    suppress,
)
from eenplan.areas.tests.factories import DistrictFactory, NeighbourhoodFactory
from eenplan.households.models import Resident
from eenplan.households.tests.factories import HouseholdFactory, InvolvementFactory
from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import OrganisationFactory, professional
from eenplan.plans.tests.factories import PlanFactory

pytestmark = pytest.mark.django_db

URL = reverse("areas:figures")


def households_with_plans(district, count, *, resident_coordinated=0):
    neighbourhood = NeighbourhoodFactory(district=district)
    coordinator = professional()
    households = []
    for index in range(count):
        household = HouseholdFactory(neighbourhood=neighbourhood)
        if index < resident_coordinated:
            resident = household.members.get().resident
            PlanFactory(
                household=household,
                coordinator_professional=None,
                coordinator_resident=resident,
                backup_professional=coordinator,
            )
        else:
            PlanFactory(household=household, coordinator_professional=coordinator)
        households.append(household)
    return households


def cell(figures, district, column):
    row = next(r for r in [*figures.rows, figures.total] if r.key == district)
    return row.cells[figures.columns.index(column)]


@pytest.fixture
def policy(actor_of):
    return actor_of(professional(Role.BELEID))


def test_a_wijk_with_three_plans_shows_less_than_ten(client, policy):
    small, large = DistrictFactory(name="Klein"), DistrictFactory(name="Groot")
    households_with_plans(small, 3)
    households_with_plans(large, 25)
    figures = area_figures(actor=policy)
    assert str(cell(figures, small.pk, ACTIVE_PLANS)) == "< 10"
    assert cell(figures, small.pk, ACTIVE_PLANS).value == 3  # kept, but never printed
    assert str(cell(figures, large.pk, HOUSEHOLDS)) in {"25", "< 10"}


def test_the_other_part_of_a_shown_total_is_hidden_too(policy):
    """3 + 25 = 28 plans in the municipality: showing 28 and 25 would give away the 3."""
    small, large = DistrictFactory(), DistrictFactory()
    households_with_plans(small, 3)
    households_with_plans(large, 25)
    figures = area_figures(actor=policy)
    assert str(cell(figures, TOTAL, ACTIVE_PLANS)) == "28"
    assert cell(figures, large.pk, ACTIVE_PLANS).suppressed


def test_coordinator_split_is_hidden_as_a_pair(policy):
    district = DistrictFactory()
    households_with_plans(district, 12, resident_coordinated=1)
    figures = area_figures(actor=policy)
    assert not cell(figures, district.pk, ACTIVE_PLANS).suppressed
    assert cell(figures, district.pk, COORDINATOR_RESIDENT).suppressed
    assert cell(figures, district.pk, COORDINATOR_PROFESSIONAL).suppressed


def test_large_counts_are_shown(policy):
    district = DistrictFactory()
    households_with_plans(district, 12)
    other = DistrictFactory()
    households_with_plans(other, 11)
    figures = area_figures(actor=policy)
    assert str(cell(figures, district.pk, ACTIVE_PLANS)) == "12"
    assert str(cell(figures, other.pk, ACTIVE_PLANS)) == "11"
    assert str(cell(figures, TOTAL, ACTIVE_PLANS)) == "23"


def test_involvements_are_counted_per_organisation_kind(policy):
    district = DistrictFactory()
    households = households_with_plans(district, 11)
    corporation = OrganisationFactory(corporation=True)
    for household in households:
        InvolvementFactory(household=household, organisation=corporation)
    figures = area_figures(actor=policy)
    assert "woningcorporatie" in figures.columns
    assert str(cell(figures, district.pk, "woningcorporatie")) == "11"


def test_suppress_hides_complementary_cells_until_stable():
    values = {("a", "x"): 3, ("b", "x"): 20, ("c", "x"): 30, (TOTAL, "x"): 53}
    groups = [((TOTAL, "x"), [("a", "x"), ("b", "x"), ("c", "x")])]
    assert suppress(values, groups, 10) == {("a", "x"), ("b", "x")}
    # Two parts hidden already: nothing more to hide.
    values[("b", "x")] = 5
    assert suppress(values, groups, 10) == {("a", "x"), ("b", "x")}


def test_page_shows_no_person_and_credits_cbs(client):
    district = DistrictFactory(name="Overvecht", inhabitants=35000)
    households = households_with_plans(district, 12)
    client.force_login(professional(Role.TEAMLEIDER))
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Overvecht" in html
    assert "35.000" in html or "35,000" in html
    assert "Bron: CBS" in html
    assert '<caption class="utrecht-table__caption">' in html
    assert 'scope="row"' in html and 'scope="col"' in html
    for resident in Resident.objects.all():
        assert resident.surname not in html
        assert str(resident.uuid) not in html
    for household in households:
        assert str(household.uuid) not in html
        assert household.name not in html


def test_query_count_does_not_grow_with_wijken(client):
    client.force_login(professional(Role.BELEID))

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    households_with_plans(DistrictFactory(), 2)
    few = queries()
    for _ in range(4):
        district = DistrictFactory()
        for household in households_with_plans(district, 3):
            InvolvementFactory(household=household)
    assert queries() == few


def test_anonymous_goes_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("role", [Role.REGISSEUR, Role.PARTNER, Role.PRIVACY, Role.BEHEER])
def test_other_roles_get_404(client, role):
    client.force_login(professional(role))
    assert client.get(URL).status_code == 404


def test_resident_gets_404(client):
    resident = HouseholdFactory().members.get().resident
    from eenplan.organisations.tests.factories import UserFactory

    resident.user = UserFactory()
    resident.save()
    client.force_login(resident.user)
    assert client.get(URL).status_code == 404

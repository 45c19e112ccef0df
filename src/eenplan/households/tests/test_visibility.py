"""Need-to-know, decided in the selector: who sees which household."""

import datetime as dt

import pytest
from django.http import Http404
from django.utils import timezone

from eenplan.areas.tests.factories import DistrictFactory, NeighbourhoodFactory
from eenplan.households.selectors import household_detail, households_visible_to
from eenplan.households.tests.factories import HouseholdFactory, InvolvementFactory
from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import TeamFactory, professional
from eenplan.plans.tests.factories import PlanFactory
from eenplan.privacy.models import AccessLogEntry, AccessPurpose, BreakTheGlassGrant

pytestmark = pytest.mark.django_db


def visible(actor):
    return set(households_visible_to(actor).values_list("pk", flat=True))


def test_coordinator_sees_own_household_only(actor_of):
    coordinator = professional()
    mine = PlanFactory(coordinator_professional=coordinator).household
    PlanFactory()  # someone else's
    assert visible(actor_of(coordinator)) == {mine.pk}


def test_backup_professional_sees_household(actor_of):
    backup = professional()
    household = HouseholdFactory(members=1)
    resident = household.members.get().resident
    PlanFactory(
        household=household,
        coordinator_professional=None,
        coordinator_resident=resident,
        backup_professional=backup,
    )
    assert visible(actor_of(backup)) == {household.pk}


def test_team_involvement_opens_household_to_every_team_member(actor_of):
    team = TeamFactory()
    colleague = professional(Role.PARTNER, team=team)
    household = InvolvementFactory(team=team, organisation=team.organisation).household
    assert visible(actor_of(colleague)) == {household.pk}


def test_ended_involvement_closes_household(actor_of):
    partner = professional(Role.PARTNER)
    InvolvementFactory(professional=partner, until=dt.date(2025, 1, 1))
    assert visible(actor_of(partner)) == set()


def test_team_lead_sees_district_of_own_team(actor_of):
    district = DistrictFactory()
    team = TeamFactory(districts=[district])
    lead = professional(Role.TEAMLEIDER, team=team)
    inside = HouseholdFactory(neighbourhood=NeighbourhoodFactory(district=district))
    HouseholdFactory()  # another district
    assert visible(actor_of(lead)) == {inside.pk}


def test_regisseur_of_covering_team_does_not_see_whole_district(actor_of):
    district = DistrictFactory()
    team = TeamFactory(districts=[district])
    regisseur = professional(Role.REGISSEUR, team=team)
    HouseholdFactory(neighbourhood=NeighbourhoodFactory(district=district))
    assert visible(actor_of(regisseur)) == set()


@pytest.mark.parametrize("role", [Role.BELEID, Role.PRIVACY, Role.BEHEER])
def test_non_case_roles_see_no_household_even_when_involved(actor_of, role):
    user = professional(role)
    InvolvementFactory(professional=user)
    assert visible(actor_of(user)) == set()


def test_resident_sees_own_household_only(actor_of):
    household = HouseholdFactory(members=2)
    HouseholdFactory(members=1)
    member = household.members.first()
    user = professional.__globals__["UserFactory"]()
    member.resident.user = user
    member.resident.save()
    assert visible(actor_of(user)) == {household.pk}


def test_break_the_glass_is_time_limited_and_logged_as_such(actor_of):
    user = professional()
    household = HouseholdFactory(members=1)
    actor = actor_of(user)
    with pytest.raises(Http404):
        household_detail(actor=actor, household_uuid=household.uuid)
    grant = BreakTheGlassGrant.objects.create(
        user=user,
        household=household,
        reason="Acute zorg: deur blijft dicht, buren bellen",
        expires_at=timezone.now() + dt.timedelta(hours=1),
    )
    detail = household_detail(actor=actor, household_uuid=household.uuid)
    assert detail.purpose == AccessPurpose.BREAK_THE_GLASS
    entry = AccessLogEntry.objects.order_by("-seq").first()
    assert entry.purpose == AccessPurpose.BREAK_THE_GLASS
    assert entry.reason == grant.reason
    BreakTheGlassGrant.objects.filter(pk=grant.pk).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    with pytest.raises(Http404):
        household_detail(actor=actor, household_uuid=household.uuid)


def test_unknown_and_invisible_households_are_the_same_404(actor_of):
    user = professional()
    other = HouseholdFactory()
    actor = actor_of(user)
    for key in (other.uuid, "00000000-0000-0000-0000-000000000000", "not-a-uuid"):
        with pytest.raises(Http404):
            household_detail(actor=actor, household_uuid=key)

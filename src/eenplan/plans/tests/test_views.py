"""Starting a plan and changing its coordinator from the household page."""

import pytest
from django.urls import reverse

from eenplan.households.tests.factories import HouseholdFactory, InvolvementFactory
from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import professional
from eenplan.plans.models import CoordinatorChange, Plan, PlanStatus
from eenplan.plans.tests.factories import PlanFactory
from eenplan.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(client):
    regisseur = professional(Role.REGISSEUR)
    household = HouseholdFactory(members=2)
    InvolvementFactory(household=household, professional=regisseur)
    client.force_login(regisseur)
    return regisseur, household


def test_start_plan_with_self_as_coordinator(client, setting):
    regisseur, household = setting
    url = reverse("households:plan_start", kwargs={"household_uuid": household.uuid})
    page = client.get(url).content.decode()
    assert "Plan starten" in page
    response = client.post(url, {"coordinator": f"p{regisseur.pk}", "summary": "Eerst schulden."})
    assert response.status_code == 302
    plan = Plan.objects.get(household=household, status=PlanStatus.ACTIVE)
    assert plan.coordinator_professional == regisseur and plan.summary == "Eerst schulden."
    assert AuditEvent.objects.filter(action="plan.start").exists()


def test_resident_coordinator_needs_a_backup(client, setting):
    regisseur, household = setting
    resident = household.members.first().resident
    url = reverse("households:plan_start", kwargs={"household_uuid": household.uuid})
    response = client.post(url, {"coordinator": f"r{resident.pk}"})
    assert response.status_code == 200
    assert "achtervang" in response.content.decode()
    assert not Plan.objects.exists()
    response = client.post(url, {"coordinator": f"r{resident.pk}", "backup": f"p{regisseur.pk}"})
    assert response.status_code == 302
    assert Plan.objects.get().coordinator_resident == resident


def test_someone_outside_the_household_cannot_be_chosen(client, setting):
    _, household = setting
    stranger = professional()
    url = reverse("households:plan_start", kwargs={"household_uuid": household.uuid})
    response = client.post(url, {"coordinator": f"p{stranger.pk}"})
    assert response.status_code == 200
    assert not Plan.objects.exists()


def test_change_coordinator_needs_reason_and_records_it(client, setting):
    regisseur, household = setting
    colleague = professional(Role.PARTNER)
    InvolvementFactory(household=household, professional=colleague)
    plan = PlanFactory(household=household, coordinator_professional=regisseur)
    url = reverse("households:plan_change_coordinator", kwargs={"household_uuid": household.uuid})
    missing = client.post(url, {"coordinator": f"p{colleague.pk}", "reason": ""})
    assert missing.status_code == 200
    assert "Dit veld is vereist." in missing.content.decode()
    response = client.post(
        url, {"coordinator": f"p{colleague.pk}", "reason": "Werk en inkomen voorop."}
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.coordinator_professional == colleague
    assert CoordinatorChange.objects.get().reason == "Werk en inkomen voorop."


def test_partner_may_not_start_a_plan(client):
    partner = professional(Role.PARTNER)
    household = InvolvementFactory(professional=partner).household
    client.force_login(partner)
    url = reverse("households:plan_start", kwargs={"household_uuid": household.uuid})
    assert client.get(url).status_code == 403


def test_plan_pages_of_invisible_household_are_404(client, setting):
    other = HouseholdFactory()
    url = reverse("households:plan_start", kwargs={"household_uuid": other.uuid})
    assert client.get(url).status_code == 404


def test_starting_a_second_plan_says_there_is_one_already(client, setting):
    regisseur, household = setting
    PlanFactory(household=household, coordinator_professional=regisseur)
    url = reverse("households:plan_start", kwargs={"household_uuid": household.uuid})
    response = client.get(url, follow=True)
    assert response.redirect_chain[-1][0].endswith(f"/huishoudens/{household.uuid}/")
    assert "heeft al een plan" in response.content.decode()
    assert Plan.objects.filter(household=household).count() == 1


def test_another_regisseur_who_sees_the_household_does_not_take_the_plan_over(client, setting):
    regisseur, household = setting
    coordinator = professional(Role.REGISSEUR)
    plan = PlanFactory(household=household, coordinator_professional=coordinator)
    url = reverse("households:plan_change_coordinator", kwargs={"household_uuid": household.uuid})
    assert client.get(url).status_code == 403
    response = client.post(url, {"coordinator": f"p{regisseur.pk}", "reason": "Ik neem het over."})
    assert response.status_code == 403
    plan.refresh_from_db()
    assert plan.coordinator_professional == coordinator
    assert not CoordinatorChange.objects.exists()
    page = client.get(reverse("households:detail", kwargs={"household_uuid": household.uuid}))
    assert url not in page.content.decode()

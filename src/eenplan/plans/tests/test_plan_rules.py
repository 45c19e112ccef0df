"""One active plan per household and exactly one coordinator: enforced by the database itself."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from eenplan.households.tests.factories import HouseholdFactory
from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import UserFactory, professional
from eenplan.plans.models import CoordinatorChange, Plan, PlanStatus
from eenplan.plans.services import plan_change_coordinator, plan_close, plan_start
from eenplan.plans.tests.factories import PlanFactory
from eenplan.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_database_refuses_second_active_plan():
    plan = PlanFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.create(
            household=plan.household,
            status=PlanStatus.ACTIVE,
            started_on=plan.started_on,
            coordinator_professional=UserFactory(),
        )


def test_database_allows_closed_plans_next_to_an_active_one():
    plan = PlanFactory()
    Plan.objects.create(
        household=plan.household, status=PlanStatus.CLOSED, started_on=plan.started_on
    )
    assert plan.household.plans.count() == 2


def test_database_refuses_active_plan_without_coordinator():
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanFactory(coordinator_professional=None)


def test_database_refuses_two_coordinators():
    household = HouseholdFactory(members=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanFactory(
            household=household,
            coordinator_resident=household.members.get().resident,
            backup_professional=UserFactory(),
        )


def test_database_refuses_resident_coordinator_without_backup():
    household = HouseholdFactory(members=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanFactory(
            household=household,
            coordinator_professional=None,
            coordinator_resident=household.members.get().resident,
        )


def test_plan_start_audits_and_refuses_second(actor_of):
    user = professional(Role.REGISSEUR)
    actor = actor_of(user)
    household = HouseholdFactory()
    plan = plan_start(actor=actor, household=household, coordinator_professional=user)
    event = AuditEvent.objects.get(action="plan.start")
    assert event.object_id == str(plan.pk)
    assert event.after["coordinator_professional_id"] == user.pk
    with pytest.raises(ValidationError) as info:
        plan_start(actor=actor, household=household, coordinator_professional=user)
    assert "household" in info.value.message_dict
    assert Plan.objects.filter(household=household).count() == 1


def test_resident_may_coordinate_with_professional_backup(actor_of):
    user = professional(Role.REGISSEUR)
    household = HouseholdFactory(members=1)
    resident = household.members.get().resident
    with pytest.raises(ValidationError):
        plan_start(actor=actor_of(user), household=household, coordinator_resident=resident)
    plan = plan_start(
        actor=actor_of(user),
        household=household,
        coordinator_resident=resident,
        backup_professional=user,
    )
    assert plan.coordinator_name == resident.full_name


@pytest.mark.parametrize("who", ["resident login", "policy adviser", "former employee"])
@pytest.mark.parametrize("as_", ["coordinator", "backup"])
def test_only_someone_who_works_with_households_carries_a_plan(actor_of, who, as_):
    user = professional(Role.REGISSEUR)
    household = HouseholdFactory(members=1)
    if who == "resident login":
        person = UserFactory()
    elif who == "policy adviser":
        person = professional(Role.BELEID)
    else:
        person = professional(Role.REGISSEUR)
        person.memberships.update(active=False)
    if as_ == "coordinator":
        people = {"coordinator_professional": person}
    else:
        people = {
            "coordinator_resident": household.members.get().resident,
            "backup_professional": person,
        }
    with pytest.raises(ValidationError) as info:
        plan_start(actor=actor_of(user), household=household, **people)
    field = "coordinator" if as_ == "coordinator" else "backup_professional"
    assert field in info.value.message_dict
    assert not Plan.objects.filter(household=household).exists()
    assert not AuditEvent.objects.filter(action="plan.start").exists()


def test_change_of_coordinator_needs_reason_and_is_recorded(actor_of):
    user = professional(Role.REGISSEUR)
    successor = professional(Role.REGISSEUR)
    plan = PlanFactory(coordinator_professional=user)
    actor = actor_of(user)
    with pytest.raises(ValidationError):
        plan_change_coordinator(
            actor=actor, plan=plan, reason="  ", coordinator_professional=successor
        )
    assert not CoordinatorChange.objects.exists()
    plan_change_coordinator(
        actor=actor,
        plan=plan,
        reason="Verhuisd naar andere wijk",
        coordinator_professional=successor,
    )
    change = CoordinatorChange.objects.get()
    assert (change.previous_professional, change.new_professional) == (user, successor)
    assert change.reason == "Verhuisd naar andere wijk"
    plan.refresh_from_db()
    assert plan.coordinator_professional == successor
    audit = AuditEvent.objects.get(action="plan.change_coordinator")
    assert audit.before["coordinator_professional_id"] == user.pk
    assert audit.after["coordinator_professional_id"] == successor.pk


def test_partner_may_not_start_or_close_plans(actor_of):
    partner = professional(Role.PARTNER)
    with pytest.raises(PermissionDenied):
        plan_start(
            actor=actor_of(partner), household=HouseholdFactory(), coordinator_professional=partner
        )
    with pytest.raises(PermissionDenied):
        plan_close(actor=actor_of(partner), plan=PlanFactory(), reason="Klaar.")


def test_audit_rolls_back_with_failed_write(actor_of, monkeypatch):
    """Write and audit share one transaction: if the audit fails, the write is gone too."""
    user = professional(Role.REGISSEUR)
    household = HouseholdFactory()

    def broken_audit(**kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr("eenplan.plans.services.audit_record", broken_audit)
    with pytest.raises(RuntimeError):
        plan_start(actor=actor_of(user), household=household, coordinator_professional=user)
    assert not Plan.objects.filter(household=household).exists()


class TestCovenant:
    """Which kinds of organisation may coordinate is the municipality's rule (issue 3, point 4)."""

    def test_police_may_signal_but_not_coordinate_by_default(self, actor_of):
        from eenplan.organisations.models import OrganisationKind, Role
        from eenplan.organisations.tests.factories import OrganisationFactory, professional

        household = HouseholdFactory()
        lead = professional(Role.TEAMLEIDER)
        agent = professional(
            Role.PARTNER, organisation=OrganisationFactory(kind=OrganisationKind.POLITIE)
        )
        with pytest.raises(ValidationError) as caught:
            plan_start(actor=actor_of(lead), household=household, coordinator_professional=agent)
        assert "coordinator" in caught.value.message_dict

    def test_a_municipality_rule_overrides_the_default(self, actor_of):
        from eenplan.organisations.models import CoordinationRule, OrganisationKind, Role
        from eenplan.organisations.tests.factories import OrganisationFactory, professional

        household = HouseholdFactory()
        municipality = household.neighbourhood.district.municipality
        lead = professional(Role.TEAMLEIDER)
        corporation_worker = professional(
            Role.PARTNER, organisation=OrganisationFactory(kind=OrganisationKind.WONINGCORPORATIE)
        )
        CoordinationRule.objects.create(
            municipality=municipality,
            organisation_kind=OrganisationKind.WONINGCORPORATIE,
            may_coordinate=False,
        )
        with pytest.raises(ValidationError):
            plan_start(
                actor=actor_of(lead),
                household=household,
                coordinator_professional=corporation_worker,
            )
        CoordinationRule.objects.filter(municipality=municipality).update(may_coordinate=True)
        plan = plan_start(
            actor=actor_of(lead), household=household, coordinator_professional=corporation_worker
        )
        assert plan.coordinator_professional == corporation_worker

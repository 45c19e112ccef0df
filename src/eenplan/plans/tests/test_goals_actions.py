"""Goals and actions in the plan: who may write, bad input, a version with every change, and the
audit row in the same transaction."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from eenplan.areas.tests.factories import DistrictFactory, NeighbourhoodFactory
from eenplan.households.tests.factories import HouseholdFactory, InvolvementFactory
from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import OrganisationFactory, TeamFactory, professional
from eenplan.plans.models import Action, ActionStatus, Goal, GoalStatus, PlanStatus, PlanVersion
from eenplan.plans.services import (
    action_add,
    action_update_status,
    goal_add,
    goal_update,
    plan_close,
    plan_start,
)
from eenplan.plans.tests.factories import ActionFactory, GoalFactory, PlanFactory
from eenplan.privacy.models import AuditEvent
from eenplan.taxonomy.models import LifeDomain

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(actor_of):
    """A household with two members, an involved partner organisation and a coordinated plan."""
    coordinator = professional(Role.REGISSEUR)
    household = HouseholdFactory(members=2)
    partner = professional(Role.PARTNER)
    involvement = InvolvementFactory(
        household=household,
        professional=partner,
        organisation=partner.memberships.get().organisation,
    )
    plan = PlanFactory(household=household, coordinator_professional=coordinator)
    return {
        "plan": plan,
        "household": household,
        "coordinator": actor_of(coordinator),
        "partner": actor_of(partner),
        "partner_user": partner,
        "organisation": involvement.organisation,
        "member": household.members.order_by("id").first().resident,
    }


# --- the database ---------------------------------------------------------------------------


def test_database_refuses_an_action_without_owner():
    goal = GoalFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.create(goal=goal, what="Bellen")


def test_database_refuses_an_action_with_two_owners(case):
    goal = GoalFactory(plan=case["plan"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.create(
            goal=goal, what="Bellen", owner_relative="Tante Fatima", owner_resident=case["member"]
        )


def test_database_accepts_each_single_owner(case):
    goal = GoalFactory(plan=case["plan"])
    Action.objects.create(goal=goal, what="a", owner_resident=case["member"])
    Action.objects.create(goal=goal, what="b", owner_relative="Tante Fatima")
    Action.objects.create(goal=goal, what="c", owner_professional=case["partner_user"])
    Action.objects.create(goal=goal, what="d", owner_organisation=case["organisation"])
    assert goal.actions.count() == 4


def test_database_refuses_a_goal_without_text(case):
    with pytest.raises(IntegrityError), transaction.atomic():
        Goal.objects.create(plan=case["plan"], domain=LifeDomain.objects.first(), text="")


# --- goals -----------------------------------------------------------------------------------


def test_goal_add_writes_goal_audit_and_version(case):
    goal = goal_add(
        actor=case["coordinator"],
        plan=case["plan"],
        domain="werk-inkomen",
        text="Ik wil weer werken, een paar dagen per week.",
    )
    assert goal.domain.code == "werk-inkomen" and goal.status == GoalStatus.OPEN
    audit = AuditEvent.objects.get(action="plan.goal_add")
    assert audit.object_id == str(goal.pk) and audit.household_uuid == case["household"].uuid
    version = PlanVersion.objects.get(plan=case["plan"])
    assert version.number == 1 and version.change == "goal.add"
    assert version.created_by == case["coordinator"].user
    assert version.before is None and version.after["text"] == goal.text
    assert "Werk en inkomen" in version.summary


def test_goals_are_numbered_in_order(case):
    first = goal_add(actor=case["coordinator"], plan=case["plan"], domain="wonen", text="Huis")
    second = goal_add(actor=case["coordinator"], plan=case["plan"], domain="wonen", text="Tuin")
    assert second.position == first.position + 1
    assert list(case["plan"].versions.values_list("number", flat=True)) == [2, 1]


@pytest.mark.parametrize("text", ["", "   "])
def test_a_goal_needs_text(case, text):
    with pytest.raises(ValidationError) as caught:
        goal_add(actor=case["coordinator"], plan=case["plan"], domain="wonen", text=text)
    assert "text" in caught.value.message_dict
    assert not Goal.objects.exists() and not PlanVersion.objects.exists()
    assert not AuditEvent.objects.filter(action="plan.goal_add").exists()


def test_an_unknown_domain_is_refused(case):
    with pytest.raises(ValidationError) as caught:
        goal_add(actor=case["coordinator"], plan=case["plan"], domain="sterrenkunde", text="Ik")
    assert caught.value.message_dict["domain"] == ["Kies een leefgebied uit de lijst."]
    assert not Goal.objects.exists()


def test_goal_update_records_before_and_after(case):
    goal = goal_add(actor=case["coordinator"], plan=case["plan"], domain="wonen", text="Huis")
    goal_update(actor=case["coordinator"], goal=goal, status=GoalStatus.REACHED)
    version = case["plan"].versions.first()
    assert version.number == 2 and version.change == "goal.update"
    assert version.before["status"] == "open" and version.after["status"] == "bereikt"
    assert ("status", "open", "bereikt") in version.changes
    audit = AuditEvent.objects.get(action="plan.goal_update")
    assert audit.before["status"] == "open" and audit.after["status"] == "bereikt"


def test_goal_update_without_change_writes_nothing(case):
    goal = goal_add(actor=case["coordinator"], plan=case["plan"], domain="wonen", text="Huis")
    goal_update(actor=case["coordinator"], goal=goal, text="Huis")
    assert case["plan"].versions.count() == 1


def test_goal_update_refuses_an_unknown_status(case):
    goal = goal_add(actor=case["coordinator"], plan=case["plan"], domain="wonen", text="Huis")
    with pytest.raises(ValidationError):
        goal_update(actor=case["coordinator"], goal=goal, status="misschien")
    goal.refresh_from_db()
    assert goal.status == GoalStatus.OPEN


# --- actions ---------------------------------------------------------------------------------


def test_an_action_without_owner_is_a_clear_error(case):
    goal = GoalFactory(plan=case["plan"])
    with pytest.raises(ValidationError) as caught:
        action_add(actor=case["coordinator"], goal=goal, what="Bellen met de bank")
    assert caught.value.message_dict["owner"] == [
        "Zeg wie dit doet: de inwoner, een familielid, een professional of een organisatie."
    ]
    assert not Action.objects.exists() and not PlanVersion.objects.exists()


def test_an_action_with_two_owners_is_refused(case):
    goal = GoalFactory(plan=case["plan"])
    with pytest.raises(ValidationError) as caught:
        action_add(
            actor=case["coordinator"],
            goal=goal,
            what="Bellen",
            owner_resident=case["member"],
            owner_relative="Tante Fatima",
        )
    assert "owner" in caught.value.message_dict


def test_an_action_needs_a_what(case):
    goal = GoalFactory(plan=case["plan"])
    with pytest.raises(ValidationError) as caught:
        action_add(actor=case["coordinator"], goal=goal, what=" ", owner_relative="Oma")
    assert "what" in caught.value.message_dict


def test_owners_must_belong_to_the_household(case):
    goal = GoalFactory(plan=case["plan"])
    outsider = HouseholdFactory().members.get().resident
    for owner in (
        {"owner_resident": outsider},
        {"owner_professional": professional(Role.PARTNER)},
        {"owner_organisation": OrganisationFactory()},
    ):
        with pytest.raises(ValidationError):
            action_add(actor=case["coordinator"], goal=goal, what="Iets", **owner)
    assert not Action.objects.exists()


def test_actions_for_the_resident_a_relative_a_professional_and_an_organisation(case):
    goal = goal_add(actor=case["coordinator"], plan=case["plan"], domain="financien", text="Rust")
    due = dt.date(2026, 3, 1)
    actions = [
        action_add(
            actor=case["coordinator"],
            goal=goal,
            what="Post openen",
            owner_resident=case["member"],
            due_on=due,
        ),
        action_add(actor=case["coordinator"], goal=goal, what="Meegaan", owner_relative="Oma"),
        action_add(
            actor=case["coordinator"],
            goal=goal,
            what="Aanmelden schuldhulp",
            owner_professional=case["partner_user"],
        ),
        action_add(
            actor=case["coordinator"],
            goal=goal,
            what="Betalingsregeling",
            owner_organisation=case["organisation"],
        ),
    ]
    assert [a.owner_name for a in actions] == [
        case["member"].full_name,
        "Oma",
        str(case["partner_user"]),
        case["organisation"].name,
    ]
    assert actions[0].due_on == due
    assert case["plan"].versions.count() == 5  # the goal and four actions
    assert AuditEvent.objects.filter(action="plan.action_add").count() == 4


def test_marking_an_action_done_writes_a_version(case):
    goal = GoalFactory(plan=case["plan"])
    action = action_add(actor=case["coordinator"], goal=goal, what="Bellen", owner_relative="Oma")
    action_update_status(actor=case["coordinator"], action=action, status=ActionStatus.DONE)
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE and action.done_on is not None
    version = case["plan"].versions.first()
    assert version.change == "action.status" and version.after["status"] == "gedaan"
    assert version.summary == "Actie gedaan: Bellen"


def test_status_changes_follow_the_state_machine(case):
    action = ActionFactory(goal__plan=case["plan"], status=ActionStatus.CANCELLED)
    with pytest.raises(ValidationError):
        action_update_status(actor=case["coordinator"], action=action, status=ActionStatus.DONE)
    action_update_status(actor=case["coordinator"], action=action, status=ActionStatus.OPEN)
    with pytest.raises(ValidationError):
        action_update_status(actor=case["coordinator"], action=action, status="bijna")


def test_overdue_is_only_for_open_actions_past_their_date():
    today = dt.date(2026, 1, 10)
    assert Action(due_on=dt.date(2026, 1, 9), status=ActionStatus.OPEN).is_overdue(today)
    assert not Action(due_on=dt.date(2026, 1, 10), status=ActionStatus.OPEN).is_overdue(today)
    assert not Action(due_on=dt.date(2026, 1, 9), status=ActionStatus.DONE).is_overdue(today)
    assert not Action(due_on=None, status=ActionStatus.OPEN).is_overdue(today)


# --- who may write ---------------------------------------------------------------------------


def test_an_involved_partner_may_not_add_goals_or_actions(case):
    goal = GoalFactory(plan=case["plan"])
    with pytest.raises(PermissionDenied):
        goal_add(actor=case["partner"], plan=case["plan"], domain="wonen", text="Huis")
    with pytest.raises(PermissionDenied):
        action_add(actor=case["partner"], goal=goal, what="Bellen", owner_relative="Oma")


def test_an_involved_partner_marks_their_own_action_done_but_not_others(case):
    own = ActionFactory(goal__plan=case["plan"], owner_professional=case["partner_user"])
    other = ActionFactory(goal=own.goal, owner_professional=None, owner_relative="Oma")
    action_update_status(actor=case["partner"], action=own, status=ActionStatus.DONE)
    with pytest.raises(PermissionDenied):
        action_update_status(actor=case["partner"], action=other, status=ActionStatus.DONE)


def test_another_regisseur_may_not_write_someone_elses_plan(case, actor_of):
    other = actor_of(professional(Role.REGISSEUR))
    with pytest.raises(PermissionDenied):
        goal_add(actor=other, plan=case["plan"], domain="wonen", text="Huis")


def test_the_backup_and_the_covering_team_lead_may_write(actor_of):
    district = DistrictFactory()
    household = HouseholdFactory(neighbourhood=NeighbourhoodFactory(district=district))
    backup = professional(Role.REGISSEUR)
    plan = PlanFactory(
        household=household,
        coordinator_professional=None,
        coordinator_resident=household.members.get().resident,
        backup_professional=backup,
    )
    lead = professional(Role.TEAMLEIDER, team=TeamFactory(districts=[district]))
    lead_elsewhere = professional(Role.TEAMLEIDER, team=TeamFactory(districts=[DistrictFactory()]))
    goal_add(actor=actor_of(backup), plan=plan, domain="wonen", text="Huis")
    goal_add(actor=actor_of(lead), plan=plan, domain="wonen", text="Tuin")
    with pytest.raises(PermissionDenied):
        goal_add(actor=actor_of(lead_elsewhere), plan=plan, domain="wonen", text="Schuur")
    assert plan.goals.count() == 2


def test_a_closed_plan_cannot_change(case):
    plan_close(actor=case["coordinator"], plan=case["plan"], reason="Doelen gehaald.")
    with pytest.raises(ValidationError) as caught:
        goal_add(actor=case["coordinator"], plan=case["plan"], domain="wonen", text="Huis")
    assert "plan" in caught.value.message_dict
    assert case["plan"].status == PlanStatus.CLOSED


def test_a_second_plan_for_the_household_stays_refused(case):
    with pytest.raises(ValidationError) as caught:
        plan_start(
            actor=case["coordinator"],
            household=case["household"],
            coordinator_professional=case["coordinator"].user,
        )
    assert caught.value.message_dict["household"] == ["Dit huishouden heeft al een actief plan."]


# --- one transaction -------------------------------------------------------------------------


def test_goal_and_version_roll_back_when_the_audit_fails(case, monkeypatch):
    def broken_audit(**kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr("eenplan.plans.services.audit_record", broken_audit)
    with pytest.raises(RuntimeError):
        goal_add(actor=case["coordinator"], plan=case["plan"], domain="wonen", text="Huis")
    assert not Goal.objects.exists() and not PlanVersion.objects.exists()


def test_action_and_audit_roll_back_when_the_version_fails(case, monkeypatch):
    goal = GoalFactory(plan=case["plan"])

    def broken_version(self, *args, **kwargs):
        raise RuntimeError("version store unavailable")

    # The version is written after the action and its audit row: all three or none.
    monkeypatch.setattr("eenplan.plans.models.PlanVersion.save", broken_version)
    with pytest.raises(RuntimeError):
        action_add(actor=case["coordinator"], goal=goal, what="Bellen", owner_relative="Oma")
    assert not Action.objects.exists()
    assert not AuditEvent.objects.filter(action="plan.action_add").exists()

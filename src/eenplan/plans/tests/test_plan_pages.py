"""The plan on the household page, the forms for goals and actions, the history and the
printable plan."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from eenplan.households.tests.factories import HouseholdFactory, InvolvementFactory
from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import professional
from eenplan.plans.models import Action, ActionStatus, Goal, PlanVersion
from eenplan.plans.services import action_add, goal_add
from eenplan.plans.tests.factories import ActionFactory, GoalFactory, PlanFactory
from eenplan.privacy.models import AccessLogEntry, AuditEvent
from eenplan.taxonomy.models import LifeDomain

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(client):
    coordinator = professional(Role.REGISSEUR, phone="030 123 45 67", email="regie@example.org")
    household = HouseholdFactory(members=2)
    partner = professional(Role.PARTNER)
    InvolvementFactory(
        household=household,
        professional=partner,
        organisation=partner.memberships.get().organisation,
    )
    plan = PlanFactory(household=household, coordinator_professional=coordinator)
    client.force_login(coordinator)
    return {"plan": plan, "household": household, "coordinator": coordinator, "partner": partner}


def url(name, household, **kwargs):
    return reverse(f"households:{name}", kwargs={"household_uuid": household.uuid, **kwargs})


def test_household_page_shows_goals_per_domain_with_actions(client, case):
    plan = case["plan"]
    work = LifeDomain.objects.get(code="werk-inkomen")
    goal = GoalFactory(plan=plan, domain=work, text="Ik wil weer werken.")
    ActionFactory(
        goal=goal,
        what="Cv maken",
        owner_professional=None,
        owner_relative="Tante Fatima",
        due_on=timezone.localdate() - dt.timedelta(days=2),
    )
    ActionFactory(goal=goal, what="Vacatures zoeken", owner_professional=case["partner"])
    page = client.get(url("detail", case["household"])).content.decode()
    assert "Doelen en acties" in page and "Werk en inkomen" in page
    assert "Ik wil weer werken." in page
    assert "Cv maken" in page and "door Tante Fatima" in page
    assert page.count('data-testid="action-overdue"') == 1
    assert "Doel toevoegen" in page and "Actie toevoegen" in page
    assert url("plan_print", case["household"]) in page


def _household_page_queries(client, household):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url("detail", household))
    assert response.status_code == 200
    return len(captured)


def test_plan_section_queries_do_not_grow_with_goals_and_actions(client, case):
    plan = case["plan"]
    GoalFactory(plan=plan)
    few = _household_page_queries(client, case["household"])
    for domain in LifeDomain.objects.all()[:5]:
        goal = GoalFactory(plan=plan, domain=domain)
        ActionFactory(goal=goal, owner_professional=case["partner"])
        ActionFactory(
            goal=goal,
            owner_professional=None,
            owner_resident=plan.household.members.first().resident,
        )
        ActionFactory(
            goal=goal,
            owner_professional=None,
            owner_organisation=case["partner"].memberships.get().organisation,
        )
    many = _household_page_queries(client, case["household"])
    assert many == few


def test_involved_partner_sees_the_plan_but_no_write_links(client, case):
    GoalFactory(plan=case["plan"], text="Rust in mijn hoofd")
    client.force_login(case["partner"])
    page = client.get(url("detail", case["household"])).content.decode()
    assert "Rust in mijn hoofd" in page
    assert "Doel toevoegen" not in page
    assert client.get(url("plan_goal_add", case["household"])).status_code == 403


def test_add_a_goal(client, case):
    target = url("plan_goal_add", case["household"])
    assert "Doel toevoegen" in client.get(target).content.decode()
    response = client.post(target, {"domain": "", "text": ""})
    assert response.status_code == 200 and not Goal.objects.exists()
    domain = LifeDomain.objects.get(code="wonen")
    response = client.post(target, {"domain": domain.pk, "text": "Ik wil hier blijven wonen."})
    assert response.status_code == 302
    goal = Goal.objects.get()
    assert goal.text == "Ik wil hier blijven wonen." and goal.domain == domain
    assert PlanVersion.objects.filter(plan=case["plan"], change="goal.add").exists()


def test_add_actions_for_a_member_and_a_relative(client, case):
    goal = GoalFactory(plan=case["plan"])
    member = case["household"].members.order_by("id").first().resident
    target = url("plan_action_add", case["household"])
    page = client.get(target, {"doel": goal.uuid}).content.decode()
    assert member.full_name in page and str(case["partner"]) in page
    response = client.post(
        target,
        {"goal": goal.uuid, "what": "Bellen", "owner": f"r{member.pk}", "due_on": "2026-12-01"},
    )
    assert response.status_code == 302
    response = client.post(
        target, {"goal": goal.uuid, "what": "Meegaan", "owner": "relative", "relative_name": "Oma"}
    )
    assert response.status_code == 302
    assert {(a.what, a.owner_name) for a in Action.objects.all()} == {
        ("Bellen", member.full_name),
        ("Meegaan", "Oma"),
    }
    assert Action.objects.get(what="Bellen").due_on == dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    "data",
    [
        {"what": "Bellen", "owner": ""},
        {"what": "Bellen", "owner": "relative", "relative_name": ""},
        {"what": "", "owner": "relative", "relative_name": "Oma"},
        {"what": "Bellen", "owner": "p999999"},
    ],
)
def test_bad_actions_are_refused_with_nothing_saved(client, case, data):
    goal = GoalFactory(plan=case["plan"])
    response = client.post(url("plan_action_add", case["household"]), {"goal": goal.uuid, **data})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Action.objects.exists() and not PlanVersion.objects.exists()


def test_the_owner_marks_their_action_done(client, case):
    action = ActionFactory(goal__plan=case["plan"], owner_professional=case["partner"])
    client.force_login(case["partner"])
    response = client.post(
        url("plan_action_status", case["household"], action_uuid=action.uuid),
        {"status": ActionStatus.DONE},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    assert AuditEvent.objects.filter(action="plan.action_status").count() == 1


def test_an_action_of_another_plan_is_not_found(client, case):
    other = ActionFactory()
    response = client.post(
        url("plan_action_status", case["household"], action_uuid=other.uuid), {"status": "gedaan"}
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == ActionStatus.OPEN


def test_history_lists_every_change(client, case, actor_of):
    actor = actor_of(case["coordinator"])
    goal = goal_add(actor=actor, plan=case["plan"], domain="wonen", text="Huis houden")
    action_add(actor=actor, goal=goal, what="Huur betalen", owner_relative="Oma")
    logged = AccessLogEntry.objects.count()
    page = client.get(url("plan_history", case["household"])).content.decode()
    assert "Doel toegevoegd (Wonen): Huis houden" in page
    assert "Actie toegevoegd voor Oma: Huur betalen" in page
    assert AccessLogEntry.objects.count() == logged + 1


def test_printable_plan_in_plain_dutch(client, case):
    goal = GoalFactory(
        plan=case["plan"],
        text="Ik wil mijn rekeningen op tijd betalen.",
        professional_note="Geheim",
    )
    ActionFactory(goal=goal, what="Brieven samen openen", owner_professional=case["partner"])
    ActionFactory(goal=goal, what="Oude taak", status=ActionStatus.CANCELLED)
    page = client.get(url("plan_print", case["household"])).content.decode()
    assert "Uw plan" in page and "Ik wil mijn rekeningen op tijd betalen." in page
    assert "Brieven samen openen" in page and str(case["partner"]) in page
    assert "Oude taak" not in page and "Geheim" not in page
    assert "Bel of mail" in page and "030 123 45 67" in page and "regie@example.org" in page
    # The advice on plain language is for the professional and is not printed.
    assert 'class="eenplan-no-print"' in page and 'data-testid="plain-language-report"' in page


@pytest.mark.parametrize("name", ["plan_goal_add", "plan_action_add", "plan_history", "plan_print"])
def test_a_household_you_may_not_see_is_not_found(client, case, name):
    stranger = professional(Role.REGISSEUR)
    client.force_login(stranger)
    assert client.get(url(name, case["household"])).status_code == 404


def test_pages_need_an_active_plan(client, case):
    household = HouseholdFactory()
    InvolvementFactory(household=household, professional=case["coordinator"])
    assert client.get(url("plan_print", household)).status_code == 404
    assert client.get(url("plan_goal_add", household)).status_code == 404


def test_change_a_goal_and_mark_it_reached(client, case):
    goal = GoalFactory(plan=case["plan"], text="Werk vinden")
    target = url("plan_goal_edit", case["household"], goal_uuid=goal.uuid)
    page = client.get(target).content.decode()
    assert "Doel wijzigen" in page and "Werk vinden" in page
    response = client.post(
        target,
        {"domain": goal.domain_id, "text": "Werk vinden, drie dagen", "status": "bereikt"},
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.text == "Werk vinden, drie dagen" and goal.status == "bereikt"
    version = PlanVersion.objects.get(plan=case["plan"])
    assert version.change == "goal.update" and version.before["text"] == "Werk vinden"
    page = client.get(url("detail", case["household"])).content.decode()
    assert "bereikt" in page
    assert f"?doel={goal.uuid}" not in page  # no new actions for a reached goal


def test_a_goal_of_another_plan_is_not_found(client, case):
    other = GoalFactory()
    assert (
        client.get(url("plan_goal_edit", case["household"], goal_uuid=other.uuid)).status_code
        == 404
    )

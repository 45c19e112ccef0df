"""Plan and meeting changes on the household's timeline: that something happened, in which life
domain and for whom, never the plan's words; written in the transaction of the change."""

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.translation import override

from eenplan.households.models import TimelineEvent
from eenplan.households.tests.factories import HouseholdFactory, InvolvementFactory
from eenplan.households.timeline import timeline_sentence
from eenplan.meetings.models import MeetingKind
from eenplan.meetings.services import (
    ParticipantInput,
    meeting_cancel,
    meeting_record,
    meeting_schedule,
)
from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import professional
from eenplan.plans.models import ActionStatus, Goal, GoalStatus
from eenplan.plans.services import action_add, action_update_status, goal_add, goal_update
from eenplan.plans.tests.factories import PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(actor_of):
    coordinator = professional(Role.REGISSEUR)
    household = HouseholdFactory(members=1)
    partner = professional(Role.PARTNER)
    InvolvementFactory(
        household=household,
        professional=partner,
        organisation=partner.memberships.get().organisation,
    )
    plan = PlanFactory(household=household, coordinator_professional=coordinator)
    return {
        "plan": plan,
        "household": household,
        "coordinator": actor_of(coordinator),
        "partner_user": partner,
        "member": household.members.get().resident,
    }


def _events(household):
    return list(TimelineEvent.objects.filter(household=household).order_by("id"))


def _sentences(household, language="nl"):
    with override(language):
        return [timeline_sentence(event) for event in _events(household)]


def test_goal_and_action_go_on_the_timeline_without_their_words(case):
    goal = goal_add(
        actor=case["coordinator"], plan=case["plan"], domain="wonen", text="Geheim doel"
    )
    action = action_add(
        actor=case["coordinator"], goal=goal, what="Geheime stap", owner_resident=case["member"]
    )
    action_update_status(actor=case["coordinator"], action=action, status=ActionStatus.DONE)
    goal_update(actor=case["coordinator"], goal=goal, status=GoalStatus.REACHED)

    kinds = [event.kind for event in _events(case["household"])]
    assert kinds == [
        "plan.goal_added",
        "plan.action_added",
        "plan.action_done",
        "plan.goal_reached",
    ]
    sentences = _sentences(case["household"])
    name = case["member"].full_name
    assert sentences[0] == "Doel toegevoegd voor Wonen"
    assert sentences[1] == f"Actie toegevoegd voor {name}"
    assert sentences[2] == f"{name} heeft een actie afgerond"
    assert sentences[3] == "Doel voor Wonen bereikt"
    assert not any("Geheim" in sentence for sentence in sentences)
    for event in _events(case["household"]):
        assert "Geheim" not in str(event.data)
        assert event.actor == case["coordinator"].user


def test_rewording_a_goal_is_not_timeline_news(case):
    goal = goal_add(actor=case["coordinator"], plan=case["plan"], domain="wonen", text="Eerst")
    goal_update(actor=case["coordinator"], goal=goal, text="Anders gezegd")
    assert [event.kind for event in _events(case["household"])] == ["plan.goal_added"]


def test_a_failed_goal_leaves_no_timeline_event(case, monkeypatch):
    def broken_audit(**kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr("eenplan.plans.services.audit_record", broken_audit)
    with pytest.raises(RuntimeError):
        goal_add(actor=case["coordinator"], plan=case["plan"], domain="wonen", text="Huis")
    assert not Goal.objects.exists()
    assert not TimelineEvent.objects.filter(household=case["household"]).exists()


def test_meetings_planned_held_and_cancelled_are_on_the_timeline(case):
    # Entered an hour after it began, so it can be recorded as held straight away.
    start = timezone.now() - dt.timedelta(hours=1)

    def schedule(kind):
        return meeting_schedule(
            actor=case["coordinator"],
            household=case["household"],
            kind=kind,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
            place="Wijkcentrum",
            participants=[ParticipantInput(resident=case["member"])],
        )

    mdo = schedule(MeetingKind.MDO)
    meeting_record(actor=case["coordinator"], meeting=mdo, resident_present=True)
    kitchen = schedule(MeetingKind.KITCHEN_TABLE)
    meeting_cancel(actor=case["coordinator"], meeting=kitchen)

    date = timezone.localtime(start).strftime("%d-%m-%Y")
    assert [event.kind for event in _events(case["household"])] == [
        "meeting.scheduled",
        "meeting.held",
        "meeting.scheduled",
        "meeting.cancelled",
    ]
    dutch = _sentences(case["household"])
    assert dutch[0].startswith("MDO") and dutch[0].endswith(date)
    assert dutch[3].startswith("Keukentafelgesprek") and date in dutch[3]
    # The kind is stored as a code and read in the reader's language.
    english = _sentences(case["household"], "en")
    assert english[1] == "MDO (multidisciplinary meeting) held"
    assert english[3] == f"Kitchen-table conversation on {date} cancelled"

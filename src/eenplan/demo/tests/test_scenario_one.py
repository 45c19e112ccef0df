"""Scenario 1 as the demo tells it: one MDO with Naima at the table made one plan with goals in
her words and actions for her and for three organisations; some are done, one is overdue; the
next conversation is planned; her scores at the start and now show progress."""

import pytest
from django.utils import timezone

from eenplan.demo.generator import demo_load
from eenplan.demo.scenarios import SCENARIO_HOUSEHOLDS
from eenplan.households.models import Household
from eenplan.meetings.models import Meeting, MeetingKind, MeetingStatus
from eenplan.plans.models import Action, ActionStatus, PlanStatus
from eenplan.reminders.models import ImportantDay, Reminder, ReminderKind
from eenplan.reminders.services import reminders_generate

pytestmark = pytest.mark.django_db


@pytest.fixture
def household():
    demo_load(households=20, seed=7)
    return Household.objects.get(uuid=SCENARIO_HOUSEHOLDS["one_plan"].uuid)


def test_the_mdo_was_held_with_her_and_made_the_plan(household):
    plan = household.plans.get(status=PlanStatus.ACTIVE)
    mdo = Meeting.objects.get(household=household, kind=MeetingKind.MDO)
    assert mdo.status == MeetingStatus.HELD and mdo.resident_present
    assert mdo.starts_at.date() == plan.started_on
    parties = {p.party for p in mdo.participants.all()}
    assert parties == {"inwoner", "organisatie"}
    assert mdo.participants.filter(party="organisatie").count() == 3

    actions = Action.objects.filter(goal__plan=plan)
    assert mdo.agreements.count() == actions.count() == 8
    naima = household.members.get().resident
    assert actions.filter(owner_resident=naima).count() == 4
    at_the_table = set(
        mdo.participants.exclude(organisation=None).values_list("organisation__kind", flat=True)
    )
    assert at_the_table == {"gemeente", "welzijnsorganisatie", "zorgaanbieder"}
    with_actions = set(
        actions.exclude(owner_organisation=None).values_list("owner_organisation__kind", flat=True)
    )
    assert with_actions == at_the_table
    assert {g.domain.code for g in plan.goals.all()} >= {
        "wonen",
        "werk-inkomen",
        "psychische-gezondheid",
    }


def test_progress_since_then(household):
    today = timezone.localdate()
    plan = household.plans.get(status=PlanStatus.ACTIVE)
    actions = Action.objects.filter(goal__plan=plan)
    assert actions.filter(status=ActionStatus.DONE).count() == 6
    assert all(a.done_on < today for a in actions.filter(status=ActionStatus.DONE))
    overdue = [a for a in actions if a.is_overdue(today)]
    assert [a.owner_resident_id for a in overdue] == [household.members.get().resident_id]
    upcoming = Meeting.objects.get(household=household, status=MeetingStatus.PLANNED)
    assert upcoming.kind == MeetingKind.KITCHEN_TABLE and upcoming.starts_at > timezone.now()

    naima = household.members.get().resident
    day = ImportantDay.objects.get(resident=naima)
    assert day.on > today

    zrm = naima.measurements.filter(instrument__code="zrm").order_by("taken_on")
    first, last = list(zrm)
    assert first.taken_on == plan.started_on
    assert (last.taken_on - first.taken_on).days > 90
    score = {m.pk: {s.item.code: s.value for s in m.scores.all()} for m in zrm}
    assert score[first.pk]["huisvesting"] < score[last.pk]["huisvesting"]


def test_the_mornings_reminders_for_scenario_one(household):
    today = timezone.localdate()
    reminders_generate(today=today)
    mine = set(
        Reminder.objects.filter(household=household, recipient__username="regisseur").values_list(
            "kind", flat=True
        )
    )
    # Naima's overdue action (she owns it, so her coordinator is reminded) and her court date.
    assert mine == {ReminderKind.OVERDUE_ACTION, ReminderKind.IMPORTANT_DAY}
    # Tomorrow's kitchen-table conversation: the professional at the table.
    assert Reminder.objects.filter(
        household=household,
        recipient__username="a.schouten",
        kind=ReminderKind.UPCOMING_MEETING,
    ).exists()

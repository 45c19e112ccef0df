"""Every read that only a break-the-glass grant opens is logged as emergency access, with the
grant's reason: the household page, and also its plan, meetings, important days, the resident
page and the API's plans and meetings. The privacy officer reviews those entries; a read logged
as normal work would slip past the review."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from eenplan.accounts.actor import actor_for_user
from eenplan.households.tests.factories import HouseholdFactory
from eenplan.meetings.models import MeetingKind
from eenplan.meetings.services import ParticipantInput, meeting_schedule
from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import professional
from eenplan.plans.tests.factories import ActionFactory, GoalFactory, PlanFactory
from eenplan.privacy.models import AccessLogEntry, AccessPurpose
from eenplan.privacy.services import break_the_glass_grant

pytestmark = pytest.mark.django_db

REASON = "Buren melden dat de deur al drie dagen dicht blijft."


@pytest.fixture
def world():
    household = HouseholdFactory(members=2)
    coordinator = professional(Role.REGISSEUR)
    plan = PlanFactory(household=household, coordinator_professional=coordinator)
    goal = GoalFactory(plan=plan)
    action = ActionFactory(goal=goal)
    start = timezone.now() + dt.timedelta(days=2)
    meeting = meeting_schedule(
        actor=actor_for_user(coordinator, ip_address="127.0.0.1"),
        household=household,
        kind=MeetingKind.MDO,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        place="Wijkcentrum",
        participants=[ParticipantInput(resident=household.members.first().resident)],
    )
    stranger = professional(Role.PARTNER)
    return {
        "household": household,
        "resident": household.members.first().resident,
        "plan": plan,
        "goal": goal,
        "action": action,
        "meeting": meeting,
        "stranger": stranger,
    }


def _web_urls(w):
    h = w["household"].uuid
    return {
        "plan history": reverse("households:plan_history", kwargs={"household_uuid": h}),
        "printable plan": reverse("households:plan_print", kwargs={"household_uuid": h}),
        "plan pdf": reverse("households:plan_pdf", kwargs={"household_uuid": h}),
        "meetings": reverse("households:meeting_list", kwargs={"household_uuid": h}),
        "meeting": reverse(
            "households:meeting_detail",
            kwargs={"household_uuid": h, "household_meeting_uuid": w["meeting"].uuid},
        ),
        "important days": reverse("reminders:important_days", kwargs={"household_uuid": h}),
        "resident": reverse(
            "households:resident_detail", kwargs={"resident_uuid": w["resident"].uuid}
        ),
    }


def _api_urls(w):
    p = w["plan"].uuid
    return {
        "plan": f"/api/v1/plannen/{p}",
        "goals": f"/api/v1/plannen/{p}/doelen",
        "goal": f"/api/v1/plannen/{p}/doelen/{w['goal'].uuid}",
        "actions": f"/api/v1/plannen/{p}/acties",
        "action": f"/api/v1/plannen/{p}/acties/{w['action'].uuid}",
        "meeting": f"/api/v1/overleggen/{w['meeting'].uuid}",
    }


WEB_PAGES = [
    "plan history",
    "printable plan",
    "plan pdf",
    "meetings",
    "meeting",
    "important days",
    "resident",
]
API_ENDPOINTS = ["plan", "goals", "goal", "actions", "action", "meeting"]


def _grant(w):
    break_the_glass_grant(
        actor=actor_for_user(w["stranger"], ip_address="127.0.0.1"),
        household=w["household"],
        reason=REASON,
    )


@pytest.mark.parametrize("page", WEB_PAGES)
def test_a_page_opened_by_a_grant_is_logged_as_emergency_access(client, world, page):
    _grant(world)
    client.force_login(world["stranger"])
    before = AccessLogEntry.objects.count()
    response = client.get(_web_urls(world)[page])
    assert response.status_code == 200
    entries = list(AccessLogEntry.objects.order_by("seq")[before:])
    assert entries, "the read was not logged"
    assert {(e.purpose, e.reason) for e in entries} == {(AccessPurpose.BREAK_THE_GLASS, REASON)}


@pytest.mark.parametrize("endpoint", API_ENDPOINTS)
def test_an_api_read_opened_by_a_grant_is_logged_as_emergency_access(world, endpoint):
    _grant(world)
    api = APIClient()
    api.force_authenticate(world["stranger"])
    before = AccessLogEntry.objects.count()
    response = api.get(_api_urls(world)[endpoint])
    assert response.status_code == 200, response.content
    entries = list(AccessLogEntry.objects.order_by("seq")[before:])
    assert entries, "the read was not logged"
    assert {(e.purpose, e.reason) for e in entries} == {(AccessPurpose.BREAK_THE_GLASS, REASON)}


@pytest.mark.parametrize("page", ["plan history", "meeting", "resident"])
def test_the_coordinator_reads_as_normal_work(client, world, page):
    client.force_login(world["plan"].coordinator_professional)
    before = AccessLogEntry.objects.count()
    assert client.get(_web_urls(world)[page]).status_code == 200
    entries = list(AccessLogEntry.objects.order_by("seq")[before:])
    assert entries and {e.purpose for e in entries} == {AccessPurpose.NORMAL}

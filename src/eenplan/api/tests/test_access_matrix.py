"""Every endpoint against every kind of person: the status, and what the access log says.

A household or resident you may not see is a 404 with the same body as one that does not exist;
every successful read of resident data is exactly one access-log entry (channel "api") naming
exactly the residents that were read; a 404 logs nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from eenplan.assessments.models import Instrument, Measurement
from eenplan.assessments.tests.factories import record
from eenplan.meetings.models import Meeting
from eenplan.meetings.services import ParticipantInput, meeting_schedule
from eenplan.plans.models import Action, Goal, Plan
from eenplan.plans.tests.factories import ActionFactory, GoalFactory
from eenplan.privacy.models import AccessLogEntry

from .conftest import PEOPLE, PROFESSIONALS, SEES_HOUSEHOLD, client_for

pytestmark = pytest.mark.django_db


def _expected_for_household(person: str) -> int:
    if person == "anonymous":
        return 401
    return 200 if person in SEES_HOUSEHOLD else 404


def _new_entries(before: int) -> list[AccessLogEntry]:
    return list(AccessLogEntry.objects.filter(seq__gt=before).prefetch_related("subjects"))


def _last_seq() -> int:
    entry = AccessLogEntry.objects.order_by("-seq").first()
    return entry.seq if entry else 0


def _subjects(entry: AccessLogEntry) -> set[tuple[uuid.UUID, uuid.UUID | None]]:
    return {(s.resident_uuid, s.household_uuid) for s in entry.subjects.all()}


def _members(household) -> set[tuple[uuid.UUID, uuid.UUID]]:
    return {(m.resident.uuid, household.uuid) for m in household.members.filter(until=None)}


@pytest.mark.parametrize("person", PEOPLE)
def test_household_detail(world, person):
    before = _last_seq()
    url = reverse("api:household-detail", kwargs={"uuid": world.household.uuid})
    response = client_for(world.users[person]).get(url)
    expected = _expected_for_household(person)
    assert response.status_code == expected
    entries = _new_entries(before)
    if expected == 200:
        assert response.json()["uuid"] == str(world.household.uuid)
        assert len(entries) == 1
        assert entries[0].channel == "api"
        assert entries[0].username == world.users[person].username
        assert _subjects(entries[0]) == _members(world.household)
    else:
        assert entries == []
        assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("person", PEOPLE)
def test_resident_detail(world, person):
    before = _last_seq()
    url = reverse("api:resident-detail", kwargs={"uuid": world.resident.uuid})
    response = client_for(world.users[person]).get(url)
    expected = _expected_for_household(person)
    assert response.status_code == expected
    entries = _new_entries(before)
    if expected == 200:
        assert response.json()["uuid"] == str(world.resident.uuid)
        assert len(entries) == 1
        assert entries[0].channel == "api"
        assert _subjects(entries[0]) == {(world.resident.uuid, world.household.uuid)}
    else:
        assert entries == []


@pytest.mark.parametrize("person", PEOPLE)
def test_caseload(world, person):
    before = _last_seq()
    response = client_for(world.users[person]).get(reverse("api:household-list"))
    if person == "anonymous":
        assert response.status_code == 401
        assert _new_entries(before) == []
        return
    assert response.status_code == 200
    listed = {item["uuid"] for item in response.json()["results"]}
    entries = _new_entries(before)
    if person in SEES_HOUSEHOLD:
        assert listed == {str(world.household.uuid)}
        assert len(entries) == 1
        assert entries[0].channel == "api"
        assert _subjects(entries[0]) == _members(world.household)
    elif person == "other_resident":
        assert listed == {str(world.other_household.uuid)}
        assert len(entries) == 1
        assert _subjects(entries[0]) == _members(world.other_household)
    else:
        # Nothing to see, so no resident's data was read and nothing is logged.
        assert listed == set()
        assert entries == []


@pytest.mark.parametrize("person", PEOPLE)
def test_organisations(world, person):
    client = client_for(world.users[person])
    list_response = client.get(reverse("api:organisation-list"))
    detail_response = client.get(
        reverse("api:organisation-detail", kwargs={"uuid": world.organisation.uuid})
    )
    expected = 200 if person in PROFESSIONALS else 401 if person == "anonymous" else 403
    assert (list_response.status_code, detail_response.status_code) == (expected, expected)
    if expected == 200:
        assert detail_response.json()["naam"] == world.organisation.name
    assert AccessLogEntry.objects.count() == 0


@pytest.mark.parametrize("person", PEOPLE)
def test_access_log(world, person):
    response = client_for(world.users[person]).get(reverse("api:access-log"))
    expected = 200 if person == "privacy" else 401 if person == "anonymous" else 404
    assert response.status_code == expected
    assert AccessLogEntry.objects.count() == 0  # reading the log is not a read of resident data


REGISTRATION = {
    "adres": {"postcode": "3563 AB", "huisnummer": 12, "straat": "Teststraat"},
    "inwoner": {"voornamen": "Sanne", "achternaam": "Visser", "geboortedatum": "1990-04-01"},
}


@pytest.mark.parametrize("person", PEOPLE)
def test_register_household(world, person):
    before = _last_seq()
    response = client_for(world.users[person]).post(
        reverse("api:household-list"), REGISTRATION, format="json"
    )
    may_register = {"regisseur", "lead_covering", "lead_other"}
    expected = 201 if person in may_register else 401 if person == "anonymous" else 403
    assert response.status_code == expected
    entries = _new_entries(before)
    if expected == 201:
        # The answer shows the new household: one logged read of its one resident.
        assert len(entries) == 1
        assert entries[0].channel == "api"
        assert len(_subjects(entries[0])) == 1
    else:
        assert entries == []
        assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("person", [*sorted(PROFESSIONALS - SEES_HOUSEHOLD), "other_resident"])
@pytest.mark.parametrize("endpoint", ["api:household-detail", "api:resident-detail"])
def test_not_yours_is_the_same_404_as_nonexistent(world, person, endpoint):
    client = client_for(world.users[person])
    target = world.household.uuid if endpoint == "api:household-detail" else world.resident.uuid
    unknown = uuid.uuid4()
    hidden = client.get(reverse(endpoint, kwargs={"uuid": target}))
    missing = client.get(reverse(endpoint, kwargs={"uuid": unknown}))
    assert hidden.status_code == missing.status_code == 404
    hidden_body, missing_body = hidden.json(), missing.json()
    assert hidden_body.pop("instance").endswith(str(target))
    assert missing_body.pop("instance").endswith(str(unknown))
    assert hidden_body == missing_body
    assert hidden["Content-Type"] == missing["Content-Type"] == "application/problem+json"


# --- signals -------------------------------------------------------------------------------
# Who may report a signal: the roles that work with cases (and melder, see test_signals_api).
# Residents have no case to report for; policy, privacy and functional admin neither: 403.
MAY_REPORT = {
    "regisseur",
    "partner_involved",
    "partner_not_involved",
    "lead_covering",
    "lead_other",
}
SIGNAL = {
    "soort": "overlast",
    "adres": {"postcode": "3563 AB", "huisnummer": 12},
    "toelichting": "Al een week harde muziek in de nacht.",
}


@pytest.mark.parametrize("person", PEOPLE)
def test_report_signal(world, person):
    before = _last_seq()
    response = client_for(world.users[person]).post(
        reverse("api:signal-list"), SIGNAL, format="json"
    )
    expected = 201 if person in MAY_REPORT else 401 if person == "anonymous" else 403
    assert response.status_code == expected
    # Reporting reads no one's data: nothing in the access log, and nothing about the household.
    assert _new_entries(before) == []
    assert str(world.household.uuid) not in response.content.decode()
    if expected != 201:
        assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("person", PEOPLE)
def test_signal_status_only_for_the_reporting_organisation(world, person):
    reported = client_for(world.users["partner_involved"]).post(
        reverse("api:signal-list"), SIGNAL, format="json"
    )
    response = client_for(world.users[person]).get(reported.json()["url"])
    expected = 200 if person == "partner_involved" else 401 if person == "anonymous" else 404
    assert response.status_code == expected


@pytest.mark.parametrize("person", PEOPLE)
def test_signal_types(world, person):
    response = client_for(world.users[person]).get(reverse("api:signal-type-list"))
    expected = 200 if person in PROFESSIONALS else 401 if person == "anonymous" else 403
    assert response.status_code == expected


# --- instruments and measurements ----------------------------------------------------------
# Instruments hold no personal data: everyone who is logged in reads them, residents too (they
# fill them in and may read their measurements). Measurements follow the household (404 if not yours);
# recording is for the roles that work with cases, and for a resident only on an instrument the
# resident scores (the Zelfredzaamheid-Matrix is the professional's: 403).
MAY_RECORD = {"regisseur", "partner_involved", "lead_covering"}
NEVER_RECORD = {"beleid", "privacy", "beheer"}


MEASURED_ON = dt.date(2026, 3, 2)


def _measurement(world, actor_of):
    return record(actor_of(world.users["regisseur"]), world.resident, "zrm", MEASURED_ON, 3)


@pytest.mark.parametrize("person", PEOPLE)
def test_instruments(world, person):
    client = client_for(world.users[person])
    list_response = client.get(reverse("api:instrument-list"))
    detail_response = client.get(reverse("api:instrument-detail", kwargs={"code": "zrm"}))
    expected = 401 if person == "anonymous" else 200
    assert (list_response.status_code, detail_response.status_code) == (expected, expected)
    if expected == 200:
        assert detail_response.json()["code"] == "zrm"
        assert "zrm" in {i["code"] for i in list_response.json()["results"]}
    assert AccessLogEntry.objects.count() == 0


@pytest.mark.parametrize("person", PEOPLE)
def test_measurement_list(world, actor_of, person):
    _measurement(world, actor_of)
    before = _last_seq()
    response = client_for(world.users[person]).get(
        reverse("api:measurement-list"), {"inwoner": str(world.resident.uuid)}
    )
    expected = _expected_for_household(person)
    assert response.status_code == expected
    entries = _new_entries(before)
    if expected == 200:
        assert response.json()["count"] == 1
        assert len(entries) == 1
        assert entries[0].channel == "api"
        assert entries[0].username == world.users[person].username
        assert _subjects(entries[0]) == {(world.resident.uuid, world.household.uuid)}
    else:
        assert entries == []
        assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("person", PEOPLE)
def test_measurement_detail(world, actor_of, person):
    measurement = _measurement(world, actor_of)
    before = _last_seq()
    response = client_for(world.users[person]).get(
        reverse("api:measurement-detail", kwargs={"uuid": measurement.uuid})
    )
    expected = _expected_for_household(person)
    assert response.status_code == expected
    entries = _new_entries(before)
    if expected == 200:
        assert response.json()["uuid"] == str(measurement.uuid)
        assert len(entries) == 1
        assert entries[0].channel == "api"
        assert _subjects(entries[0]) == {(world.resident.uuid, world.household.uuid)}
    else:
        assert entries == []


@pytest.mark.parametrize("person", PEOPLE)
def test_record_measurement(world, person):
    zrm = Instrument.objects.get(code="zrm")
    body = {
        "inwoner": str(world.resident.uuid),
        "instrument": "zrm",
        "datum": MEASURED_ON.isoformat(),
        "scores": [{"item": item.code, "waarde": 3} for item in zrm.items.all()],
    }
    before = _last_seq()
    response = client_for(world.users[person]).post(
        reverse("api:measurement-list"), body, format="json"
    )
    if person in MAY_RECORD:
        expected = 201
    elif person == "anonymous":
        expected = 401
    elif person in NEVER_RECORD or person == "resident":
        expected = 403
    else:
        expected = 404
    assert response.status_code == expected
    entries = _new_entries(before)
    if expected == 201:
        assert Measurement.objects.filter(resident=world.resident).count() == 1
        assert len(entries) == 1 and entries[0].channel == "api"
    else:
        assert not Measurement.objects.exists()
        assert entries == []
        assert response["Content-Type"] == "application/problem+json"


# --- plans, goals, actions and meetings ----------------------------------------------------
# Residents read their plan and meetings in the portal, not through this API: 403. Professionals
# who may not see the household get 404 (the list simply leaves it out). Writing is for the
# planning roles (403 for the others) and, within a plan, for its coordinator, its backup and the
# team lead of the district; the professional who owns an action may report its status.
PLANNERS_OF_THE_PLAN = {"regisseur", "lead_covering"}
PLANNING = {"regisseur", "lead_covering", "lead_other"}
RESIDENTS = {"resident", "other_resident"}


def _plan(world):
    return Plan.objects.get(household=world.household)


def _goal_and_action(world):
    goal = GoalFactory(plan=_plan(world))
    return goal, ActionFactory(goal=goal, owner_professional=world.users["regisseur"])


def _read_status(person: str) -> int:
    if person == "anonymous":
        return 401
    if person in RESIDENTS:
        return 403
    return 200 if person in SEES_HOUSEHOLD else 404


def _write_status(person: str, success: int) -> int:
    if person == "anonymous":
        return 401
    if person not in PLANNING:
        return 403
    return success if person in PLANNERS_OF_THE_PLAN else 404


def _assert_read_logged(world, person, response, before) -> None:
    entries = _new_entries(before)
    if response.status_code == 200:
        assert len(entries) == 1
        assert entries[0].channel == "api"
        assert entries[0].username == world.users[person].username
        assert _subjects(entries[0]) == _members(world.household)
    else:
        assert entries == []
        assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("person", PEOPLE)
def test_plan_list(world, person):
    before = _last_seq()
    response = client_for(world.users[person]).get(reverse("api:plan-list"))
    expected = 401 if person == "anonymous" else 403 if person in RESIDENTS else 200
    assert response.status_code == expected
    if expected != 200:
        assert _new_entries(before) == []
        return
    listed = {item["uuid"] for item in response.json()["results"]}
    if person in SEES_HOUSEHOLD:
        assert listed == {str(_plan(world).uuid)}
        _assert_read_logged(world, person, response, before)
    else:
        assert listed == set()
        assert _new_entries(before) == []


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize(
    "endpoint", ["api:plan-detail", "api:plan-goal-list", "api:plan-action-list"]
)
def test_plan_reads(world, person, endpoint):
    _goal_and_action(world)
    before = _last_seq()
    url = reverse(endpoint, kwargs={"uuid": _plan(world).uuid})
    response = client_for(world.users[person]).get(url)
    assert response.status_code == _read_status(person)
    _assert_read_logged(world, person, response, before)


@pytest.mark.parametrize("person", PEOPLE)
def test_action_read(world, person):
    _, action = _goal_and_action(world)
    before = _last_seq()
    url = reverse(
        "api:plan-action-detail", kwargs={"uuid": _plan(world).uuid, "action_uuid": action.uuid}
    )
    response = client_for(world.users[person]).get(url)
    assert response.status_code == _read_status(person)
    _assert_read_logged(world, person, response, before)


@pytest.mark.parametrize("person", PEOPLE)
def test_goal_read(world, person):
    goal, _ = _goal_and_action(world)
    before = _last_seq()
    url = reverse(
        "api:plan-goal-detail", kwargs={"uuid": _plan(world).uuid, "goal_uuid": goal.uuid}
    )
    response = client_for(world.users[person]).get(url)
    assert response.status_code == _read_status(person)
    _assert_read_logged(world, person, response, before)


@pytest.mark.parametrize("person", PEOPLE)
def test_change_goal(world, person):
    goal, _ = _goal_and_action(world)
    url = reverse(
        "api:plan-goal-detail", kwargs={"uuid": _plan(world).uuid, "goal_uuid": goal.uuid}
    )
    response = client_for(world.users[person]).patch(url, {"status": "bereikt"}, format="json")
    expected = _write_status(person, 200)
    assert response.status_code == expected
    goal.refresh_from_db()
    assert goal.status == ("bereikt" if expected == 200 else "open")


@pytest.mark.parametrize("person", PEOPLE)
def test_start_plan_for_a_household_with_an_active_plan(world, person):
    body = {
        "huishouden": str(world.household.uuid),
        "regisseur": {"soort": "professional", "professional": str(world.users["regisseur"].uuid)},
    }
    response = client_for(world.users[person]).post(reverse("api:plan-list"), body, format="json")
    # Who may start one and sees the household learns it already has a plan: 400.
    assert response.status_code == _write_status(person, 400)
    assert response["Content-Type"] == "application/problem+json"
    assert Plan.objects.filter(household=world.household).count() == 1


@pytest.mark.parametrize("person", PEOPLE)
def test_add_goal(world, person):
    url = reverse("api:plan-goal-list", kwargs={"uuid": _plan(world).uuid})
    body = {"levensdomein": "werk-inkomen", "tekst": "Ik wil weer aan het werk."}
    response = client_for(world.users[person]).post(url, body, format="json")
    expected = _write_status(person, 201)
    assert response.status_code == expected
    assert Goal.objects.count() == (1 if expected == 201 else 0)


@pytest.mark.parametrize("person", PEOPLE)
def test_add_action(world, person):
    goal, _ = _goal_and_action(world)
    url = reverse("api:plan-action-list", kwargs={"uuid": _plan(world).uuid})
    body = {
        "doel": str(goal.uuid),
        "wat": "Bellen met de woonconsulent.",
        "eigenaar": {"soort": "inwoner", "inwoner": str(world.resident.uuid)},
    }
    response = client_for(world.users[person]).post(url, body, format="json")
    expected = _write_status(person, 201)
    assert response.status_code == expected
    assert Action.objects.count() == (2 if expected == 201 else 1)


@pytest.mark.parametrize("person", PEOPLE)
def test_change_action_status(world, person):
    _, action = _goal_and_action(world)
    url = reverse(
        "api:plan-action-detail", kwargs={"uuid": _plan(world).uuid, "action_uuid": action.uuid}
    )
    response = client_for(world.users[person]).patch(url, {"status": "gedaan"}, format="json")
    if person == "anonymous":
        expected = 401
    elif person in RESIDENTS:
        expected = 403
    elif person in PLANNERS_OF_THE_PLAN:
        expected = 200
    elif person in SEES_HOUSEHOLD:
        expected = 403  # sees the plan, neither plans it nor owns this action
    else:
        expected = 404
    assert response.status_code == expected
    action.refresh_from_db()
    assert action.status == ("gedaan" if expected == 200 else "open")


def _meeting(world, actor_of):
    start = timezone.now() + dt.timedelta(days=7)
    return meeting_schedule(
        actor=actor_of(world.users["regisseur"]),
        household=world.household,
        kind="mdo",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        place="Wijkcentrum",
        participants=[ParticipantInput(resident=world.resident)],
    )


@pytest.mark.parametrize("person", PEOPLE)
def test_meeting_list(world, actor_of, person):
    meeting = _meeting(world, actor_of)
    before = _last_seq()
    response = client_for(world.users[person]).get(reverse("api:meeting-list"))
    expected = 401 if person == "anonymous" else 403 if person in RESIDENTS else 200
    assert response.status_code == expected
    if expected != 200:
        assert _new_entries(before) == []
        return
    listed = {item["uuid"] for item in response.json()["results"]}
    if person in SEES_HOUSEHOLD:
        assert listed == {str(meeting.uuid)}
        _assert_read_logged(world, person, response, before)
    else:
        assert listed == set()
        assert _new_entries(before) == []


@pytest.mark.parametrize("person", PEOPLE)
def test_meeting_detail(world, actor_of, person):
    meeting = _meeting(world, actor_of)
    before = _last_seq()
    url = reverse("api:meeting-detail", kwargs={"uuid": meeting.uuid})
    response = client_for(world.users[person]).get(url)
    assert response.status_code == _read_status(person)
    _assert_read_logged(world, person, response, before)


@pytest.mark.parametrize("person", PEOPLE)
def test_schedule_meeting(world, person):
    start = timezone.now() + dt.timedelta(days=7)
    body = {
        "huishouden": str(world.household.uuid),
        "soort": "keukentafel",
        "start": start.isoformat(),
        "einde": (start + dt.timedelta(hours=1)).isoformat(),
        "plaats": "Bij de bewoner thuis",
        "deelnemers": [{"partij": "inwoner", "inwoner": str(world.resident.uuid)}],
    }
    response = client_for(world.users[person]).post(
        reverse("api:meeting-list"), body, format="json"
    )
    expected = _write_status(person, 201)
    assert response.status_code == expected
    assert Meeting.objects.count() == (1 if expected == 201 else 0)


@pytest.mark.parametrize("person", PEOPLE)
def test_record_meeting(world, actor_of, person):
    meeting = _meeting(world, actor_of)
    # Recorded once it has been held: it started two hours ago.
    start = timezone.now() - dt.timedelta(hours=2)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=start, ends_at=start + dt.timedelta(hours=1)
    )
    url = reverse("api:meeting-record", kwargs={"uuid": meeting.uuid})
    body = {"inwonerAanwezig": True, "samenvatting": "We hebben afspraken gemaakt."}
    response = client_for(world.users[person]).post(url, body, format="json")
    expected = _write_status(person, 200)
    assert response.status_code == expected
    meeting.refresh_from_db()
    assert meeting.status == ("gehouden" if expected == 200 else "gepland")


@pytest.mark.parametrize("person", [*sorted(PROFESSIONALS - SEES_HOUSEHOLD)])
@pytest.mark.parametrize("endpoint", ["api:plan-detail", "api:meeting-detail"])
def test_hidden_plan_or_meeting_is_the_same_404_as_nonexistent(world, actor_of, person, endpoint):
    target = _plan(world).uuid if endpoint == "api:plan-detail" else _meeting(world, actor_of).uuid
    client = client_for(world.users[person])
    unknown = uuid.uuid4()
    hidden = client.get(reverse(endpoint, kwargs={"uuid": target}))
    missing = client.get(reverse(endpoint, kwargs={"uuid": unknown}))
    assert hidden.status_code == missing.status_code == 404
    hidden_body, missing_body = hidden.json(), missing.json()
    assert hidden_body.pop("instance").endswith(str(target))
    assert missing_body.pop("instance").endswith(str(unknown))
    assert hidden_body == missing_body

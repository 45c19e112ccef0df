"""GET and POST /api/v1/overleggen, GET /api/v1/overleggen/{uuid} and POST .../verslag.

Who may call them is in test_access_matrix; here: what they answer, bad input (with nothing
saved), the audit trail, the access log, and the cost in queries.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from eenplan.households.tests.factories import HouseholdFactory, InvolvementFactory
from eenplan.meetings.models import Agreement, Meeting, MeetingParticipant, MeetingStatus
from eenplan.meetings.services import ParticipantInput, meeting_schedule
from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import professional
from eenplan.plans.models import Action, Plan, PlanStatus
from eenplan.plans.tests.factories import ActionFactory, GoalFactory, PlanFactory
from eenplan.privacy.models import AccessEvent, AccessLogEntry, AuditEvent

from .conftest import client_for

pytestmark = pytest.mark.django_db

MEETINGS = "/api/v1/overleggen"


def _last_seq() -> int:
    entry = AccessLogEntry.objects.order_by("-seq").first()
    return entry.seq if entry else 0


def _params(response) -> dict[str, list[str]]:
    assert response["Content-Type"] == "application/problem+json"
    params: dict[str, list[str]] = {}
    for param in response.json()["invalidParams"]:
        params.setdefault(param["name"], []).append(param["reason"])
    return params


def _plan(world) -> Plan:
    return Plan.objects.get(household=world.household, status=PlanStatus.ACTIVE)


@pytest.fixture
def regisseur(world):
    return client_for(world.users["regisseur"])


def _start(days: int = 7) -> dt.datetime:
    return (timezone.now() + dt.timedelta(days=days)).replace(microsecond=0)


def _schedule_body(world, **overrides) -> dict:
    start = _start()
    body = {
        "huishouden": str(world.household.uuid),
        "soort": "mdo",
        "start": start.isoformat(),
        "einde": (start + dt.timedelta(hours=1, minutes=30)).isoformat(),
        "plaats": "Wijkcentrum De Leeuw",
        "deelnemers": [
            {"partij": "inwoner", "inwoner": str(world.resident.uuid)},
            {
                "partij": "organisatie",
                "organisatie": str(world.organisation.uuid),
                "professional": str(world.users["partner_involved"].uuid),
            },
            {"partij": "naaste", "naam": "Zus Samira"},
        ],
    }
    body.update(overrides)
    return body


def _meeting(world, actor_of, household=None, days: int = 7) -> Meeting:
    start = _start(days)
    household = household or world.household
    return meeting_schedule(
        actor=actor_of(world.users["regisseur"]),
        household=household,
        kind="keukentafel",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        place="Bij de bewoner thuis",
        participants=[ParticipantInput(resident=household.members.first().resident)],
    )


# --- scheduling ----------------------------------------------------------------------------


def test_schedule_answers_201_with_the_parties_audited_and_logged(world, regisseur):
    before = _last_seq()
    response = regisseur.post(MEETINGS, _schedule_body(world), format="json")
    assert response.status_code == 201, response.json()
    meeting = Meeting.objects.get()
    data = response.json()
    assert data["uuid"] == str(meeting.uuid)
    assert response["Location"] == data["url"]
    assert data["status"] == "gepland"
    assert data["inwonerAanwezig"] is None
    assert [p["partij"] for p in data["deelnemers"]] == ["inwoner", "organisatie", "naaste"]
    assert data["deelnemers"][1]["professional"] == str(world.users["partner_involved"].uuid)
    assert AuditEvent.objects.filter(action="meeting.schedule").count() == 1
    [entry] = AccessLogEntry.objects.filter(seq__gt=before)
    assert entry.channel == "api"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"soort": "vergadering"}, "soort"),
        ({"plaats": ""}, "plaats"),
        ({"einde": "start"}, "einde"),
        ({"start": "past", "einde": "past_end"}, "start"),
        ({"deelnemers": "twice"}, "deelnemers.1"),  # the service says so; the API says where
        ({"deelnemers": "outsider"}, "deelnemers.0.inwoner"),
        ({"deelnemers": "two_parties"}, "deelnemers.0.naam"),
        ({"deelnemers": "no_reference"}, "deelnemers.0.inwoner"),
        ({"deelnemers": "unknown_organisation"}, "deelnemers.0.organisatie"),
    ],
)
def test_bad_schedule_is_refused_and_nothing_saved(world, regisseur, change, field):
    body = _schedule_body(world)
    start = dt.datetime.fromisoformat(body["start"])
    me = {"partij": "inwoner", "inwoner": str(world.resident.uuid)}
    values = {
        "start": body["start"],
        "past": (start - dt.timedelta(days=30)).isoformat(),
        "past_end": (start - dt.timedelta(days=30, hours=-1)).isoformat(),
        "twice": [me, me],
        "outsider": [
            {"partij": "inwoner", "inwoner": str(world.other_household.members.get().resident.uuid)}
        ],
        "two_parties": [{**me, "naam": "Zus Samira"}],
        "no_reference": [{"partij": "inwoner"}],
        "unknown_organisation": [{"partij": "organisatie", "organisatie": str(uuid.uuid4())}],
    }
    for key, value in change.items():
        body[key] = values.get(value, value) if isinstance(value, str) else value
    response = regisseur.post(MEETINGS, body, format="json")
    assert response.status_code == 400
    assert field in _params(response)
    assert not Meeting.objects.exists()
    assert not MeetingParticipant.objects.exists()
    assert not AuditEvent.objects.filter(action="meeting.schedule").exists()


@pytest.mark.parametrize(
    ("change", "field", "reason"),
    [
        ({"plaats": 5}, "plaats", "Geef hier tekst (een JSON-string)."),
        (
            {"huishouden": 5},
            "huishouden",
            "Geef een uuid als tekst, zoals 123e4567-e89b-12d3-a456-426614174000.",
        ),
        ({"soort": 1}, "soort", "Kies een van deze: mdo, keukentafel, start."),
        (
            {"start": "2026-02-30T10:00:00+01:00"},
            "start",
            "Deze datum of tijd bestaat niet.",
        ),
        (
            {"start": "morgen om tien uur"},
            "start",
            "Geef een datum en tijd met tijdzone, zoals 2026-03-01T14:30:00+01:00.",
        ),
        ({"deelnemers": "iedereen"}, "deelnemers", "Geef hier een lijst (een JSON-array)."),
        ({"deelnemers": ["inwoner"]}, "deelnemers.0", "Geef hier een object (een JSON-object)."),
    ],
)
def test_wrong_types_and_impossible_moments_are_named_in_dutch(
    world, regisseur, change, field, reason
):
    response = regisseur.post(MEETINGS, _schedule_body(world, **change), format="json")
    assert response.status_code == 400
    assert _params(response) == {field: [reason]}
    assert not Meeting.objects.exists()


def test_a_time_without_its_offset_is_refused_not_guessed(world, regisseur):
    # 2026-10-25 02:30 happens twice in Amsterdam: only the offset says which.
    naive = (_start().replace(tzinfo=None)).isoformat()
    response = regisseur.post(MEETINGS, _schedule_body(world, start=naive), format="json")
    assert response.status_code == 400
    [reason] = _params(response)["start"]
    assert reason.startswith("Zet de tijdzone achter de tijd, zoals +01:00 (wintertijd)")
    assert not Meeting.objects.exists()
    # With the offset, Z or +02:00 alike, the same moment is accepted.
    start = _start().astimezone(dt.UTC)
    body = _schedule_body(
        world,
        start=start.isoformat().replace("+00:00", "Z"),
        einde=(start + dt.timedelta(hours=1))
        .astimezone(dt.timezone(dt.timedelta(hours=2)))
        .isoformat(),
    )
    assert regisseur.post(MEETINGS, body, format="json").status_code == 201
    assert Meeting.objects.get().starts_at == start


def test_unknown_fields_of_a_participant_are_named_by_their_place(world, regisseur):
    body = _schedule_body(world)
    body["deelnemers"][1]["rol"] = "voorzitter"
    response = regisseur.post(MEETINGS, body, format="json")
    assert response.status_code == 400
    assert response.json()["invalidParams"] == [
        {"name": "deelnemers.1.rol", "reason": "Dit veld is hier onbekend.", "code": "unknown"}
    ]
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("who", ["unknown", "elsewhere", "resident"])
def test_a_professional_at_the_table_who_cannot_be_chosen_gets_the_answer_of_one_unknown(
    world, regisseur, who
):
    # The organisation is at the table; its professional must work for it. Someone of another
    # organisation, a resident's login and a uuid nobody has are refused alike.
    uuids = {
        "unknown": uuid.uuid4(),
        "elsewhere": world.users["partner_not_involved"].uuid,
        "resident": world.users["resident"].uuid,
    }
    body = _schedule_body(world)
    body["deelnemers"][1]["professional"] = str(uuids[who])
    response = regisseur.post(MEETINGS, body, format="json")
    assert response.status_code == 400
    assert _params(response) == {
        "deelnemers.1.professional": ["Deze professional kunt u hier niet kiezen."]
    }
    assert not Meeting.objects.exists()


def test_an_organisation_that_does_not_exist_is_not_said_not_to_exist(world, regisseur):
    body = _schedule_body(world)
    body["deelnemers"][1] = {"partij": "organisatie", "organisatie": str(uuid.uuid4())}
    response = regisseur.post(MEETINGS, body, format="json")
    assert _params(response) == {
        "deelnemers.1.organisatie": ["Deze organisatie kunt u hier niet kiezen."]
    }


def test_a_planner_who_may_not_plan_this_household_hears_why(world):
    # A coordinating professional who is involved but does not run the plan: the role is fine,
    # so the service's reason is the answer, not "your role does not allow this".
    other = professional(Role.REGISSEUR)
    InvolvementFactory(household=world.household, professional=other)
    response = client_for(other).post(MEETINGS, _schedule_body(world), format="json")
    assert response.status_code == 403
    detail = response.json()["detail"]
    assert detail.startswith("Alleen de regisseur, de achtervang of de teamleider")
    assert detail != "Uw rol staat deze handeling niet toe."
    assert not Meeting.objects.exists()


def test_scheduling_for_a_household_not_yours_is_a_404(world):
    body = _schedule_body(world, huishouden=str(world.other_household.uuid), deelnemers=[])
    response = client_for(world.users["lead_other"]).post(MEETINGS, body, format="json")
    assert response.status_code == 404
    assert not Meeting.objects.exists()


# --- reading -------------------------------------------------------------------------------


def test_detail_has_the_agenda_and_logs_one_read(world, regisseur, actor_of):
    goal = GoalFactory(plan=_plan(world), text="Ik wil rust in huis.")
    open_action = ActionFactory(goal=goal)
    ActionFactory(goal=goal, status="gedaan")
    meeting = _meeting(world, actor_of)
    before = _last_seq()
    response = regisseur.get(f"{MEETINGS}/{meeting.uuid}")
    assert response.status_code == 200
    data = response.json()
    [doel] = data["agenda"]["doelen"]
    assert doel["uuid"] == str(goal.uuid)
    assert [a["uuid"] for a in doel["openActies"]] == [str(open_action.uuid)]
    assert data["afspraken"] == []
    assert data["soort"] == "keukentafel"
    [entry] = AccessLogEntry.objects.filter(seq__gt=before)
    assert entry.event == AccessEvent.HOUSEHOLD_VIEW
    assert {s.resident_uuid for s in entry.subjects.all()} == {
        m.resident.uuid for m in world.household.members.filter(until=None)
    }


def test_list_filters_by_household_and_status(world, regisseur, actor_of):
    planned = _meeting(world, actor_of)
    held = _meeting(world, actor_of, days=3)
    Meeting.objects.filter(pk=held.pk).update(status=MeetingStatus.HELD, resident_present=True)
    every = regisseur.get(MEETINGS, {"huishouden": str(world.household.uuid)}).json()
    assert [m["uuid"] for m in every["results"]] == [str(planned.uuid), str(held.uuid)]
    only_held = regisseur.get(MEETINGS, {"status": "gehouden"}).json()
    assert [m["uuid"] for m in only_held["results"]] == [str(held.uuid)]
    hidden = regisseur.get(MEETINGS, {"huishouden": str(world.other_household.uuid)}).json()
    assert hidden["count"] == 0
    bad = regisseur.get(MEETINGS, {"status": "misschien"})
    assert bad.status_code == 400
    assert list(_params(bad)) == ["status"]


def test_list_queries_do_not_grow_with_meetings(world, actor_of):
    lead = client_for(world.users["lead_covering"])
    _meeting(world, actor_of)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert lead.get(MEETINGS).status_code == 200
        return len(queries)

    few = count()
    for days in range(2, 6):
        household = HouseholdFactory(members=2, neighbourhood=world.household.neighbourhood)
        PlanFactory(household=household, coordinator_professional=world.users["regisseur"])
        InvolvementFactory(household=household, organisation=world.organisation)
        _meeting(world, actor_of, household=household, days=days)
    assert count() == few
    assert lead.get(MEETINGS).json()["count"] == 5


# --- recording what happened ---------------------------------------------------------------


def _record_url(meeting: Meeting) -> str:
    return f"{MEETINGS}/{meeting.uuid}/verslag"


def _started(meeting: Meeting) -> Meeting:
    """A meeting is recorded once it has been held: this one started two hours ago."""
    start = timezone.now() - dt.timedelta(hours=2)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=start, ends_at=start + dt.timedelta(hours=1)
    )
    meeting.refresh_from_db()
    return meeting


def test_a_resident_not_at_the_table_needs_a_reason(world, regisseur, actor_of):
    meeting = _started(_meeting(world, actor_of))
    response = regisseur.post(_record_url(meeting), {"inwonerAanwezig": False}, format="json")
    assert response.status_code == 400
    assert list(_params(response)) == ["redenAfwezig"]
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED
    assert not AuditEvent.objects.filter(action="meeting.record").exists()

    body = {"inwonerAanwezig": False, "redenAfwezig": "Ze lag in het ziekenhuis."}
    response = regisseur.post(_record_url(meeting), body, format="json")
    assert response.status_code == 200
    assert response.json()["inwonerAanwezig"] is False
    assert response.json()["redenAfwezig"] == "Ze lag in het ziekenhuis."


def test_agreements_become_plan_actions(world, regisseur, actor_of):
    goal = GoalFactory(plan=_plan(world))
    meeting = _started(_meeting(world, actor_of))
    body = {
        "inwonerAanwezig": True,
        "samenvatting": "We spraken over de huur. Je belt maandag de woonconsulent.",
        "afspraken": [
            {
                "doel": str(goal.uuid),
                "wat": "De woonconsulent bellen.",
                "eigenaar": {"soort": "inwoner", "inwoner": str(world.resident.uuid)},
                "deadline": "2026-12-07",
            },
            {
                "doel": str(goal.uuid),
                "wat": "Een betalingsregeling voorstellen.",
                "eigenaar": {"soort": "organisatie", "organisatie": str(world.organisation.uuid)},
            },
        ],
    }
    response = regisseur.post(_record_url(meeting), body, format="json")
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["status"] == "gehouden"
    assert [a["wat"] for a in data["afspraken"]] == [
        "De woonconsulent bellen.",
        "Een betalingsregeling voorstellen.",
    ]
    assert Agreement.objects.filter(meeting=meeting).count() == 2
    assert Action.objects.filter(goal=goal).count() == 2
    assert AuditEvent.objects.filter(action="meeting.record").count() == 1


@pytest.mark.parametrize(
    ("agreement", "field"),
    [
        ({"eigenaar": None}, "afspraken.0.eigenaar"),
        ({"eigenaar": "two"}, "afspraken.0.eigenaar.naam"),
        ({"doel": "elsewhere"}, "afspraken.0.doel"),
        ({"eigenaar": "outsider"}, "afspraken.1.eigenaar.professional"),
    ],
)
def test_a_bad_agreement_leaves_nothing_behind(world, regisseur, actor_of, agreement, field):
    goal = GoalFactory(plan=_plan(world))
    meeting = _started(_meeting(world, actor_of))
    owners = {
        "two": {"soort": "inwoner", "inwoner": str(world.resident.uuid), "naam": "Zus Samira"},
        "outsider": {
            "soort": "professional",
            "professional": str(world.users["partner_not_involved"].uuid),
        },
    }
    item = {
        "doel": str(goal.uuid),
        "wat": "Iets afspreken.",
        "eigenaar": {"soort": "naaste", "naam": "Zus Samira"},
    }
    for key, value in agreement.items():
        if value is None:
            item.pop(key)
        elif key == "doel":
            item["doel"] = str(GoalFactory().uuid)
        else:
            item[key] = owners[value]
    good = {**item, "doel": str(goal.uuid), "eigenaar": {"soort": "naaste", "naam": "Zus"}}
    # The service refuses an outsider; a good agreement before it shows which one is named.
    afspraken = [good, item] if field.startswith("afspraken.1.") else [item]
    body = {"inwonerAanwezig": True, "afspraken": afspraken}
    response = regisseur.post(_record_url(meeting), body, format="json")
    assert response.status_code == 400
    assert field in _params(response)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED
    assert not Action.objects.exists()
    assert not Agreement.objects.exists()


def test_whether_the_resident_was_there_is_true_or_false_only(world, regisseur, actor_of):
    meeting = _started(_meeting(world, actor_of))
    for value in (1, "ja", "true", None):
        response = regisseur.post(_record_url(meeting), {"inwonerAanwezig": value}, format="json")
        assert response.status_code == 400
        expected = (
            "Geef hier een waarde; null mag niet." if value is None else "Geef true of false."
        )
        assert _params(response) == {"inwonerAanwezig": [expected]}
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED


def test_unknown_fields_of_an_agreement_are_named_by_their_place(world, regisseur, actor_of):
    goal = GoalFactory(plan=_plan(world))
    meeting = _started(_meeting(world, actor_of))
    item = {
        "doel": str(goal.uuid),
        "wat": "Bellen.",
        "eigenaar": {"soort": "naaste", "naam": "Zus"},
    }
    body = {
        "inwonerAanwezig": True,
        "afspraken": [item, {**item, "status": "gedaan", "eigenaar": {**item["eigenaar"], "x": 1}}],
    }
    response = regisseur.post(_record_url(meeting), body, format="json")
    assert response.status_code == 400
    assert [(p["name"], p["code"]) for p in response.json()["invalidParams"]] == [
        ("afspraken.1.eigenaar.x", "unknown"),
        ("afspraken.1.status", "readOnly"),
    ]
    assert not Action.objects.exists()


def test_a_held_meeting_is_not_recorded_twice(world, regisseur, actor_of):
    meeting = _started(_meeting(world, actor_of))
    first = regisseur.post(_record_url(meeting), {"inwonerAanwezig": True}, format="json")
    assert first.status_code == 200, first.json()["invalidParams"]
    again = regisseur.post(_record_url(meeting), {"inwonerAanwezig": True}, format="json")
    assert again.status_code == 400
    assert list(_params(again)) == ["status"]
    assert AuditEvent.objects.filter(action="meeting.record").count() == 1

"""GET and POST /api/v1/plannen, GET /api/v1/plannen/{uuid}, its doelen and acties, and PATCH of
an action's status.

Who may call them is in test_access_matrix; here: what they answer, bad input (with nothing
saved), the audit trail and plan versions, the access log, and the cost in queries.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from eenplan.households.models import TimelineEvent
from eenplan.households.tests.factories import HouseholdFactory, InvolvementFactory
from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import OrganisationFactory, professional
from eenplan.plans.models import Action, ActionStatus, Goal, Plan, PlanStatus, PlanVersion
from eenplan.plans.tests.factories import ActionFactory, GoalFactory, PlanFactory
from eenplan.privacy.models import AccessEvent, AccessLogEntry, AuditEvent

from .conftest import client_for

pytestmark = pytest.mark.django_db

PLANS = "/api/v1/plannen"
OPENAPI = Path(__file__).resolve().parent.parent / "openapi.json"


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


def _members(household) -> set[uuid.UUID]:
    return {m.resident.uuid for m in household.members.filter(until=None)}


@pytest.fixture
def regisseur(world):
    return client_for(world.users["regisseur"])


@pytest.fixture
def goal(world) -> Goal:
    return GoalFactory(plan=_plan(world), text="Ik wil mijn huur weer op tijd betalen.")


# --- starting a plan -----------------------------------------------------------------------


@pytest.fixture
def new_household(world):
    """A household without a plan in the district the covering team lead looks after."""
    return HouseholdFactory(members=1, neighbourhood=world.household.neighbourhood)


def test_start_a_plan_answers_201_audited_and_logged(world, new_household):
    lead = client_for(world.users["lead_covering"])
    before = _last_seq()
    body = {
        "huishouden": str(new_household.uuid),
        "regisseur": {"soort": "professional", "professional": str(world.users["regisseur"].uuid)},
        "samenvatting": "Start na het signaal over de huurachterstand.",
    }
    response = lead.post(PLANS, body, format="json")
    assert response.status_code == 201, response.json()
    plan = Plan.objects.get(household=new_household)
    assert plan.status == PlanStatus.ACTIVE
    assert plan.coordinator_professional == world.users["regisseur"]
    data = response.json()
    assert data["uuid"] == str(plan.uuid)
    assert response["Location"] == data["url"]
    assert data["regisseur"]["soort"] == "professional"
    assert data["doelen"] == []
    assert AuditEvent.objects.filter(action="plan.start", object_id=str(plan.pk)).count() == 1
    entries = list(AccessLogEntry.objects.filter(seq__gt=before).prefetch_related("subjects"))
    assert len(entries) == 1
    assert {s.resident_uuid for s in entries[0].subjects.all()} == _members(new_household)


def test_a_household_with_an_active_plan_gets_no_second(world, regisseur):
    body = {
        "huishouden": str(world.household.uuid),
        "regisseur": {"soort": "professional", "professional": str(world.users["regisseur"].uuid)},
    }
    response = regisseur.post(PLANS, body, format="json")
    assert response.status_code == 400
    assert list(_params(response)) == ["huishouden"]
    assert "al een actief plan" in _params(response)["huishouden"][0]
    assert Plan.objects.filter(household=world.household).count() == 1
    assert not AuditEvent.objects.filter(action="plan.start").exists()


def test_a_resident_who_coordinates_needs_a_backup(world, new_household):
    lead = client_for(world.users["lead_covering"])
    member = new_household.members.get().resident
    body = {
        "huishouden": str(new_household.uuid),
        "regisseur": {"soort": "inwoner", "inwoner": str(member.uuid)},
    }
    response = lead.post(PLANS, body, format="json")
    assert response.status_code == 400
    assert list(_params(response)) == ["achtervang"]
    assert not Plan.objects.filter(household=new_household).exists()

    body["achtervang"] = str(world.users["regisseur"].uuid)
    response = lead.post(PLANS, body, format="json")
    assert response.status_code == 201
    assert response.json()["regisseur"] == {"naam": member.full_name, "soort": "inwoner"}
    assert response.json()["achtervang"]["naam"] == world.users["regisseur"].get_full_name()


def test_a_plan_has_one_coordinator(world, new_household):
    lead = client_for(world.users["lead_covering"])
    body = {
        "huishouden": str(new_household.uuid),
        "regisseur": {
            "soort": "professional",
            "professional": str(world.users["regisseur"].uuid),
            "inwoner": str(new_household.members.get().resident.uuid),
        },
    }
    response = lead.post(PLANS, body, format="json")
    assert response.status_code == 400
    assert list(_params(response)) == ["regisseur.inwoner"]
    missing = lead.post(PLANS, {"huishouden": str(new_household.uuid)}, format="json")
    assert list(_params(missing)) == ["regisseur"]
    unknown = lead.post(
        PLANS,
        {
            "huishouden": str(new_household.uuid),
            "regisseur": {"soort": "professional", "professional": str(uuid.uuid4())},
        },
        format="json",
    )
    assert list(_params(unknown)) == ["regisseur.professional"]
    assert not Plan.objects.filter(household=new_household).exists()


def test_wrong_json_types_are_refused_not_read_as_something_else(world, new_household):
    lead = client_for(world.users["lead_covering"])
    response = lead.post(
        PLANS,
        {
            "huishouden": 123,  # DRF would read a number as a uuid, and answer 404
            "regisseur": {
                "soort": "professional",
                "professional": str(world.users["regisseur"].uuid),
            },
            "achtervang": True,
            "samenvatting": 7,
        },
        format="json",
    )
    assert response.status_code == 400
    uuid_as_text = "Geef een uuid als tekst, zoals 123e4567-e89b-12d3-a456-426614174000."
    assert _params(response) == {
        "huishouden": [uuid_as_text],
        "achtervang": [uuid_as_text],
        "samenvatting": ["Geef hier tekst (een JSON-string)."],
    }
    assert {p["code"] for p in response.json()["invalidParams"]} == {"type"}
    not_an_object = lead.post(
        PLANS, {"huishouden": str(new_household.uuid), "regisseur": "de regisseur"}, format="json"
    )
    # Named by the field itself, not regisseur.non_field_errors.
    assert _params(not_an_object) == {"regisseur": ["Geef hier een object (een JSON-object)."]}
    assert not Plan.objects.filter(household=new_household).exists()


def test_unknown_fields_in_nested_objects_are_named_by_their_path(world, new_household):
    lead = client_for(world.users["lead_covering"])
    body = {
        "huishouden": str(new_household.uuid),
        "regisseur": {
            "soort": "professional",
            "professional": str(world.users["regisseur"].uuid),
            "naam": "Kim",
            "telefoon": "030",
        },
    }
    response = lead.post(PLANS, body, format="json")
    assert response.status_code == 400
    assert [(p["name"], p["code"]) for p in response.json()["invalidParams"]] == [
        ("regisseur.naam", "readOnly"),  # the answer shows it; it follows from the professional
        ("regisseur.telefoon", "unknown"),
    ]
    assert not Plan.objects.filter(household=new_household).exists()


@pytest.mark.parametrize("person", ["unknown", "resident", "beleid", "former"])
def test_a_professional_who_does_not_exist_and_one_who_cannot_be_chosen_get_one_answer(
    world, new_household, person
):
    # A resident's login, a policy adviser or a former employee: the answer must not tell them
    # apart from a uuid nobody has, or it would tell who has an account.
    former = professional(Role.REGISSEUR)
    former.memberships.update(active=False)
    uuids = {
        "unknown": uuid.uuid4(),
        "resident": world.users["resident"].uuid,
        "beleid": world.users["beleid"].uuid,
        "former": former.uuid,
    }
    lead = client_for(world.users["lead_covering"])
    member = new_household.members.get().resident
    response = lead.post(
        PLANS,
        {
            "huishouden": str(new_household.uuid),
            "regisseur": {"soort": "inwoner", "inwoner": str(member.uuid)},
            "achtervang": str(uuids[person]),
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"] == [
        {
            "name": "achtervang",
            "reason": "Deze professional kunt u hier niet kiezen.",
            "code": "invalid",
        }
    ]
    assert not Plan.objects.filter(household=new_household).exists()


def test_starting_a_plan_for_a_household_not_yours_is_a_404(world):
    elsewhere = HouseholdFactory(members=1)
    body = {
        "huishouden": str(elsewhere.uuid),
        "regisseur": {"soort": "professional", "professional": str(world.users["regisseur"].uuid)},
    }
    response = client_for(world.users["lead_covering"]).post(PLANS, body, format="json")
    assert response.status_code == 404
    assert not Plan.objects.filter(household=elsewhere).exists()


# --- reading plans -------------------------------------------------------------------------


def test_plan_detail_shows_goals_with_their_actions_and_logs_one_read(world, regisseur, goal):
    action = ActionFactory(
        goal=goal,
        owner_professional=None,
        owner_resident=world.resident,
        what="Huurbaas bellen",
        due_on=dt.date(2026, 12, 1),
    )
    before = _last_seq()
    response = regisseur.get(f"{PLANS}/{_plan(world).uuid}")
    assert response.status_code == 200
    [doel] = response.json()["doelen"]
    assert doel["tekst"] == goal.text
    assert doel["levensdomein"]["code"] == goal.domain.code
    [actie] = doel["acties"]
    assert actie["uuid"] == str(action.uuid)
    assert actie["eigenaar"] == {
        "soort": "inwoner",
        "naam": world.resident.full_name,
        "inwoner": str(world.resident.uuid),
        "professional": None,
        "organisatie": None,
    }
    assert actie["deadline"] == "2026-12-01"
    [entry] = AccessLogEntry.objects.filter(seq__gt=before)
    assert entry.event == AccessEvent.HOUSEHOLD_VIEW
    assert entry.channel == "api"
    assert {s.resident_uuid for s in entry.subjects.all()} == _members(world.household)


def test_plan_list_filters_by_household_and_status(world, regisseur):
    closed = PlanFactory(
        household=world.household,
        status=PlanStatus.CLOSED,
        closed_on=dt.date(2025, 6, 1),
        coordinator_professional=world.users["regisseur"],
    )
    every = regisseur.get(PLANS, {"huishouden": str(world.household.uuid)}).json()
    assert {p["uuid"] for p in every["results"]} == {str(_plan(world).uuid), str(closed.uuid)}
    only_closed = regisseur.get(PLANS, {"status": "afgesloten"}).json()
    assert [p["uuid"] for p in only_closed["results"]] == [str(closed.uuid)]
    other = regisseur.get(PLANS, {"huishouden": str(world.other_household.uuid)}).json()
    assert other["count"] == 0
    bad = regisseur.get(PLANS, {"status": "weg", "huishouden": "geen-uuid"})
    assert bad.status_code == 400
    assert set(_params(bad)) == {"status", "huishouden"}


def test_malformed_plan_uuid_is_a_400(regisseur):
    response = regisseur.get(f"{PLANS}/geen-uuid")
    assert response.status_code == 400
    assert _params(response) == {
        "uuid": ["Dit is geen uuid. Een uuid ziet er zo uit: 123e4567-e89b-12d3-a456-426614174000."]
    }


def test_a_malformed_goal_or_action_uuid_is_named_as_the_documents_path_parameter(world, regisseur):
    plan = _plan(world)
    for url, name in [
        (f"{PLANS}/{plan.uuid}/doelen/geen-uuid", "goal_uuid"),
        (f"{PLANS}/{plan.uuid}/acties/geen-uuid", "action_uuid"),
    ]:
        assert list(_params(regisseur.get(url))) == [name]
        assert list(_params(regisseur.patch(url, {"status": "open"}, format="json"))) == [name]
    document = json.loads(OPENAPI.read_text())
    for path, name in [
        ("/plannen/{uuid}/doelen/{goal_uuid}", "goal_uuid"),
        ("/plannen/{uuid}/acties/{action_uuid}", "action_uuid"),
    ]:
        assert name in {p["name"] for p in document["paths"][path]["get"]["parameters"]}


def _count_queries(client, url: str, params: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


def test_plan_list_queries_do_not_grow_with_plans(world):
    lead = client_for(world.users["lead_covering"])
    few = _count_queries(lead, PLANS)
    for _ in range(4):
        household = HouseholdFactory(members=2, neighbourhood=world.household.neighbourhood)
        PlanFactory(household=household, backup_professional=world.users["regisseur"])
    many = _count_queries(lead, PLANS)
    assert lead.get(PLANS).json()["count"] == 5
    assert many == few


def test_goal_and_action_lists_queries_do_not_grow_with_rows(world, regisseur, goal):
    partner = world.users["partner_involved"]
    ActionFactory(goal=goal, owner_professional=partner)
    plan = _plan(world)
    goals_few = _count_queries(regisseur, f"{PLANS}/{plan.uuid}/doelen")
    actions_few = _count_queries(regisseur, f"{PLANS}/{plan.uuid}/acties")
    for _ in range(4):
        more = GoalFactory(plan=plan)
        ActionFactory(goal=more, owner_professional=None, owner_organisation=world.organisation)
        ActionFactory(goal=more, owner_professional=None, owner_resident=world.resident)
    assert _count_queries(regisseur, f"{PLANS}/{plan.uuid}/doelen") == goals_few
    assert _count_queries(regisseur, f"{PLANS}/{plan.uuid}/acties") == actions_few
    assert regisseur.get(f"{PLANS}/{plan.uuid}/acties").json()["count"] == 9


def test_action_list_filters_by_status(world, regisseur, goal):
    done = ActionFactory(goal=goal, status=ActionStatus.DONE)
    ActionFactory(goal=goal)
    response = regisseur.get(f"{PLANS}/{_plan(world).uuid}/acties", {"status": "gedaan"})
    assert [a["uuid"] for a in response.json()["results"]] == [str(done.uuid)]


# --- goals ---------------------------------------------------------------------------------


def test_add_goal_writes_a_plan_version_and_an_audit_row(world, regisseur):
    plan = _plan(world)
    body = {
        "levensdomein": "financien",
        "tekst": "Ik wil overzicht over mijn rekeningen.",
        "toelichtingProfessional": "Schuldhulp is al aangemeld.",
    }
    response = regisseur.post(f"{PLANS}/{plan.uuid}/doelen", body, format="json")
    assert response.status_code == 201
    goal = Goal.objects.get(plan=plan)
    assert response.json()["uuid"] == str(goal.uuid)
    assert response.json()["levensdomein"]["code"] == "financien"
    assert goal.professional_note == "Schuldhulp is al aangemeld."
    assert PlanVersion.objects.filter(plan=plan, change="goal.add").count() == 1
    assert AuditEvent.objects.filter(action="plan.goal_add").count() == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"levensdomein": "bestaat-niet", "tekst": "Ik wil werk."}, "levensdomein"),
        ({"levensdomein": "werk-inkomen", "tekst": "   "}, "tekst"),
        ({"tekst": "Ik wil werk."}, "levensdomein"),
    ],
)
def test_bad_goal_is_refused_and_nothing_saved(world, regisseur, body, field):
    response = regisseur.post(f"{PLANS}/{_plan(world).uuid}/doelen", body, format="json")
    assert response.status_code == 400
    assert list(_params(response)) == [field]
    assert not Goal.objects.exists()
    assert not PlanVersion.objects.exists()
    assert not AuditEvent.objects.filter(action="plan.goal_add").exists()


def test_a_goal_with_a_status_is_refused_not_added_as_open(world, regisseur):
    # The audit's case: status and a field that does not exist were ignored, and the goal was
    # added as open.
    body = {"levensdomein": "wonen", "tekst": "Ik wil blijven.", "status": "bereikt", "onzin": 1}
    response = regisseur.post(f"{PLANS}/{_plan(world).uuid}/doelen", body, format="json")
    assert response.status_code == 400
    assert [(p["name"], p["code"]) for p in response.json()["invalidParams"]] == [
        ("status", "readOnly"),
        ("onzin", "unknown"),
    ]
    assert not Goal.objects.exists()


@pytest.mark.parametrize(
    ("tekst", "reason"),
    [
        (7, "Geef hier tekst (een JSON-string)."),
        ("Ik wil \ud800 werk.", "De tekst bevat een ongeldig teken (U+D800). Haal het weg."),
        ("Ik wil\u0000 werk.", "De tekst bevat een nulteken (U+0000). Haal het weg."),
        ("x" * 1001, "Gebruik hoogstens 1000 tekens."),
    ],
)
def test_goal_text_must_be_text_and_says_why_in_dutch(world, regisseur, tekst, reason):
    body = json.dumps({"levensdomein": "wonen", "tekst": tekst})
    response = regisseur.post(
        f"{PLANS}/{_plan(world).uuid}/doelen", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert _params(response) == {"tekst": [reason]}
    assert not Goal.objects.exists()


def test_a_life_domain_that_is_not_a_code_says_what_a_code_is(world, regisseur):
    body = {"levensdomein": "werk en inkomen", "tekst": "Ik wil werk."}
    response = regisseur.post(f"{PLANS}/{_plan(world).uuid}/doelen", body, format="json")
    assert _params(response) == {
        "levensdomein": [
            "Geef een code van alleen letters, cijfers, streepjes (-) en lage streepjes (_)."
        ]
    }


def test_goal_reached_through_the_api_writes_a_version_and_the_timeline(world, regisseur, goal):
    url = f"{PLANS}/{_plan(world).uuid}/doelen/{goal.uuid}"
    read = regisseur.get(url)
    assert read.status_code == 200 and read.json()["url"].endswith(url)
    response = regisseur.patch(url, {"status": "bereikt"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "bereikt"
    assert response.json()["tekst"] == "Ik wil mijn huur weer op tijd betalen."
    version = PlanVersion.objects.get(plan=_plan(world))
    assert version.before["status"] == "open" and version.after["status"] == "bereikt"
    assert TimelineEvent.objects.filter(
        household=world.household, kind="plan.goal_reached"
    ).exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"status": "klaar"}, "status"),
        ({"tekst": "   "}, "tekst"),
        ({"levensdomein": "bestaat-niet"}, "levensdomein"),
    ],
)
def test_bad_goal_change_is_refused_and_nothing_saved(world, regisseur, goal, body, field):
    url = f"{PLANS}/{_plan(world).uuid}/doelen/{goal.uuid}"
    response = regisseur.patch(url, body, format="json")
    assert response.status_code == 400
    assert list(_params(response)) == [field]
    goal.refresh_from_db()
    assert goal.status == "open" and goal.text == "Ik wil mijn huur weer op tijd betalen."
    assert not PlanVersion.objects.exists()


def test_a_goal_of_another_plan_is_a_404(world, regisseur):
    other = GoalFactory(plan=PlanFactory())
    url = f"{PLANS}/{_plan(world).uuid}/doelen/{other.uuid}"
    assert regisseur.get(url).status_code == 404
    assert regisseur.patch(url, {"status": "bereikt"}, format="json").status_code == 404
    other.refresh_from_db()
    assert other.status == "open"


def test_a_planner_who_sees_the_plan_but_does_not_run_it_gets_403(world):
    other = professional(Role.REGISSEUR)
    InvolvementFactory(household=world.household, professional=other)
    body = {"levensdomein": "wonen", "tekst": "Ik wil blijven wonen."}
    client = client_for(other)
    response = client.post(f"{PLANS}/{_plan(world).uuid}/doelen", body, format="json")
    assert response.status_code == 403
    # The role is fine: the answer says what is missing, not "your role does not allow this".
    assert response.json()["detail"] == (
        "Alleen de regisseur, de achtervang of de teamleider van de wijk mag dit plan wijzigen."
    )
    # Refused before the body is read: a bad body is a 403 too, not a 400.
    bad = client.post(f"{PLANS}/{_plan(world).uuid}/acties", {"wat": ""}, format="json")
    assert bad.status_code == 403
    assert not Goal.objects.exists()


def test_a_closed_plan_takes_no_goals(world, regisseur):
    plan = _plan(world)
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.CLOSED, closed_on=dt.date(2026, 1, 1))
    # The coordinator of a closed plan sees the household through the team lead's district only;
    # the team lead asks.
    lead = client_for(world.users["lead_covering"])
    body = {"levensdomein": "wonen", "tekst": "Ik wil blijven wonen."}
    response = lead.post(f"{PLANS}/{plan.uuid}/doelen", body, format="json")
    assert response.status_code == 400
    assert list(_params(response)) == ["plan"]
    assert not Goal.objects.exists()


# --- actions -------------------------------------------------------------------------------


def _action_body(goal: Goal, owner: dict | None, **extra) -> dict:
    body = {"doel": str(goal.uuid), "wat": "Samen de post openen.", **extra}
    if owner is not None:
        body["eigenaar"] = owner
    return body


def _owners(world) -> dict[str, dict]:
    return {
        "inwoner": {"soort": "inwoner", "inwoner": str(world.resident.uuid)},
        "naaste": {"soort": "naaste", "naam": "Tante Fatima"},
        "professional": {
            "soort": "professional",
            "professional": str(world.users["partner_involved"].uuid),
        },
        "organisatie": {"soort": "organisatie", "organisatie": str(world.organisation.uuid)},
    }


@pytest.mark.parametrize("kind", ["inwoner", "naaste", "professional", "organisatie"])
def test_add_action_for_each_kind_of_owner(world, regisseur, goal, kind):
    owner = _owners(world)[kind]
    body = _action_body(goal, owner, deadline="2026-12-15")
    response = regisseur.post(f"{PLANS}/{_plan(world).uuid}/acties", body, format="json")
    assert response.status_code == 201, response.json()
    action = Action.objects.get(goal=goal)
    data = response.json()
    assert data["uuid"] == str(action.uuid)
    assert response["Location"] == data["url"]
    assert data["eigenaar"]["soort"] == kind
    assert data["deadline"] == "2026-12-15"
    assert action.due_on == dt.date(2026, 12, 15)
    assert PlanVersion.objects.filter(change="action.add").count() == 1
    assert AuditEvent.objects.filter(action="plan.action_add").count() == 1


def test_action_without_owner_or_with_two_is_refused_and_nothing_saved(world, regisseur, goal):
    url = f"{PLANS}/{_plan(world).uuid}/acties"
    owners = _owners(world)
    without = regisseur.post(url, _action_body(goal, None), format="json")
    assert without.status_code == 400
    assert list(_params(without)) == ["eigenaar"]

    two = {**owners["inwoner"], "organisatie": owners["organisatie"]["organisatie"]}
    response = regisseur.post(url, _action_body(goal, two), format="json")
    assert response.status_code == 400
    assert list(_params(response)) == ["eigenaar.organisatie"]

    kind_without_reference = regisseur.post(
        url, _action_body(goal, {"soort": "professional"}), format="json"
    )
    assert list(_params(kind_without_reference)) == ["eigenaar.professional"]

    nested_unknown = {**owners["naaste"], "email": "zus@example.nl"}
    unknown = regisseur.post(url, _action_body(goal, nested_unknown), format="json")
    assert _params(unknown) == {"eigenaar.email": ["Dit veld is hier onbekend."]}
    nowhere = {"soort": "organisatie", "organisatie": str(uuid.uuid4())}
    missing = regisseur.post(url, _action_body(goal, nowhere), format="json")
    assert _params(missing) == {
        "eigenaar.organisatie": ["Deze organisatie kunt u hier niet kiezen."]
    }
    assert not Action.objects.exists()
    assert not PlanVersion.objects.exists()


@pytest.mark.parametrize(
    ("owner", "field"),
    [
        # A member of another household and a uuid nobody has: the same answer.
        ({"soort": "inwoner", "inwoner": "other_resident"}, "eigenaar.inwoner"),
        ({"soort": "inwoner", "inwoner": "unknown"}, "eigenaar.inwoner"),
        ({"soort": "organisatie", "organisatie": "not_involved"}, "eigenaar.organisatie"),
        (
            {"soort": "professional", "professional": "partner_not_involved"},
            "eigenaar.professional",
        ),
    ],
)
def test_an_owner_outside_the_household_is_refused(world, regisseur, goal, owner, field):
    references = {
        "other_resident": str(world.other_household.members.get().resident.uuid),
        "unknown": str(uuid.uuid4()),
        "not_involved": str(OrganisationFactory().uuid),
        "partner_not_involved": str(world.users["partner_not_involved"].uuid),
    }
    owner = {key: references.get(value, value) for key, value in owner.items()}
    response = regisseur.post(
        f"{PLANS}/{_plan(world).uuid}/acties", _action_body(goal, owner), format="json"
    )
    assert response.status_code == 400
    assert list(_params(response)) == [field]
    assert not Action.objects.exists()


def test_an_action_for_a_goal_of_another_plan_is_refused(world, regisseur):
    elsewhere = GoalFactory()
    body = _action_body(elsewhere, _owners(world)["naaste"])
    response = regisseur.post(f"{PLANS}/{_plan(world).uuid}/acties", body, format="json")
    assert response.status_code == 400
    assert list(_params(response)) == ["doel"]
    assert not Action.objects.exists()


# --- the status of an action ---------------------------------------------------------------


def _action_url(world, action: Action) -> str:
    return f"{PLANS}/{_plan(world).uuid}/acties/{action.uuid}"


def test_mark_an_action_done_and_open_it_again(world, regisseur, goal):
    action = ActionFactory(goal=goal)
    done = regisseur.patch(_action_url(world, action), {"status": "gedaan"}, format="json")
    assert done.status_code == 200
    assert done.json()["status"] == "gedaan"
    assert done.json()["gedaanOp"] is not None
    reopened = regisseur.patch(_action_url(world, action), {"status": "open"}, format="json")
    assert reopened.json()["status"] == "open"
    assert reopened.json()["gedaanOp"] is None
    assert AuditEvent.objects.filter(action="plan.action_status").count() == 2


def test_an_impossible_change_of_status_is_refused(world, regisseur, goal):
    action = ActionFactory(goal=goal, status=ActionStatus.DONE)
    response = regisseur.patch(_action_url(world, action), {"status": "vervallen"}, format="json")
    assert response.status_code == 400
    assert list(_params(response)) == ["status"]
    unknown = regisseur.patch(_action_url(world, action), {"status": "klaar"}, format="json")
    assert list(_params(unknown)) == ["status"]
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    assert not PlanVersion.objects.exists()


def test_a_change_of_status_with_a_field_that_cannot_change_is_refused(world, regisseur, goal):
    action = ActionFactory(goal=goal, what="Huurbaas bellen")
    body = {"status": "gedaan", "wat": "Iets anders"}
    response = regisseur.patch(_action_url(world, action), body, format="json")
    assert response.status_code == 400
    assert response.json()["invalidParams"] == [
        {
            "name": "wat",
            "reason": "Dit veld kunt u hier niet invullen of wijzigen.",
            "code": "readOnly",
        }
    ]
    action.refresh_from_db()
    assert (action.status, action.what) == (ActionStatus.OPEN, "Huurbaas bellen")


def test_the_professional_who_owns_an_action_reports_it_done(world, goal):
    partner = client_for(world.users["partner_involved"])
    own = ActionFactory(goal=goal, owner_professional=world.users["partner_involved"])
    someone_elses = ActionFactory(goal=goal)
    done = partner.patch(_action_url(world, own), {"status": "gedaan"}, format="json")
    assert done.status_code == 200
    refused = partner.patch(_action_url(world, someone_elses), {"status": "gedaan"}, format="json")
    assert refused.status_code == 403
    assert refused.json()["detail"].startswith("Alleen de regisseur, de achtervang, de teamleider")
    someone_elses.refresh_from_db()
    assert someone_elses.status == ActionStatus.OPEN


def test_an_action_of_another_plan_is_a_404(world, regisseur):
    elsewhere = ActionFactory()
    response = regisseur.patch(_action_url(world, elsewhere), {"status": "gedaan"}, format="json")
    assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.status == ActionStatus.OPEN

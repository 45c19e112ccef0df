"""Every error is application/problem+json (RFC 9457) and every answer carries API-Version."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polib
import pytest
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from rest_framework import serializers as drf
from rest_framework.test import APIClient
from rest_framework.throttling import UserRateThrottle

from eenplan.api import fields, views
from eenplan.api import urls as every_endpoint  # noqa: F401  (imports every serializer)
from eenplan.api.errors import invalid_params, validation_error_from_django
from eenplan.api.inputs import BodyListSerializer, BodySerializer, QuerySerializer
from eenplan.assessments.models import Instrument
from eenplan.households.tests.factories import HouseholdFactory
from eenplan.meetings.models import Meeting
from eenplan.meetings.services import ParticipantInput, meeting_schedule
from eenplan.plans.models import Goal, Plan, PlanStatus
from eenplan.plans.tests.factories import ActionFactory, GoalFactory
from eenplan.privacy.models import AccessLogEntry, AuditEvent

from .conftest import client_for

pytestmark = pytest.mark.django_db


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    assert response["API-Version"] == "1.0.0"
    body = response.json()
    assert {"type", "title", "status", "detail", "instance"} <= body.keys()
    assert body["status"] == status
    assert body["title"] and body["detail"]
    assert body["type"].startswith("https://")
    return body


def test_unknown_address_under_the_api_is_a_problem_not_a_page(world):
    client = client_for(world.users["regisseur"])
    body = assert_problem(client.get("/api/v1/nope"), 404)
    assert body["instance"] == "/api/v1/nope"
    assert_problem(client.get("/api/v1/huishoudens/"), 404)  # no trailing slashes
    assert_problem(APIClient().get("/api/v1/nope/deeper"), 404)


def test_not_logged_in_is_401_with_a_challenge():
    response = APIClient().get(reverse("api:household-list"))
    assert_problem(response, 401)
    assert response["WWW-Authenticate"] == "Token"


def test_wrong_token_is_401():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert_problem(client.get(reverse("api:household-list")), 401)


def test_method_not_allowed_is_405(world):
    response = client_for(world.users["regisseur"]).delete(reverse("api:household-list"))
    assert_problem(response, 405)


def test_format_other_than_json_is_406(world):
    response = client_for(world.users["regisseur"]).get(
        reverse("api:household-list"), HTTP_ACCEPT="application/xml"
    )
    assert_problem(response, 406)


def test_body_other_than_json_is_415(world):
    response = client_for(world.users["regisseur"]).post(
        reverse("api:household-list"), "voornamen=Jan", content_type="text/plain"
    )
    assert_problem(response, 415)


def test_malformed_json_is_400_in_dutch_without_the_parsers_words(world):
    response = client_for(world.users["regisseur"]).post(
        reverse("api:household-list"), '{"adres": ', content_type="application/json"
    )
    body = assert_problem(response, 400)
    assert "invalidParams" not in body
    assert body["detail"] == "De inhoud is geen geldige JSON."


def test_too_many_requests_is_429_with_retry_after(world, monkeypatch):
    monkeypatch.setattr(UserRateThrottle, "allow_request", lambda self, request, view: False)
    monkeypatch.setattr(UserRateThrottle, "wait", lambda self: 30)
    response = client_for(world.users["regisseur"]).get(reverse("api:household-list"))
    assert_problem(response, 429)
    assert response["Retry-After"] == "30"


def test_unexpected_error_is_500_without_internals(world, monkeypatch, caplog):
    def broken(**kwargs):
        raise RuntimeError("database password is hunter2")

    monkeypatch.setattr(views, "household_caseload", broken)
    response = client_for(world.users["regisseur"]).get(reverse("api:household-list"))
    body = assert_problem(response, 500)
    assert "hunter2" not in response.content.decode()
    assert body["instance"] == "/api/v1/huishoudens"
    assert any("hunter2" in str(r.exc_info[1]) for r in caplog.records if r.exc_info)


def test_forbidden_is_403(world):
    response = client_for(world.users["resident"]).get(reverse("api:organisation-list"))
    assert_problem(response, 403)


def test_successful_answers_carry_the_version_too(world):
    response = client_for(world.users["regisseur"]).get(reverse("api:household-list"))
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    assert response["Content-Type"] == "application/json"


def test_helpers_for_the_root_error_handlers_answer_problems(rf):
    # core's handler404/handler500 delegate here for paths under /api/ outside /api/v1/.
    from eenplan.api.errors import not_found, server_error

    request = rf.get("/api/v2/huishoudens")
    missing = not_found(request)
    broken = server_error(request)
    assert (missing.status_code, broken.status_code) == (404, 500)
    assert missing["Content-Type"] == broken["Content-Type"] == "application/problem+json"
    assert json.loads(broken.content)["instance"] == "/api/v2/huishoudens"


# --- the words of DRF's own errors ---------------------------------------------------------


def test_drf_errors_are_worded_in_plain_dutch(world, monkeypatch):
    client = client_for(world.users["regisseur"])
    anonymous = assert_problem(APIClient().get(reverse("api:household-list")), 401)
    assert anonymous["detail"].startswith("U bent niet ingelogd.")
    wrong = APIClient()
    wrong.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    token = assert_problem(wrong.get(reverse("api:household-list")), 401)
    assert token["detail"] == "Dit token is niet geldig, of het account is niet meer actief."
    method = assert_problem(client.delete(reverse("api:household-list")), 405)
    assert method["detail"].startswith("De methode DELETE mag niet op dit adres.")
    accept = client.get(reverse("api:household-list"), HTTP_ACCEPT="application/xml")
    assert "alleen in JSON" in assert_problem(accept, 406)["detail"]
    media = client.post(reverse("api:household-list"), "x", content_type="text/plain")
    assert assert_problem(media, 415)["detail"] == (
        "Stuur de inhoud als JSON, met Content-Type: application/json."
    )
    monkeypatch.setattr(UserRateThrottle, "allow_request", lambda self, request, view: False)
    monkeypatch.setattr(UserRateThrottle, "wait", lambda self: 30)
    throttled = assert_problem(client.get(reverse("api:household-list")), 429)
    assert throttled["detail"] == "Te veel verzoeken. Probeer het over 30 seconden opnieuw."


def test_the_dutch_this_app_chose_is_the_dutch_django_uses():
    # Django prefers the catalogue of the app listed first in INSTALLED_APPS, and rest_framework
    # and the other apps come before eenplan.api: a source string they translate too would
    # answer with their Dutch, not ours. (A sentence the API shares with a domain app on purpose,
    # the same refusal as its service gives, is answered in that app's Dutch.)
    source = Path(views.__file__).parent.parent
    shared = {
        entry.msgid
        for path in source.glob("*/locale/nl/LC_MESSAGES/django.po")
        if path.parts[-5] != "api"
        for entry in polib.pofile(str(path))
    }
    catalogue = polib.pofile(str(source / "api/locale/nl/LC_MESSAGES/django.po"))
    with translation.override("nl"):
        for entry in catalogue:
            if entry.msgid in shared:
                continue
            if entry.msgid_plural:
                assert ngettext(entry.msgid, entry.msgid_plural, 2) == entry.msgstr_plural[1]
            elif entry.msgid:
                assert gettext(entry.msgid) == entry.msgstr, entry.msgid


def test_invalid_params_are_named_by_their_path_in_camel_case():
    detail = {
        "non_field_errors": ["a"],
        "regisseur": {"non_field_errors": ["b"]},
        "deelnemers": {"non_field_errors": ["c"], 1: {"organisatie": ["d"]}},
    }
    assert [p["name"] for p in invalid_params(detail)] == [
        "nonFieldErrors",
        "regisseur",
        "deelnemers",
        "deelnemers.1.organisatie",
    ]


def test_a_services_field_without_an_api_name_is_not_shown_by_its_internal_name():
    error = validation_error_from_django(
        DjangoValidationError({"absence_reason": "x", "summary": "y"}), {"summary": "samenvatting"}
    )
    assert {p["name"] for p in invalid_params(error.detail)} == {"nonFieldErrors", "samenvatting"}


def test_a_role_refusal_keeps_the_general_sentence(world):
    response = client_for(world.users["resident"]).get(reverse("api:organisation-list"))
    assert assert_problem(response, 403)["detail"] == "Uw rol staat deze handeling niet toe."


# --- every write endpoint ------------------------------------------------------------------
# For each: how to call it, a body it accepts, and a field it shows but does not take.


@dataclass
class Write:
    method: str
    url: str
    body: dict
    shown_only: str


@pytest.fixture
def writes(world, actor_of, monkeypatch) -> dict[str, Write]:
    from eenplan.linkage import realtime

    monkeypatch.setattr(
        realtime, "link_person", lambda record: realtime.LinkOutcome("new", "none", None, [])
    )
    plan = Plan.objects.get(household=world.household, status=PlanStatus.ACTIVE)
    goal = GoalFactory(plan=plan)
    action = ActionFactory(goal=goal)
    start = timezone.now() + dt.timedelta(days=3)
    meeting = meeting_schedule(
        actor=actor_of(world.users["regisseur"]),
        household=world.household,
        kind="mdo",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        place="Wijkcentrum",
        participants=[ParticipantInput(resident=world.resident)],
    )
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=2),
        ends_at=timezone.now() - dt.timedelta(hours=1),
    )
    new_household = HouseholdFactory(members=1, neighbourhood=world.household.neighbourhood)
    zrm = Instrument.objects.get(code="zrm")
    plans = f"/api/v1/plannen/{plan.uuid}"
    return {
        "huishoudens": Write(
            "post",
            "/api/v1/huishoudens",
            {
                "adres": {"postcode": "3563AB", "huisnummer": 4},
                "inwoner": {"voornamen": "Fatima", "achternaam": "Bakker"},
            },
            "uuid",
        ),
        "signalen": Write(
            "post",
            "/api/v1/signalen",
            {"soort": "eenzaamheid", "achternaam": "Bakker", "geboortedatum": "1985-06-30"},
            "status",
        ),
        "plannen": Write(
            "post",
            "/api/v1/plannen",
            {
                "huishouden": str(new_household.uuid),
                "regisseur": {
                    "soort": "professional",
                    "professional": str(world.users["regisseur"].uuid),
                },
            },
            "status",
        ),
        "doelen": Write(
            "post",
            f"{plans}/doelen",
            {"levensdomein": "wonen", "tekst": "Ik wil blijven."},
            "status",
        ),
        "doel": Write("patch", f"{plans}/doelen/{goal.uuid}", {"status": "bereikt"}, "acties"),
        "acties": Write(
            "post",
            f"{plans}/acties",
            {
                "doel": str(goal.uuid),
                "wat": "Bellen.",
                "eigenaar": {"soort": "naaste", "naam": "Zus"},
            },
            "status",
        ),
        "actie": Write("patch", f"{plans}/acties/{action.uuid}", {"status": "gedaan"}, "wat"),
        "metingen": Write(
            "post",
            "/api/v1/metingen",
            {
                "inwoner": str(world.resident.uuid),
                "instrument": "zrm",
                "datum": "2026-03-02",
                "scores": [{"item": item.code, "waarde": 3} for item in zrm.items.all()],
            },
            "vastgelegdDoor",
        ),
        "overleggen": Write(
            "post",
            "/api/v1/overleggen",
            {
                "huishouden": str(world.household.uuid),
                "soort": "keukentafel",
                "start": start.isoformat(),
                "einde": (start + dt.timedelta(hours=1)).isoformat(),
                "plaats": "Thuis",
                "deelnemers": [{"partij": "inwoner", "inwoner": str(world.resident.uuid)}],
            },
            "status",
        ),
        "verslag": Write(
            "post",
            f"/api/v1/overleggen/{meeting.uuid}/verslag",
            {"inwonerAanwezig": True},
            "agenda",
        ),
    }


WRITES = [
    "huishoudens",
    "signalen",
    "plannen",
    "doelen",
    "doel",
    "acties",
    "actie",
    "metingen",
    "overleggen",
    "verslag",
]


def _send(world, write: Write, body) -> Any:
    # The team lead of the district may do all of these for the household.
    client = client_for(world.users["lead_covering"])
    return client.generic(
        write.method.upper(), write.url, json.dumps(body), content_type="application/json"
    )


def _writes_made() -> int:
    # Every write is audited in its own transaction: no new audit row, nothing saved.
    return AuditEvent.objects.count()


def _accepted(response) -> bool:
    return response.status_code in (200, 201)


@pytest.mark.parametrize("name", WRITES)
def test_an_unknown_field_is_refused_and_nothing_saved(world, writes, name):
    write = writes[name]
    before = _writes_made()
    response = _send(world, write, {**write.body, "onzin": 1})
    body = assert_problem(response, 400)
    assert body["invalidParams"] == [
        {"name": "onzin", "reason": "Dit veld is hier onbekend.", "code": "unknown"}
    ]
    assert _writes_made() == before
    # Without it, the same body is accepted: the unknown field was the only thing wrong.
    assert _accepted(_send(world, write, write.body))


@pytest.mark.parametrize("name", WRITES)
def test_a_field_the_answer_shows_but_this_body_does_not_take_is_refused(world, writes, name):
    write = writes[name]
    before = _writes_made()
    response = _send(world, write, {**write.body, write.shown_only: "x"})
    body = assert_problem(response, 400)
    assert body["invalidParams"] == [
        {
            "name": write.shown_only,
            "reason": "Dit veld kunt u hier niet invullen of wijzigen.",
            "code": "readOnly",
        }
    ]
    assert _writes_made() == before
    assert _accepted(_send(world, write, write.body))


@pytest.mark.parametrize("name", WRITES)
@pytest.mark.parametrize("data", [[], None, "tekst", 5], ids=["array", "null", "string", "number"])
def test_a_body_that_is_not_an_object_is_a_400_that_says_so(world, writes, name, data):
    before = _writes_made()
    body = assert_problem(_send(world, writes[name], data), 400)
    assert body["detail"] == "De inhoud moet een JSON-object zijn: de velden tussen { en }."
    assert "invalidParams" not in body
    assert _writes_made() == before


@pytest.mark.parametrize("name", ["doel", "actie"])
def test_an_empty_change_is_a_400_that_says_so(world, writes, name):
    before = _writes_made()
    body = assert_problem(_send(world, writes[name], {}), 400)
    assert body["detail"] == "De inhoud is leeg. Stuur minstens één veld dat u wilt wijzigen."
    assert _writes_made() == before


@pytest.mark.parametrize("name", WRITES)
def test_a_body_over_the_limit_is_413_in_dutch(world, writes, name, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    write = writes[name]
    before = _writes_made()
    body = assert_problem(_send(world, write, {**write.body, "opvulling": "x" * 2000}), 413)
    assert body["title"] == "Het verzoek is te groot."
    assert body["detail"].startswith("De inhoud is groter dan 1,0")
    assert body["detail"].endswith("KB. Stuur minder tegelijk.")
    assert _writes_made() == before


def test_the_real_limit_is_two_and_a_half_megabytes(world, writes):
    write = writes["doelen"]
    padding = "x" * (2 * 1024 * 1024 + 512 * 1024)
    body = assert_problem(_send(world, write, {**write.body, "tekst": padding}), 413)
    assert body["detail"].startswith("De inhoud is groter dan 2,5")
    assert not Goal.objects.filter(text=padding).exists()


# --- pages ---------------------------------------------------------------------------------


@pytest.fixture
def lists(world) -> dict[str, tuple[str, str, dict]]:
    """Every list: who asks, where, and the query it needs."""
    plan = Plan.objects.get(household=world.household, status=PlanStatus.ACTIVE)
    return {
        "huishoudens": ("regisseur", "/api/v1/huishoudens", {}),
        "organisaties": ("regisseur", "/api/v1/organisaties", {}),
        "toegangslog": ("privacy", "/api/v1/toegangslog", {}),
        "signaalsoorten": ("regisseur", "/api/v1/signaalsoorten", {}),
        "instrumenten": ("regisseur", "/api/v1/instrumenten", {}),
        "metingen": ("regisseur", "/api/v1/metingen", {"inwoner": str(world.resident.uuid)}),
        "plannen": ("regisseur", "/api/v1/plannen", {}),
        "doelen": ("regisseur", f"/api/v1/plannen/{plan.uuid}/doelen", {}),
        "acties": ("regisseur", f"/api/v1/plannen/{plan.uuid}/acties", {}),
        "overleggen": ("regisseur", "/api/v1/overleggen", {}),
    }


LISTS = [
    "huishoudens",
    "organisaties",
    "toegangslog",
    "signaalsoorten",
    "instrumenten",
    "metingen",
    "plannen",
    "doelen",
    "acties",
    "overleggen",
]


def _last_seq() -> int:
    entry = AccessLogEntry.objects.order_by("-seq").first()
    return entry.seq if entry else 0


@pytest.mark.parametrize("name", LISTS)
def test_a_page_past_the_last_is_a_400_naming_the_last_page(world, lists, name):
    person, url, query = lists[name]
    client = client_for(world.users[person])
    last = client.get(url, {**query, "paginaGrootte": 1}).json()
    pages = max(1, last["count"])
    before = _last_seq()
    response = client.get(url, {**query, "paginaGrootte": 1, "pagina": pages + 1})
    body = assert_problem(response, 400)
    assert body["invalidParams"] == [
        {
            "name": "pagina",
            "reason": f"Pagina {pages + 1} bestaat niet. De laatste pagina is {pages}.",
            "code": "outOfRange",
        }
    ]
    # Nothing was shown, so nobody's data was read: no access-log entry for the refused page.
    assert _last_seq() == before
    assert client.get(url, {**query, "paginaGrootte": 1, "pagina": pages}).status_code == 200


@pytest.mark.parametrize("name", LISTS)
def test_a_page_size_over_the_maximum_is_a_clear_400(world, lists, name):
    person, url, query = lists[name]
    response = client_for(world.users[person]).get(url, {**query, "paginaGrootte": 101})
    body = assert_problem(response, 400)
    assert body["invalidParams"] == [
        {
            "name": "paginaGrootte",
            "reason": "Hoogstens 100 resultaten per pagina.",
            "code": "max_value",
        }
    ]


# --- every message a client can meet is ours -------------------------------------------------


def _messages(cls: type) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for klass in reversed(cls.__mro__):
        merged.update(klass.__dict__.get("default_error_messages", {}))
    return merged


OURS_FOR_DRFS = [
    (fields.CharField, drf.CharField),
    (fields.SlugField, drf.SlugField),
    (fields.ChoiceField, drf.ChoiceField),
    (fields.MultipleChoiceField, drf.MultipleChoiceField),
    (fields.UUIDField, drf.UUIDField),
    (fields.BooleanField, drf.BooleanField),
    (fields.IntegerField, drf.IntegerField),
    (fields.DecimalField, drf.DecimalField),
    (fields.DateField, drf.DateField),
    (fields.DateTimeField, drf.DateTimeField),
    (fields.ListField, drf.ListField),
    (fields.DictField, drf.DictField),
    (BodySerializer, drf.Serializer),
    (BodyListSerializer, drf.ListSerializer),
]


@pytest.mark.parametrize(("ours", "theirs"), OURS_FOR_DRFS, ids=lambda c: c.__name__)
def test_every_message_of_a_drf_field_has_our_own_words(ours, theirs):
    mine, drfs = _messages(ours), _messages(theirs)
    assert drfs
    with translation.override("en"):
        for key, message in drfs.items():
            assert key in mine and str(mine[key]) != str(message), f"{ours.__name__}.{key}"


def _subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    for sub in list(found):
        found |= _subclasses(sub)
    return found


def test_every_body_and_query_field_is_one_of_ours():
    # A plain DRF field in a request would answer in DRF's English or poor Dutch again.
    allowed = tuple(ours for ours, _theirs in OURS_FOR_DRFS)
    checked = 0
    for serializer in _subclasses(BodySerializer) | _subclasses(QuerySerializer):
        for name, field in serializer._declared_fields.items():
            assert isinstance(field, allowed), f"{serializer.__name__}.{name}"
            checked += 1
    assert checked > 50

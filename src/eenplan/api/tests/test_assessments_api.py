"""GET /api/v1/instrumenten(/{code}), GET and POST /api/v1/metingen, GET /api/v1/metingen/{uuid}.

Who may call them is in test_access_matrix; here: what they answer, bad input, the access log and
the audit trail, and the cost in queries.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from eenplan.assessments.models import Instrument, Measurement, Score
from eenplan.assessments.tests.factories import record
from eenplan.privacy.models import AccessEvent, AccessLogEntry, AuditEvent

from .conftest import client_for

pytestmark = pytest.mark.django_db

INSTRUMENTS = "/api/v1/instrumenten"
MEASUREMENTS = "/api/v1/metingen"
DAY = dt.date(2026, 3, 2)


def _last_seq() -> int:
    entry = AccessLogEntry.objects.order_by("-seq").first()
    return entry.seq if entry else 0


def _entries_since(seq: int) -> list[AccessLogEntry]:
    return list(AccessLogEntry.objects.filter(seq__gt=seq).prefetch_related("subjects"))


def _params(response) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for param in response.json()["invalidParams"]:
        params.setdefault(param["name"], []).append(param["reason"])
    return params


def _scores(code: str, value: int) -> list[dict]:
    instrument = Instrument.objects.get(code=code)
    return [
        {
            "item": item.code,
            "waarde": value,
            **({"waardeProfessional": value} if item.asks_professional else {}),
        }
        for item in instrument.items.select_related("instrument")
    ]


def _body(world, code: str = "zrm", value: int = 3, **overrides) -> dict:
    body = {
        "inwoner": str(world.resident.uuid),
        "instrument": code,
        "datum": DAY.isoformat(),
        "scores": _scores(code, value),
    }
    body.update(overrides)
    return body


@pytest.fixture
def regisseur_actor(world, actor_of):
    return actor_of(world.users["regisseur"])


# --- instruments ---------------------------------------------------------------------------


def test_instrument_list_shows_the_instruments_in_use(world):
    Instrument.objects.filter(code="participatieladder").update(active=False)
    response = client_for(world.users["partner_involved"]).get(INSTRUMENTS)
    assert response.status_code == 200
    body = response.json()
    codes = [item["code"] for item in body["results"]]
    assert codes == ["zrm", "positieve-gezondheid", "wat-is-belangrijk"]
    assert body["count"] == 3
    zrm = body["results"][0]
    assert zrm["schaal"] == {"minimum": 1, "maximum": 5}
    assert zrm["gescoordDoor"] == "professional"
    assert zrm["url"].endswith("/api/v1/instrumenten/zrm")
    assert AccessLogEntry.objects.count() == 0  # no personal data


def test_instrument_list_pages(world):
    response = client_for(world.users["beleid"]).get(INSTRUMENTS, {"paginaGrootte": 2})
    body = response.json()
    assert len(body["results"]) == 2
    assert "pagina=2" in body["next"]


def test_instrument_detail_has_items_scale_and_anchors(world):
    response = client_for(world.users["regisseur"]).get(f"{INSTRUMENTS}/zrm")
    assert response.status_code == 200
    body = response.json()
    assert len(body["items"]) == 13
    finances = next(item for item in body["items"] if item["code"] == "financien")
    assert finances["levensdomein"]["code"] == "financien"
    assert finances["vraagtProfessional"] is False
    # Every score of the scale has a meaning, on the item itself or on the instrument.
    meanings = {anchor["score"] for anchor in finances["ankers"] or body["ankers"]}
    assert meanings == {1, 2, 3, 4, 5}


def test_instrument_detail_of_both_scored_instrument_says_which_items_need_two(world):
    body = client_for(world.users["regisseur"]).get(f"{INSTRUMENTS}/wat-is-belangrijk").json()
    asks = {item["code"]: item["vraagtProfessional"] for item in body["items"]}
    assert asks["leven"] is False
    assert asks["financien"] is True


def test_instrument_detail_queries_do_not_grow_with_items(world):
    client = client_for(world.users["regisseur"])
    with CaptureQueriesContext(connection) as small:
        assert client.get(f"{INSTRUMENTS}/participatieladder").status_code == 200
    with CaptureQueriesContext(connection) as large:
        assert client.get(f"{INSTRUMENTS}/zrm").status_code == 200
    assert len(small) == len(large)


def test_unknown_instrument_is_a_problem_404(world):
    response = client_for(world.users["regisseur"]).get(f"{INSTRUMENTS}/bestaat-niet")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


# --- reading measurements ------------------------------------------------------------------


def test_list_needs_the_resident(world):
    client = client_for(world.users["regisseur"])
    missing = client.get(MEASUREMENTS)
    assert missing.status_code == 400
    assert missing["Content-Type"] == "application/problem+json"
    assert list(_params(missing)) == ["inwoner"]
    malformed = client.get(MEASUREMENTS, {"inwoner": "geen-uuid"})
    assert malformed.status_code == 400
    assert list(_params(malformed)) == ["inwoner"]
    assert AccessLogEntry.objects.count() == 0


def test_list_shows_scores_oldest_first_and_logs_one_read(world, regisseur_actor):
    later = record(regisseur_actor, world.resident, "zrm", DAY, 4)
    earlier = record(regisseur_actor, world.resident, "zrm", DAY - dt.timedelta(days=90), 2)
    record(regisseur_actor, world.resident, "participatieladder", DAY, 3)
    before = _last_seq()
    response = client_for(world.users["regisseur"]).get(
        MEASUREMENTS, {"inwoner": str(world.resident.uuid), "instrument": "zrm"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [m["uuid"] for m in body["results"]] == [str(earlier.uuid), str(later.uuid)]
    first = body["results"][0]
    assert first["instrument"] == "zrm"
    assert first["datum"] == (DAY - dt.timedelta(days=90)).isoformat()
    assert first["inwoner"] == str(world.resident.uuid)
    assert first["huishouden"] == str(world.household.uuid)
    assert len(first["scores"]) == 13
    assert {score["waarde"] for score in first["scores"]} == {2}
    entries = _entries_since(before)
    assert len(entries) == 1
    assert entries[0].event == AccessEvent.MEASUREMENTS_VIEW
    assert entries[0].channel == "api"
    assert {(s.resident_uuid, s.household_uuid) for s in entries[0].subjects.all()} == {
        (world.resident.uuid, world.household.uuid)
    }


def test_list_queries_do_not_grow_with_measurements(world, regisseur_actor):
    client = client_for(world.users["regisseur"])
    query: dict[str, str | int] = {"inwoner": str(world.resident.uuid), "paginaGrootte": 100}
    record(regisseur_actor, world.resident, "zrm", DAY, 3)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(MEASUREMENTS, query).status_code == 200
        return len(queries)

    few = count()
    for days in range(1, 6):
        record(regisseur_actor, world.resident, "zrm", DAY - dt.timedelta(days=days), 2)
        record(regisseur_actor, world.resident, "wat-is-belangrijk", DAY, 5)
    many = count()
    assert client.get(MEASUREMENTS, query).json()["count"] == 11
    assert few == many


def test_list_of_a_resident_not_yours_is_the_same_404_as_nonexistent(world, regisseur_actor):
    record(regisseur_actor, world.resident, "zrm", DAY, 3)
    client = client_for(world.users["partner_not_involved"])
    hidden = client.get(MEASUREMENTS, {"inwoner": str(world.resident.uuid)})
    missing = client.get(MEASUREMENTS, {"inwoner": str(uuid.uuid4())})
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()
    assert AccessLogEntry.objects.count() == 0


def test_detail_shows_both_scores_and_their_difference(world, regisseur_actor):
    measurement = record(regisseur_actor, world.resident, "wat-is-belangrijk", DAY, 7)
    Score.objects.filter(measurement=measurement, item__code="financien").update(
        value=8, professional_value=3
    )
    before = _last_seq()
    response = client_for(world.users["lead_covering"]).get(f"{MEASUREMENTS}/{measurement.uuid}")
    assert response.status_code == 200
    body = response.json()
    assert body["gescoordDoor"] == "beide"
    assert body["vastgelegdDoor"] == world.users["regisseur"].get_full_name()
    finances = next(score for score in body["scores"] if score["item"] == "financien")
    assert (finances["waarde"], finances["waardeProfessional"], finances["verschil"]) == (8, 3, 5)
    life = next(score for score in body["scores"] if score["item"] == "leven")
    assert life["waardeProfessional"] is None and life["verschil"] is None
    entries = _entries_since(before)
    assert len(entries) == 1 and entries[0].event == AccessEvent.MEASUREMENTS_VIEW


def test_detail_not_yours_is_the_same_404_as_nonexistent(world, regisseur_actor):
    measurement = record(regisseur_actor, world.resident, "zrm", DAY, 3)
    client = client_for(world.users["other_resident"])
    hidden = client.get(f"{MEASUREMENTS}/{measurement.uuid}")
    unknown = uuid.uuid4()
    missing = client.get(f"{MEASUREMENTS}/{unknown}")
    assert hidden.status_code == missing.status_code == 404
    hidden_body, missing_body = hidden.json(), missing.json()
    assert hidden_body.pop("instance").endswith(str(measurement.uuid))
    assert missing_body.pop("instance").endswith(str(unknown))
    assert hidden_body == missing_body
    assert AccessLogEntry.objects.count() == 0


def test_detail_with_a_malformed_uuid_is_a_400(world):
    response = client_for(world.users["regisseur"]).get(f"{MEASUREMENTS}/geen-uuid")
    assert response.status_code == 400
    assert list(_params(response)) == ["uuid"]


# --- recording measurements ----------------------------------------------------------------


def test_record_answers_201_with_the_measurement_audited_and_logged(world):
    before = _last_seq()
    body = _body(world)
    body["scores"][0]["waarde"] = 1
    body["toelichting"] = "Eerste meting in het keukentafelgesprek."
    response = client_for(world.users["regisseur"]).post(MEASUREMENTS, body, format="json")
    assert response.status_code == 201, response.json()
    measurement = Measurement.objects.get()
    answer = response.json()
    assert answer["uuid"] == str(measurement.uuid)
    assert response["Location"].endswith(f"/api/v1/metingen/{measurement.uuid}")
    assert answer["url"] == response["Location"]
    assert answer["toelichting"] == "Eerste meting in het keukentafelgesprek."
    assert len(answer["scores"]) == 13
    first_item = body["scores"][0]["item"]
    assert measurement.scores.get(item__code=first_item).value == 1
    assert (measurement.resident, measurement.household) == (world.resident, world.household)
    assert measurement.recorded_by == world.users["regisseur"]
    assert AuditEvent.objects.filter(
        action="measurement.record", object_id=str(measurement.pk)
    ).exists()
    # The answer shows the scores: one logged read of the resident.
    entries = _entries_since(before)
    assert len(entries) == 1
    assert entries[0].channel == "api"


def test_record_both_scored_instrument(world):
    response = client_for(world.users["partner_involved"]).post(
        MEASUREMENTS, _body(world, "wat-is-belangrijk", 6), format="json"
    )
    assert response.status_code == 201, response.json()
    finances = next(s for s in response.json()["scores"] if s["item"] == "financien")
    assert (finances["waarde"], finances["waardeProfessional"]) == (6, 6)


def _assert_nothing_saved() -> None:
    assert not Measurement.objects.exists()
    assert not Score.objects.exists()
    assert not AuditEvent.objects.filter(action="measurement.record").exists()


def _post(world, body):
    response = client_for(world.users["regisseur"]).post(MEASUREMENTS, body, format="json")
    assert response.status_code == 400, response.json()
    assert response["Content-Type"] == "application/problem+json"
    _assert_nothing_saved()
    return _params(response)


def _index(body: dict, item: str) -> int:
    return next(i for i, score in enumerate(body["scores"]) if score["item"] == item)


def test_score_out_of_range_is_named_by_its_place_in_scores(world):
    body = _body(world)
    for score in body["scores"]:
        if score["item"] in {"huisvesting", "financien"}:
            score["waarde"] = 6 if score["item"] == "huisvesting" else 0
    params = _post(world, body)
    housing, finances = _index(body, "huisvesting"), _index(body, "financien")
    assert set(params) == {f"scores.{housing}.waarde", f"scores.{finances}.waarde"}
    assert params[f"scores.{housing}.waarde"] == [
        "De score voor Huisvesting moet tussen 1 en 5 liggen; 6 kan niet."
    ]


def test_the_service_and_the_serializer_name_scores_the_same_way(world):
    # A type error (found by the serializer) and a range error (found by the service) on the
    # same entry are both scores.<index>.waarde.
    body = _body(world)
    body["scores"][2]["waarde"] = "drie"
    typed = _post(world, body)
    body["scores"][2]["waarde"] = 9
    ranged = _post(world, body)
    assert list(typed) == list(ranged) == ["scores.2.waarde"]


def test_unknown_and_missing_items_are_named(world):
    body = _body(world)
    body["scores"].pop()
    body["scores"].append({"item": "sterrenkunde", "waarde": 3})
    params = _post(world, body)
    # The missing item has no entry to point at: it is named as the list itself.
    assert set(params) == {"scores", f"scores.{len(body['scores']) - 1}.item"}


def test_a_missing_professional_score_is_named(world):
    body = _body(world, "wat-is-belangrijk", 5)
    for score in body["scores"]:
        if score["item"] == "financien":
            score["waardeProfessional"] = None
    params = _post(world, body)
    assert list(params) == [f"scores.{_index(body, 'financien')}.waardeProfessional"]


def test_a_future_date_is_refused(world):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    params = _post(world, _body(world, datum=tomorrow.isoformat()))
    assert list(params) == ["datum"]


def test_an_item_twice_is_refused(world):
    body = _body(world)
    body["scores"].append(dict(body["scores"][0]))
    params = _post(world, body)
    assert list(params) == [f"scores.{len(body['scores']) - 1}.item"]


def test_an_unknown_instrument_is_refused(world):
    params = _post(world, _body(world, instrument="bestaat-niet", scores=[]))
    assert list(params) == ["instrument"]


def test_an_instrument_no_longer_in_use_is_refused(world):
    Instrument.objects.filter(code="zrm").update(active=False)
    params = _post(world, _body(world))
    assert list(params) == ["instrument"]


def test_malformed_body_names_each_field(world):
    params = _post(
        world,
        {"inwoner": "geen-uuid", "instrument": "zrm", "datum": "gisteren", "scores": [{}]},
    )
    assert set(params) == {"inwoner", "datum", "scores.0.item", "scores.0.waarde"}


def test_a_score_entry_takes_only_what_can_be_scored(world):
    body = _body(world)
    body["scores"][0]["verschil"] = 0  # shown in the answer, worked out by eenplan
    body["scores"][1]["opmerking"] = "Gaat beter."
    body["scores"][2]["waarde"] = "3"  # a number as text
    params = _post(world, body)
    assert params == {
        "scores.0.verschil": ["Dit veld kunt u hier niet invullen of wijzigen."],
        "scores.1.opmerking": ["Dit veld is hier onbekend."],
        "scores.2.waarde": ["Geef een geheel getal."],
    }


def test_a_date_that_does_not_exist_is_not_called_the_wrong_format(world):
    assert _post(world, _body(world, datum="2026-02-30")) == {"datum": ["Deze datum bestaat niet."]}
    assert _post(world, _body(world, datum="02-03-2026")) == {
        "datum": ["Geef een datum als JJJJ-MM-DD, zoals 2026-03-01."]
    }


def test_a_resident_reads_the_instruments_they_fill_in(world):
    client = client_for(world.users["resident"])
    assert client.get(INSTRUMENTS).status_code == 200
    detail = client.get(f"{INSTRUMENTS}/positieve-gezondheid")
    assert detail.status_code == 200
    assert detail.json()["gescoordDoor"] == "inwoner"


def test_a_resident_records_their_own_positive_health(world):
    response = client_for(world.users["resident"]).post(
        MEASUREMENTS, _body(world, "positieve-gezondheid", 7), format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["gescoordDoor"] == "inwoner"


def test_a_resident_may_not_score_the_professionals_instrument(world):
    response = client_for(world.users["resident"]).post(MEASUREMENTS, _body(world), format="json")
    assert response.status_code == 403
    _assert_nothing_saved()


def test_recording_for_a_resident_not_yours_is_a_404_before_any_score_is_checked(world):
    body = _body(world, value=9)  # out of range, but that must not be what they learn
    response = client_for(world.users["lead_other"]).post(MEASUREMENTS, body, format="json")
    assert response.status_code == 404
    _assert_nothing_saved()

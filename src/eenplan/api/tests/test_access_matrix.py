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

from eenplan.assessments.models import Instrument, Measurement
from eenplan.assessments.tests.factories import record
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
# Instruments hold no personal data: every professional role reads them; residents fill them in
# through the portal, not this API (403). Measurements follow the household (404 if not yours);
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
    expected = 200 if person in PROFESSIONALS else 401 if person == "anonymous" else 403
    assert (list_response.status_code, detail_response.status_code) == (expected, expected)
    if expected == 200:
        assert detail_response.json()["code"] == "zrm"
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

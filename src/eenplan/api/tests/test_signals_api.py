"""POST /api/v1/signalen, GET /api/v1/signalen/{uuid} and GET /api/v1/signaalsoorten."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from eenplan.households.tests.factories import make_bsn
from eenplan.organisations.models import OrganisationKind, Role
from eenplan.organisations.tests.factories import OrganisationFactory, TeamFactory, professional
from eenplan.privacy.models import AuditEvent
from eenplan.signalering.models import Channel, OutreachTask, Signal, SignalStatus

from .conftest import client_for

pytestmark = pytest.mark.django_db

LIST = "/api/v1/signalen"


def _body(world, **overrides):
    resident = world.resident
    body = {
        "soort": "huurachterstand",
        "voornamen": resident.given_names,
        "achternaam": resident.surname,
        "geboortedatum": resident.birth_date.isoformat(),
        "adres": {"postcode": world.household.postcode, "huisnummer": world.household.house_number},
        "maandenAchterstand": 2,
        "bedrag": "1450.50",
        "urgentie": "",
        "inwonerWeetHet": "ja",
        "toelichting": "Twee maanden huur niet betaald.",
        "referentie": "HUUR-2026-001",
    }
    body.update(overrides)
    return body


@pytest.fixture
def link_by_bsn(monkeypatch):
    """Probabilistic linking is the linkage engine's business; here it says 'new person'."""
    from eenplan.linkage import realtime

    monkeypatch.setattr(
        realtime, "link_person", lambda record: realtime.LinkOutcome("new", "none", None, [])
    )


def test_partner_reports_and_hears_only_that_it_was_linked(world, link_by_bsn):
    partner = world.users["partner_involved"]
    response = client_for(partner).post(LIST, _body(world, bsn=""), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    signal = Signal.objects.get(uuid=body["uuid"])
    assert set(body) == {"uuid", "url", "referentie", "status", "gekoppeld", "ontvangenOp"}
    assert body["status"] == "ontvangen"
    assert body["gekoppeld"] is False  # no BSN, and the engine proposed nobody
    assert response["Location"].endswith(f"/api/v1/signalen/{signal.uuid}")
    assert (signal.channel, signal.reported_by, signal.source_organisation) == (
        Channel.API,
        partner,
        world.organisation,
    )
    assert str(signal.amount) == "1450.50" and signal.months_in_arrears == 2
    assert signal.resident_knows == "ja"
    assert OutreachTask.objects.filter(signal=signal).exists()
    assert AuditEvent.objects.filter(action="signal.receive", object_id=str(signal.pk)).exists()


def test_a_linked_signal_says_yes_but_never_to_whom(world, link_by_bsn):
    municipality = OrganisationFactory(gemeente=True, name="Gemeente Test")
    reporter = professional(Role.REGISSEUR, team=TeamFactory(organisation=municipality))
    response = client_for(reporter).post(LIST, _body(world, bsn="", referentie="X"), format="json")
    assert response.json()["gekoppeld"] is False
    with_bsn = client_for(reporter).post(
        LIST, _body(world, bsn=make_bsn(7), referentie="Y"), format="json"
    )
    assert with_bsn.status_code == 201
    body = with_bsn.json()
    assert body["gekoppeld"] is True
    text = with_bsn.content.decode()
    assert str(world.household.uuid) not in text and str(world.resident.uuid) not in text
    assert Signal.objects.get(uuid=body["uuid"]).household == world.household


def test_the_same_referentie_again_is_200_with_the_same_signal(world, link_by_bsn):
    client = client_for(world.users["partner_involved"])
    first = client.post(LIST, _body(world), format="json")
    again = client.post(LIST, _body(world, toelichting="Nogmaals verstuurd."), format="json")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["uuid"] == first.json()["uuid"]
    assert again["Location"] == first["Location"]
    assert Signal.objects.count() == 1
    # Another organisation may use the same reference for its own signal.
    other = client_for(world.users["partner_not_involved"]).post(LIST, _body(world), format="json")
    assert other.status_code == 201 and other.json()["uuid"] != first.json()["uuid"]


@pytest.mark.parametrize(
    ("overrides", "names"),
    [
        ({"soort": "bestaat-niet"}, {"soort"}),
        ({"soort": "geen slug!"}, {"soort"}),
        ({"geboortedatum": "1980-02-30"}, {"geboortedatum"}),
        ({"geboortedatum": "2999-01-01"}, {"geboortedatum"}),
        ({"bedrag": "-5"}, {"bedrag"}),
        ({"bedrag": "veel"}, {"bedrag"}),
        ({"maandenAchterstand": 500}, {"maandenAchterstand"}),
        ({"maandenAchterstand": None}, {"maandenAchterstand"}),  # arrears need a duration
        ({"urgentie": "morgen"}, {"urgentie"}),
        ({"inwonerWeetHet": "misschien"}, {"inwonerWeetHet"}),
        ({"adres": {"postcode": "ABCD", "huisnummer": 3}}, {"adres.postcode"}),
        ({"adres": {"huisnummer": 0}}, {"adres.huisnummer"}),
        ({"referentie": "x" * 81}, {"referentie"}),
        ({"bsn": "123456789"}, {"bsn"}),  # this organisation may not pass on a BSN at all
        (
            {"achternaam": "", "geboortedatum": None, "adres": {}},
            {"achternaam"},
        ),  # nobody to link to
    ],
)
def test_bad_input_is_a_problem_with_invalid_params_and_saves_nothing(world, overrides, names):
    response = client_for(world.users["partner_involved"]).post(
        LIST, _body(world, **overrides), format="json"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert {p["name"] for p in problem["invalidParams"]} == names
    assert all(p["reason"] for p in problem["invalidParams"])
    assert Signal.objects.count() == 0
    assert not AuditEvent.objects.filter(action="signal.receive").exists()


@pytest.mark.parametrize(
    ("overrides", "name", "reason"),
    [
        # The document gives the amount as a string, so that no cent is lost in a float.
        ({"bedrag": 1450.5}, "bedrag", 'Geef het getal als tekst, met een punt: zoals "125.50".'),
        (
            {"bedrag": "1450,50"},
            "bedrag",
            'Geef het getal als tekst, met een punt: zoals "125.50".',
        ),
        ({"maandenAchterstand": "2"}, "maandenAchterstand", "Geef een geheel getal."),
        ({"maandenAchterstand": 500}, "maandenAchterstand", "Geef een getal van hoogstens 120."),
        ({"geboortedatum": "1980-02-30"}, "geboortedatum", "Deze datum bestaat niet."),
        ({"achternaam": 7}, "achternaam", "Geef hier tekst (een JSON-string)."),
        ({"inwonerWeetHet": True}, "inwonerWeetHet", "Kies een van deze: ja, nee, onbekend."),
        (
            {"soort": "geen slug!"},
            "soort",
            "Geef een code van alleen letters, cijfers, streepjes (-) en lage streepjes (_).",
        ),
        ({"status": "afgesloten"}, "status", "Dit veld kunt u hier niet invullen of wijzigen."),
        (
            {"adres": {"postcode": "3563AB", "plaats": "Utrecht"}},
            "adres.plaats",
            "Dit veld is hier onbekend.",
        ),
    ],
)
def test_bad_input_says_in_dutch_what_is_wrong(world, overrides, name, reason):
    response = client_for(world.users["partner_involved"]).post(
        LIST, _body(world, **overrides), format="json"
    )
    assert response.status_code == 400
    assert {p["name"]: p["reason"] for p in response.json()["invalidParams"]} == {name: reason}
    assert Signal.objects.count() == 0


def test_bsn_with_a_wrong_elfproef_from_an_organisation_that_may_process_it(world):
    municipality = OrganisationFactory(gemeente=True, name="Gemeente Test")
    reporter = professional(Role.REGISSEUR, team=TeamFactory(organisation=municipality))
    response = client_for(reporter).post(LIST, _body(world, bsn="123456789"), format="json")
    assert response.status_code == 400
    [param] = response.json()["invalidParams"]
    assert param["name"] == "bsn" and "elfproef" in param["reason"]


def test_melder_may_report_and_see_only_their_own_status(world, link_by_bsn):
    contacts = OrganisationFactory(name="Buurtnetwerk", kind=OrganisationKind.BEWONERSINITIATIEF)
    melder = professional(Role.MELDER, organisation=contacts, team=None)
    colleague = professional(Role.MELDER, organisation=contacts, team=None)
    body = _body(world, soort="eenzaamheid", maandenAchterstand=None, bedrag=None)
    response = client_for(melder).post(LIST, body, format="json")
    assert response.status_code == 201, response.json()
    url = reverse("api:signal-detail", kwargs={"uuid": response.json()["uuid"]})
    assert client_for(melder).get(url).status_code == 200
    assert client_for(colleague).get(url).status_code == 404


def test_status_follows_the_signal_and_shows_nothing_else(world, link_by_bsn):
    client = client_for(world.users["partner_involved"])
    created = client.post(LIST, _body(world), format="json").json()
    signal = Signal.objects.get(uuid=created["uuid"])
    Signal.objects.filter(pk=signal.pk).update(status=SignalStatus.TAKEN_UP)
    response = client.get(created["url"])
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "uuid",
        "url",
        "referentie",
        "soort",
        "status",
        "ontvangenOp",
        "afgeslotenOp",
    }
    assert (body["status"], body["soort"], body["afgeslotenOp"]) == (
        "opgepakt",
        "huurachterstand",
        None,
    )
    # A colleague of the same organisation may follow it too.
    colleague = professional(Role.PARTNER, team=TeamFactory(organisation=world.organisation))
    assert client_for(colleague).get(created["url"]).status_code == 200


def test_others_get_the_same_404_as_for_a_signal_that_does_not_exist(world, link_by_bsn):
    created = (
        client_for(world.users["partner_involved"]).post(LIST, _body(world), format="json").json()
    )
    missing_url = reverse("api:signal-detail", kwargs={"uuid": uuid.uuid4()})
    for person in ("regisseur", "partner_not_involved", "lead_covering", "privacy", "resident"):
        client = client_for(world.users[person])
        hidden, missing = client.get(created["url"]), client.get(missing_url)
        assert hidden.status_code == missing.status_code == 404, person
        hidden_body, missing_body = hidden.json(), missing.json()
        hidden_body.pop("instance"), missing_body.pop("instance")
        assert hidden_body == missing_body
    assert (
        client_for(world.users["partner_involved"])
        .get(reverse("api:signal-detail", kwargs={"uuid": "geen-uuid"}))
        .status_code
        == 400
    )


def test_signal_types_list_codes_domains_and_whether_arrears_are_asked(world):
    response = client_for(world.users["partner_involved"]).get("/api/v1/signaalsoorten")
    assert response.status_code == 200
    types = {t["code"]: t for t in response.json()["results"]}
    assert response.json()["count"] == len(types) >= 10
    rent = types["huurachterstand"]
    assert rent["vraagtAchterstand"] is True and rent["categorie"] == "betalingsachterstand"
    assert {d["code"] for d in rent["levensdomeinen"]} == {"wonen", "financien"}
    assert types["eenzaamheid"]["vraagtAchterstand"] is False


def test_signal_types_take_a_constant_number_of_queries(world, django_assert_max_num_queries):
    client = client_for(world.users["partner_involved"])
    client.get("/api/v1/signaalsoorten")  # warm the token and session lookups
    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/signaalsoorten?paginaGrootte=100")
    assert len(response.json()["results"]) >= 10


def test_not_json_is_415(world):
    response = client_for(world.users["partner_involved"]).post(
        LIST, "soort=huur", content_type="text/plain"
    )
    assert response.status_code == 415
    assert response["Content-Type"] == "application/problem+json"

"""Households and residents through the API: the shapes, the queries, registration."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from eenplan.households.models import Household, Involvement, Resident
from eenplan.households.tests.factories import HouseholdFactory, make_bsn
from eenplan.households.timeline import timeline_add
from eenplan.plans.tests.factories import PlanFactory
from eenplan.privacy.models import AuditEvent
from eenplan.taxonomy.models import LifeDomain

from .conftest import BSN, client_for

pytestmark = pytest.mark.django_db


def invalid_names(response) -> set[str]:
    return {param["name"] for param in response.json()["invalidParams"]}


# --- the caseload -------------------------------------------------------------------------------


def test_caseload_item_has_address_areas_members_and_plan(world):
    response = client_for(world.users["regisseur"]).get(reverse("api:household-list"))
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    body = response.json()
    assert body["count"] == 1 and body["next"] is None and body["previous"] is None
    item = body["results"][0]
    household = world.household
    assert item["url"] == f"http://testserver/api/v1/huishoudens/{household.uuid}"
    assert item["naam"] == household.name
    assert item["adres"] == {
        "postcode": household.postcode,
        "huisnummer": household.house_number,
        "huisnummertoevoeging": "",
        "straat": household.street,
        "woonplaats": household.city,
    }
    assert item["buurt"]["code"] == household.neighbourhood.code
    assert item["wijk"]["naam"] == household.neighbourhood.district.name
    assert {m["uuid"] for m in item["leden"]} == {
        str(m.resident.uuid) for m in household.members.all()
    }
    assert item["leden"][0]["relatie"] == "hoofdbewoner"
    plan = item["actiefPlan"]
    assert plan["status"] == "actief" and plan["gestartOp"] == "2025-01-01"
    assert plan["regisseur"] == {
        "naam": world.users["regisseur"].get_full_name(),
        "soort": "professional",
    }


def test_caseload_filters_sorts_and_pages(world, actor_of):
    regisseur = world.users["regisseur"]
    for number in range(3):
        PlanFactory(
            household=HouseholdFactory(name=f"Familie {number}", postcode=f"35{number}0AA"),
            coordinator_professional=regisseur,
        )
    client = client_for(regisseur)
    url = reverse("api:household-list")
    first = client.get(url, {"sorteer": "-postcode", "paginaGrootte": 2}).json()
    assert first["count"] == 4
    postcodes = [item["adres"]["postcode"] for item in first["results"]]
    assert postcodes == sorted(postcodes, reverse=True)
    assert "pagina=2" in first["next"] and "paginaGrootte=2" in first["next"]
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 2 and second["next"] is None
    assert "pagina=" not in second["previous"]  # page 1 is the address without a page number
    found = client.get(url, {"zoek": "3520"}).json()
    assert [item["naam"] for item in found["results"]] == ["Familie 2"]
    # "betrokken": only households the regisseur is personally involved with; none here.
    assert client.get(url, {"filter": "betrokken"}).json()["count"] == 0


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"filter": "iedereen"}, "filter"),
        ({"sorteer": "leeftijd"}, "sorteer"),
        ({"paginaGrootte": 500}, "paginaGrootte"),
        ({"pagina": 0}, "pagina"),
    ],
)
def test_caseload_rejects_an_invalid_query_per_field(world, query, field):
    response = client_for(world.users["regisseur"]).get(reverse("api:household-list"), query)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert invalid_names(response) == {field}
    param = response.json()["invalidParams"][0]
    assert param["reason"] and param["code"]


# --- one household, one resident -------------------------------------------------------------------------------


def test_household_detail_shows_plan_involvements_and_timeline(world, actor_of):
    regisseur = world.users["regisseur"]
    world.users["regisseur"].phone = "030 123 45 67"
    regisseur.save()
    involvement = Involvement.objects.get(household=world.household)
    involvement.domains.set(LifeDomain.objects.filter(code__in=["wonen", "financien"]))
    timeline_add(household=world.household, kind="household.created", actor=actor_of(regisseur))
    response = client_for(regisseur).get(
        reverse("api:household-detail", kwargs={"uuid": world.household.uuid})
    )
    body = response.json()
    assert len(body["leden"]) == 2 and body["eerdereLeden"] == []
    assert body["actiefPlan"]["regisseur"]["telefoon"] == "030 123 45 67"
    assert body["actiefPlan"]["achtervang"] is None
    (betrokkene,) = body["betrokkenen"]
    assert betrokkene["organisatie"]["naam"] == "Woonstichting Test"
    assert betrokkene["organisatie"]["soort"] == "woningcorporatie"
    assert betrokkene["team"]["naam"] == "Woonconsulenten"
    assert betrokkene["professional"]["email"] == world.users["partner_involved"].email
    assert {d["code"] for d in betrokkene["levensdomeinen"]} == {"wonen", "financien"}
    assert body["tijdlijn"][0]["soort"] == "household.created"
    assert body["tijdlijn"][0]["tekst"]
    assert body["doel"] == "normaal"


def test_malformed_uuid_is_a_400_naming_the_parameter(world):
    response = client_for(world.users["regisseur"]).get("/api/v1/huishoudens/geen-uuid")
    assert response.status_code == 400
    assert invalid_names(response) == {"uuid"}
    assert response.json()["invalidParams"][0]["reason"] == (
        "Dit is geen uuid. Een uuid ziet er zo uit: 123e4567-e89b-12d3-a456-426614174000."
    )


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("regisseur", BSN),  # the municipality may process the BSN
        ("resident", BSN),  # your own number
        ("partner_involved", "*****" + BSN[-4:]),  # a housing corporation may not
    ],
)
def test_resident_bsn_is_masked_unless_allowed(world, person, expected):
    response = client_for(world.users[person]).get(
        reverse("api:resident-detail", kwargs={"uuid": world.resident.uuid})
    )
    assert response.status_code == 200
    body = response.json()
    assert body["bsn"].replace(" ", "").endswith(BSN[-4:])
    if expected == BSN:
        assert body["bsn"] == BSN
    else:
        assert BSN not in body["bsn"] and BSN[:5] not in body["bsn"]
    assert body["achternaam"] == world.resident.surname


# --- registering a household -------------------------------------------------------------------------------


def registration(**resident):
    return {
        "naam": "",
        "grondslag": "toestemming",
        "levensdomeinen": ["wonen"],
        "adres": {"postcode": "3563 AB", "huisnummer": 4, "huisnummertoevoeging": "bis"},
        "inwoner": {
            "voornamen": "Fatima",
            "achternaam": "Bakker",
            "geboortedatum": "1985-06-30",
            **resident,
        },
    }


def counts() -> tuple[int, int]:
    return Resident.objects.count(), Household.objects.count()


def test_register_creates_household_resident_and_audit(world):
    before = counts()
    response = client_for(world.users["regisseur"]).post(
        reverse("api:household-list"), registration(bsn=make_bsn(40)), format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert response["Location"] == body["url"]
    assert body["naam"] == "Huishouden Bakker"
    assert body["adres"]["postcode"] == "3563AB"
    assert body["adres"]["huisnummertoevoeging"] == "bis"
    assert [m["naam"] for m in body["leden"]] == ["Fatima Bakker"]
    assert body["betrokkenen"][0]["levensdomeinen"][0]["code"] == "wonen"
    assert counts() == (before[0] + 1, before[1] + 1)
    household = Household.objects.get(uuid=body["uuid"])
    actions = set(
        AuditEvent.objects.filter(household_uuid=household.uuid).values_list("action", flat=True)
    )
    assert {"resident.create", "household.create", "member.add"} <= actions


def test_register_with_bad_bsn_saves_nothing(world):
    before = counts()
    response = client_for(world.users["regisseur"]).post(
        reverse("api:household-list"), registration(bsn="123456789"), format="json"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert invalid_names(response) == {"inwoner.bsn"}
    assert counts() == before


def test_register_reports_every_invalid_field_by_its_api_name(world):
    before = counts()
    body = registration()
    del body["inwoner"]["voornamen"]
    body["adres"]["huisnummer"] = 0
    body["grondslag"] = "gevoel"
    response = client_for(world.users["regisseur"]).post(
        reverse("api:household-list"), body, format="json"
    )
    assert response.status_code == 400
    assert invalid_names(response) == {"inwoner.voornamen", "adres.huisnummer", "grondslag"}
    assert counts() == before


def _reasons(response) -> dict[str, str]:
    return {param["name"]: param["reason"] for param in response.json()["invalidParams"]}


@pytest.mark.parametrize(
    ("change", "name", "reason"),
    [
        (
            {"adres": {"postcode": "3563AB", "huisnummer": "4"}},
            "adres.huisnummer",
            "Geef een geheel getal.",
        ),
        (
            {"adres": {"postcode": 3563, "huisnummer": 4}},
            "adres.postcode",
            "Geef hier tekst (een JSON-string).",
        ),
        (
            {"inwoner": {"voornamen": "Fatima", "achternaam": "Bakker", "eenvoudigeTaal": "ja"}},
            "inwoner.eenvoudigeTaal",
            "Geef true of false.",
        ),
        (
            {
                "inwoner": {
                    "voornamen": "Fatima",
                    "achternaam": "Bakker",
                    "geboortedatum": "1985-02-30",
                }
            },
            "inwoner.geboortedatum",
            "Deze datum bestaat niet.",
        ),
        (
            {
                "inwoner": {
                    "voornamen": "Fatima",
                    "achternaam": "Bakker",
                    "geboortedatum": "30-06-1985",
                }
            },
            "inwoner.geboortedatum",
            "Geef een datum als JJJJ-MM-DD, zoals 2026-03-01.",
        ),
        ({"inwoner": {"voornamen": "Fatima"}}, "inwoner.achternaam", "Dit veld is verplicht."),
        (
            {"inwoner": {"voornamen": "Fatima", "achternaam": ""}},
            "inwoner.achternaam",
            "Dit veld mag niet leeg zijn.",
        ),
        (
            {"inwoner": {"voornamen": "Fatima", "achternaam": "Bakker", "naam": "Fatima Bakker"}},
            "inwoner.naam",
            "Dit veld kunt u hier niet invullen of wijzigen.",
        ),
        (
            {"adres": {"postcode": "3563AB", "huisnummer": 4, "land": "NL"}},
            "adres.land",
            "Dit veld is hier onbekend.",
        ),
        ({"levensdomeinen": "wonen"}, "levensdomeinen", "Geef hier een lijst (een JSON-array)."),
        ({"grondslag": "gevoel"}, "grondslag", "Kies een van deze: toestemming, wettelijke_taak."),
    ],
)
def test_register_says_in_dutch_what_is_wrong_with_a_field(world, change, name, reason):
    before = counts()
    response = client_for(world.users["regisseur"]).post(
        reverse("api:household-list"), {**registration(), **change}, format="json"
    )
    assert response.status_code == 400
    assert _reasons(response) == {name: reason}
    assert counts() == before


def test_register_reports_domain_errors_from_the_service(world):
    response = client_for(world.users["regisseur"]).post(
        reverse("api:household-list"), registration(geboortedatum="2999-01-01"), format="json"
    )
    assert response.status_code == 400
    assert invalid_names(response) == {"inwoner.geboortedatum"}
    reason = response.json()["invalidParams"][0]["reason"]
    assert reason and "2999" not in reason


def test_register_with_unknown_life_domain_rolls_everything_back(world):
    # The service finds the unknown domain only after saving resident and household.
    before = counts()
    audits = AuditEvent.objects.count()
    body = registration()
    body["levensdomeinen"] = ["wonen", "bestaat-niet"]
    response = client_for(world.users["regisseur"]).post(
        reverse("api:household-list"), body, format="json"
    )
    assert response.status_code == 400
    assert invalid_names(response) == {"levensdomeinen"}
    assert counts() == before
    assert AuditEvent.objects.count() == audits


def test_role_that_may_not_register_learns_nothing_from_validation(world):
    # Even with a BSN that is already known, the partner hears "not allowed", not "known BSN".
    response = client_for(world.users["partner_involved"]).post(
        reverse("api:household-list"), registration(bsn=BSN), format="json"
    )
    assert response.status_code == 403
    assert "invalidParams" not in response.json()


def test_session_login_works_and_post_needs_the_csrf_token(world):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(world.users["regisseur"])
    assert client.get(reverse("api:household-list")).status_code == 200
    response = client.post(reverse("api:household-list"), registration(), format="json")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"].startswith("De CSRF-controle is mislukt.")

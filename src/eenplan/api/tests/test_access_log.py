"""GET /api/v1/toegangslog: the privacy officer's view of who looked at whom."""

from __future__ import annotations

import pytest
from django.urls import reverse

from eenplan.privacy.models import AccessEvent, AccessLogEntry

from .conftest import client_for

pytestmark = pytest.mark.django_db


def read_household(world, person: str) -> None:
    url = reverse("api:household-detail", kwargs={"uuid": world.household.uuid})
    assert client_for(world.users[person]).get(url).status_code == 200


def test_privacy_officer_sees_entries_with_their_subjects(world):
    read_household(world, "regisseur")
    read_household(world, "partner_involved")
    officer = client_for(world.users["privacy"])
    body = officer.get(reverse("api:access-log")).json()
    assert body["count"] == 2
    newest = body["results"][0]
    assert newest["gebruiker"] == "partner_involved"
    assert newest["kanaal"] == "api"
    assert newest["gebeurtenis"] == AccessEvent.HOUSEHOLD_VIEW
    assert {s["inwoner"] for s in newest["onderwerpen"]} == {
        str(m.resident.uuid) for m in world.household.members.all()
    }
    assert {s["huishouden"] for s in newest["onderwerpen"]} == {str(world.household.uuid)}
    assert world.resident.full_name in {s["naam"] for s in newest["onderwerpen"]}


def test_filters_by_user_household_and_resident(world):
    read_household(world, "regisseur")
    read_household(world, "partner_involved")
    client_for(world.users["other_resident"]).get(reverse("api:household-list"))
    officer = client_for(world.users["privacy"])
    url = reverse("api:access-log")

    def users(**query) -> list[str]:
        rows = officer.get(url, query).json()["results"]
        # The officer's own earlier searches showed names, so they are in the log as well.
        return [row["gebruiker"] for row in rows if row["gebruiker"] != "privacy"]

    assert users(gebruiker="regisseur") == ["regisseur"]
    assert users(huishouden=str(world.household.uuid)) == ["partner_involved", "regisseur"]
    assert users(huishouden=str(world.other_household.uuid)) == ["other_resident"]
    assert users(inwoner=str(world.resident.uuid)) == ["partner_involved", "regisseur"]


def test_officer_reading_names_is_itself_logged(world):
    read_household(world, "regisseur")
    before = AccessLogEntry.objects.count()
    client_for(world.users["privacy"]).get(reverse("api:access-log"))
    entry = AccessLogEntry.objects.order_by("-seq").first()
    assert AccessLogEntry.objects.count() == before + 1
    assert (entry.username, entry.channel, entry.event) == ("privacy", "api", AccessEvent.SEARCH)


def test_invalid_filter_is_400_for_the_officer_and_404_for_anyone_else(world):
    url = reverse("api:access-log")
    response = client_for(world.users["privacy"]).get(url, {"huishouden": "geen-uuid"})
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalidParams"]] == ["huishouden"]
    assert client_for(world.users["beheer"]).get(url, {"huishouden": "x"}).status_code == 404

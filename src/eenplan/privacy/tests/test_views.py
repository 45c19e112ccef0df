"""The privacy officer's pages: searching the access log and reviewing emergency access."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from eenplan.households.selectors import household_detail
from eenplan.households.tests.factories import (
    HouseholdFactory,
    HouseholdMemberFactory,
    ResidentFactory,
    make_bsn,
)
from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import professional
from eenplan.plans.tests.factories import PlanFactory
from eenplan.privacy.models import AccessEvent, AccessLogEntry, AuditEvent, BreakTheGlassGrant
from eenplan.privacy.selectors import unreviewed_grant_count
from eenplan.privacy.services import break_the_glass_grant

pytestmark = pytest.mark.django_db

LOG = reverse("privacy:log")
GRANTS = reverse("privacy:break_the_glass")


@pytest.fixture
def officer(client):
    user = professional(Role.PRIVACY, username="fg")
    client.force_login(user)
    return user


@pytest.fixture
def looked_at(actor_of):
    """Two households, each opened once by its own coordinator."""
    bsn = make_bsn(7)
    first = HouseholdFactory(members=0, street="Kanaalstraat", house_number=12, postcode="3531AB")
    resident = ResidentFactory(
        bsn=bsn, given_names="Fatima", surname="Bakker", birth_date=dt.date(1980, 5, 17)
    )
    HouseholdMemberFactory(household=first, resident=resident)
    second = HouseholdFactory(members=1)
    coordinator_1 = professional(username="regisseur1")
    coordinator_2 = professional(username="regisseur2")
    PlanFactory(household=first, coordinator_professional=coordinator_1)
    PlanFactory(household=second, coordinator_professional=coordinator_2)
    household_detail(actor=actor_of(coordinator_1), household_uuid=first.uuid)
    household_detail(actor=actor_of(coordinator_2), household_uuid=second.uuid)
    return {"bsn": bsn, "resident": resident, "first": first, "second": second}


@pytest.mark.parametrize("url", [LOG, GRANTS])
def test_anonymous_goes_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize(
    "role", [Role.REGISSEUR, Role.PARTNER, Role.TEAMLEIDER, Role.BELEID, Role.BEHEER]
)
@pytest.mark.parametrize("url", [LOG, GRANTS])
def test_other_roles_get_404(client, role, url):
    client.force_login(professional(role))
    assert client.get(url).status_code == 404


def rows(response):
    return [row.entry.username for row in response.context["page"].object_list]


def test_search_by_bsn_finds_only_that_residents_entries(client, officer, looked_at):
    response = client.post(LOG, {"bsn": looked_at["bsn"]})
    assert response.status_code == 200
    assert rows(response) == ["regisseur1"]
    html = response.content.decode()
    assert "Fatima Bakker" in html
    assert "17-5-1980" in html
    assert "Kanaalstraat" not in html  # name and birth date identify; no more than that
    table = html.split('data-testid="access-log"')[1]
    assert looked_at["bsn"] not in table


def test_search_by_name_and_birth_date(client, officer, looked_at):
    response = client.post(LOG, {"name": "fatima bakker", "birth_date": "1980-05-17"})
    assert rows(response) == ["regisseur1"]


def test_name_without_birth_date_is_refused(client, officer, looked_at):
    response = client.post(LOG, {"name": "Bakker"})
    assert response.context["page"] is None
    assert response.context["form"].errors


def test_unknown_bsn_finds_nothing(client, officer, looked_at):
    response = client.post(LOG, {"bsn": make_bsn(99)})
    assert rows(response) == []


def test_invalid_bsn_is_an_error(client, officer):
    response = client.post(LOG, {"bsn": "123456789"})
    assert "bsn" in response.context["form"].errors


def test_search_by_household_resident_and_user(client, officer, looked_at):
    assert rows(client.post(LOG, {"household": looked_at["second"].uuid})) == ["regisseur2"]
    assert rows(client.post(LOG, {"resident": looked_at["resident"].uuid})) == ["regisseur1"]
    assert rows(client.post(LOG, {"username": "REGISSEUR2"})) == ["regisseur2"]


def test_the_officers_search_is_logged_too(client, officer, looked_at):
    client.post(LOG, {"bsn": looked_at["bsn"]})
    entry = AccessLogEntry.objects.order_by("-seq").first()
    assert entry.username == "fg"
    assert entry.event == AccessEvent.SEARCH
    assert set(entry.subjects.values_list("resident_uuid", flat=True)) == {
        looked_at["resident"].uuid
    }


def test_log_page_queries_do_not_grow_with_the_number_of_entries(client, officer, actor_of):
    coordinator = professional()

    def open_households(count):
        for _ in range(count):
            household = HouseholdFactory(members=2)
            PlanFactory(household=household, coordinator_professional=coordinator)
            household_detail(actor=actor_of(coordinator), household_uuid=household.uuid)

    def queries_for_page():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(LOG)
        assert response.status_code == 200
        return len(captured), len(response.context["page"].object_list)

    open_households(2)
    few = queries_for_page()
    open_households(28)
    many = queries_for_page()
    assert few[1] < many[1]
    assert few[0] == many[0]


def make_grant(actor_of, reason="Acute zorg: inwoner reageert niet en er is brandlucht."):
    user = professional(Role.PARTNER)
    household = HouseholdFactory(name="Huishouden Yilmaz")
    return break_the_glass_grant(actor=actor_of(user), household=household, reason=reason)


def test_grants_page_lists_unreviewed_first(client, officer, actor_of):
    reviewed = make_grant(actor_of)
    BreakTheGlassGrant.objects.filter(pk=reviewed.pk).update(
        reviewed_at=timezone.now(), reviewed_by=officer
    )
    open_grant = make_grant(actor_of)
    response = client.get(GRANTS)
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [open_grant, reviewed]
    assert "Huishouden Yilmaz" in response.content.decode()
    assert "brandlucht" in response.content.decode()


def test_review_marks_the_grant_and_is_audited(client, officer, actor_of):
    grant = make_grant(actor_of)
    officer_actor = actor_of(officer)
    assert unreviewed_grant_count(actor=officer_actor) == 1
    url = reverse("privacy:break_the_glass_review", args=[grant.uuid])
    assert client.get(url).status_code == 200
    response = client.post(url, {"note": "Terecht: politie stond voor de deur."})
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.reviewed_by == officer
    assert grant.review_note.startswith("Terecht")
    assert AuditEvent.objects.filter(action="break_the_glass.review").exists()
    assert unreviewed_grant_count(actor=officer_actor) == 0


def test_review_needs_a_note(client, officer, actor_of):
    grant = make_grant(actor_of)
    url = reverse("privacy:break_the_glass_review", args=[grant.uuid])
    response = client.post(url, {"note": ""})
    assert response.status_code == 200
    grant.refresh_from_db()
    assert grant.reviewed_at is None


def test_review_of_unknown_grant_is_404(client, officer):
    url = reverse("privacy:break_the_glass_review", args=["00000000-0000-0000-0000-000000000000"])
    assert client.get(url).status_code == 404


def test_count_is_zero_for_other_roles(actor_of):
    make_grant(actor_of)
    assert unreviewed_grant_count(actor=actor_of(professional(Role.REGISSEUR))) == 0


def test_log_page_points_to_grants_waiting_for_review(client, officer, actor_of):
    make_grant(actor_of)
    response = client.get(LOG)
    assert response.context["unreviewed"] == 1
    assert reverse("privacy:break_the_glass") in response.content.decode()

"""The household pages: caseload, household, resident, export."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils.html import escape

from eenplan.households.tests.factories import (
    HouseholdFactory,
    HouseholdMemberFactory,
    InvolvementFactory,
    make_bsn,
)
from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import OrganisationFactory, TeamFactory, professional
from eenplan.plans.tests.factories import PlanFactory
from eenplan.privacy.models import AccessEvent, AccessLogEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def regisseur():
    return professional(Role.REGISSEUR, first_name="Ria", last_name="Regisseur")


def coordinated_households(user, count, members=2):
    households = []
    for _ in range(count):
        household = HouseholdFactory(members=members)
        PlanFactory(household=household, coordinator_professional=user)
        households.append(household)
    return households


def test_caseload_lists_only_own_households(client, regisseur):
    mine = coordinated_households(regisseur, 2)
    other = HouseholdFactory(name="Huishouden Vreemd")
    client.force_login(regisseur)
    response = client.get(reverse("households:caseload"))
    assert response.status_code == 200
    content = response.content.decode()
    for household in mine:
        assert household.name in content
    assert other.name not in content
    assert '<td class="utrecht-table__cell">Regisseur</td>' in content  # relation, Dutch
    assert '<html lang="nl"' in content


def test_caseload_search_by_name_birth_date_and_postcode(client, regisseur):
    first, second = coordinated_households(regisseur, 2, members=1)
    resident = first.members.get().resident
    resident.given_names, resident.surname, resident.search_name = "Fatma", "Yılmaz", "fatma yilmaz"
    resident.save()
    second.postcode = "3511AA"
    second.save()
    client.force_login(regisseur)
    url = reverse("households:caseload")

    by_name = client.get(url, {"q": "yilmaz"}).content.decode()
    assert first.name in by_name and second.name not in by_name

    date = resident.birth_date.strftime("%d-%m-%Y")
    by_date = client.get(url, {"q": date}).content.decode()
    assert first.name in by_date

    by_postcode = client.get(url, {"q": "3511 aa"}).content.decode()
    assert second.name in by_postcode and first.name not in by_postcode


def test_caseload_filter_regie_excludes_team_households(client, regisseur):
    team = regisseur.memberships.get().team
    mine = coordinated_households(regisseur, 1)[0]
    team_household = InvolvementFactory(team=team, organisation=team.organisation).household
    client.force_login(regisseur)
    url = reverse("households:caseload")
    everything = client.get(url).content.decode()
    assert mine.name in everything and team_household.name in everything
    regie = client.get(url, {"filter": "regie"}).content.decode()
    assert mine.name in regie and team_household.name not in regie
    team_only = client.get(url, {"filter": "team"}).content.decode()
    assert team_household.name in team_only and mine.name not in team_only


def test_caseload_sort_links_carry_aria_sort(client, regisseur):
    coordinated_households(regisseur, 2)
    client.force_login(regisseur)
    url = reverse("households:caseload")
    content = client.get(url, {"sort": "-naam"}).content.decode()
    assert 'aria-sort="descending"' in content
    assert "sort=naam" in content  # the link toggles back to ascending


def test_caseload_paginates(client, regisseur):
    households = coordinated_households(regisseur, 27, members=1)
    client.force_login(regisseur)
    url = reverse("households:caseload")
    first_page = client.get(url).content.decode()
    assert "pagina=2" in first_page
    names = sorted(h.name for h in households)
    second_page = client.get(url, {"pagina": 2}).content.decode()
    assert names[-1] in second_page and names[0] not in second_page


def test_caseload_htmx_request_gets_only_the_results(client, regisseur):
    coordinated_households(regisseur, 1)
    client.force_login(regisseur)
    response = client.get(
        reverse("households:caseload"),
        {"q": "x"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="caseload-results",
    )
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="caseload-results">')
    assert "<html" not in content
    assert "HX-Request" in response["Vary"]


def test_caseload_is_forbidden_for_policy_role(client):
    user = professional(Role.BELEID)
    client.force_login(user)
    assert client.get(reverse("households:caseload")).status_code == 403


def test_caseload_requires_login(client):
    response = client.get(reverse("households:caseload"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def _caseload_queries(client, django_assert_num_queries, user, expected=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if expected is None:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("households:caseload")).status_code == 200
        return len(ctx.captured_queries)
    with django_assert_num_queries(expected):
        assert client.get(reverse("households:caseload")).status_code == 200
    return expected


def test_caseload_query_count_does_not_grow_and_logs_once(client, django_assert_num_queries):
    few, many = professional(), professional()
    coordinated_households(few, 3, members=1)
    coordinated_households(many, 25, members=3)
    client.force_login(few)
    client.get(reverse("households:caseload"))  # warm the session
    baseline = _caseload_queries(client, django_assert_num_queries, few)
    client.force_login(many)
    client.get(reverse("households:caseload"))
    before = AccessLogEntry.objects.count()
    _caseload_queries(client, django_assert_num_queries, many, expected=baseline)
    assert AccessLogEntry.objects.count() == before + 1
    entry = AccessLogEntry.objects.order_by("-seq").first()
    assert entry.event == AccessEvent.HOUSEHOLD_LIST
    assert entry.subjects.count() == 25 * 3


def test_household_page_shows_members_plan_involvements_and_timeline(client):
    team = TeamFactory()
    user = professional(Role.REGISSEUR, team=team, first_name="Ria", last_name="Regisseur")
    user.phone = "030 123 4567"
    user.save()
    household = HouseholdFactory(members=2)
    HouseholdMemberFactory(
        household=household,
        resident__given_names="Oud",
        resident__surname="Lid",
        until="2025-03-01",
    )
    PlanFactory(household=household, coordinator_professional=user, summary="Samen verder")
    corporation = OrganisationFactory(corporation=True, name="Woonstede")
    InvolvementFactory(
        household=household, organisation=corporation, professional=professional(Role.PARTNER)
    )
    from eenplan.households.timeline import timeline_add

    timeline_add(household=household, kind="plan.started", actor=None, data={"coordinator": "Ria"})
    client.force_login(user)
    response = client.get(reverse("households:detail", kwargs={"household_uuid": household.uuid}))
    content = response.content.decode()
    assert response.status_code == 200
    for member in household.members.filter(until__isnull=True):
        assert escape(member.resident.full_name) in content  # names like 't Hart are escaped
    assert "Oud Lid" in content and "Vroegere leden" in content
    assert "030 123 4567" in content
    assert "Woonstede" in content
    assert "Samen verder" in content
    assert "Plan gestart met regisseur Ria" in content


def test_household_page_shows_bsn_masked_for_partner_and_full_for_municipality(client):
    bsn = make_bsn(7)
    household = HouseholdFactory(members=0)
    HouseholdMemberFactory(household=household, resident__bsn=bsn)
    municipal = professional(Role.REGISSEUR, organisation=OrganisationFactory(gemeente=True))
    partner = professional(Role.PARTNER, organisation=OrganisationFactory())
    InvolvementFactory(household=household, professional=municipal)
    InvolvementFactory(household=household, professional=partner)
    url = reverse("households:detail", kwargs={"household_uuid": household.uuid})
    client.force_login(municipal)
    assert bsn in client.get(url).content.decode()
    client.force_login(partner)
    content = client.get(url).content.decode()
    assert bsn not in content and bsn[-4:] in content


def test_household_page_of_someone_else_is_404_not_403(client, regisseur):
    other = HouseholdFactory()
    client.force_login(regisseur)
    response = client.get(reverse("households:detail", kwargs={"household_uuid": other.uuid}))
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def _detail_queries(client, user, household):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse("households:detail", kwargs={"household_uuid": household.uuid}))
    return len(ctx.captured_queries)


def test_household_page_query_count_does_not_grow_and_logs_once(client, django_assert_num_queries):
    def build(members):
        user = professional()
        household = HouseholdFactory(members=members)
        PlanFactory(household=household, coordinator_professional=user)
        for _ in range(members):
            InvolvementFactory(household=household, professional=professional(Role.PARTNER))
        return user, household

    small_user, small = build(3)
    big_user, big = build(25)
    client.force_login(small_user)
    client.get(reverse("households:detail", kwargs={"household_uuid": small.uuid}))
    baseline = _detail_queries(client, small_user, small)
    client.force_login(big_user)
    client.get(reverse("households:detail", kwargs={"household_uuid": big.uuid}))
    before = AccessLogEntry.objects.count()
    url = reverse("households:detail", kwargs={"household_uuid": big.uuid})
    with django_assert_num_queries(baseline):
        assert client.get(url).status_code == 200
    assert AccessLogEntry.objects.count() == before + 1
    entry = AccessLogEntry.objects.order_by("-seq").first()
    assert entry.event == AccessEvent.HOUSEHOLD_VIEW
    assert entry.subjects.count() == 25


def test_resident_page_shows_details_and_logs(client, regisseur):
    household = coordinated_households(regisseur, 1, members=1)[0]
    resident = household.members.get().resident
    client.force_login(regisseur)
    before = AccessLogEntry.objects.count()
    response = client.get(
        reverse("households:resident_detail", kwargs={"resident_uuid": resident.uuid})
    )
    assert response.status_code == 200
    assert escape(resident.full_name) in response.content.decode()
    assert AccessLogEntry.objects.count() == before + 1
    assert AccessLogEntry.objects.order_by("-seq").first().event == AccessEvent.RESIDENT_VIEW


def test_resident_page_outside_access_is_404(client, regisseur):
    stranger = HouseholdFactory(members=1).members.get().resident
    client.force_login(regisseur)
    url = reverse("households:resident_detail", kwargs={"resident_uuid": stranger.uuid})
    assert client.get(url).status_code == 404


def test_export_is_csv_of_visible_households_and_logged(client, regisseur):
    mine = coordinated_households(regisseur, 2, members=1)
    mine[0].name = "=HYPERLINK(evil)"
    mine[0].save()
    HouseholdFactory(name="Huishouden Vreemd")
    client.force_login(regisseur)
    response = client.get(reverse("households:export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Huishouden"
    names = {row[0] for row in rows[1:]}
    assert names == {"'=HYPERLINK(evil)", mine[1].name}
    entry = AccessLogEntry.objects.order_by("-seq").first()
    assert entry.event == AccessEvent.EXPORT


def test_pages_with_personal_data_are_not_cached(client, regisseur):
    household = coordinated_households(regisseur, 1)[0]
    client.force_login(regisseur)
    for url in (
        reverse("households:caseload"),
        reverse("households:detail", kwargs={"household_uuid": household.uuid}),
        reverse("households:export"),
    ):
        assert "no-store" in client.get(url)["Cache-Control"]


def test_household_page_shows_where_the_coordinator_works(client):
    viewer = professional(Role.PARTNER)
    coordinator = professional(
        Role.REGISSEUR, organisation=OrganisationFactory(name="Sociaal Wijkteam Noord")
    )
    household = HouseholdFactory(members=1)
    PlanFactory(household=household, coordinator_professional=coordinator)
    InvolvementFactory(household=household, professional=viewer)
    client.force_login(viewer)
    content = client.get(
        reverse("households:detail", kwargs={"household_uuid": household.uuid})
    ).content.decode()
    assert "Sociaal Wijkteam Noord" in content


def test_household_page_is_404_for_roles_without_case_work_and_for_residents(client):
    from eenplan.organisations.tests.factories import UserFactory

    household = HouseholdFactory(members=1)
    resident_user = UserFactory()
    resident = household.members.get().resident
    resident.user = resident_user
    resident.save()
    url = reverse("households:detail", kwargs={"household_uuid": household.uuid})
    for user in (professional(Role.BELEID), professional(Role.PRIVACY), resident_user):
        client.force_login(user)
        assert client.get(url).status_code == 404

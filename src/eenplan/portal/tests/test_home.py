"""The resident's own page: household, contact person, who helps, the plan, who looked."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from eenplan.households.models import LegalBasis
from eenplan.households.selectors import household_detail
from eenplan.households.tests.factories import (
    HouseholdFactory,
    HouseholdMemberFactory,
    InvolvementFactory,
    ResidentFactory,
)
from eenplan.meetings.models import MeetingKind
from eenplan.meetings.services import ParticipantInput, meeting_schedule
from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import (
    OrganisationFactory,
    TeamFactory,
    UserFactory,
    professional,
)
from eenplan.plans.tests.factories import PlanFactory
from eenplan.privacy.models import AccessEvent, AccessLogEntry, AccessPurpose
from eenplan.privacy.services import break_the_glass_grant
from eenplan.reminders.services import important_day_add
from eenplan.taxonomy.models import LifeDomain

pytestmark = pytest.mark.django_db

URL = reverse("portal:home")


def resident_login(resident):
    resident.user = UserFactory()
    resident.save()
    return resident.user


@pytest.fixture
def family():
    household = HouseholdFactory(members=0)
    me = ResidentFactory(given_names="Sanne", surname="de Vries")
    partner = ResidentFactory(given_names="Joris", surname="de Vries")
    HouseholdMemberFactory(household=household, resident=me)
    HouseholdMemberFactory(household=household, resident=partner, relation="partner")
    team = TeamFactory(organisation=OrganisationFactory(name="Buurtteam Noord", gemeente=True))
    coordinator = professional(
        team=team,
        first_name="Karin",
        last_name="Smit",
        phone="030 123 45 67",
        email="k.smit@buurtteam.example.nl",
    )
    backup = professional(team=team, first_name="Ahmed", last_name="Bouali")
    plan = PlanFactory(
        household=household,
        coordinator_professional=coordinator,
        backup_professional=backup,
        summary="Samen zoeken we een betaalbare woning en regelen we de schulden.",
    )
    corporation = OrganisationFactory(name="Woonstad", corporation=True)
    housing = LifeDomain.objects.order_by("position").first()
    involvement = InvolvementFactory(
        household=household,
        organisation=corporation,
        professional=professional(Role.PARTNER, first_name="Lotte", last_name="Jansen"),
        basis=LegalBasis.CONSENT,
    )
    involvement.domains.set([housing])
    InvolvementFactory(
        household=household,
        organisation=OrganisationFactory(name="Werk en Inkomen"),
        basis=LegalBasis.LEGAL_TASK,
    )
    return {
        "household": household,
        "me": me,
        "partner": partner,
        "coordinator": coordinator,
        "plan": plan,
        "housing": housing,
        "user": resident_login(me),
    }


def get(client, user):
    client.force_login(user)
    # English (chosen through the language cookie), so the test does not depend on compiled
    # catalogues.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client.get(URL)


def test_anonymous_goes_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("role", [Role.REGISSEUR, Role.PARTNER, Role.PRIVACY, Role.BEHEER])
def test_professionals_get_404(client, role):
    client.force_login(professional(role))
    assert client.get(URL).status_code == 404


def test_user_without_resident_gets_404(client):
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 404


def test_shows_household_contact_plan_and_involvements(client, family):
    response = get(client, family["user"])
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sanne de Vries" in html and "Joris de Vries" in html
    assert "Karin Smit" in html
    assert "Buurtteam Noord" in html
    assert "030 123 45 67" in html
    assert "k.smit@buurtteam.example.nl" in html
    assert "Ahmed Bouali" in html
    assert "betaalbare woning" in html
    assert "Woonstad" in html and "Lotte Jansen" in html
    assert family["housing"].name in html
    assert "with your consent" in html
    assert "Werk en Inkomen" in html
    assert "because the law requires it" in html


def test_other_households_are_not_shown(client, family):
    other = HouseholdFactory(members=1)
    response = get(client, family["user"])
    assert escape(other.members.get().resident.full_name) not in response.content.decode()


def test_opening_the_page_is_logged_as_own_file(client, family):
    get(client, family["user"])
    entry = AccessLogEntry.objects.order_by("-seq").first()
    assert entry.user_id == family["user"].pk
    assert entry.purpose == AccessPurpose.OWN_FILE
    assert entry.event == AccessEvent.HOUSEHOLD_VIEW
    assert family["me"].uuid in set(entry.subjects.values_list("resident_uuid", flat=True))


def test_who_looked_shows_others_reads_in_plain_words(client, family, actor_of):
    household_detail(actor=actor_of(family["coordinator"]), household_uuid=family["household"].uuid)
    response = get(client, family["user"])
    history = response.context["history"]
    assert len(history) == 1  # the resident's own visit is not listed
    assert history[0]["organisation"] == "Buurtteam Noord"
    html = response.content.decode()
    assert "looked at the details of your household" in html
    assert "contact person" in html


def test_emergency_access_is_shown_with_its_reason(client, family, actor_of):
    outsider = professional(Role.PARTNER)
    break_the_glass_grant(
        actor=actor_of(outsider),
        household=family["household"],
        reason="Melding van de buren: al drie dagen niemand gezien.",
    )
    response = get(client, family["user"])
    html = response.content.decode()
    assert "opened your file in an emergency" in html
    assert "al drie dagen niemand gezien" in html


def test_reads_about_someone_else_are_not_shown(client, family, actor_of):
    other = HouseholdFactory(members=1)
    coordinator = professional()
    PlanFactory(household=other, coordinator_professional=coordinator)
    household_detail(actor=actor_of(coordinator), household_uuid=other.uuid)
    response = get(client, family["user"])
    assert response.context["history"] == []


def test_resident_coordinator_is_named(client):
    household = HouseholdFactory(members=1)
    me = household.members.get().resident
    PlanFactory(
        household=household,
        coordinator_professional=None,
        coordinator_resident=me,
        backup_professional=professional(first_name="Piet", last_name="Pieters"),
        started_on=dt.date(2025, 3, 1),
    )
    response = get(client, resident_login(me))
    html = response.content.decode()
    assert escape(f"{me.full_name} is in charge of your plan") in html
    assert "Piet Pieters" in html


def test_resident_without_household_sees_an_explanation(client):
    me = ResidentFactory()
    response = get(client, resident_login(me))
    assert response.status_code == 200
    assert response.context["page"].detail is None


def test_page_queries_do_not_grow_with_the_history(client, family, actor_of):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(family["user"])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    coordinator = actor_of(family["coordinator"])
    household_detail(actor=coordinator, household_uuid=family["household"].uuid)
    few = queries()
    for _ in range(15):
        household_detail(actor=coordinator, household_uuid=family["household"].uuid)
    assert queries() == few


def test_coming_up_shows_my_next_meeting_and_my_important_days(client, family, actor_of):
    assert 'data-testid="coming-up"' not in get(client, family["user"]).content.decode()

    coordinator = actor_of(family["coordinator"])
    start = timezone.now() + dt.timedelta(days=2)
    meeting_schedule(
        actor=coordinator,
        household=family["household"],
        kind=MeetingKind.KITCHEN_TABLE,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        place="Bij u thuis",
        participants=[ParticipantInput(resident=family["me"])],
    )
    for resident, what in ((family["me"], "Sollicitatiegesprek"), (family["partner"], "Rijexamen")):
        important_day_add(
            actor=coordinator,
            household_uuid=family["household"].uuid,
            resident_uuid=resident.uuid,
            on=timezone.localdate() + dt.timedelta(days=3),
            what=what,
        )
    html = get(client, family["user"]).content.decode()
    assert 'data-testid="coming-up"' in html
    assert "Conversation at your kitchen table" in html and "Bij u thuis" in html
    assert "Sollicitatiegesprek" in html
    # The partner's day is the partner's.
    assert "Rijexamen" not in html

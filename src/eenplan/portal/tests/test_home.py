"""The resident's own page: household, contact person, who helps, the plan, who looked."""

import datetime as dt
import re
from unittest import mock

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
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


# --- The plan's summary: the professionals' text ------------------------------------------------


def test_the_professionals_summary_is_on_the_plan_page_labelled_not_on_the_home_page(
    client, family
):
    family["plan"].summary = "Haar bewindvoerder meldt ernstige psychische problemen."
    family["plan"].save()
    html = get(client, family["user"]).content.decode()
    assert "bewindvoerder" not in html
    assert 'data-testid="plan-summary"' not in html
    assert "You have nothing to do right now." in html
    plan_page = client.get(reverse("portal:plan")).content.decode()
    summary = plan_page.split('data-testid="plan-summary"', 1)[1].split("</section>", 1)[0]
    assert "What the professionals wrote about your plan" in summary
    assert "bewindvoerder" in summary


# --- Who looked at my file ------------------------------------------------------------------------


def words(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_every_kind_of_read_is_said_in_a_whole_sentence():
    from eenplan.portal.views import EVENT_WORDS

    assert set(EVENT_WORDS) == set(AccessEvent.values)


def test_a_read_of_the_scores_is_a_whole_dutch_sentence(client, family, actor_of):
    from eenplan.assessments.selectors import measurement_overview

    measurement_overview(actor=actor_of(family["coordinator"]), resident_uuid=family["me"].uuid)
    client.force_login(family["user"])
    history = client.get(URL).content.decode().split('data-testid="history"', 1)[1]
    assert "Een contactpersoon van Buurtteam Noord bekeek uw cijfers." in words(history)


def test_identical_reads_on_one_day_are_one_line_with_how_many_times(client, family, actor_of):
    coordinator = actor_of(family["coordinator"])
    yesterday = timezone.now() - dt.timedelta(days=1)
    with mock.patch("django.utils.timezone.now", return_value=yesterday):
        household_detail(actor=coordinator, household_uuid=family["household"].uuid)
    for _ in range(9):
        household_detail(actor=coordinator, household_uuid=family["household"].uuid)
    from eenplan.assessments.selectors import measurement_overview

    measurement_overview(actor=coordinator, resident_uuid=family["me"].uuid)
    response = get(client, family["user"])
    history = response.context["history"]
    assert [(line["times"], str(line["event"])) for line in history] == [
        (1, "looked at your scores"),
        (9, "looked at the details of your household"),
        (1, "looked at the details of your household"),
    ]
    html = words(response.content.decode())
    assert "looked at the details of your household (9 times)." in html
    # The log itself keeps every read.
    assert (
        AccessLogEntry.objects.filter(
            user_id=family["coordinator"].pk, event=AccessEvent.HOUSEHOLD_VIEW
        ).count()
        == 10
    )


# --- After the plan is closed ---------------------------------------------------------------------


def close(family, actor_of, reason="Er is een woning en de schulden zijn geregeld."):
    from eenplan.assessments.models import Instrument
    from eenplan.plans.services import plan_close

    plan_close(
        actor=actor_of(family["coordinator"]),
        plan=family["plan"],
        reason=reason,
        follow_up_instrument=Instrument.objects.get(code="zrm"),
    )
    family["plan"].refresh_from_db()
    return family["plan"]


def test_a_closed_plan_is_named_with_its_date_and_the_former_coordinator_stays(
    client, family, actor_of
):
    plan = close(family, actor_of)
    response = get(client, family["user"])
    html = words(response.content.decode())
    assert "You do not have a plan yet." not in html
    assert "You do not have a contact person yet." not in html
    with translation.override("en"):
        closed_on = date_format(plan.closed_on, "j F Y")
    assert f"Your plan was closed on {closed_on}." in html
    assert reverse("portal:plan") in response.content.decode()
    # Until the follow-up measurement the former coordinator is still the one to call.
    assert "Your plan is closed. Around" in html
    assert "Karin Smit" in html and "030 123 45 67" in html


def test_after_the_follow_up_the_district_team_is_the_one_to_ask(client, family, actor_of):
    from eenplan.plans.models import FollowUp

    close(family, actor_of)
    FollowUp.objects.update(done_at=timezone.now())
    TeamFactory(
        name="Wijkteam Oost",
        phone="030 999 88 77",
        organisation=OrganisationFactory(name="Gemeente Utrecht", gemeente=True),
        districts=[family["household"].neighbourhood.district],
    )
    response = get(client, family["user"])
    html = words(response.content.decode())
    contact = words(
        response.content.decode().split('id="contact-heading"', 1)[1].split("</section>", 1)[0]
    )
    assert "Karin Smit" not in contact
    assert "Your plan is closed. So you no longer have a contact person." in contact
    assert "Wijkteam Oost" in contact and "030 999 88 77" in contact
    assert "Tell your contact person" not in html
    assert "Contact the privacy officer of the municipality." in html


def test_without_a_team_the_resident_is_told_to_call_the_municipality(client, family, actor_of):
    from eenplan.plans.models import FollowUp

    close(family, actor_of)
    FollowUp.objects.update(done_at=timezone.now())
    html = words(get(client, family["user"]).content.decode())
    assert "Do you have a question? Call the municipality." in html


def test_important_days_without_an_active_plan_do_not_promise_a_contact_person(
    client, family, actor_of
):
    coordinator = actor_of(family["coordinator"])
    important_day_add(
        actor=coordinator,
        household_uuid=family["household"].uuid,
        resident_uuid=family["me"].uuid,
        on=timezone.localdate() + dt.timedelta(days=3),
        what="Sollicitatiegesprek",
    )
    assert "Your contact person knows about these days too." in words(
        get(client, family["user"]).content.decode()
    )
    close(family, actor_of)
    html = words(get(client, family["user"]).content.decode())
    assert "Sollicitatiegesprek" in html
    assert "Your contact person knows about these days too." not in html
    assert "The professional who wrote down these days knows about them too." in html

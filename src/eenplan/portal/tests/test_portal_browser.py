"""The resident's own pages in a real browser, in Dutch: plan, meetings, scores and the form to
fill them in (with an error first), each checked for accessibility."""

import datetime as dt

import pytest
from django.utils import timezone

from eenplan.assessments.models import Measurement
from eenplan.core.tests.browser import screenshot, serious_violations
from eenplan.households.tests.factories import HouseholdFactory
from eenplan.meetings.models import Meeting, MeetingKind, MeetingParticipant, PartyKind
from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import OrganisationFactory, UserFactory, professional
from eenplan.plans.tests.factories import ActionFactory, GoalFactory, PlanFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "correct-horse-battery"


def test_resident_reads_plan_meetings_and_fills_in_scores(live_server, browser_page):
    page = browser_page
    household = HouseholdFactory(name="Huishouden Bouzid", members=1)
    me = household.members.get().resident
    me.user = UserFactory(username="naima")
    me.save()
    coordinator = professional(Role.REGISSEUR, job_title="Wijkteammedewerker")
    plan = PlanFactory(household=household, coordinator_professional=coordinator)
    goal = GoalFactory(plan=plan, text="Ik wil een eigen huis voor mij en de kinderen.")
    ActionFactory(
        goal=goal,
        what="Ik schrijf mij in als woningzoekende.",
        owner_professional=None,
        owner_resident=me,
        due_on=dt.date(2026, 12, 1),
    )
    ActionFactory(goal=goal, what="Urgentie aanvragen.", owner_professional=coordinator)
    starts = timezone.now() + dt.timedelta(days=4)
    meeting = Meeting.objects.create(
        household=household,
        kind=MeetingKind.MDO,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
        place="Wijkcentrum De Leeuw",
        created_by=coordinator,
    )
    MeetingParticipant.objects.create(
        meeting=meeting,
        party=PartyKind.ORGANISATION,
        organisation=OrganisationFactory(name="Buurtteam Noord"),
        professional=coordinator,
    )

    page.goto(f"{live_server.url}/account/inloggen")
    page.get_by_label("Gebruikersnaam").fill("naima")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.goto(f"{live_server.url}/mijn/")
    assert serious_violations(page) == []

    page.get_by_role("link", name="Bekijk uw plan: uw doelen en wie wat doet").click()
    page.wait_for_url(f"{live_server.url}/mijn/plan/")
    assert page.get_by_role("heading", name="Wat u zelf doet").is_visible()
    assert page.get_by_test_id("my-actions").get_by_text("Ik schrijf mij in").is_visible()
    assert serious_violations(page) == []
    screenshot(page, "portal-plan")

    page.goto(f"{live_server.url}/mijn/")
    page.get_by_role("link", name="Bekijk uw gesprekken").click()
    page.wait_for_url(f"{live_server.url}/mijn/overleggen/")
    assert page.get_by_text("Wijkcentrum De Leeuw").is_visible()
    assert page.get_by_text("Buurtteam Noord").is_visible()
    assert serious_violations(page) == []
    screenshot(page, "portal-meetings")

    page.goto(f"{live_server.url}/mijn/")
    page.get_by_role("link", name="Bekijk uw cijfers, of vul ze in").click()
    page.wait_for_url(f"{live_server.url}/mijn/metingen/")
    assert serious_violations(page) == []
    page.get_by_role("link", name="Invullen: Hoe gezond u zich voelt").click()
    assert serious_violations(page) == []
    fields = page.get_by_role("spinbutton")
    for index in range(fields.count()):
        fields.nth(index).fill("6")
    fields.first.fill("12")
    fields.nth(1).fill("")
    page.get_by_role("button", name="Mijn cijfers opslaan").click()
    alert = page.get_by_role("alert")
    assert alert.is_visible()
    # Both problems in one round, each linked from the summary to its field.
    assert alert.get_by_role("link").count() == 2
    assert page.get_by_text("kan 12 niet. Vul een cijfer van 0 tot 10 in.").first.is_visible()
    assert Measurement.objects.count() == 0
    assert serious_violations(page) == []
    page.get_by_role("spinbutton").first.fill("7")
    page.get_by_role("spinbutton").nth(1).fill("6")
    page.get_by_role("button", name="Mijn cijfers opslaan").click()
    page.wait_for_url(f"{live_server.url}/mijn/metingen/")
    assert Measurement.objects.count() == 1
    assert page.locator("svg").count() >= 6
    # The charts fill their card (they were a fixed 360 px before), up to a readable maximum.
    chart = page.locator("svg.eenplan-chart").first.bounding_box()
    card = page.locator("figure.eenplan-chart-figure").first.bounding_box()
    assert chart is not None and card is not None
    assert chart["width"] > 360
    assert chart["width"] <= card["width"]
    assert serious_violations(page) == []
    screenshot(page, "portal-scores")

"""Scenario 1 end to end, in a real browser, as the people in it would do it.

A woman who left her partner has no home of her own; the wijkteam's regisseur coordinates. With
her at the table, the social team, work and income, care and welfare make one plan in one MDO:
goals in her words, agreements that become actions for her and for three organisations. Months
later a new measurement is recorded, and the chart shows the progress. She logs in and sees her
own plan, with what she does first.
"""

import datetime as dt

import pytest
from django.utils import timezone

from eenplan.accounts.actor import actor_for_user
from eenplan.assessments.models import Instrument
from eenplan.assessments.services import measurement_record
from eenplan.core.tests.browser import screenshot, serious_violations
from eenplan.households.tests.factories import HouseholdFactory, InvolvementFactory
from eenplan.meetings.models import Meeting, MeetingKind, MeetingStatus
from eenplan.organisations.models import OrganisationKind, Role
from eenplan.organisations.tests.factories import OrganisationFactory, UserFactory, professional
from eenplan.plans.models import Action, Goal
from eenplan.plans.tests.factories import PlanFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "correct-horse-battery"

# ZRM at the start of the plan, and months later.
ZRM_START = {
    "financien": 1,
    "werk-opleiding": 2,
    "tijdsbesteding": 2,
    "huisvesting": 1,
    "huiselijke-relaties": 2,
    "geestelijke-gezondheid": 2,
    "lichamelijke-gezondheid": 3,
    "middelengebruik": 4,
    "basale-adl": 4,
    "instrumentele-adl": 3,
    "sociaal-netwerk": 2,
    "maatschappelijke-participatie": 2,
    "justitie": 5,
}
ZRM_LATER = ZRM_START | {"financien": 3, "huisvesting": 3, "geestelijke-gezondheid": 3}


@pytest.fixture
def scenario():
    gemeente = OrganisationFactory(name="Gemeente Utrecht", gemeente=True)
    welzijn = OrganisationFactory(name="Welzijn Utrecht", kind=OrganisationKind.WELZIJNSORGANISATIE)
    zorg = OrganisationFactory(name="Zorg Utrecht", kind=OrganisationKind.ZORGAANBIEDER)
    regisseur = professional(
        Role.REGISSEUR,
        organisation=gemeente,
        username="sanne",
        first_name="Sanne",
        last_name="de Groot",
    )
    consulent = professional(
        Role.PARTNER, organisation=gemeente, first_name="Karim", last_name="Tahiri"
    )
    opbouwwerker = professional(
        Role.PARTNER, organisation=welzijn, first_name="Linda", last_name="Maas"
    )
    begeleider = professional(
        Role.PARTNER, organisation=zorg, first_name="Anouk", last_name="Schouten"
    )
    household = HouseholdFactory(name="Huishouden Bouzid", members=1)
    naima = household.members.get().resident
    naima.given_names, naima.surname = "Naima", "Bouzid"
    naima.save()
    naima.user = UserFactory(username="naima", first_name="Naima", last_name="Bouzid")
    naima.save()
    for organisation, person in (
        (gemeente, consulent),
        (welzijn, opbouwwerker),
        (zorg, begeleider),
    ):
        InvolvementFactory(household=household, organisation=organisation, professional=person)
    started = timezone.localdate() - dt.timedelta(days=120)
    PlanFactory(household=household, coordinator_professional=regisseur, started_on=started)
    measurement_record(
        actor=actor_for_user(regisseur),
        resident=naima,
        instrument=Instrument.objects.get(code="zrm"),
        taken_on=started,
        scores=ZRM_START,
    )
    return {
        "household": household,
        "naima": naima,
        "organisations": {"gemeente": gemeente, "welzijn": welzijn, "zorg": zorg},
        "people": {"gemeente": consulent, "welzijn": opbouwwerker, "zorg": begeleider},
    }


def log_in(page, base_url, username):
    page.goto(f"{base_url}/account/inloggen")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("form:has(input[name=password]) button[type=submit]").click()


def add_goal(page, detail, domain, text):
    page.goto(detail)
    with page.expect_navigation():
        page.get_by_role("link", name="Doel toevoegen").click()
    page.get_by_label("Leefgebied").select_option(label=domain)
    page.get_by_label("Doel", exact=True).fill(text)
    with page.expect_navigation():
        page.get_by_role("button", name="Doel toevoegen").click()


def test_scenario_one_mdo_plan_and_progress(live_server, browser_page, scenario):
    page = browser_page
    household = scenario["household"]
    naima = scenario["naima"]
    people = scenario["people"]
    detail = f"{live_server.url}/huishoudens/{household.uuid}/"

    log_in(page, live_server.url, "sanne")

    # Her goals, in her words.
    add_goal(page, detail, "Wonen", "Ik wil een eigen huis, waar mijn kinderen kunnen slapen.")
    add_goal(page, detail, "Werk en inkomen", "Ik wil mijn eigen geld hebben.")
    add_goal(page, detail, "Psychische gezondheid", "Ik wil rust in mijn hoofd.")
    add_goal(page, detail, "Sociaal netwerk", "Ik wil weer mensen om me heen.")
    assert Goal.objects.filter(plan__household=household).count() == 4

    # The MDO, with her at the table and one person per organisation.
    page.goto(f"{detail}overleggen/")
    with page.expect_navigation():
        page.get_by_role("link", name="Overleg plannen").click()
    page.get_by_label("Soort overleg").select_option(label="MDO (multidisciplinair overleg)")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    page.get_by_label("Datum").fill(tomorrow.isoformat())
    page.get_by_label("Van").fill("10:00")
    page.get_by_label("Tot").fill("11:30")
    page.get_by_label("Plaats").fill("Wijkcentrum Overvecht")
    page.get_by_label("Naima Bouzid").check()
    for key, organisation in scenario["organisations"].items():
        person = people[key]
        page.get_by_label(f"{organisation.name} ({person.get_full_name()})").check()
    assert serious_violations(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="Overleg plannen").click()
    meeting = Meeting.objects.get(household=household)
    assert meeting.kind == MeetingKind.MDO
    assert meeting.participants.count() == 4
    # The agenda comes from the open goals.
    main = page.locator("main").inner_text()
    assert "Ik wil rust in mijn hoofd." in main
    screenshot(page, "scenario1-mdo-planned")

    # The day comes and the meeting is held (the clock is moved, not the rule: a meeting is
    # recorded once it has taken place). She was there; the agreements become actions in one step.
    held = timezone.now() - dt.timedelta(hours=2)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=held, ends_at=held + dt.timedelta(hours=1, minutes=30)
    )
    page.reload()
    with page.expect_navigation():
        page.get_by_role("link", name="Verslag van het overleg vastleggen").click()
    page.get_by_label("Ja").check()
    page.get_by_label("Samenvatting voor de inwoner").fill(
        "U wilt een eigen huis, eigen geld en rust. U vult het formulier voor urgentie in. "
        "Werk en Inkomen regelt uw uitkering. Anouk komt twee keer per week. Linda neemt u mee "
        "naar de vrouwengroep."
    )
    due = (timezone.localdate() + dt.timedelta(days=21)).isoformat()
    agreements = [
        ("Wonen", "Het formulier voor urgentie invullen.", naima.full_name),
        ("Werk en inkomen", "De uitkering aanvragen en beslissen.", "Gemeente Utrecht"),
        ("Psychische gezondheid", "Begeleiding starten, twee keer per week.", "Zorg Utrecht"),
        ("Sociaal netwerk", "Mee naar de vrouwengroep in het buurthuis.", "Welzijn Utrecht"),
    ]
    for index, (domain, what, owner) in enumerate(agreements):
        row = page.locator(f'fieldset:has([name="afspraak{index}-what"])')
        goal_label = row.locator(f'[name="afspraak{index}-goal"] option', has_text=domain)
        row.locator(f'[name="afspraak{index}-goal"]').select_option(
            value=goal_label.first.get_attribute("value")
        )
        row.locator(f'[name="afspraak{index}-what"]').fill(what)
        row.locator(f'[name="afspraak{index}-owner"]').select_option(label=owner)
        row.locator(f'[name="afspraak{index}-due_on"]').fill(due)
    assert serious_violations(page) == []
    screenshot(page, "scenario1-mdo-record")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD and meeting.resident_present
    actions = Action.objects.filter(goal__plan__household=household)
    assert actions.count() == 4
    assert actions.filter(owner_resident=naima).count() == 1
    assert set(
        actions.exclude(owner_organisation=None).values_list("owner_organisation", flat=True)
    ) == {o.pk for o in scenario["organisations"].values()}

    # The plan on the household page: her action and the three organisations'.
    page.goto(detail)
    plan_actions = page.locator('[data-testid="plan-action"]')
    assert plan_actions.count() == 4
    text = page.locator("main").inner_text()
    for _domain, what, owner in agreements:
        assert what in text and owner in text
    assert "MDO (multidisciplinair overleg) gehouden" in text
    assert serious_violations(page) == []
    screenshot(page, "scenario1-plan")

    # Months later: a new measurement, and the chart shows the progress.
    page.goto(f"{live_server.url}/metingen/inwoners/{naima.uuid}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Zelfredzaamheid-Matrix").first.click()
    with page.expect_navigation():
        page.get_by_role("link", name="Nieuwe meting vastleggen").click()
    for code, value in ZRM_LATER.items():
        page.locator(f'[name="{code}"]').fill(str(value))
    with page.expect_navigation():
        page.get_by_role("button", name="Meting opslaan").click()
    assert naima.measurements.filter(instrument__code="zrm").count() == 2

    page.goto(f"{live_server.url}/metingen/inwoners/{naima.uuid}/zrm/")
    housing = page.locator("figure", has_text="Huisvesting")
    points = housing.locator("circle.eenplan-chart-point")
    assert [points.nth(i).get_attribute("data-value") for i in range(points.count())] == [
        "1",
        "3",
    ]
    first_y = float(points.nth(0).get_attribute("cy"))
    last_y = float(points.nth(1).get_attribute("cy"))
    assert last_y < first_y  # higher on the chart: better
    table_row = page.locator("#scores-table tr", has_text="Huisvesting")
    assert [table_row.locator("td").nth(i).get_attribute("data-value") for i in range(2)] == [
        "1",
        "3",
    ]
    assert serious_violations(page) == []
    screenshot(page, "scenario1-progress")

    # She logs in and sees her own plan: what she does comes first, in plain words.
    with page.expect_navigation():
        page.get_by_role("button", name="Uitloggen").click()
    log_in(page, live_server.url, "naima")
    assert page.url.endswith("/mijn/")
    with page.expect_navigation():
        page.get_by_role("link", name="Bekijk uw plan: uw doelen en wie wat doet").click()
    mine = page.locator('[data-testid="my-actions"]').inner_text()
    assert "Het formulier voor urgentie invullen." in mine
    assert "De uitkering aanvragen en beslissen." not in mine
    plan_text = page.locator("main").inner_text()
    assert "Ik wil rust in mijn hoofd." in plan_text and "Zorg Utrecht" in plan_text
    assert serious_violations(page) == []
    screenshot(page, "scenario1-resident-plan")

    # And the summary of the MDO she was at.
    page.goto(f"{live_server.url}/mijn/overleggen/")
    assert "Anouk komt twee keer per week." in page.locator("main").inner_text()
    assert serious_violations(page) == []

"""The main journey of a coordinator in a real browser, with an accessibility check per page.

Runs Debian's chromium through Playwright against the live test server; axe-core checks each page
for WCAG 2.1 A/AA problems. Screenshots go to EENPLAN_SCREENSHOT_DIR when it is set.
"""

import datetime as dt

import pytest
from playwright.sync_api import expect

from eenplan.core.tests.browser import screenshot, serious_violations
from eenplan.households.tests.factories import HouseholdFactory
from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import OrganisationFactory, professional
from eenplan.plans.tests.factories import PlanFactory

# serialized_rollback: the rows data migrations create (the access-log head, the life domains)
# come back after each test empties the tables.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "correct-horse-battery"


def test_coordinator_journey_is_accessible(live_server, browser_page):
    page = browser_page
    user = professional(
        Role.REGISSEUR,
        organisation=OrganisationFactory(name="Gemeente Utrecht", gemeente=True),
        username="sanne",
        first_name="Sanne",
        last_name="de Vries",
    )
    target = HouseholdFactory(name="Huishouden Yılmaz", members=2)
    resident = target.members.order_by("id").first().resident
    resident.given_names, resident.surname, resident.search_name = "Fatma", "Yılmaz", "fatma yilmaz"
    resident.birth_date = dt.date(1984, 3, 9)
    resident.save()
    PlanFactory(household=target, coordinator_professional=user, summary="Wonen en werk op orde.")
    for name in ("Huishouden de Boer", "Huishouden Jansen"):
        PlanFactory(household=HouseholdFactory(name=name, members=1), coordinator_professional=user)

    page.goto(f"{live_server.url}/account/inloggen")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert serious_violations(page) == []
    # The design system's styles load: the page body uses the theme's font, not the default.
    assert (
        "Arial" in page.evaluate("getComputedStyle(document.body).fontFamily")
        or page.evaluate("getComputedStyle(document.querySelector('.utrecht-button')).paddingLeft")
        != "0px"
    )
    screenshot(page, "login")
    page.get_by_label("Gebruikersnaam").fill("sanne")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    page.wait_for_url(f"{live_server.url}/huishoudens/")
    assert page.get_by_role("heading", level=1).inner_text() == "Mijn huishoudens"
    rows = page.locator("#caseload-results tbody tr")
    assert rows.count() == 3
    assert serious_violations(page) == []
    screenshot(page, "caseload")

    # Typing searches without a page load (htmx swaps the results).
    with page.expect_response(lambda r: "q=yilm" in r.url):
        page.get_by_label("Zoeken").press_sequentially("yilm", delay=40)
    # A locator assertion retries without evaluating a string in the page: the strict CSP
    # (no 'unsafe-eval') refuses the polling that wait_for_function does with a string.
    expect(rows).to_have_count(1)
    assert "Huishouden Yılmaz" in rows.first.inner_text()
    assert "q=yilm" in page.url  # the address follows, so back and reload work
    screenshot(page, "caseload-search")

    page.get_by_role("link", name="Huishouden Yılmaz").click()
    page.wait_for_url(f"{live_server.url}/huishoudens/{target.uuid}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Huishouden Yılmaz"
    assert page.get_by_text("Wonen en werk op orde.").is_visible()
    assert serious_violations(page) == []
    screenshot(page, "household")

    page.get_by_role("link", name="Nieuw huishouden").click()
    page.wait_for_url(f"{live_server.url}/huishoudens/nieuw/")
    assert serious_violations(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="Controleren en registreren").click()
    summary = page.locator("[data-error-summary]")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert serious_violations(page) == []
    screenshot(page, "register-errors")

    assert page.csp_errors == []


def test_emergency_access_and_second_factor_setup_are_accessible(live_server, browser_page):
    from eenplan.households.tests.factories import HouseholdMemberFactory, make_bsn

    page = browser_page
    professional(Role.PARTNER, username="wijkagent", first_name="Bram", last_name="Kok")
    bsn = make_bsn(21)
    member = HouseholdMemberFactory(resident__bsn=bsn, household__name="Huishouden Smit")

    page.goto(f"{live_server.url}/account/inloggen?next=/huishoudens/noodtoegang/")
    page.get_by_label("Gebruikersnaam").fill("wijkagent")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{live_server.url}/huishoudens/noodtoegang/")
    assert serious_violations(page) == []
    screenshot(page, "emergency-form")

    page.get_by_label("BSN").fill(bsn)
    page.get_by_label("Waarom hebt u nu toegang nodig?").fill(
        "Buren melden dat mevrouw al drie dagen de deur niet opendoet."
    )
    page.get_by_role("button", name="Noodtoegang aanvragen").click()
    page.wait_for_url(f"{live_server.url}/huishoudens/{member.household.uuid}/")
    assert page.get_by_text("U bekijkt dit huishouden via noodtoegang.").is_visible()
    assert serious_violations(page) == []
    screenshot(page, "emergency-household")

    page.goto(f"{live_server.url}/account/tweede-stap/instellen")
    assert page.locator(".eenplan-qr svg").is_visible()
    assert serious_violations(page) == []
    screenshot(page, "second-factor-setup")

    # The English version of the same page.
    with page.expect_navigation():
        page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Set up the second step"
    assert page.csp_errors == []

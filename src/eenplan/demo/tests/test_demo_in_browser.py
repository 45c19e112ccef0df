"""The demo as a new user meets it: the real demo accounts in a real browser.

`regisseur` logs in, opens "Mijn huishoudens" and the household of scenario 1, and axe-core finds
no serious accessibility problem on either page; `woonconsulent`, not involved there, gets the
same "not found" page as for a household that does not exist.
"""

import pytest
from django.core.management import call_command

from eenplan.core.tests.browser import serious_violations
from eenplan.demo.cast import DEMO_PASSWORD
from eenplan.demo.scenarios import SCENARIO_HOUSEHOLDS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def log_in(page, base_url, username):
    page.goto(f"{base_url}/account/inloggen")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("form:has(input[name=password]) button[type=submit]").click()


def test_demo_regisseur_opens_caseload_and_scenario_household(live_server, browser_page):
    call_command("load_demo", households=40, verbosity=0)
    page = browser_page
    household_url = f"{live_server.url}/huishoudens/{SCENARIO_HOUSEHOLDS['one_plan'].uuid}/"

    log_in(page, live_server.url, "regisseur")
    assert page.url.endswith("/huishoudens/")
    assert page.locator("h1").inner_text() == "Mijn huishoudens"
    assert serious_violations(page) == []

    page.locator("input[name=q]").fill("Bouzid")
    page.locator("input[name=q]").press("Enter")
    # The search updates the list (htmx) and the address; click only once the results are there,
    # and wait for the navigation itself, not just for the current page's load state.
    page.wait_for_url("**/huishoudens/?q=Bouzid*")
    with page.expect_navigation():
        page.get_by_role("link", name=SCENARIO_HOUSEHOLDS["one_plan"].name).first.click()
    assert page.url == household_url
    assert "Naima Bouzid" in page.locator("main").inner_text()
    assert serious_violations(page) == []
    assert page.csp_errors == []

    with page.expect_navigation():
        page.get_by_role("button", name="Uitloggen").click()
    log_in(page, live_server.url, "woonconsulent")
    response = page.goto(household_url)
    assert response.status == 404
    assert "Naima Bouzid" not in page.content()
    missing = page.goto(f"{live_server.url}/huishoudens/00000000-0000-0000-0000-000000000000/")
    assert missing.status == 404

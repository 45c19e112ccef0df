"""A professional looks up a word and checks a letter for a resident, in a real browser, with axe."""

import pytest

from eenplan.core.tests.browser import screenshot, serious_violations
from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import professional

# serialized_rollback: the seeded glossary and life domains come back after each test.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LETTER = (
    "Beste mevrouw Bouzid, op grond van de Participatiewet wordt uw uitkering vanwege de "
    "kostendelersnorm met ingang van de volgende maand door het college van burgemeester en "
    "wethouders verlaagd. Uw regisseur neemt contact met u op."
)


def test_look_up_a_word_and_check_a_letter(live_server, browser_page):
    page = browser_page
    professional(Role.REGISSEUR, username="sanne")
    page.goto(f"{live_server.url}/account/inloggen")
    page.get_by_label("Gebruikersnaam").fill("sanne")
    page.get_by_label("Wachtwoord").fill("correct-horse-battery")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{live_server.url}/huishoudens/")

    page.goto(f"{live_server.url}/begrippen/")
    assert page.get_by_role("heading", level=1).inner_text() == "Begrippenlijst"
    assert page.get_by_role("heading", level=2, name="Wonen").is_visible()
    assert serious_violations(page) == []
    page.get_by_label("Zoek in de begrippenlijst").fill("kostendelers")
    page.get_by_role("button", name="Zoeken").click()
    assert page.get_by_test_id("glossary-term").count() == 1
    assert page.get_by_role("heading", level=3, name="kostendelersnorm").is_visible()
    screenshot(page, "glossary")

    page.get_by_role("link", name="Controleer of een tekst voor een inwoner").click()
    page.get_by_label("Tekst voor een inwoner").fill(LETTER)
    page.get_by_role("button", name="Controleer de tekst").click()
    report = page.get_by_test_id("plain-language-report")
    assert report.get_attribute("data-b1") == "no"
    assert "Nog niet eenvoudig genoeg" in page.get_by_test_id("plain-language-verdict").inner_text()
    jargon = page.get_by_test_id("plain-language-jargon").inner_text()
    assert "uw vaste contactpersoon" in jargon
    assert "minder bijstand als u met andere volwassenen in één huis woont" in jargon
    assert serious_violations(page) == []
    screenshot(page, "plain-language-check")

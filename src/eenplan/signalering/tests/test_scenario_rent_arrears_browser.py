"""Scenario 2 of the domain description, in a real browser with the real demo accounts.

`woonconsulent` reports two months of rent arrears for the Yılmaz family (open youth care) without a
BSN and with the name typed without the Turkish dotless i; the signal links to the household;
`regisseur` sees the cross-domain alert and the deadline, takes it up and records the contact; the
corporation sees only the status, never the household.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from eenplan.core.tests.browser import screenshot, serious_violations
from eenplan.demo.cast import DEMO_PASSWORD
from eenplan.demo.scenarios import SCENARIO_HOUSEHOLDS
from eenplan.households.models import Resident
from eenplan.signalering.models import Alert, AlertKind, Signal, SignalStatus

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def log_in(page, base_url, username):  # type: ignore[no-untyped-def]
    page.goto(f"{base_url}/account/inloggen")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("form:has(input[name=password]) button[type=submit]").click()


def log_out(page):  # type: ignore[no-untyped-def]
    with page.expect_navigation():
        page.get_by_role("button", name="Uitloggen").click()


def test_rent_arrears_reach_the_coordinator_and_the_corporation_sees_the_status(
    live_server, browser_page
):
    call_command("load_demo", households=40, verbosity=0)
    page = browser_page
    base = live_server.url
    household = SCENARIO_HOUSEHOLDS["rent_arrears"]
    mehmet = Resident.objects.get(given_names="Mehmet", surname="Yılmaz")
    assert mehmet.birth_date is not None

    # 1. The corporation reports, in under a minute.
    log_in(page, base, "woonconsulent")
    with page.expect_navigation():
        page.get_by_role("link", name="Signaal melden").first.click()
    assert serious_violations(page) == []
    page.get_by_label("Wat heeft u gezien?").select_option("huurachterstand")
    page.get_by_label("Maanden achterstand").fill("2")
    page.get_by_label("Bedrag achterstand (euro)").fill("1640,00")
    page.get_by_label("Voornamen").fill("Mehmet")
    page.get_by_label("Achternaam").fill("Yilmaz")
    page.get_by_label("Geboortedatum").fill(mehmet.birth_date.strftime("%d-%m-%Y"))
    page.get_by_label("Postcode").fill("3564 ER")
    page.get_by_label("Huisnummer").fill("118")
    page.get_by_label("Ja").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Signaal versturen").click()
    assert page.url.endswith("/signalen/gemeld/")
    assert "Ontvangen" in page.locator("#reported").inner_text()
    screenshot(page, "scenario2-1-reported")

    signal = Signal.objects.get(reported_by__username="woonconsulent")
    assert signal.household is not None and signal.household.uuid == household.uuid
    assert signal.outreach.due_on == timezone.localdate() + dt.timedelta(days=28)
    assert Alert.objects.filter(
        kind=AlertKind.CROSS_DOMAIN, recipient__username="regisseur", signal=signal
    ).exists()
    log_out(page)

    # 2. The coordinator sees the alert and the deadline, takes it up, records the contact.
    log_in(page, base, "regisseur")
    with page.expect_navigation():
        page.get_by_role("link", name="Meldingen").first.click()
    alerts = page.locator("#alerts").inner_text()
    assert "Huurachterstand" in alerts and household.name in alerts
    due = signal.outreach.due_on.strftime("%d-%m-%Y")
    assert due in alerts
    assert serious_violations(page) == []
    screenshot(page, "scenario2-2-alerts")
    with page.expect_navigation():
        page.get_by_role("link", name="Open het signaal").first.click()
    assert due in page.locator("#deadline").inner_text()
    assert serious_violations(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="Oppakken").click()
    page.get_by_label("Hoe").select_option("huisbezoek")
    page.locator("#attempt-form").get_by_label("Ja").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Poging opslaan").click()
    screenshot(page, "scenario2-3-signal")
    signal.refresh_from_db()
    assert signal.status == SignalStatus.CONTACT_MADE
    assert page.csp_errors == []
    log_out(page)

    # 3. The corporation sees the status only, and still cannot open the household.
    log_in(page, base, "woonconsulent")
    page.goto(f"{base}/signalen/gemeld/")
    reported = page.locator("#reported").inner_text()
    assert "Contact gelegd" in reported
    assert "Sanne" not in page.content() and household.name not in page.content()
    assert page.goto(f"{base}/huishoudens/{household.uuid}/").status == 404
    assert page.goto(f"{base}/signalen/{signal.uuid}/").status == 404

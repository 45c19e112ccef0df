"""The plan in a real browser: a goal and an action through the forms, marked done, the history,
and the printable plan (checked for accessibility, and as printed)."""

import pytest

from eenplan.core.tests.browser import screenshot, serious_violations
from eenplan.households.tests.factories import HouseholdFactory
from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import OrganisationFactory, professional
from eenplan.plans.models import Action, ActionStatus
from eenplan.plans.tests.factories import PlanFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "correct-horse-battery"


def test_goal_action_history_and_print(live_server, browser_page):
    page = browser_page
    user = professional(
        Role.REGISSEUR,
        organisation=OrganisationFactory(name="Gemeente Utrecht", gemeente=True),
        username="sanne",
        first_name="Sanne",
        last_name="de Vries",
        phone="030 123 45 67",
    )
    household = HouseholdFactory(name="Huishouden Bouzid", members=1)
    resident = household.members.get().resident
    PlanFactory(household=household, coordinator_professional=user)

    page.goto(f"{live_server.url}/account/inloggen")
    page.get_by_label("Gebruikersnaam").fill("sanne")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{live_server.url}/huishoudens/")

    detail = f"{live_server.url}/huishoudens/{household.uuid}/"
    page.goto(detail)
    page.get_by_role("link", name="Doel toevoegen").click()
    assert serious_violations(page) == []
    page.get_by_label("Leefgebied").select_option(label="Werk en inkomen")
    page.get_by_label("Doel", exact=True).fill("Ik wil weer werken, drie dagen in de week.")
    page.get_by_role("button", name="Doel toevoegen").click()
    page.wait_for_url(f"{detail}#plan-heading")
    assert page.get_by_text("Ik wil weer werken, drie dagen in de week.").is_visible()

    page.get_by_role("link", name="Actie toevoegen").first.click()
    page.get_by_label("Wat er gebeurt").fill("Een cv maken met hulp van de werkcoach.")
    page.get_by_label("Wie doet dit").select_option(label=resident.full_name)
    page.get_by_label("Klaar vóór").fill("2026-12-01")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Actie toevoegen").click()
    page.wait_for_url(f"{detail}#plan-heading")
    assert page.locator('[data-testid="plan-action"]').count() == 1
    assert serious_violations(page) == []
    screenshot(page, "plan-goals")

    page.get_by_role("button", name="Gedaan").click()
    page.wait_for_url(f"{detail}#plan-heading")
    assert Action.objects.get().status == ActionStatus.DONE

    page.get_by_role("link", name="Versies van het plan").click()
    rows = page.locator('[data-testid="plan-versions"] tbody tr')
    assert rows.count() == 3
    assert "Actie gedaan" in rows.first.inner_text()
    assert serious_violations(page) == []

    page.goto(detail)
    page.get_by_role("link", name="Plan afdrukken voor de inwoner").click()
    plan = page.locator('[data-testid="printable-plan"]')
    assert "Ik wil weer werken" in plan.inner_text()
    assert "030 123 45 67" in plan.inner_text()
    assert page.locator('[data-testid="plain-language-report"]').is_visible()
    assert serious_violations(page) == []
    screenshot(page, "plan-print-screen")

    # As printed: the plan only, without the advice, the header or the footer.
    page.emulate_media(media="print")
    assert plan.is_visible()
    assert not page.locator('[data-testid="print-advice"]').is_visible()
    assert not page.locator(".eenplan-header").is_visible()
    assert not page.locator(".eenplan-footer").is_visible()
    screenshot(page, "plan-print-paper")

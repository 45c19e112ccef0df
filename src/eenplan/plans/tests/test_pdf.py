"""The plan as a PDF for professionals who may see the household: the same content as the
printable page, A4, footer with the household and the page numbers, no name in the file name."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from eenplan.households.tests.factories import HouseholdFactory, InvolvementFactory
from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import professional
from eenplan.plans.models import ActionStatus, GoalStatus
from eenplan.plans.pdf import PDF_BASE_URL, StaticFilesOnly, footer_css, plan_pdf_filename
from eenplan.plans.selectors import plan_printable_build
from eenplan.plans.tests.factories import ActionFactory, GoalFactory, PlanFactory
from eenplan.privacy.models import AccessEvent, AccessLogEntry, AccessPurpose

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    household = HouseholdFactory(name="Huishouden Bouzid", members=1)
    resident = household.members.get().resident
    coordinator = professional(Role.REGISSEUR, first_name="Karin", last_name="Smit")
    plan = PlanFactory(household=household, coordinator_professional=coordinator)
    goal = GoalFactory(plan=plan, text="Ik wil een eigen huis voor mij en de kinderen.")
    ActionFactory(
        goal=goal,
        what="Inschrijven bij de woningcorporatie.",
        owner_professional=None,
        owner_resident=resident,
        due_on=dt.date(2026, 12, 1),
    )
    ActionFactory(goal=goal, what="Urgentie aanvragen bij de commissie.")
    ActionFactory(goal=goal, what="Deze actie is vervallen.", status=ActionStatus.CANCELLED)
    GoalFactory(plan=plan, text="Dit doel is al bereikt.", status=GoalStatus.REACHED)
    return plan


def pdf_text(content: bytes) -> str:
    """All text, with line breaks from wrapped table cells folded into spaces."""
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_coordinator_downloads_the_plan_as_pdf(client, plan):
    client.force_login(plan.coordinator_professional)
    response = client.get(reverse("households:plan_pdf", args=[plan.household.uuid]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="plan-')
    assert "Bouzid" not in disposition
    resident = plan.household.members.get().resident
    assert resident.surname not in disposition
    text = pdf_text(response.content)
    assert "Ik wil een eigen huis voor mij en de kinderen." in text
    assert "Inschrijven bij de woningcorporatie." in text
    assert "Urgentie aanvragen bij de commissie." in text
    assert resident.full_name in text
    # Like the printable page: no cancelled actions and no reached goals.
    assert "vervallen" not in text
    assert "al bereikt" not in text


def test_pdf_is_a4_with_household_and_page_numbers_in_the_footer(client, plan):
    client.force_login(plan.coordinator_professional)
    response = client.get(
        reverse("households:plan_pdf", args=[plan.household.uuid]), HTTP_ACCEPT_LANGUAGE="nl"
    )
    reader = PdfReader(io.BytesIO(response.content))
    box = reader.pages[0].mediabox
    # A4 is 595 x 842 points.
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    text = pdf_text(response.content)
    assert "Huishouden Bouzid ·" in text
    assert f"1 van {len(reader.pages)}" in text or f"1 of {len(reader.pages)}" in text


def test_fonts_are_embedded(client, plan):
    client.force_login(plan.coordinator_professional)
    response = client.get(reverse("households:plan_pdf", args=[plan.household.uuid]))
    reader = PdfReader(io.BytesIO(response.content))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert fonts
    for ref in fonts.values():
        descriptor = ref.get_object()
        descriptor = (
            descriptor.get("/FontDescriptor")
            or descriptor["/DescendantFonts"][0]["/FontDescriptor"]
        )
        descriptor = descriptor.get_object()
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_reading_the_pdf_is_logged(client, plan):
    client.force_login(plan.coordinator_professional)
    client.get(reverse("households:plan_pdf", args=[plan.household.uuid]))
    entry = AccessLogEntry.objects.order_by("-seq").first()
    assert entry.user_id == plan.coordinator_professional.pk
    assert entry.event == AccessEvent.HOUSEHOLD_VIEW
    assert entry.purpose == AccessPurpose.NORMAL
    resident = plan.household.members.get().resident
    assert list(entry.subjects.values_list("resident_uuid", flat=True)) == [resident.uuid]


def test_involved_partner_may_download(client, plan):
    partner = professional(Role.PARTNER)
    InvolvementFactory(household=plan.household, professional=partner)
    client.force_login(partner)
    response = client.get(reverse("households:plan_pdf", args=[plan.household.uuid]))
    assert response.status_code == 200


@pytest.mark.parametrize("role", [Role.REGISSEUR, Role.PARTNER, Role.BELEID, Role.PRIVACY])
def test_others_get_404(client, plan, role):
    client.force_login(professional(role))
    response = client.get(reverse("households:plan_pdf", args=[plan.household.uuid]))
    assert response.status_code == 404
    assert not AccessLogEntry.objects.exists()


def test_household_without_active_plan_is_404(client):
    coordinator = professional(Role.REGISSEUR)
    household = HouseholdFactory()
    InvolvementFactory(household=household, professional=coordinator)
    client.force_login(coordinator)
    assert client.get(reverse("households:plan_pdf", args=[household.uuid])).status_code == 404


def test_printable_page_links_to_the_pdf(client, plan):
    client.force_login(plan.coordinator_professional)
    response = client.get(reverse("households:plan_print", args=[plan.household.uuid]))
    assert reverse("households:plan_pdf", args=[plan.household.uuid]) in response.content.decode()


def test_filename_has_no_name_in_it(plan):
    printable = plan_printable_build(plan=plan)
    name = plan_pdf_filename(printable)
    assert name == f"plan-{str(plan.uuid)[:8]}-{printable.today:%Y-%m-%d}.pdf"


def test_footer_escapes_the_household_name(plan):
    plan.household.name = 'Huis "De Boog" </style>'
    printable = plan_printable_build(plan=plan)
    left = footer_css(printable)["footer_left"]
    assert left.startswith('"') and left.endswith('"')
    assert "</style>" not in left
    assert '"De' not in left
    assert "counter(page)" in footer_css(printable)["footer_right"]


def test_fetcher_reads_static_files_from_disk_and_refuses_the_network():
    fetcher = StaticFilesOnly()
    response = fetcher.fetch(f"{PDF_BASE_URL}static/eenplan/eenplan.css")
    assert b"eenplan-print-plan" in response.read()
    with pytest.raises(ValueError):
        fetcher.fetch("https://example.org/logo.png")
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/passwd")
    with pytest.raises(ValueError):
        fetcher.fetch(f"{PDF_BASE_URL}static/does-not-exist.css")

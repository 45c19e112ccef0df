"""Registering a household (search first) and emergency access, through the pages."""

import datetime as dt

import pytest
from django.urls import reverse

from eenplan.households.models import Household, Resident
from eenplan.households.tests.factories import HouseholdFactory, HouseholdMemberFactory, make_bsn
from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import professional
from eenplan.plans.tests.factories import PlanFactory
from eenplan.privacy.models import AccessLogEntry, AccessPurpose, AuditEvent, BreakTheGlassGrant

pytestmark = pytest.mark.django_db


def form_data(**changes):
    data = {
        "bsn": "",
        "given_names": "Noor",
        "surname_prefix": "van",
        "surname": "Dijk",
        "birth_date": "14-02-1987",
        "postcode": "3563 ab",
        "house_number": "12",
        "house_number_suffix": "",
        "street": "Teststraat",
        "city": "Utrecht",
        "phone": "",
        "email": "",
        "basis": "toestemming",
    }
    data.update(changes)
    return data


@pytest.fixture
def regisseur(client):
    user = professional(Role.REGISSEUR)
    client.force_login(user)
    return user


def test_register_new_household_when_nothing_similar_exists(client, regisseur):
    bsn = make_bsn(3)
    response = client.post(reverse("households:register"), form_data(bsn=bsn))
    household = Household.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "households:detail", kwargs={"household_uuid": household.uuid}
    )
    resident = Resident.objects.get()
    assert resident.birth_date == dt.date(1987, 2, 14)
    assert resident.postcode == "3563AB"
    assert household.name == "Huishouden van Dijk"
    assert household.involvements.get().professional == regisseur
    page = client.get(response["Location"]).content.decode()
    assert "Het huishouden Huishouden van Dijk is geregistreerd." in page


def test_invalid_bsn_creates_nothing_and_says_why_next_to_the_field(client, regisseur):
    response = client.post(reverse("households:register"), form_data(bsn="123456789"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "elfproef" in content
    assert 'href="#id_bsn"' in content  # error summary links to the field
    assert 'id="id_bsn_error"' in content
    assert not Resident.objects.exists() and not Household.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("birth_date", "31-02-1990", "Vul een datum in als dd-mm-jjjj"),
        ("birth_date", "01-01-2999", "kan niet in de toekomst liggen"),
        ("postcode", "12345", "Vul een postcode in als 1234 AB."),
        ("surname", "", "Dit veld is vereist."),
        ("house_number", "twaalf", "Voer een geheel getal in."),
    ],
)
def test_wrong_input_is_shown_in_dutch_and_saves_nothing(client, regisseur, field, value, message):
    response = client.post(reverse("households:register"), form_data(**{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Household.objects.exists() and not Resident.objects.exists()
    assert not AuditEvent.objects.exists()


def test_duplicate_bsn_is_refused(client, regisseur):
    bsn = make_bsn(5)
    HouseholdMemberFactory(resident__bsn=bsn)
    before = (Household.objects.count(), Resident.objects.count())
    first = client.post(reverse("households:register"), form_data(bsn=bsn))
    content = first.content.decode()
    assert "buiten uw toegang" in content  # the existing file is not theirs: only counted
    # Confirming anyway: the BSN is still refused, nothing is saved.
    confirmed = form_data(bsn=bsn, checked=first.context["check_token"])
    second = client.post(reverse("households:register"), confirmed)
    assert "Er is al een inwoner met dit BSN geregistreerd." in second.content.decode()
    assert (Household.objects.count(), Resident.objects.count()) == before


def test_visible_duplicate_is_linked_and_confirming_registers(client, regisseur):
    existing = HouseholdMemberFactory(
        resident__given_names="Noor",
        resident__surname_prefix="van",
        resident__surname="Dijk",
        resident__search_name="noor van dijk",
        resident__birth_date=dt.date(1987, 2, 14),
        resident__postcode="3563AB",
    )
    PlanFactory(household=existing.household, coordinator_professional=regisseur)
    first = client.post(reverse("households:register"), form_data())
    content = first.content.decode()
    assert (
        reverse("households:resident_detail", kwargs={"resident_uuid": existing.resident.uuid})
        in content
    )
    assert Household.objects.count() == 1
    token = first.context["check_token"]
    second = client.post(reverse("households:register"), form_data(checked=token))
    assert second.status_code == 302
    assert Household.objects.count() == 2


def test_changing_details_after_the_check_checks_again(client, regisseur):
    HouseholdMemberFactory(resident__bsn=make_bsn(9))
    first = client.post(reverse("households:register"), form_data(bsn=make_bsn(9)))
    token = first.context["check_token"]
    other_bsn = make_bsn(11)
    HouseholdMemberFactory(resident__bsn=other_bsn)
    second = client.post(reverse("households:register"), form_data(bsn=other_bsn, checked=token))
    assert second.status_code == 200
    assert "buiten uw toegang" in second.content.decode()


def test_partner_may_not_register(client):
    client.force_login(professional(Role.PARTNER))
    assert client.get(reverse("households:register")).status_code == 403
    assert client.post(reverse("households:register"), form_data()).status_code == 403
    assert not Household.objects.exists()


REASON = "Buren melden dat mevrouw al drie dagen de deur niet opendoet."


def test_break_the_glass_by_bsn_grants_and_shows_banner(client, regisseur):
    bsn = make_bsn(13)
    member = HouseholdMemberFactory(resident__bsn=bsn)
    response = client.post(reverse("households:break_the_glass"), {"bsn": bsn, "reason": REASON})
    url = reverse("households:detail", kwargs={"household_uuid": member.household.uuid})
    assert response["Location"] == url
    grant = BreakTheGlassGrant.objects.get()
    assert grant.user == regisseur and grant.reason == REASON
    page = client.get(url).content.decode()
    assert "U bekijkt dit huishouden via noodtoegang." in page
    assert "privacyfunctionaris" in page
    entry = AccessLogEntry.objects.order_by("-seq").first()
    assert entry.purpose == AccessPurpose.BREAK_THE_GLASS


def test_break_the_glass_by_name_birth_date_and_postcode(client, regisseur):
    member = HouseholdMemberFactory(
        resident__surname="Bakker",
        resident__search_name="jan bakker",
        resident__birth_date=dt.date(1950, 5, 6),
        resident__postcode="3511AA",
    )
    response = client.post(
        reverse("households:break_the_glass"),
        {"surname": "Bakker", "birth_date": "06-05-1950", "postcode": "3511 AA", "reason": REASON},
    )
    assert response["Location"] == reverse(
        "households:detail", kwargs={"household_uuid": member.household.uuid}
    )


def test_break_the_glass_needs_a_real_reason(client, regisseur):
    bsn = make_bsn(15)
    HouseholdMemberFactory(resident__bsn=bsn)
    response = client.post(
        reverse("households:break_the_glass"), {"bsn": bsn, "reason": "even kijken"}
    )
    assert response.status_code == 200
    assert "minimaal 20" in response.content.decode() or "20 tekens" in response.content.decode()
    assert not BreakTheGlassGrant.objects.exists()


def test_break_the_glass_needs_exact_identification(client, regisseur):
    HouseholdFactory()
    response = client.post(
        reverse("households:break_the_glass"), {"surname": "Bakker", "reason": REASON}
    )
    assert "Geef precies aan om wie het gaat" in response.content.decode()
    response = client.post(
        reverse("households:break_the_glass"), {"bsn": make_bsn(17), "reason": REASON}
    )
    assert "niet precies één huishouden" in response.content.decode()
    assert not BreakTheGlassGrant.objects.exists()


def test_break_the_glass_not_needed_for_own_household(client, regisseur):
    bsn = make_bsn(19)
    member = HouseholdMemberFactory(resident__bsn=bsn)
    PlanFactory(household=member.household, coordinator_professional=regisseur)
    response = client.post(reverse("households:break_the_glass"), {"bsn": bsn, "reason": REASON})
    assert response.status_code == 302
    assert not BreakTheGlassGrant.objects.exists()


def test_break_the_glass_forbidden_for_policy(client):
    client.force_login(professional(Role.BELEID))
    assert client.get(reverse("households:break_the_glass")).status_code == 403

"""Adding and ending members and involvements from the household page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from eenplan.households.models import HouseholdMember, Involvement, Resident, TimelineEvent
from eenplan.households.tests.factories import (
    HouseholdFactory,
    HouseholdMemberFactory,
    InvolvementFactory,
    make_bsn,
)
from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    TeamFactory,
    professional,
)
from eenplan.plans.tests.factories import PlanFactory
from eenplan.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def regisseur(client):
    user = professional(Role.REGISSEUR)
    client.force_login(user)
    return user


@pytest.fixture
def household(regisseur):
    household = HouseholdFactory(members=1, postcode="3563AB", house_number=7, street="Laan")
    PlanFactory(household=household, coordinator_professional=regisseur)
    return household


@pytest.fixture
def stranger_household():
    """A household the logged-in professional has nothing to do with."""
    household = HouseholdFactory(members=2)
    InvolvementFactory(household=household)
    return household


def url(name, household, **kwargs):
    return reverse(f"households:{name}", kwargs={"household_uuid": household.uuid, **kwargs})


def member_data(**changes):
    data = {
        "bsn": "",
        "given_names": "Sem",
        "surname_prefix": "",
        "surname": "Bakker",
        "birth_date": "03-05-2012",
        "postcode": "",
        "house_number": "",
        "house_number_suffix": "",
        "street": "",
        "city": "",
        "phone": "",
        "email": "",
        "relation": "kind",
    }
    data.update(changes)
    return data


def counts():
    return (
        Resident.objects.count(),
        HouseholdMember.objects.count(),
        Involvement.objects.count(),
        AuditEvent.objects.count(),
        TimelineEvent.objects.count(),
    )


# Adding a member


def test_add_member_page_prefills_the_household_address(client, household):
    response = client.get(url("member_add", household))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Lid toevoegen" in content
    assert 'value="3563 AB"' in content and 'value="7"' in content


def test_add_member_saves_resident_member_audit_and_timeline(client, household):
    audit_before = set(AuditEvent.objects.values_list("pk", flat=True))
    response = client.post(url("member_add", household), member_data(bsn=make_bsn(21)))
    assert response.status_code == 302
    assert response["Location"] == url("detail", household)
    member = household.members.get(resident__surname="Bakker")
    assert member.relation == "kind" and member.until is None
    # Without an address of their own, the member lives at the household's address.
    assert (member.resident.postcode, member.resident.house_number) == ("3563AB", 7)
    assert member.resident.bsn_pseudonym
    actions = sorted(
        AuditEvent.objects.exclude(pk__in=audit_before).values_list("action", flat=True)
    )
    assert actions == ["member.add", "resident.create"]
    event = TimelineEvent.objects.get(household=household, kind="member.added")
    assert event.data == {"name": member.resident.full_name}
    page = client.get(response["Location"]).content.decode()
    assert "Sem Bakker is toegevoegd aan het huishouden." in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("birth_date", "31-02-2012", "Vul een datum in als dd-mm-jjjj"),
        ("birth_date", "01-01-2999", "kan niet in de toekomst liggen"),
        ("surname", "", "Dit veld is vereist."),
        ("relation", "", "Dit veld is vereist."),
        ("bsn", "123456789", "elfproef"),
        ("postcode", "12345", "Vul een postcode in als 1234 AB."),
    ],
)
def test_add_member_bad_input_is_dutch_and_saves_nothing(client, household, field, value, message):
    before = counts()
    response = client.post(url("member_add", household), member_data(**{field: value}))
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert f'id="id_{field}_error"' in content
    assert counts() == before


def test_add_member_with_a_known_bsn_is_refused(client, household):
    bsn = make_bsn(22)
    HouseholdMemberFactory(resident__bsn=bsn)
    before = counts()
    first = client.post(url("member_add", household), member_data(bsn=bsn))
    assert "buiten uw toegang" in first.content.decode()  # not theirs: only counted
    token = first.context["check_token"]
    assert token
    second = client.post(url("member_add", household), member_data(bsn=bsn, checked=token))
    assert "Er is al een inwoner met dit BSN geregistreerd." in second.content.decode()
    assert counts() == before


def test_add_member_warns_of_a_visible_duplicate_then_adds_on_confirmation(
    client, regisseur, household
):
    existing = HouseholdMemberFactory(
        resident__given_names="Sem",
        resident__surname="Bakker",
        resident__search_name="sem bakker",
        resident__birth_date=dt.date(2012, 5, 3),
        resident__postcode="3563AB",
    )
    PlanFactory(household=existing.household, coordinator_professional=regisseur)
    first = client.post(url("member_add", household), member_data())
    content = first.content.decode()
    assert first.status_code == 200
    assert "Deze inwoner is mogelijk al geregistreerd" in content
    link = reverse("households:resident_detail", kwargs={"resident_uuid": existing.resident.uuid})
    assert link in content
    assert not household.members.filter(resident__surname="Bakker").exists()
    second = client.post(
        url("member_add", household), member_data(checked=first.context["check_token"])
    )
    assert second.status_code == 302
    assert household.members.filter(resident__surname="Bakker").exists()


def test_an_involved_partner_does_not_change_who_belongs_to_the_household(client, household):
    partner = professional(Role.PARTNER)
    InvolvementFactory(household=household, professional=partner)
    client.force_login(partner)
    assert client.post(url("member_add", household), member_data()).status_code == 403
    assert not household.members.filter(resident__surname="Bakker").exists()
    member = household.members.get()
    assert client.post(url("member_end", household, member_id=member.pk)).status_code == 403
    member.refresh_from_db()
    assert member.until is None
    assert not AuditEvent.objects.filter(action__in=["member.add", "member.end"]).exists()
    page = client.get(url("detail", household)).content.decode()
    assert url("member_add", household) not in page


# Ending a membership


def test_end_membership_sets_until_and_shows_former_member(client, household):
    member = household.members.get()
    confirm = client.get(url("member_end", household, member_id=member.pk))
    assert confirm.status_code == 200
    assert "Lidmaatschap beëindigen" in confirm.content.decode()
    response = client.post(url("member_end", household, member_id=member.pk), {"until": ""})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.until == timezone.localdate()
    assert AuditEvent.objects.filter(action="member.end").count() == 1
    assert TimelineEvent.objects.filter(household=household, kind="member.left").exists()
    page = client.get(url("detail", household)).content.decode()
    assert "Vroegere leden" in page


def test_end_membership_on_a_given_date(client, household):
    member = household.members.get()
    response = client.post(
        url("member_end", household, member_id=member.pk), {"until": "15-06-2024"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.until == dt.date(2024, 6, 15)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("31-12-2023", "kan niet voor de datum liggen waarop het lid bij het huishouden kwam"),
        ("01-01-2999", "kan niet in de toekomst liggen"),
        ("gisteren", "Vul een datum in als dd-mm-jjjj"),
    ],
)
def test_end_membership_bad_date_is_dutch_and_saves_nothing(client, household, value, message):
    member = household.members.get()  # since 1-1-2024
    before = counts()
    response = client.post(url("member_end", household, member_id=member.pk), {"until": value})
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content and 'id="id_until_error"' in content
    member.refresh_from_db()
    assert member.until is None
    assert counts() == before


def test_end_membership_of_another_household_is_404(client, household, stranger_household):
    other_member = HouseholdMemberFactory()  # someone in a household of nobody in particular
    before = counts()
    for member_id in (other_member.pk, stranger_household.members.first().pk):
        response = client.post(url("member_end", household, member_id=member_id))
        assert response.status_code == 404
    assert counts() == before


# Involving an organisation


def involvement_data(organisation_obj, **changes):
    data = {
        "organisation": organisation_obj.pk,
        "team": "",
        "professional": "",
        "domains": ["wonen", "financien"],
        "basis": "wettelijke_taak",
    }
    data.update(changes)
    return data


def test_involve_an_organisation_with_team_professional_and_domains(client, household):
    team = TeamFactory()
    worker = professional(Role.PARTNER, team=team)
    page = client.get(url("involvement_add", household))
    assert page.status_code == 200
    assert "Wonen" in page.content.decode()
    audit_before = set(AuditEvent.objects.values_list("pk", flat=True))
    response = client.post(
        url("involvement_add", household),
        involvement_data(team.organisation, team=team.pk, professional=worker.pk),
    )
    assert response.status_code == 302
    involvement = household.involvements.get(organisation=team.organisation)
    assert (involvement.team, involvement.professional) == (team, worker)
    assert involvement.basis == "wettelijke_taak"
    assert sorted(involvement.domains.values_list("code", flat=True)) == ["financien", "wonen"]
    actions = list(AuditEvent.objects.exclude(pk__in=audit_before).values_list("action", flat=True))
    assert actions == ["involvement.start"]
    assert TimelineEvent.objects.filter(household=household, kind="involvement.started").exists()


def test_involvement_team_must_belong_to_the_organisation(client, household):
    organisation = OrganisationFactory()
    before = counts()
    response = client.post(
        url("involvement_add", household), involvement_data(organisation, team=TeamFactory().pk)
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Dit team hoort niet bij die organisatie." in content
    assert 'id="id_team_error"' in content
    assert counts() == before


def test_involvement_professional_must_work_for_the_organisation(client, household):
    organisation = OrganisationFactory()
    elsewhere = professional(Role.PARTNER)
    inactive = professional(Role.PARTNER)
    MembershipFactory(user=inactive, organisation=organisation, team=None, active=False)
    before = counts()
    for person in (elsewhere, inactive):
        response = client.post(
            url("involvement_add", household),
            involvement_data(organisation, professional=person.pk),
        )
        assert response.status_code == 200
        assert "Deze professional werkt niet voor die organisatie." in response.content.decode()
    assert counts() == before


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"organisation": ""}, "organisation", "Dit veld is vereist."),
        ({"basis": "zomaar"}, "basis", "Selecteer een geldige keuze."),
        ({"domains": ["bestaat-niet"]}, "domains", "Selecteer een geldige keuze."),
    ],
)
def test_involvement_bad_input_is_dutch_and_saves_nothing(
    client, household, changes, field, message
):
    before = counts()
    response = client.post(
        url("involvement_add", household), involvement_data(OrganisationFactory(), **changes)
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content and f'id="id_{field}_error"' in content
    assert counts() == before


def test_end_involvement(client, household):
    involvement = InvolvementFactory(household=household)
    confirm = client.get(url("involvement_end", household, involvement_uuid=involvement.uuid))
    assert confirm.status_code == 200
    response = client.post(url("involvement_end", household, involvement_uuid=involvement.uuid))
    assert response.status_code == 302
    involvement.refresh_from_db()
    assert involvement.until == timezone.localdate()
    assert AuditEvent.objects.filter(action="involvement.end").count() == 1
    assert TimelineEvent.objects.filter(household=household, kind="involvement.ended").exists()
    page = client.get(url("detail", household)).content.decode()
    assert involvement.organisation.name in page  # in the timeline only
    assert url("involvement_end", household, involvement_uuid=involvement.uuid) not in page


def test_a_partner_ends_their_own_organisations_involvement_only(client, household):
    partner = professional(Role.PARTNER)
    own = InvolvementFactory(
        household=household,
        professional=partner,
        organisation=partner.memberships.get().organisation,
    )
    other = InvolvementFactory(household=household)
    client.force_login(partner)
    page = client.get(url("detail", household)).content.decode()
    assert url("involvement_end", household, involvement_uuid=own.uuid) in page
    assert url("involvement_end", household, involvement_uuid=other.uuid) not in page
    refused = client.post(url("involvement_end", household, involvement_uuid=other.uuid))
    assert refused.status_code == 403
    other.refresh_from_db()
    assert other.until is None
    done = client.post(url("involvement_end", household, involvement_uuid=own.uuid))
    assert done.status_code == 302
    own.refresh_from_db()
    assert own.until == timezone.localdate()


def test_a_partner_involves_their_own_organisation_but_not_another(client, household):
    partner = professional(Role.PARTNER)
    organisation = partner.memberships.get().organisation
    InvolvementFactory(household=household, professional=partner, organisation=organisation)
    client.force_login(partner)
    before = counts()
    response = client.post(
        url("involvement_add", household), involvement_data(OrganisationFactory())
    )
    assert response.status_code == 200
    assert 'id="id_organisation_error"' in response.content.decode()
    assert "alleen uw eigen organisatie" in response.content.decode()
    assert counts() == before
    response = client.post(
        url("involvement_add", household),
        involvement_data(organisation, team="", professional=partner.pk),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert household.involvements.filter(organisation=organisation, until__isnull=True).count() == 2


def test_end_involvement_of_another_household_is_404(client, household, stranger_household):
    theirs = stranger_household.involvements.get()
    response = client.post(url("involvement_end", household, involvement_uuid=theirs.uuid))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.until is None


# A household one may not see: 404 for every page, GET and POST, and nothing changes.


@pytest.mark.parametrize("method", ["get", "post"])
def test_household_out_of_sight_is_404(client, regisseur, stranger_household, method):
    member = stranger_household.members.first()
    involvement = stranger_household.involvements.get()
    urls = [
        url("member_add", stranger_household),
        url("member_end", stranger_household, member_id=member.pk),
        url("involvement_add", stranger_household),
        url("involvement_end", stranger_household, involvement_uuid=involvement.uuid),
    ]
    data = {
        **member_data(),
        **involvement_data(OrganisationFactory()),
    }
    before = counts()
    for address in urls:
        response = getattr(client, method)(address, data if method == "post" else None)
        assert response.status_code == 404, address
    assert counts() == before
    member.refresh_from_db()
    involvement.refresh_from_db()
    assert member.until is None and involvement.until is None


def test_policy_role_gets_404(client, household):
    client.force_login(professional(Role.BELEID))
    assert client.get(url("member_add", household)).status_code == 404
    assert client.get(url("involvement_add", household)).status_code == 404


def test_household_page_links_to_the_new_pages(client, household):
    involvement = InvolvementFactory(household=household)
    member = household.members.get()
    content = client.get(url("detail", household)).content.decode()
    assert url("member_add", household) in content
    assert url("member_end", household, member_id=member.pk) in content
    assert url("involvement_add", household) in content
    assert url("involvement_end", household, involvement_uuid=involvement.uuid) in content
    assert "Organisatie betrekken" in content

"""The functional admin: only for the beheer role, no case content, every edit audited."""

import pytest
from django.contrib import admin
from django.urls import reverse

from eenplan.areas.models import District, Neighbourhood
from eenplan.areas.tests.factories import DistrictFactory
from eenplan.households.models import Household, HouseholdMember, Involvement, Resident
from eenplan.organisations.models import Membership, Organisation, Role
from eenplan.organisations.tests.factories import TeamFactory, UserFactory, professional
from eenplan.plans.models import Plan
from eenplan.privacy.models import AccessLogEntry, AuditEvent, BreakTheGlassGrant

pytestmark = pytest.mark.django_db


def management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


@pytest.fixture
def beheerder(client):
    user = professional(Role.BEHEER, is_staff=True)
    client.force_login(user)
    return user


def test_beheer_role_opens_the_admin(client, beheerder):
    response = client.get("/beheer/")
    assert response.status_code == 200
    assert "eenplan" in response.content.decode()
    assert reverse("admin:organisations_organisation_changelist") in response.content.decode()


@pytest.mark.parametrize("role", [Role.REGISSEUR, Role.PRIVACY, Role.BELEID])
def test_staff_without_beheer_role_gets_the_login_page(client, role):
    client.force_login(professional(role, is_staff=True))
    for url in ("/beheer/", reverse("admin:organisations_organisation_changelist")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
        assert client.get(response["Location"]).status_code == 403


def test_anonymous_is_sent_to_eenplans_own_login(client):
    response = client.get("/beheer/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:login"))
    assert response.status_code == 200


def test_beheer_role_without_staff_flag_gets_the_login_page(client):
    client.force_login(professional(Role.BEHEER, is_staff=False))
    assert client.get("/beheer/").status_code == 302


def test_inactive_beheer_membership_does_not_count(client):
    user = professional(Role.BEHEER, is_staff=True)
    Membership.objects.filter(user=user).update(active=False)
    client.force_login(user)
    assert client.get("/beheer/").status_code == 302


@pytest.mark.parametrize(
    "model",
    [Resident, Household, HouseholdMember, Involvement, Plan, AccessLogEntry, BreakTheGlassGrant],
)
def test_no_case_content_in_the_admin(model):
    assert not admin.site.is_registered(model)


def test_areas_are_read_only(client, beheerder):
    district = DistrictFactory()
    assert admin.site.is_registered(District) and admin.site.is_registered(Neighbourhood)
    url = reverse("admin:areas_district_change", args=[district.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"name": "Anders"})
    district.refresh_from_db()
    assert district.name != "Anders"
    assert client.get(reverse("admin:areas_district_add")).status_code == 403


def test_creating_an_organisation_is_audited(client, beheerder):
    response = client.post(
        reverse("admin:organisations_organisation_add"),
        {
            "name": "Woonstichting Zuid",
            "kind": "woningcorporatie",
            "phone": "",
            "email": "",
            **management("teams"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    organisation = Organisation.objects.get(name="Woonstichting Zuid")
    event = AuditEvent.objects.get(
        object_type="organisations.organisation", object_id=str(organisation.pk)
    )
    assert event.action == "admin.add"
    assert event.actor_id == beheerder.pk
    assert event.before is None
    assert event.after["name"] == "Woonstichting Zuid"
    assert event.after["kind"] == "woningcorporatie"


def test_changing_a_teams_districts_records_before_and_after(client, beheerder):
    old, new = DistrictFactory(), DistrictFactory()
    team = TeamFactory(districts=[old])
    response = client.post(
        reverse("admin:organisations_team_change", args=[team.pk]),
        {
            "organisation": team.organisation.pk,
            "name": team.name,
            "phone": "",
            "email": "",
            "districts": [old.pk, new.pk],
            **management("memberships"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(object_type="organisations.team", object_id=str(team.pk))
    assert event.action == "admin.change"
    assert event.before["districts"] == [old.pk]
    assert event.after["districts"] == sorted([old.pk, new.pk])


def test_membership_added_inline_on_a_user_is_audited(client, beheerder):
    user = UserFactory()
    team = TeamFactory()
    response = client.post(
        reverse("admin:accounts_user_change", args=[user.pk]),
        {
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "phone": "",
            "job_title": "",
            "is_active": "on",
            **management("memberships", total=1),
            "memberships-0-organisation": team.organisation.pk,
            "memberships-0-team": team.pk,
            "memberships-0-role": Role.PARTNER,
            "memberships-0-active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    membership = Membership.objects.get(user=user)
    event = AuditEvent.objects.get(
        object_type="organisations.membership", object_id=str(membership.pk)
    )
    assert event.action == "admin.add"
    assert event.after["role"] == Role.PARTNER
    # Nothing changed on the user itself, so no event for the user.
    assert not AuditEvent.objects.filter(object_type="accounts.user").exists()


def test_user_change_page_renders_without_the_password_hash(client, beheerder):
    user = UserFactory()
    response = client.get(reverse("admin:accounts_user_change", args=[user.pk]))
    assert response.status_code == 200
    assert user.password not in response.content.decode()


def test_deleting_an_organisation_is_audited(client, beheerder):
    organisation = Organisation.objects.create(name="Tijdelijk", kind="overig")
    response = client.post(
        reverse("admin:organisations_organisation_delete", args=[organisation.pk]),
        {"post": "yes"},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(object_type="organisations.organisation")
    assert event.action == "admin.delete"
    assert event.before["name"] == "Tijdelijk"
    assert event.after is None


def test_password_change_in_the_admin_is_audited_without_the_hash(client, beheerder):
    user = UserFactory()
    response = client.post(
        reverse("admin:auth_user_password_change", args=[user.pk]),
        {"password1": "een-heel-lang-wachtwoord-42", "password2": "een-heel-lang-wachtwoord-42"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(action="admin.password_change")
    assert event.object_id == str(user.pk)
    assert event.after["password"] == "[redacted]"

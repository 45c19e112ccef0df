"""The start page sends each role to its work; the layout shows who acts and the right menu."""

import pytest
from django.urls import NoReverseMatch, reverse

from eenplan.core import views
from eenplan.core.context_processors import nav_items_for
from eenplan.households.tests.factories import HouseholdMemberFactory
from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import OrganisationFactory, UserFactory, professional

pytestmark = pytest.mark.django_db


def _url(name, fallback=None):
    try:
        return reverse(name)
    except NoReverseMatch:
        return fallback


@pytest.mark.parametrize("role", [Role.REGISSEUR, Role.PARTNER, Role.TEAMLEIDER])
def test_case_roles_go_to_caseload(client, role):
    client.force_login(professional(role))
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("households:caseload")


@pytest.mark.parametrize(
    ("role", "name"),
    [(Role.PRIVACY, "privacy:log"), (Role.BELEID, "areas:figures"), (Role.BEHEER, "admin:index")],
)
def test_other_roles_go_to_their_page_or_a_simple_page(client, role, name):
    client.force_login(professional(role))
    response = client.get("/")
    target = _url(name)
    if target:
        assert response.status_code == 302
        assert response["Location"] == target
    else:
        assert response.status_code == 200
        assert "Welkom bij eenplan" in response.content.decode()


def test_home_falls_back_to_a_page_when_no_target_exists(client, monkeypatch):
    monkeypatch.setattr(views, "HOME_PAGES", ((Role.BELEID, "nowhere:at-all"),))
    client.force_login(professional(Role.BELEID))
    response = client.get("/")
    assert response.status_code == 200
    assert "Welkom bij eenplan" in response.content.decode()


def test_resident_goes_to_portal_when_it_exists(client):
    user = UserFactory()
    member = HouseholdMemberFactory()
    member.resident.user = user
    member.resident.save()
    client.force_login(user)
    response = client.get("/")
    target = _url("portal:home")
    assert response.status_code == (302 if target else 200)


def test_home_requires_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_header_shows_user_organisation_role_and_menu(client):
    organisation = OrganisationFactory(name="Gemeente Utrecht", gemeente=True)
    user = professional(
        Role.REGISSEUR, organisation=organisation, first_name="Sanne", last_name="de Vries"
    )
    client.force_login(user)
    content = client.get(reverse("households:caseload")).content.decode()
    assert "Sanne de Vries" in content
    assert "Gemeente Utrecht" in content
    assert ">regisseur<" in content  # the role, in Dutch
    assert 'aria-current="page">Mijn huishoudens<' in content
    assert reverse("households:register") in content
    assert reverse("accounts:logout") in content
    assert 'href="#main"' in content  # skip link


def test_navigation_follows_roles():
    partner = {item.url for item in nav_items_for(frozenset({Role.PARTNER}), "/")}
    assert reverse("households:caseload") in partner
    assert reverse("households:register") not in partner
    beleid = {item.url for item in nav_items_for(frozenset({Role.BELEID}), "/")}
    assert reverse("households:caseload") not in beleid


def test_language_switch_to_english_and_back(client):
    user = professional()
    client.force_login(user)
    url = reverse("households:caseload")
    response = client.post(reverse("set_language"), {"language": "en", "next": url})
    assert response.status_code == 302
    content = client.get(url).content.decode()
    assert '<html lang="en"' in content and "My households" in content
    client.post(reverse("set_language"), {"language": "nl", "next": url})
    assert "Mijn huishoudens" in client.get(url).content.decode()


def test_404_page_is_dutch_in_the_layout(client):
    client.force_login(professional())
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "Pagina niet gevonden" in content and "eenplan-header" in content


def test_403_page_is_dutch(client):
    client.force_login(professional(Role.BELEID))
    response = client.get(reverse("households:caseload"))
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()


def test_500_page_renders_without_context(rf):
    response = views.error_500(rf.get("/"))
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()


def test_pages_have_no_inline_scripts_or_styles(client):
    client.force_login(professional())
    content = client.get(reverse("households:caseload")).content.decode()
    assert "<script>" not in content and "<style" not in content
    assert "style=" not in content and " onclick=" not in content

"""The life domains in the functional admin: renamed, explained and reordered by the beheer role,
audited, never removed and never re-coded (goals, measurements and rules point to them)."""

import pytest
from django.urls import reverse

from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import professional
from eenplan.privacy.models import AuditEvent
from eenplan.taxonomy.models import LifeDomain

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(client):
    user = professional(Role.BEHEER, is_staff=True)
    client.force_login(user)
    return user


def _form(domain: LifeDomain, **changes) -> dict:
    data = {
        "name": domain.name,
        "description": domain.description,
        "position": str(domain.position),
    }
    data.update(changes)
    return data


def test_renaming_a_domain_is_audited_and_keeps_its_code(client, beheerder):
    domain = LifeDomain.objects.get(code="dagbesteding")
    url = reverse("admin:taxonomy_lifedomain_change", args=[domain.pk])
    response = client.post(url, _form(domain, name="Dagbesteding", code="iets-anders"))
    assert response.status_code == 302, response.content.decode()[:2000]
    domain.refresh_from_db()
    assert domain.name == "Dagbesteding"
    assert domain.code == "dagbesteding"  # the code is read-only once the domain exists
    event = AuditEvent.objects.get(object_type="taxonomy.lifedomain", object_id=str(domain.pk))
    assert event.action == "admin.change"
    assert event.actor_id == beheerder.pk
    assert (event.before["name"], event.after["name"]) == ("Daginvulling", "Dagbesteding")


def test_a_new_domain_can_be_added_without_code(client, beheerder):
    response = client.post(
        reverse("admin:taxonomy_lifedomain_add"),
        {
            "name": "Mobiliteit",
            "code": "mobiliteit",
            "description": "Ergens kunnen komen: lopen, fietsen, de bus.",
            "position": "12",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    domain = LifeDomain.objects.get(code="mobiliteit")
    assert AuditEvent.objects.filter(
        object_type="taxonomy.lifedomain", object_id=str(domain.pk), action="admin.add"
    ).exists()


def test_a_domain_cannot_be_deleted(client, beheerder):
    domain = LifeDomain.objects.get(code="wonen")
    response = client.post(
        reverse("admin:taxonomy_lifedomain_delete", args=[domain.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert LifeDomain.objects.filter(pk=domain.pk).exists()
    assert not AuditEvent.objects.filter(object_type="taxonomy.lifedomain").exists()


def test_a_domain_without_a_name_is_refused(client, beheerder):
    domain = LifeDomain.objects.get(code="wonen")
    url = reverse("admin:taxonomy_lifedomain_change", args=[domain.pk])
    response = client.post(url, _form(domain, name=""))
    assert response.status_code == 200
    domain.refresh_from_db()
    assert domain.name == "Wonen"
    assert not AuditEvent.objects.filter(object_type="taxonomy.lifedomain").exists()


@pytest.mark.parametrize("role", [Role.REGISSEUR, Role.PRIVACY, Role.BELEID])
def test_only_the_beheer_role_edits_the_domains(client, role):
    client.force_login(professional(role, is_staff=True))
    response = client.get(reverse("admin:taxonomy_lifedomain_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))

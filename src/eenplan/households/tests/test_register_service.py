"""Registering a resident and household: validated, audited, nothing half-saved."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from eenplan.households.models import Household, Involvement, Resident, TimelineEvent
from eenplan.households.selectors import households_visible_to, resident_duplicates
from eenplan.households.services import household_register, resident_build
from eenplan.households.tests.factories import HouseholdFactory, ResidentFactory, make_bsn
from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import professional
from eenplan.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db


def build(**overrides):
    data = dict(
        given_names="Fatima",
        surname="El Amrani",
        birth_date=dt.date(1988, 3, 14),
        postcode="3561 ab",
        house_number=12,
        street="Wolga",
        city="Utrecht",
    )
    data.update(overrides)
    return resident_build(**data)


def test_register_saves_everything_and_involves_the_registrar(actor_of):
    user = professional(Role.REGISSEUR)
    actor = actor_of(user)
    resident = build(bsn=make_bsn(1))
    household = household_register(actor=actor, resident=resident, domain_codes=["wonen"])
    assert household.postcode == "3561AB"
    assert resident.search_name == "fatima el amrani"
    assert household in households_visible_to(actor)
    involvement = Involvement.objects.get(household=household)
    assert involvement.professional == user
    assert list(involvement.domains.values_list("code", flat=True)) == ["wonen"]
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"resident.create", "household.create", "member.add", "involvement.start"} <= actions
    snapshot = AuditEvent.objects.get(action="resident.create").after
    assert snapshot["bsn_encrypted"] == "[redacted]"
    assert TimelineEvent.objects.filter(household=household).count() == 3


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"bsn": "123456789"}, "bsn"),
        ({"postcode": "12345"}, "postcode"),
        ({"birth_date": dt.date.today() + dt.timedelta(days=1)}, "birth_date"),
        ({"surname": ""}, "surname"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(overrides, field):
    with pytest.raises(ValidationError) as info:
        build(**overrides)
    assert field in info.value.message_dict
    assert not Resident.objects.exists()


def test_known_bsn_is_refused():
    ResidentFactory(bsn=make_bsn(7))
    with pytest.raises(ValidationError) as info:
        build(bsn=make_bsn(7))
    assert "bsn" in info.value.message_dict


def test_household_needs_an_address(actor_of):
    actor = actor_of(professional(Role.REGISSEUR))
    with pytest.raises(ValidationError):
        household_register(actor=actor, resident=build(house_number=None))
    assert not Household.objects.exists()
    assert not Resident.objects.exists()


def test_partner_cannot_register(actor_of):
    with pytest.raises(PermissionDenied):
        household_register(actor=actor_of(professional(Role.PARTNER)), resident=build())


def test_duplicates_outside_access_are_counted_not_shown(actor_of):
    other = HouseholdFactory(members=0)
    ResidentFactory(
        surname="El Amrani",
        birth_date=dt.date(1988, 3, 14),
        postcode="3561AB",
        search_name="fatima el amrani",
    ).memberships.create(household=other, relation="hoofdbewoner", since=dt.date(2024, 1, 1))
    check = resident_duplicates(
        actor=actor_of(professional(Role.REGISSEUR)),
        surname="el amrani",
        birth_date=dt.date(1988, 3, 14),
        postcode="3561AB",
    )
    assert check.visible == []
    assert check.hidden_count == 1

import datetime as dt

import factory

from eenplan.areas.tests.factories import NeighbourhoodFactory
from eenplan.households.bsn import bsn_pseudonym, encrypt_bsn
from eenplan.households.models import (
    Household,
    HouseholdMember,
    Involvement,
    LegalBasis,
    Relation,
    Resident,
)
from eenplan.households.normalise import search_name
from eenplan.organisations.tests.factories import OrganisationFactory


def make_bsn(n: int) -> str:
    """The n-th valid BSN (elfproef) above 100000000: deterministic test numbers."""
    from eenplan.households.bsn import is_valid_bsn

    candidate = 100000000 + n * 11
    while not is_valid_bsn(str(candidate)):
        candidate += 1
    return str(candidate)


class ResidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resident

    given_names = factory.Faker("first_name", locale="nl_NL")
    surname_prefix = ""
    surname = factory.Faker("last_name", locale="nl_NL")
    birth_date = factory.Faker("date_of_birth", minimum_age=18, maximum_age=90)
    postcode = "3563AB"
    house_number = factory.Sequence(lambda n: n + 1)
    street = "Teststraat"
    city = "Utrecht"
    search_name = factory.LazyAttribute(
        lambda r: search_name(r.given_names, r.surname_prefix, r.surname)
    )

    class Params:
        bsn = None

    @factory.lazy_attribute
    def bsn_encrypted(self):  # type: ignore[no-untyped-def]
        return encrypt_bsn(self.bsn) if self.bsn else ""

    @factory.lazy_attribute
    def bsn_pseudonym(self):  # type: ignore[no-untyped-def]
        return bsn_pseudonym(self.bsn) if self.bsn else None


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Huishouden {n}")
    postcode = "3563AB"
    house_number = factory.Sequence(lambda n: n + 1)
    street = "Teststraat"
    city = "Utrecht"
    neighbourhood = factory.SubFactory(NeighbourhoodFactory)

    @factory.post_generation
    def members(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        """HouseholdFactory(members=2) adds two residents; the default is one."""
        if not create:
            return
        count = 1 if extracted is None else extracted
        for index in range(count):
            HouseholdMemberFactory(
                household=self,
                relation=Relation.MAIN_RESIDENT if index == 0 else Relation.PARTNER,
                resident__postcode=self.postcode,
                resident__house_number=self.house_number,
            )


class HouseholdMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HouseholdMember

    household = factory.SubFactory(HouseholdFactory, members=0)
    resident = factory.SubFactory(ResidentFactory)
    relation = Relation.MAIN_RESIDENT
    since = dt.date(2024, 1, 1)


class InvolvementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Involvement

    household = factory.SubFactory(HouseholdFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    basis = LegalBasis.CONSENT
    since = dt.date(2024, 1, 1)

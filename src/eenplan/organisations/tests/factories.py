import factory

from eenplan.accounts.models import User
from eenplan.organisations.models import Membership, Organisation, OrganisationKind, Role, Team


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.nl")
    password = factory.django.Password("correct-horse-battery")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = OrganisationKind.WELZIJNSORGANISATIE

    class Params:
        gemeente = factory.Trait(kind=OrganisationKind.GEMEENTE, may_process_bsn=True)
        corporation = factory.Trait(kind=OrganisationKind.WONINGCORPORATIE)


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory, gemeente=True)
    name = factory.Sequence(lambda n: f"Team {n}")

    @factory.post_generation
    def districts(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create and extracted:
            self.districts.set(extracted)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    team = factory.SubFactory(TeamFactory)
    organisation = factory.LazyAttribute(
        lambda m: m.team.organisation if m.team else OrganisationFactory()
    )
    role = Role.REGISSEUR


def professional(
    role: str = Role.REGISSEUR,
    *,
    team: Team | None = None,
    organisation: Organisation | None = None,
    **user_kwargs,
) -> User:  # type: ignore[no-untyped-def]
    """A user with one membership: the quickest way to a professional in a role."""
    user = UserFactory(**user_kwargs)
    if team is None and organisation is None:
        team = TeamFactory()
    MembershipFactory(
        user=user,
        team=team,
        organisation=organisation or team.organisation,
        role=role,  # type: ignore[union-attr]
    )
    return user

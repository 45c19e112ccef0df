import factory

from eenplan.areas.models import District, Municipality, Neighbourhood, PostcodeArea


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    code = "GM0344"
    name = "Utrecht"


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"WK99{n:04d}")
    name = factory.Sequence(lambda n: f"Wijk {n}")
    municipality = factory.SubFactory(MunicipalityFactory)


class NeighbourhoodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Neighbourhood
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"BU99{n:06d}")
    name = factory.Sequence(lambda n: f"Buurt {n}")
    district = factory.SubFactory(DistrictFactory)


class PostcodeAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PostcodeArea
        django_get_or_create = ("pc4",)

    pc4 = factory.Sequence(lambda n: f"{3500 + n % 499}")
    place = "Utrecht"
    municipality = factory.SubFactory(MunicipalityFactory)
    neighbourhood = factory.SubFactory(NeighbourhoodFactory)

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eenplan.areas.importer import district_name, import_utrecht_areas, parse_count, parse_pc4
from eenplan.areas.models import District, Municipality, Neighbourhood, PostcodeArea


@pytest.mark.django_db
def test_import_creates_utrecht_with_its_wijken_and_buurten():
    result = import_utrecht_areas()

    assert (result.districts, result.neighbourhoods) == (10, 111)
    assert Municipality.objects.get(code="GM0344").name == "Utrecht"
    assert District.objects.filter(municipality__code="GM0344").count() == 10
    assert Neighbourhood.objects.count() == 111


@pytest.mark.django_db
def test_overvecht_has_its_real_figures_and_boundary():
    import_utrecht_areas()

    overvecht = District.objects.get(code="WK034403")
    assert overvecht.name == "Overvecht"
    assert overvecht.inhabitants == 34910
    assert overvecht.geometry["type"] == "Polygon"
    assert overvecht.neighbourhoods.count() == 10
    buurt = Neighbourhood.objects.get(name="Tigrisdreef en omgeving")
    assert buurt.district == overvecht
    assert (buurt.inhabitants, buurt.social_assistance_recipients) == (4485, 500)
    assert buurt.corporation_housing_percentage == 78
    assert buurt.most_common_postcode == "3564"


@pytest.mark.django_db
def test_unknown_cbs_figures_become_none():
    import_utrecht_areas()

    # CBS publishes '.' for the bijstand count of tiny buurten.
    haarrijn = Neighbourhood.objects.get(name="Haarrijn")
    assert haarrijn.social_assistance_recipients is None
    assert haarrijn.corporation_housing_percentage == 0
    assert haarrijn.inhabitants == 45


@pytest.mark.django_db
def test_postcodes_link_to_the_largest_buurt_that_has_them_as_most_common():
    import_utrecht_areas()

    # 3564 is the most common PC4 of Zambesidreef (4,200) and Tigrisdreef (4,485).
    assert PostcodeArea.objects.get(pc4="3564").neighbourhood.name == "Tigrisdreef en omgeving"
    # PO box-only postcodes have no homes and are left out.
    assert not PostcodeArea.objects.filter(pc4="3501").exists()
    unlinked = PostcodeArea.objects.filter(neighbourhood__isnull=True)
    assert unlinked.exists()
    assert not Neighbourhood.objects.filter(
        most_common_postcode__in=unlinked.values("pc4")
    ).exists()


@pytest.mark.django_db
def test_import_is_idempotent_and_restores_changed_figures():
    first = import_utrecht_areas()
    Neighbourhood.objects.filter(name="Tigrisdreef en omgeving").update(inhabitants=1)

    second = import_utrecht_areas()

    assert first == second
    assert District.objects.count() == 10
    assert Neighbourhood.objects.count() == 111
    assert PostcodeArea.objects.count() == first.postcodes
    assert Neighbourhood.objects.get(name="Tigrisdreef en omgeving").inhabitants == 4485


@pytest.mark.parametrize("raw", [".", "", "  ", None, "-", "abc", "-5"])
def test_parse_count_unknown(raw):
    assert parse_count(raw) is None


@given(st.integers(min_value=0, max_value=10_000_000))
def test_parse_count_reads_whole_numbers(value):
    assert parse_count(str(value)) == value
    assert parse_count(f" {value} ") == value


@given(st.text(max_size=8))
def test_parse_count_never_raises(raw):
    result = parse_count(raw)
    assert result is None or result >= 0


def test_parse_pc4_and_district_name():
    assert parse_pc4("3564") == "3564"
    assert parse_pc4(".") == ""
    assert parse_pc4("0123") == ""
    assert district_name("Wijk 03 Overvecht") == "Overvecht"
    assert district_name("Wijk 10 Vleuten-De Meern") == "Vleuten-De Meern"

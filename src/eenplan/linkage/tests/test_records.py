import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eenplan.households.tests.factories import make_bsn
from eenplan.linkage.records import (
    COLUMNS,
    MissingIdError,
    PersonRecord,
    parse_person_row,
    record_to_row,
)

FULL_ROW = {
    "id": "a1",
    "bsn": "1234 56782",
    "voornamen": " Jan   Pieter ",
    "voorvoegsel": "van der",
    "achternaam": "Berg",
    "geboortedatum": "1980-03-05",
    "straat": "Dorpsstraat",
    "huisnummer": "12",
    "toevoeging": "a",
    "postcode": "3561 ab",
    "woonplaats": "Utrecht",
}


def test_a_complete_row_parses_without_warnings():
    record, warnings = parse_person_row(FULL_ROW, line=2)
    assert warnings == []
    assert record == PersonRecord(
        id="a1",
        bsn="123456782",
        given_names="Jan Pieter",
        prefix="van der",
        surname="Berg",
        birth_date=dt.date(1980, 3, 5),
        street="Dorpsstraat",
        house_number=12,
        house_number_suffix="A",
        postcode="3561AB",
        city="Utrecht",
    )
    assert record.bsn_pseudonym and "123456782" not in record.bsn_pseudonym


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("geboortedatum", "1980-02-30"),
        ("geboortedatum", "05-03-1980"),
        ("geboortedatum", "2999-01-01"),
        ("postcode", "0123AB"),
        ("postcode", "3561"),
        ("bsn", "123456789"),
        ("bsn", "12345"),
        ("huisnummer", "twaalf"),
        ("huisnummer", "0"),
    ],
)
def test_a_field_that_does_not_parse_is_a_warning_and_missing(column, value):
    record, warnings = parse_person_row({**FULL_ROW, column: value}, line=7)
    assert [(w.line, w.column, w.value) for w in warnings] == [(7, column, value)]
    assert warnings[0].message
    attribute = {
        "geboortedatum": "birth_date",
        "postcode": "postcode",
        "bsn": "bsn",
        "huisnummer": "house_number",
    }[column]
    assert getattr(record, attribute) in (None, "")
    # The rest of the record still takes part.
    assert record.surname == "Berg"


def test_a_house_number_with_its_addition_in_one_field():
    record, warnings = parse_person_row({"id": "x", "huisnummer": "12-bis"}, line=2)
    assert warnings == []
    assert (record.house_number, record.house_number_suffix) == (12, "BIS")


@pytest.mark.parametrize("value", [None, "", "   "])
def test_a_row_without_id_is_an_error(value):
    with pytest.raises(MissingIdError, match="3"):
        parse_person_row({"id": value, "achternaam": "Berg"}, line=3)


def test_only_the_id_is_required():
    record, warnings = parse_person_row({"id": "7"}, line=2)
    assert warnings == []
    assert record == PersonRecord(id="7")


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(COLUMNS), st.one_of(st.none(), st.text(max_size=40))))
def test_parsing_never_crashes_on_arbitrary_text(row):
    try:
        record, warnings = parse_person_row(row, line=5)
    except MissingIdError:
        assert not (row.get("id") or "").strip()
        return
    assert record.id
    assert all(w.line == 5 and w.column in COLUMNS for w in warnings)
    assert record.postcode == "" or len(record.postcode) == 6
    assert record.house_number is None or record.house_number > 0


names = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzéëïöüABCDEFGHIJKLMNOPQRSTUVWXYZ -'", max_size=30
)


@settings(max_examples=200, deadline=None)
@given(
    record_id=st.text(alphabet="abcdefghij0123456789", min_size=1, max_size=10),
    bsn_index=st.one_of(st.none(), st.integers(min_value=1, max_value=10_000)),
    given_names=names,
    prefix=st.sampled_from(["", "van", "de", "van der", "'t"]),
    surname=names,
    birth_date=st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2020, 12, 31))),
    house_number=st.one_of(st.none(), st.integers(min_value=1, max_value=99999)),
    suffix=st.sampled_from(["", "A", "BIS", "2"]),
    postcode=st.one_of(
        st.just(""),
        st.builds(
            lambda n, a, b: f"{n}{a}{b}",
            st.integers(1000, 9999),
            st.sampled_from("ABCDEFGHJKLMNPRSTVWXZ"),
            st.sampled_from("ABCDEFGHJKLMNPRSTVWXZ"),
        ),
    ),
)
def test_valid_values_round_trip(
    record_id, bsn_index, given_names, prefix, surname, birth_date, house_number, suffix, postcode
):
    original = PersonRecord(
        id=record_id,
        bsn=make_bsn(bsn_index) if bsn_index else "",
        given_names=" ".join(given_names.split()),
        prefix=prefix,
        surname=" ".join(surname.split()),
        birth_date=birth_date,
        house_number=house_number,
        house_number_suffix=suffix if house_number else "",
        postcode=postcode,
        street="Dorpsstraat",
        city="Utrecht",
    )
    parsed, warnings = parse_person_row(record_to_row(original), line=2)
    assert warnings == []
    assert parsed == original

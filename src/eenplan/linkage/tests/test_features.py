import datetime as dt

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eenplan.linkage.engine import records_to_arrow
from eenplan.linkage.features import FEATURE_COLUMNS, features_sql, person_features
from eenplan.linkage.records import PersonRecord


def sql_features(records: list[PersonRecord]) -> list[dict]:
    con = duckdb.connect()
    con.register("people", records_to_arrow(records))
    rows = con.execute(f"SELECT * FROM ({features_sql('people')}) ORDER BY unique_id").fetchall()
    con.close()
    return [dict(zip(FEATURE_COLUMNS, row, strict=True)) for row in rows]


@pytest.mark.parametrize(
    ("prefix", "surname", "main", "last", "whole"),
    [
        ("van der", "Berg", "berg", "berg", "berg"),
        ("", "van der Berg", "berg", "berg", "berg"),
        ("", "Van Der Berg", "berg", "berg", "berg"),
        ("", "'t Hart", "hart", "hart", "hart"),
        ("in 't", "Veld", "veld", "veld", "veld"),
        ("", "El Amrani", "amrani", "amrani", "amrani"),
        ("", "Jansen-de Vries", "jansen", "vries", "jansenvries"),
        ("", "Jansen - de Vries", "jansen", "vries", "jansenvries"),
        ("de", "Vries-Jansen", "vries", "jansen", "vriesjansen"),
        ("", "Öztürk", "ozturk", "ozturk", "ozturk"),
        ("", "De", "de", "de", "de"),
    ],
)
def test_surnames_lose_their_voorvoegsels_wherever_they_were_typed(
    prefix, surname, main, last, whole
):
    features = person_features(PersonRecord(id="1", prefix=prefix, surname=surname))
    assert (features["sn_main"], features["sn_last"], features["sn_all"]) == (main, last, whole)


@pytest.mark.parametrize(
    ("given", "first", "initials"),
    [
        ("Jan Pieter", "jan", "jp"),
        ("J.P.", None, "jp"),
        ("J. P.", None, "jp"),
        ("jp", "jp", "j"),
        ("Anne-Marie", "anne", "am"),
        ("Zoë", "zoe", "z"),
        ("", None, None),
    ],
)
def test_given_names_give_first_name_and_initials(given, first, initials):
    features = person_features(PersonRecord(id="1", given_names=given))
    assert (features["gn_first"], features["gn_initials"]) == (first, initials)


def test_phonetic_key_joins_dutch_spellings():
    def key(name: str) -> str:
        return person_features(PersonRecord(id="1", surname=name))["sn_phon"]

    assert key("Janssen") == key("Jansen")
    assert key("Visser") == key("Fisser")
    assert key("Smit") == key("Smidt")
    assert key("Bakker") != key("Visser")


def test_birth_date_has_its_swapped_twin_only_when_it_can_exist():
    assert person_features(PersonRecord(id="1", birth_date=dt.date(1980, 3, 5)))["dob_swap"] == (
        "1980-05-03"
    )
    assert (
        person_features(PersonRecord(id="1", birth_date=dt.date(1980, 3, 25)))["dob_swap"] is None
    )
    assert person_features(PersonRecord(id="1", birth_date=dt.date(1980, 3, 3)))["dob_swap"] is None


def test_postcode_and_house_number_are_one_address_key():
    features = person_features(
        PersonRecord(id="1", postcode="3561AB", house_number=12, house_number_suffix="bis")
    )
    assert (features["addr_pcnr"], features["addr_full"]) == ("3561AB12", "3561AB12bis")
    assert person_features(PersonRecord(id="1", postcode="3561AB"))["addr_pcnr"] is None


LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéèëêïíöóüúçñàâ -'."


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.builds(
            lambda given_names, prefix, surname, birth, street, number, suffix: (
                given_names,
                prefix,
                surname,
                birth,
                street,
                number,
                suffix,
            ),
            st.text(alphabet=LATIN, max_size=25),
            st.sampled_from(["", "van", "van der", "de", "'t", "in 't", "ter", "El"]),
            st.text(alphabet=LATIN, max_size=25),
            st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2020, 12, 31))),
            st.text(alphabet=LATIN, max_size=15),
            st.one_of(st.none(), st.integers(1, 9999)),
            st.sampled_from(["", "A", "bis", "-2"]),
        ),
        min_size=1,
        max_size=20,
    )
)
def test_python_and_duckdb_compute_the_same_features(rows):
    records = [
        PersonRecord(
            id=f"{index:03d}",
            given_names=given_names,
            prefix=prefix,
            surname=surname,
            birth_date=birth,
            street=street,
            house_number=number,
            house_number_suffix=suffix,
            postcode="3561AB",
        )
        for index, (given_names, prefix, surname, birth, street, number, suffix) in enumerate(rows)
    ]
    assert sql_features(records) == [person_features(r) for r in records]

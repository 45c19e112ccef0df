"""`eenplan inwoners import`: a population-register extract becomes residents and households."""

from __future__ import annotations

import datetime as dt
import io
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from hypothesis import given, settings
from hypothesis import strategies as st

from eenplan.areas.tests.factories import PostcodeAreaFactory
from eenplan.households import register_import
from eenplan.households.bsn import bsn_pseudonym
from eenplan.households.models import Household, HouseholdMember, Relation, Resident, TimelineEvent
from eenplan.households.register_import import (
    REGISTER_COLUMNS,
    RegisterFileError,
    parse_register_row,
    read_csv,
)
from eenplan.households.tests.factories import HouseholdFactory, ResidentFactory, make_bsn
from eenplan.privacy.models import AuditEvent

HEADER = ";".join(REGISTER_COLUMNS)


def bsn_(n: int) -> str:
    """Distinct valid BSNs (make_bsn's neighbours can coincide)."""
    return make_bsn(n * 10)


def _csv(*lines: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *lines]) + "\n").encode()


def _row(
    rid: str,
    household: str,
    *,
    bsn: str = "",
    given: str = "Anna",
    prefix: str = "",
    surname: str = "Jansen",
    born: str = "1980-05-17",
    postcode: str = "3563 AB",
    number: str = "12",
) -> str:
    return ";".join(
        [
            rid,
            bsn,
            given,
            prefix,
            surname,
            born,
            "Teststraat",
            number,
            "",
            postcode,
            "Utrecht",
            household,
        ]
    )


def _file(tmp_path: Path, content: bytes) -> str:
    path = tmp_path / "brp.csv"
    path.write_bytes(content)
    return str(path)


def _run(path: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("inwoners", "import", path, "--geen-voortgang", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_import_creates_residents_households_members_with_audit(tmp_path):
    area = PostcodeAreaFactory(pc4="3563")
    content = _csv(
        _row("1", "H1", bsn=bsn_(1), given="Anna", surname="Jansen"),
        _row("2", "H1", bsn=bsn_(2), given="Piet", surname="Jansen"),
        _row("3", "H2", given="Fatima", prefix="el", surname="Amrani", number="14"),
    )
    out, err = _run(_file(tmp_path, content))

    assert err == ""
    assert "3 nieuwe inwoners in 2 nieuwe huishoudens" in out
    first, second = Household.objects.order_by("id")
    assert (first.postcode, first.house_number, first.neighbourhood_id) == (
        "3563AB",
        12,
        area.neighbourhood_id,
    )
    members = list(first.members.order_by("id").values_list("resident__given_names", "relation"))
    assert members == [("Anna", Relation.MAIN_RESIDENT), ("Piet", Relation.OTHER)]
    anna = Resident.objects.get(given_names="Anna")
    assert anna.bsn_pseudonym == bsn_pseudonym(bsn_(1))
    assert anna.bsn_encrypted and bsn_(1) not in anna.bsn_encrypted
    assert anna.search_name == "anna jansen"
    assert second.name == "Huishouden el Amrani"
    actions = sorted(AuditEvent.objects.values_list("action", flat=True))
    assert actions == sorted(["household.create"] * 2 + ["resident.create", "member.add"] * 3)
    assert set(AuditEvent.objects.values_list("actor_username", flat=True)) == {"inwoners-import"}
    assert (
        AuditEvent.objects.get(action="household.create", object_id=str(first.pk)).household_uuid
        == first.uuid
    )
    assert TimelineEvent.objects.filter(household=first, kind="member.added").count() == 2


@pytest.mark.django_db
def test_the_same_file_twice_creates_nothing_new(tmp_path):
    path = _file(
        tmp_path,
        _csv(
            _row("1", "H1", bsn=bsn_(1)),
            _row("2", "H2", given="Karel", surname="Bos", number="3"),
        ),
    )
    _run(path)
    counts = (Resident.objects.count(), Household.objects.count(), AuditEvent.objects.count())
    out, _ = _run(path)
    assert (
        Resident.objects.count(),
        Household.objects.count(),
        AuditEvent.objects.count(),
    ) == counts
    assert "0 nieuwe inwoners" in out and "2 al bekend" in out


@pytest.mark.django_db
def test_known_resident_by_bsn_is_recognised_and_a_new_member_joins_their_household(tmp_path):
    household = HouseholdFactory(members=0)
    resident = ResidentFactory(bsn=bsn_(5), given_names="Els")
    HouseholdMember.objects.create(
        household=household,
        resident=resident,
        relation=Relation.MAIN_RESIDENT,
        since=dt.date(2020, 1, 1),
    )
    # Another spelling in the register: the BSN decides, not the name.
    content = _csv(
        _row("1", "X", bsn=bsn_(5), given="Elisabeth"),
        _row("2", "X", bsn=bsn_(6), given="Tim", born="2012-02-02"),
    )
    out, _ = _run(_file(tmp_path, content))
    assert "1 nieuwe inwoners in 0 nieuwe huishoudens, 1 al bekend" in out
    resident.refresh_from_db()
    assert resident.given_names == "Els"
    tim = Resident.objects.get(given_names="Tim")
    assert tim.memberships.get().household == household


@pytest.mark.django_db
def test_bad_rows_are_reported_by_line_and_the_rest_is_imported(tmp_path):
    content = _csv(
        _row("1", "H1", bsn=bsn_(1)),
        _row("2", "H2", bsn="123456789"),  # fails the elfproef
        _row("3", "H3", born="1980-02-30", number="5"),  # no such date
        _row("4", "H4", postcode="ABCD", number="6"),
        _row("5", "H5", surname="", number="7"),
        _row("1", "H6", given="Dubbel", number="8"),  # the same id again
        _row("7", "H7", bsn=bsn_(1), given="Kopie", number="9"),  # the same BSN again
        "8;;Losse;;Regel",  # too few fields: required values missing
    )
    out, err = _run(_file(tmp_path, content))
    lines = err.strip().splitlines()
    assert [line.split(":")[0] for line in lines] == [f"Regel {n}" for n in range(3, 10)]
    assert "elfproef" in lines[0]
    assert "1980-02-30" in lines[1]
    assert "ABCD" in lines[2]
    assert "achternaam" in lines[3]
    assert "regel 2" in lines[4]
    assert "regel 2" in lines[5]
    assert "1 nieuwe inwoners" in out and "7 foute regels" in out
    assert Resident.objects.count() == 1


@pytest.mark.django_db
def test_a_household_that_fails_in_the_database_leaves_nothing_behind(tmp_path, monkeypatch):
    content = _csv(
        _row("1", "H1", given="Goed", number="1"),
        _row("2", "H2", given="Fout", number="2"),
        _row("3", "H2", given="Ook", number="2"),
    )
    real = register_import._build_resident

    def build(person, pseudonym):  # type: ignore[no-untyped-def]
        if person.given_names == "Ook":
            raise IntegrityError("simulated")
        return real(person, pseudonym)

    monkeypatch.setattr(register_import, "_build_resident", build)
    _out, err = _run(_file(tmp_path, content))
    assert list(Resident.objects.values_list("given_names", flat=True)) == ["Goed"]
    assert Household.objects.count() == 1
    assert AuditEvent.objects.filter(action="resident.create").count() == 1
    assert "Regel 3" in err and "Regel 4" in err


@pytest.mark.django_db
def test_comma_separated_with_bom_and_windows_encoding(tmp_path):
    header = ",".join(REGISTER_COLUMNS)
    line = ",".join(
        [
            "1",
            "",
            "Zoë",
            "",
            "Çelik",
            "17-05-1980",
            "Dorpsstraat",
            "3",
            "a",
            "3563AB",
            "Utrecht",
            "H",
        ]
    )
    path = _file(tmp_path, ("\ufeff" + header + "\r\n" + line + "\r\n").encode("utf-8"))
    _run(path)
    resident = Resident.objects.get()
    assert (resident.given_names, resident.surname, resident.birth_date) == (
        "Zoë",
        "Çelik",
        dt.date(1980, 5, 17),
    )
    assert resident.house_number_suffix == "A"
    Resident.objects.all().delete()
    path = _file(tmp_path, (header + "\r\n" + line + "\r\n").encode("cp1252"))
    _run(path)
    assert Resident.objects.get().given_names == "Zoë"


@pytest.mark.django_db
def test_missing_columns_or_missing_file_is_an_error_and_imports_nothing(tmp_path):
    with pytest.raises(CommandError, match="huishouden"):
        _run(_file(tmp_path, _csv("1;Anna;Jansen", header="id;voornamen;achternaam")))
    with pytest.raises(CommandError):
        _run(str(tmp_path / "bestaat-niet.csv"))
    with pytest.raises(CommandError, match="leeg"):
        _run(_file(tmp_path, b""))
    assert Resident.objects.count() == 0


@pytest.mark.django_db
def test_a_file_of_only_bad_rows_exits_non_zero(tmp_path):
    with pytest.raises(CommandError) as raised:
        _run(_file(tmp_path, _csv(_row("1", "H", bsn="111111111"))))
    assert raised.value.returncode == 1


@pytest.mark.django_db
def test_person_without_bsn_recognised_by_name_birth_date_and_address(tmp_path):
    _run(_file(tmp_path, _csv(_row("1", "H", given="Jan", born="1970-01-01"))))
    # Same person, other register id, other household key, written differently.
    out, _ = _run(
        _file(tmp_path, _csv(_row("99", "Z", given="JAN", born="01-01-1970", postcode="3563ab")))
    )
    assert "1 al bekend" in out
    assert Resident.objects.count() == 1
    # A different birth date is another person.
    _run(_file(tmp_path, _csv(_row("2", "H", given="Jan", born="1971-01-01"))))
    assert Resident.objects.count() == 2


@pytest.mark.django_db
def test_batches_write_a_constant_number_of_queries(tmp_path, django_assert_max_num_queries):
    lines = [_row(str(i), f"H{i // 2}", bsn=bsn_(100 + i), number=str(i + 1)) for i in range(200)]
    rows = read_csv(io.BytesIO(_csv(*lines)))
    # Two batches of 50 households: a handful of statements per batch, not several per person.
    with django_assert_max_num_queries(30):
        report = register_import.register_import(source=rows, batch_households=50)
    assert (report.created, report.households_created) == (200, 100)


def test_read_csv_rejects_an_empty_file():
    with pytest.raises(RegisterFileError):
        read_csv(io.BytesIO(b""))


_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)


@settings(max_examples=300, deadline=None)
@given(st.fixed_dictionaries({column: _text for column in REGISTER_COLUMNS}))
def test_parse_register_row_returns_a_valid_person_or_a_reason(row):
    try:
        person = parse_register_row(row, line=2)
    except ValueError as exc:
        assert str(exc)
        return
    assert person.given_names and person.surname and person.register_id and person.household_key
    assert len(person.postcode) == 6 and person.house_number > 0
    assert person.birth_date is None or person.birth_date <= dt.date.today()
    assert len(person.house_number_suffix) <= 8


@settings(max_examples=100, deadline=None)
@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2020, 12, 31)),
    st.integers(min_value=1, max_value=99999),
    st.integers(min_value=0, max_value=7_000_000),
)
def test_parse_register_row_keeps_what_is_valid(born, number, n):
    bsn = bsn_(n)
    person = parse_register_row(
        {
            "id": "x",
            "bsn": bsn,
            "voornamen": " Anna  Maria ",
            "achternaam": "Jansen",
            "geboortedatum": born.isoformat(),
            "postcode": "1234ab",
            "huisnummer": str(number),
            "huishouden": "h",
        },
        line=2,
    )
    assert (person.bsn, person.birth_date, person.house_number, person.postcode) == (
        bsn,
        born,
        number,
        "1234AB",
    )
    assert person.given_names == "Anna Maria"

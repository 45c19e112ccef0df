"""`eenplan signalen import FILE --bron ORGANISATIE`: a creditor's monthly file becomes signals."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eenplan.households.register_import import CsvRows
from eenplan.linkage import realtime
from eenplan.privacy.models import AuditEvent
from eenplan.signalering import file_import
from eenplan.signalering.file_import import (
    REQUIRED_COLUMNS,
    SOORT_ALIASES,
    RowInvalid,
    parse_amount,
    parse_creditor_row,
)
from eenplan.signalering.models import Channel, OutreachTask, Signal

HEADER = ";".join(REQUIRED_COLUMNS)
KNOWN = frozenset(SOORT_ALIASES.values()) | {"overlast"}


def _line(
    reference: str,
    *,
    soort: str = "huur",
    amount: str = "1.234,56",
    days: str = "62",
    given: str = "Fatima",
    prefix: str = "",
    surname: str = "Bakker",
    born: str = "07-03-1984",
    number: str = "12",
    postcode: str = "3554 AB",
) -> str:
    values = ["Woonstad", reference, soort, amount, days, given, prefix, surname, born]
    return ";".join([*values, "Kanaalweg", number, "", postcode, "Utrecht"])


def _file(tmp_path: Path, *lines: str, header: str = HEADER, encoding: str = "utf-8") -> str:
    path = tmp_path / "vroegsignalen.csv"
    path.write_bytes(("\n".join([header, *lines]) + "\n").encode(encoding))
    return str(path)


def _run(path: str, source: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(
        "signalen", "import", path, "--bron", source, "--geen-voortgang", stdout=out, stderr=err
    )
    return out.getvalue(), err.getvalue()


@pytest.fixture
def no_batch_engine(monkeypatch):
    """Link each signal as the service would on its own (the batch engine is tested elsewhere)."""
    calls: list[list[str]] = []

    def batch(records):  # type: ignore[no-untyped-def]
        calls.append([r.id for r in records])
        return {r.id: realtime.link_person(r) for r in records}

    monkeypatch.setattr(realtime, "link_people_batch", batch)
    return calls


def test_rows_become_signals_linked_in_one_batch(world, tmp_path, no_batch_engine):
    path = _file(
        tmp_path,
        _line("W-1"),
        _line(
            "W-2",
            soort="energie",
            given="Onbekend",
            surname="Persoon",
            born="1950-01-01",
            number="99",
            postcode="9999 ZZ",
        ),
    )
    out, err = _run(path, "Woonstad")

    assert err == ""
    assert "2 nieuwe signalen (1 gekoppeld aan een huishouden)" in out
    assert no_batch_engine == [["2", "3"]]  # one batch, keyed by line number
    first = Signal.objects.get(reference="W-1")
    assert first.source_organisation == world.corporation
    assert first.channel == Channel.FILE
    assert first.signal_type.code == "huurachterstand"
    assert (first.amount, first.days_in_arrears, first.birth_date) == (
        Decimal("1234.56"),
        62,
        dt.date(1984, 3, 7),
    )
    assert first.household == world.household
    assert first.team == world.wijkteam
    assert first.note.startswith("Schuldeiser: Woonstad")
    assert OutreachTask.objects.filter(signal=first).exists()
    assert Signal.objects.get(reference="W-2").signal_type.code == "energieachterstand"
    assert AuditEvent.objects.filter(action="signal.receive").count() == 2


def test_the_same_file_again_creates_nothing_new(world, tmp_path, no_batch_engine):
    path = _file(tmp_path, _line("W-1"), _line("W-2", number="14"))
    _run(path, "Woonstad")
    counts = (Signal.objects.count(), AuditEvent.objects.count(), OutreachTask.objects.count())
    out, _ = _run(path, str(world.corporation.uuid))
    assert (Signal.objects.count(), AuditEvent.objects.count(), OutreachTask.objects.count()) == (
        counts
    )
    assert "0 nieuwe signalen" in out and "2 al eerder ontvangen" in out
    # The same reference from another organisation is another signal.
    _run(path, "Stroom BV")
    assert Signal.objects.count() == 4


def test_every_bad_row_is_reported_by_line_and_reason_and_the_rest_imported(
    world, tmp_path, no_batch_engine
):
    header = HEADER + ";bsn"
    path = _file(
        tmp_path,
        _line("OK-1") + ";",
        _line("B-1", soort="parkeerboete") + ";",
        _line("B-2", born="31-02-1984") + ";",
        _line("B-3") + ";123456789",
        _line("OK-1", number="40") + ";",
        _line("B-4", amount="veel") + ";",
        "Woonstad;B-5;huur",  # too few fields: nothing to say who it is
        _line("B-6", born="2999-01-01") + ";",
        _line("B-7", days="-3", postcode="99") + ";",
        _line("B-8") + ";;extra",
        header=header,
    )
    out, err = _run(path, "Woonstad")
    said: dict[int, list[str]] = {}
    for text in err.strip().splitlines():
        head, _sep, message = text.partition(": ")
        said.setdefault(int(head.split()[1].rstrip(",")), []).append(head + ": " + message)
    assert sorted(said) == list(range(3, 12))
    assert said[3] == ["Regel 3, soort: onbekende soort parkeerboete"]
    assert said[4][0].startswith("Regel 4, geboortedatum: 31-02-1984")
    assert said[5][0].startswith("Regel 5, bsn: 123456789") and "elfproef" in said[5][0]
    assert said[6] == ["Regel 6, referentie: referentie OK-1 staat al op regel 2"]
    assert said[7][0].startswith("Regel 7, bedrag: veel")
    assert any(s.startswith("Regel 8, achternaam: ") for s in said[8])  # nobody to link to
    assert said[9][0].startswith("Regel 9, geboortedatum: 2999-01-01")
    assert [s.split(":")[0] for s in said[10]] == [
        "Regel 10, dagen_achterstand",
        "Regel 10, postcode",
    ]
    assert said[11][0].startswith("Regel 11: ")
    assert "1 nieuwe signalen" in out and "9 foute regels" in out
    assert list(Signal.objects.values_list("reference", flat=True)) == ["OK-1"]


def test_a_bsn_from_an_organisation_that_may_not_process_it_is_refused_per_row(
    world, tmp_path, no_batch_engine
):
    path = _file(tmp_path, _line("W-1") + ";" + world.bsn, header=HEADER + ";bsn")
    err = StringIO()
    with pytest.raises(CommandError):  # its only row is bad: nothing could be read
        call_command("signalen", "import", path, "--bron", "Woonstad", stderr=err)
    assert err.getvalue().startswith("Regel 2, bsn: ")
    assert Signal.objects.count() == 0
    # The energy company's covenant allows it: linked by BSN, not kept in plain text.
    _run(path, "Stroom BV")
    signal = Signal.objects.get()
    assert signal.resident == world.mother and signal.link_method == "bsn"
    assert world.bsn not in str(AuditEvent.objects.filter(action="signal.receive").values())


def test_a_failing_row_leaves_nothing_half_saved(world, tmp_path, monkeypatch, no_batch_engine):
    from eenplan.signalering import services

    real = services._after_link

    def explode(signal, **kwargs):  # type: ignore[no-untyped-def]
        if signal.reference == "W-2":
            raise services.ValidationError({"note": ["kapot"]})
        return real(signal, **kwargs)

    monkeypatch.setattr(services, "_after_link", explode)
    _, err = _run(_file(tmp_path, _line("W-1"), _line("W-2"), _line("W-3")), "Woonstad")
    assert "Regel 3, toelichting: kapot" in err
    assert sorted(Signal.objects.values_list("reference", flat=True)) == ["W-1", "W-3"]
    assert OutreachTask.objects.count() == 2
    assert AuditEvent.objects.filter(action="signal.receive").count() == 2


def test_comma_separated_windows_encoded_file_with_bom_and_spaced_headers(
    world, tmp_path, no_batch_engine
):
    header = "\ufeff" + ",".join(c.replace("_", " ").title() for c in REQUIRED_COLUMNS)
    line = 'Woonstad,Z-1,Zorgverzekering,"1.050,00",90,Zoë,van der,Berg,1990-01-31,Laan,3,b,3554AB,Utrecht'
    _run(_file(tmp_path, line, header=header, encoding="utf-8"), "woonstad")
    signal = Signal.objects.get()
    assert (signal.signal_type.code, signal.amount, signal.surname_prefix, signal.given_names) == (
        "zorgverzekeringsachterstand",
        Decimal("1050.00"),
        "van der",
        "Zoë",
    )
    Signal.objects.all().delete()
    _run(_file(tmp_path, line, header=header[1:], encoding="cp1252"), "Woonstad")
    assert Signal.objects.get().given_names == "Zoë"


def test_unreadable_files_and_unknown_sources_fail_without_importing(world, tmp_path):
    with pytest.raises(CommandError, match="dagen_achterstand"):
        _run(_file(tmp_path, "x;y", header="referentie;soort"), "Woonstad")
    with pytest.raises(CommandError):
        _run(str(tmp_path / "ontbreekt.csv"), "Woonstad")
    with pytest.raises(CommandError, match="Niemandsland"):
        _run(_file(tmp_path, _line("W-1")), "Niemandsland")
    with pytest.raises(CommandError) as raised:
        _run(_file(tmp_path, _line("W-1", soort="?")), "Woonstad")
    assert raised.value.returncode == 1
    assert Signal.objects.count() == 0


def test_real_batch_linking_links_the_household(world, tmp_path):
    out, _ = _run(_file(tmp_path, _line("W-1")), "Woonstad")
    assert "1 nieuwe signalen" in out
    signal = Signal.objects.get()
    # Name, birth date and address all agree with the mother: linked or put up for review.
    assert signal.household == world.household or hasattr(signal, "link_review")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1.234,56", Decimal("1234.56")),
        ("1234,5", Decimal("1234.5")),
        ("€ 12,00", Decimal("12.00")),
        ("1.234", Decimal("1234")),
        ("1,234.56", Decimal("1234.56")),
        ("99.5", Decimal("99.5")),
        ("0", Decimal("0")),
    ],
)
def test_parse_amount_reads_dutch_notation(raw, expected):
    assert parse_amount(raw) == expected


@pytest.mark.parametrize("raw", ["-5", "1,2,3", "12,345", "abc", "1.2.3", "1e5", ""])
def test_parse_amount_refuses_what_is_not_an_amount(raw):
    with pytest.raises(ValueError):
        parse_amount(raw)


_cell = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=25)
_columns = (*REQUIRED_COLUMNS, "bsn", "maanden_achterstand", "urgentie", "toelichting")


_amounts = st.decimals(0, 10**6, places=2).map(lambda d: str(d).replace(".", ","))
_row_strategy = st.fixed_dictionaries(
    {
        **{c: _cell for c in _columns},
        "soort": st.one_of(_cell, st.sampled_from(sorted(SOORT_ALIASES))),
        "bedrag": st.one_of(_cell, _amounts),
        "postcode": st.one_of(_cell, st.just("3554 AB")),
        "huisnummer": st.one_of(_cell, st.integers(1, 999).map(str)),
    }
)


@settings(max_examples=300, deadline=None)
@given(_row_strategy)
def test_parser_gives_a_clean_input_or_reasons_by_line(row):
    try:
        data = parse_creditor_row(row, line=7, known_codes=KNOWN)
    except RowInvalid as exc:
        assert exc.problems and all(p.line == 7 and p.message for p in exc.problems)
        return
    assert data.reference and len(data.reference) <= 80
    assert data.signal_type_code in KNOWN
    assert data.amount is None or data.amount >= 0
    assert data.birth_date is None or data.birth_date <= dt.date.today()
    assert data.postcode == "" or len(data.postcode) == 6
    assert data.house_number is None or data.house_number > 0


@settings(max_examples=150, deadline=None)
@given(
    amount=st.decimals(min_value=0, max_value=10**7, places=2),
    born=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2020, 1, 1)),
    dutch_date=st.booleans(),
    soort=st.sampled_from(sorted(SOORT_ALIASES)),
)
def test_parser_round_trips_valid_values(amount, born, dutch_date, soort):
    euros, cents = f"{amount:.2f}".split(".")
    grouped = f"{int(euros):,}".replace(",", ".")
    row = {
        "referentie": "R-1",
        "soort": soort.upper(),
        "bedrag": f"{grouped},{cents}",
        "geboortedatum": born.strftime("%d-%m-%Y") if dutch_date else born.isoformat(),
        "achternaam": "Bakker",
        "huisnummer": "12a",
        "postcode": "3554ab",
    }
    data = parse_creditor_row(row, line=2, known_codes=KNOWN)
    assert data.amount == amount
    assert data.birth_date == born
    assert data.signal_type_code == SOORT_ALIASES[soort]
    assert (data.house_number, data.house_number_suffix, data.postcode) == (12, "A", "3554AB")


def test_module_documents_every_column_it_reads():
    for column in (*REQUIRED_COLUMNS, *file_import.OPTIONAL_COLUMNS):
        assert column in file_import.__doc__


# Ways to spoil one row, each a reason the issue names: malformed, unknown type, impossible date,
# wrong elfproef (from an organisation that may not send a BSN at all), nobody to link to.
_SPOILERS = {
    "soort": lambda row: {**row, "soort": "parkeerboete"},
    "datum": lambda row: {**row, "geboortedatum": "30-02-1990"},
    "bedrag": lambda row: {**row, "bedrag": "1,2,3"},
    "postcode": lambda row: {**row, "postcode": "12"},
    "bsn": lambda row: {**row, "bsn": "123456789"},
    "niemand": lambda row: {**row, "achternaam": "", "postcode": "", "huisnummer": ""},
    "referentie": lambda row: {**row, "referentie": ""},
}


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(
        st.tuples(st.integers(0, 5), st.none() | st.sampled_from(sorted(_SPOILERS))),
        min_size=1,
        max_size=12,
    )
)
def test_importer_saves_exactly_the_good_rows_and_reports_every_other(world, no_batch_engine, rows):
    run = uuid.uuid4().hex[:8]  # the database is shared by the examples: fresh references
    good = {
        "schuldeiser": "Woonstad",
        "soort": "huur",
        "bedrag": "100,00",
        "dagen_achterstand": "40",
        "achternaam": "Bakker",
        "geboortedatum": "1984-03-07",
        "postcode": "3554AB",
        "huisnummer": "12",
    }
    numbered = []
    for index, (ref, spoiler) in enumerate(rows):
        row = {**good, "referentie": f"{run}-{ref}"}
        numbered.append((index + 2, _SPOILERS[spoiler](row) if spoiler else row))
    before = Signal.objects.count()
    report = file_import.creditor_file_import(
        source=CsvRows(columns=(*good, "referentie", "bsn"), rows=numbered),
        source_organisation=world.corporation,
    )
    first_good: dict[str, int] = {}
    for (ref, spoiler), (line, _row) in zip(rows, numbered, strict=True):
        if spoiler is None:
            first_good.setdefault(ref, line)
    expected_good_lines = set(first_good.values())
    bad_lines = {p.line for p in report.problems}
    assert report.created == len(expected_good_lines) == Signal.objects.count() - before
    assert bad_lines == {line for line, _row in numbered} - expected_good_lines
    assert set(
        Signal.objects.filter(reference__startswith=run).values_list("reference", flat=True)
    ) == {f"{run}-{ref}" for ref in first_good}

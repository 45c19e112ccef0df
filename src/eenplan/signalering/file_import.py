"""The monthly early-signalling file of a creditor (Wgs): CSV rows in, signals out.

Columns (header names are matched without regard to case, spaces or hyphens):

required  schuldeiser, referentie, soort, bedrag, dagen_achterstand, voornamen, voorvoegsel,
          achternaam, geboortedatum, straat, huisnummer, toevoeging, postcode, woonplaats
optional  bsn (only from an organisation that may process it), maanden_achterstand,
          urgentie (ontruiming, afsluiting, veiligheid), toelichting

`;` or `,` separated, UTF-8 with or without BOM or Windows-1252, as Dutch Excel writes them.
`soort` is a word the creditors use (huur, energie, gas, stroom, water, zorgverzekering, ...) or
the code of any signal type. `bedrag` takes a decimal comma and thousands dots (1.234,56).
`geboortedatum` is YYYY-MM-DD or DD-MM-YYYY.

Each row is checked on its own and becomes one signal in its own transaction; a bad row is
reported with its line number and reason and skipped. The creditor's `referentie` makes the
import idempotent: a reference that the same source organisation delivered before is recognised
and creates nothing new, so the same file (or row) can be imported again safely.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.households.bsn import is_valid_bsn, normalise_bsn
from eenplan.households.normalise import normalise_postcode, parse_dutch_date
from eenplan.households.register_import import CsvRows, RegisterFileError, read_csv
from eenplan.organisations.models import Organisation
from eenplan.signalering.models import Channel, Signal, SignalType, Urgency
from eenplan.signalering.services import SignalInput, signal_receive

REQUIRED_COLUMNS = (
    "schuldeiser",
    "referentie",
    "soort",
    "bedrag",
    "dagen_achterstand",
    "voornamen",
    "voorvoegsel",
    "achternaam",
    "geboortedatum",
    "straat",
    "huisnummer",
    "toevoeging",
    "postcode",
    "woonplaats",
)
OPTIONAL_COLUMNS = ("bsn", "maanden_achterstand", "urgentie", "toelichting")

# What creditors write in `soort` -> the code of the shared signal type.
SOORT_ALIASES = {
    "huur": "huurachterstand",
    "huurachterstand": "huurachterstand",
    "energie": "energieachterstand",
    "gas": "energieachterstand",
    "stroom": "energieachterstand",
    "elektriciteit": "energieachterstand",
    "energieachterstand": "energieachterstand",
    "water": "waterachterstand",
    "drinkwater": "waterachterstand",
    "waterachterstand": "waterachterstand",
    "zorgverzekering": "zorgverzekeringsachterstand",
    "zorgpremie": "zorgverzekeringsachterstand",
    "zorgverzekeraar": "zorgverzekeringsachterstand",
    "zorgverzekeringsachterstand": "zorgverzekeringsachterstand",
}

# The file's column for each field of SignalInput, to report the service's findings by column.
COLUMN_OF_FIELD = {
    "signal_type_code": "soort",
    "given_names": "voornamen",
    "surname_prefix": "voorvoegsel",
    "surname": "achternaam",
    "birth_date": "geboortedatum",
    "bsn": "bsn",
    "street": "straat",
    "house_number": "huisnummer",
    "house_number_suffix": "toevoeging",
    "postcode": "postcode",
    "city": "woonplaats",
    "months_in_arrears": "maanden_achterstand",
    "days_in_arrears": "dagen_achterstand",
    "amount": "bedrag",
    "urgency": "urgentie",
    "note": "toelichting",
    "reference": "referentie",
}

MAX_REFERENCE = 80
MAX_AMOUNT = Decimal("99999999.99")
_OLDEST = dt.date(1900, 1, 1)
_HOUSE_NUMBER = re.compile(r"^(\d{1,5})\s*[-/ ]?\s*([A-Za-z0-9]{0,6})$")
# A Dutch amount: thousands grouped with dots (or spaces), a decimal comma.
_DUTCH_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+(,\d{1,2})?$")
_PLAIN_AMOUNT = re.compile(r"^\d+([.,]\d{1,2})?$")
_ENGLISH_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d{1,2})?$")


class CreditorFileError(Exception):
    """The file as a whole cannot be read: nothing was imported."""


@dataclass(frozen=True)
class RowProblem:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("Line %(line)d, %(column)s: %(message)s") % {
                "line": self.line,
                "column": self.column,
                "message": self.message,
            }
        return _("Line %(line)d: %(message)s") % {"line": self.line, "message": self.message}


class RowInvalid(ValueError):
    def __init__(self, problems: list[RowProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


@dataclass
class CreditorImportReport:
    rows: int = 0
    created: int = 0
    existing: int = 0
    linked: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def bad_lines(self) -> int:
        return len({p.line for p in self.problems})


def column_name(header: str) -> str:
    """'Dagen achterstand' and 'dagen-achterstand' both name `dagen_achterstand`."""
    return re.sub(r"[\s\-]+", "_", (header or "").strip().lower())


def _cell(row: Mapping[str, Any], column: str) -> str:
    return " ".join(str(row.get(column) or "").split())


def parse_amount(raw: str) -> Decimal:
    """'1.234,56', '1234,56', '€ 1234.5' and '1,234.56' -> Decimal; ValueError otherwise.

    A lone dot followed by three digits is a Dutch thousands separator (1.234 is 1234 euro):
    the files come from Dutch systems, where that is how Excel shows it."""
    text = raw.replace("€", "").replace("EUR", "").replace(" ", "").replace("\u00a0", "")
    if _DUTCH_THOUSANDS.match(text):
        text = text.replace(".", "").replace(",", ".")
    elif _ENGLISH_THOUSANDS.match(text) and "." in text:
        text = text.replace(",", "")
    elif _PLAIN_AMOUNT.match(text):
        text = text.replace(",", ".")
    else:
        raise ValueError(raw)
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(raw) from exc
    if value > MAX_AMOUNT:
        raise ValueError(raw)
    return value


def _parse_whole(raw: str, *, maximum: int) -> int:
    if not raw.isdigit() or int(raw) > maximum:
        raise ValueError(raw)
    return int(raw)


def signal_type_code(soort: str, known_codes: Collection[str]) -> str | None:
    """The signal type a creditor's `soort` means, or None when it is none of the known ones."""
    key = soort.strip().lower()
    code = SOORT_ALIASES.get(key, key)
    return code if code in known_codes else None


def parse_creditor_row(
    row: Mapping[str, Any], *, line: int, known_codes: Collection[str]
) -> SignalInput:
    """One row of a creditor file to a `SignalInput`. Raises RowInvalid listing every problem."""
    problems: list[RowProblem] = []

    def problem(column: str, message: str) -> None:
        problems.append(RowProblem(line, column, message))

    if None in row:
        problem("", _("the row has more fields than the header; check the separators"))

    reference = _cell(row, "referentie")
    if not reference:
        problem("referentie", _("the reference is missing; it is what makes a row recognisable"))
    elif len(reference) > MAX_REFERENCE:
        problem(
            "referentie",
            _("the reference is longer than %(max)d characters") % {"max": MAX_REFERENCE},
        )

    soort = _cell(row, "soort")
    code = signal_type_code(soort, known_codes) if soort else None
    if not soort:
        problem("soort", _("the type of arrears is missing"))
    elif code is None:
        problem("soort", _("unknown type %(value)s") % {"value": soort})

    amount = None
    raw_amount = _cell(row, "bedrag")
    if raw_amount:
        try:
            amount = parse_amount(raw_amount)
        except ValueError:
            problem("bedrag", _("%(value)s is not an amount in euro") % {"value": raw_amount})

    days = None
    raw_days = _cell(row, "dagen_achterstand")
    if raw_days:
        try:
            days = _parse_whole(raw_days, maximum=36500)
        except ValueError:
            problem(
                "dagen_achterstand",
                _("%(value)s is not a number of days") % {"value": raw_days},
            )

    months = None
    raw_months = _cell(row, "maanden_achterstand")
    if raw_months:
        try:
            months = _parse_whole(raw_months, maximum=120)
        except ValueError:
            problem(
                "maanden_achterstand",
                _("%(value)s is not a number of months (0 to 120)") % {"value": raw_months},
            )

    birth_date = None
    raw_date = _cell(row, "geboortedatum")
    if raw_date:
        birth_date = parse_dutch_date(raw_date)
        if birth_date is None:
            problem(
                "geboortedatum",
                _("%(value)s is not an existing date (use YYYY-MM-DD or DD-MM-YYYY)")
                % {"value": raw_date},
            )
        elif birth_date > timezone.localdate() or birth_date < _OLDEST:
            problem(
                "geboortedatum",
                _("%(value)s cannot be a date of birth") % {"value": raw_date},
            )
            birth_date = None

    bsn = ""
    raw_bsn = _cell(row, "bsn")
    if raw_bsn:
        bsn = normalise_bsn(raw_bsn)
        if not is_valid_bsn(bsn):
            problem("bsn", _("%(value)s is not a valid BSN (elfproef)") % {"value": raw_bsn})

    postcode = ""
    raw_postcode = _cell(row, "postcode")
    if raw_postcode:
        postcode = normalise_postcode(raw_postcode) or ""
        if not postcode:
            problem(
                "postcode",
                _("%(value)s is not a Dutch postcode (1234 AB)") % {"value": raw_postcode},
            )

    house_number = None
    suffix = _cell(row, "toevoeging")
    raw_number = _cell(row, "huisnummer")
    if raw_number:
        match = _HOUSE_NUMBER.match(raw_number)
        if match and int(match.group(1)) > 0:
            house_number = int(match.group(1))
            if match.group(2) and not suffix:
                suffix = match.group(2)
        else:
            problem("huisnummer", _("%(value)s is not a house number") % {"value": raw_number})
    if len(suffix) > 8:
        problem("toevoeging", _("the addition is longer than 8 characters"))

    urgency = _cell(row, "urgentie").lower()
    if urgency not in Urgency.values:
        problem(
            "urgentie",
            _("%(value)s is not an urgency (ontruiming, afsluiting, veiligheid or empty)")
            % {"value": urgency},
        )

    given_names, prefix, surname = (
        _cell(row, "voornamen"),
        _cell(row, "voorvoegsel"),
        _cell(row, "achternaam"),
    )
    for column, value, maximum in (
        ("voornamen", given_names, 120),
        ("voorvoegsel", prefix, 20),
        ("achternaam", surname, 120),
        ("straat", _cell(row, "straat"), 120),
        ("woonplaats", _cell(row, "woonplaats"), 80),
    ):
        if len(value) > maximum:
            problem(column, _("longer than %(max)d characters") % {"max": maximum})

    creditor = _cell(row, "schuldeiser")
    note = _cell(row, "toelichting")
    if creditor:
        note = (_("Creditor: %(name)s") % {"name": creditor}) + ("\n" + note if note else "")

    if problems:
        raise RowInvalid(problems)
    return SignalInput(
        signal_type_code=code or "",
        given_names=given_names,
        surname_prefix=prefix,
        surname=surname,
        birth_date=birth_date,
        bsn=bsn,
        street=_cell(row, "straat"),
        house_number=house_number,
        house_number_suffix=suffix.upper(),
        postcode=postcode,
        city=_cell(row, "woonplaats"),
        months_in_arrears=months,
        days_in_arrears=days,
        amount=amount,
        urgency=urgency,
        note=note[:2000],
        reference=reference,
    )


def read_creditor_file(source: str | Path | IO[bytes]) -> CsvRows:
    """The rows, with the header normalised; CreditorFileError when the file is unusable."""
    try:
        csv_rows = read_csv(source)
    except RegisterFileError as exc:
        raise CreditorFileError(str(exc)) from exc
    columns = tuple(column_name(c) for c in csv_rows.columns)
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise CreditorFileError(
            _("The file lacks the column(s) %(columns)s.") % {"columns": ", ".join(missing)}
        )
    renamed = [
        (line, {column_name(k) if k is not None else None: v for k, v in row.items()})
        for line, row in csv_rows.rows
    ]
    return CsvRows(columns=columns, rows=renamed)  # type: ignore[arg-type]


def _existing_references(source_organisation: Organisation, references: list[str]) -> set[str]:
    found: set[str] = set()
    # In chunks: SQLite limits the number of parameters of one query.
    for start in range(0, len(references), 900):
        found.update(
            Signal.objects.filter(
                source_organisation=source_organisation,
                reference__in=references[start : start + 900],
            ).values_list("reference", flat=True)
        )
    return found


def _batch_links(rows: list[tuple[int, SignalInput]]) -> dict[str, Any]:
    """Link every row in one batch when the linkage engine offers it; {} lets each signal link
    on its own."""
    try:
        from eenplan.linkage.realtime import link_people_batch
        from eenplan.linkage.records import PersonRecord
    except ImportError:
        return {}
    records = [
        PersonRecord(
            id=str(line),
            given_names=data.given_names,
            prefix=data.surname_prefix,
            surname=data.surname,
            birth_date=data.birth_date,
            street=data.street,
            house_number=data.house_number,
            house_number_suffix=data.house_number_suffix,
            postcode=data.postcode,
            city=data.city,
        )
        for line, data in rows
        if data.surname and data.birth_date
    ]
    if not records:
        return {}
    return dict(link_people_batch(records))


def creditor_file_import(
    *,
    source: str | Path | IO[bytes] | CsvRows,
    source_organisation: Organisation,
    progress: Callable[[int], None] | None = None,
) -> CreditorImportReport:
    """Import a creditor file for `source_organisation`. Each row is its own transaction."""
    csv_rows = source if isinstance(source, CsvRows) else read_creditor_file(source)
    report = CreditorImportReport()
    known = set(SignalType.objects.filter(active=True).values_list("code", flat=True))
    unused = [
        c for c in csv_rows.columns if c and c not in REQUIRED_COLUMNS and c not in OPTIONAL_COLUMNS
    ]
    if unused:
        report.warnings.append(
            _("Column(s) %(columns)s are not used.") % {"columns": ", ".join(unused)}
        )

    parsed: list[tuple[int, SignalInput]] = []
    for line, row in csv_rows.rows:
        report.rows += 1
        try:
            parsed.append((line, parse_creditor_row(row, line=line, known_codes=known)))
        except RowInvalid as exc:
            report.problems.extend(exc.problems)
    if progress and report.rows - len(parsed):
        progress(report.rows - len(parsed))

    existing = _existing_references(source_organisation, [d.reference for _l, d in parsed])
    links = _batch_links([(line, d) for line, d in parsed if d.reference not in existing])
    # The first row of a reference that is (or was, in an earlier import) received wins; a later
    # row with that reference is a duplicate. A row the service refuses claims no reference, so a
    # correct row further down the file still comes in.
    claimed: dict[str, int] = {}
    for line, data in parsed:
        if data.reference in claimed:
            report.problems.append(
                RowProblem(
                    line,
                    "referentie",
                    _("reference %(reference)s is already on line %(first)d")
                    % {"reference": data.reference, "first": claimed[data.reference]},
                )
            )
        elif data.reference in existing:
            report.existing += 1
            claimed[data.reference] = line
        else:
            try:
                receipt = signal_receive(
                    actor=None,
                    data=data,
                    channel=Channel.FILE,
                    source_organisation=source_organisation,
                    link=links.get(str(line)),
                )
            except ValidationError as exc:
                report.problems.extend(_problems_from(exc, line))
            else:
                claimed[data.reference] = line
                if receipt.created:
                    report.created += 1
                    report.linked += receipt.signal.household_id is not None
                else:
                    report.existing += 1
        if progress:
            progress(1)
    report.problems.sort(key=lambda p: p.line)
    return report


def _problems_from(exc: ValidationError, line: int) -> list[RowProblem]:
    if not hasattr(exc, "error_dict"):
        return [RowProblem(line, "", str(message)) for message in exc.messages]
    return [
        RowProblem(line, COLUMN_OF_FIELD.get(name, ""), str(message))
        for name, errors in exc.message_dict.items()
        for message in errors
    ]

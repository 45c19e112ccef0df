"""A person as two lists describe them: parsing one CSV row into a `PersonRecord`.

A field that does not parse becomes a `FieldWarning` and is treated as missing; the record still
takes part in linking. Only a missing `id` makes a row unusable.
"""

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from eenplan.households.bsn import bsn_pseudonym, is_valid_bsn, normalise_bsn
from eenplan.households.normalise import normalise_postcode

COLUMNS = (
    "id",
    "bsn",
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

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# "12", "12a", "12-a", "12 bis": the number and, when the addition column is empty, its suffix.
_HOUSE_NUMBER = re.compile(r"^(\d{1,5})\s*[-/ ]?\s*([A-Za-z0-9]{0,6})$")
_OLDEST = dt.date(1880, 1, 1)


class MissingIdError(ValueError):
    """A row without an id cannot be linked: nothing would say which record a link is about."""

    def __init__(self, line: int) -> None:
        self.line = line
        super().__init__(_("Line %(line)d has no id.") % {"line": line})


@dataclass(frozen=True)
class FieldWarning:
    line: int
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        return _("line %(line)d, %(column)s %(value)r: %(message)s") % {
            "line": self.line,
            "column": self.column,
            "value": self.value,
            "message": self.message,
        }


@dataclass(frozen=True)
class PersonRecord:
    id: str
    bsn: str = ""
    given_names: str = ""
    prefix: str = ""
    surname: str = ""
    birth_date: dt.date | None = None
    street: str = ""
    house_number: int | None = None
    house_number_suffix: str = ""
    postcode: str = ""
    city: str = ""

    @property
    def bsn_pseudonym(self) -> str:
        """The keyed pseudonym of the BSN, empty without one: what linking compares."""
        return bsn_pseudonym(self.bsn) if self.bsn else ""


def _clean(value: object) -> str:
    return " ".join(str(value).split()) if value else ""


def parse_person_row(
    row: Mapping[str, str | None], *, line: int
) -> tuple[PersonRecord, list[FieldWarning]]:
    """One CSV row (Dutch column names) to a record plus a warning for every field that did not parse."""
    record_id = _clean(row.get("id"))
    if not record_id:
        raise MissingIdError(line)
    warnings: list[FieldWarning] = []

    def warn(column: str, value: str, message: str) -> None:
        warnings.append(FieldWarning(line, column, value, message))

    bsn = ""
    raw_bsn = _clean(row.get("bsn"))
    if raw_bsn:
        candidate = normalise_bsn(raw_bsn)
        if is_valid_bsn(candidate):
            bsn = candidate
        else:
            warn("bsn", raw_bsn, _("not a valid BSN (9 digits that pass the elfproef)"))

    birth_date = None
    raw_date = _clean(row.get("geboortedatum"))
    if raw_date:
        birth_date = _parse_birth_date(raw_date)
        if birth_date is None:
            warn("geboortedatum", raw_date, _("not an existing date in the form YYYY-MM-DD"))

    postcode = ""
    raw_postcode = _clean(row.get("postcode"))
    if raw_postcode:
        postcode = normalise_postcode(raw_postcode) or ""
        if not postcode:
            warn("postcode", raw_postcode, _("not a Dutch postcode (1234 AB)"))

    house_number = None
    suffix = _clean(row.get("toevoeging"))[:8]
    raw_number = _clean(row.get("huisnummer"))
    if raw_number:
        match = _HOUSE_NUMBER.match(raw_number)
        if match and int(match.group(1)) > 0:
            house_number = int(match.group(1))
            if match.group(2) and not suffix:
                suffix = match.group(2)
        else:
            warn("huisnummer", raw_number, _("not a house number"))

    record = PersonRecord(
        id=record_id,
        bsn=bsn,
        given_names=_clean(row.get("voornamen")),
        prefix=_clean(row.get("voorvoegsel")),
        surname=_clean(row.get("achternaam")),
        birth_date=birth_date,
        street=_clean(row.get("straat")),
        house_number=house_number,
        house_number_suffix=suffix.upper(),
        postcode=postcode,
        city=_clean(row.get("woonplaats")),
    )
    return record, warnings


def _parse_birth_date(raw: str) -> dt.date | None:
    if not _ISO_DATE.match(raw):
        return None
    try:
        value = dt.date.fromisoformat(raw)
    except ValueError:
        return None
    # A birth date in the future or before 1880 is a typing error, not a person.
    if value < _OLDEST or value > dt.date.today():
        return None
    return value


def record_to_row(record: PersonRecord) -> dict[str, str]:
    """The inverse of `parse_person_row`: a record as a CSV row with the Dutch columns."""
    return {
        "id": record.id,
        "bsn": record.bsn,
        "voornamen": record.given_names,
        "voorvoegsel": record.prefix,
        "achternaam": record.surname,
        "geboortedatum": record.birth_date.isoformat() if record.birth_date else "",
        "straat": record.street,
        "huisnummer": str(record.house_number) if record.house_number else "",
        "toevoeging": record.house_number_suffix,
        "postcode": record.postcode,
        "woonplaats": record.city,
    }

"""Reading person lists from CSV files, with a warning for every field that does not parse."""

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from eenplan.linkage.records import FieldWarning, MissingIdError, PersonRecord, parse_person_row


@dataclass
class ReadResult:
    records: list[PersonRecord] = field(default_factory=list)
    warnings: list[FieldWarning] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _dialect(first_line: str) -> str:
    # Dutch spreadsheets save with semicolons; everything else here uses commas.
    return ";" if first_line.count(";") > first_line.count(",") else ","


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str | None]]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        delimiter = _dialect(handle.readline())
        handle.seek(0)
        reader = csv.DictReader(handle, delimiter=delimiter)
        if reader.fieldnames is None or "id" not in [f.strip().lower() for f in reader.fieldnames]:
            raise ValueError(_("%(file)s has no column 'id'.") % {"file": path.name})
        reader.fieldnames = [f.strip().lower() for f in reader.fieldnames]
        for row in reader:
            yield reader.line_num, row  # type: ignore[misc]


def read_people(path: Path, *, tick: Callable[[], None] | None = None) -> ReadResult:
    """Every usable row of a person list; field warnings and row errors by line number."""
    result = ReadResult()
    seen: set[str] = set()
    for line, row in _rows(path):
        if tick:
            tick()
        try:
            record, warnings = parse_person_row(row, line=line)
        except MissingIdError as error:
            result.errors.append(str(error))
            continue
        if record.id in seen:
            result.errors.append(
                _("Line %(line)d: id %(id)s occurs more than once; only the first is used.")
                % {"line": line, "id": record.id}
            )
            continue
        seen.add(record.id)
        result.records.append(record)
        result.warnings.extend(warnings)
    return result


def count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return max(sum(1 for _ in handle) - 1, 0)

"""Importing an extract of the population register: residents, grouped into households.

The CSV has the columns of `REGISTER_COLUMNS`; `huishouden` is the extract's own id for a household
(every row with the same value lives together). Rows are validated one by one; a bad row is
reported with its line number and skipped, the rest of the file is imported.

Idempotent: a person who is already known is recognised and left as they are. Recognised by
  1. the BSN, through its keyed pseudonym, when the row has one;
  2. otherwise by name, date of birth and address together (folded name, birth date, postcode and
     house number), the only stable identity a register row without BSN carries. The extract's
     `id` is used within one file only (to report duplicates): eenplan stores no register ids.

Households are written in batches through one bulk path that writes the same audit events as
`household_register` and `household_member_add`, inside the same transaction as the rows they
describe. A batch that fails in the database is retried household by household, so one bad
household never takes others down with it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.areas.models import PostcodeArea
from eenplan.households.bsn import bsn_pseudonym, encrypt_bsn, is_valid_bsn, normalise_bsn
from eenplan.households.models import Household, HouseholdMember, Relation, Resident, TimelineEvent
from eenplan.households.normalise import normalise_postcode, parse_dutch_date, search_name
from eenplan.linkage.records import COLUMNS as PERSON_COLUMNS
from eenplan.privacy.models import AuditEvent
from eenplan.privacy.services import snapshot

# The person columns every linkage file uses, plus the household they live in.
REGISTER_COLUMNS = (*PERSON_COLUMNS, "huishouden")
REQUIRED_COLUMNS = ("id", "voornamen", "achternaam", "postcode", "huisnummer", "huishouden")

# Households per transaction. Large enough that the database round trips stop mattering,
# small enough that a retry household by household stays cheap.
BATCH_HOUSEHOLDS = 250
AUDIT_USERNAME = "inwoners-import"
_OLDEST = dt.date(1880, 1, 1)


class RegisterFileError(Exception):
    """The file as a whole cannot be read: nothing was imported."""


@dataclass(frozen=True)
class RowProblem:
    line: int
    message: str

    def __str__(self) -> str:
        return _("Line %(line)d: %(message)s") % {"line": self.line, "message": self.message}


@dataclass(frozen=True)
class RegisterPerson:
    line: int
    register_id: str
    household_key: str
    given_names: str
    surname_prefix: str
    surname: str
    birth_date: dt.date | None
    bsn: str
    street: str
    house_number: int
    house_number_suffix: str
    postcode: str
    city: str

    @property
    def identity(self) -> tuple[str, dt.date | None, str, int]:
        """Who this is when there is no BSN: folded name, birth date and address."""
        return (
            search_name(self.given_names, self.surname_prefix, self.surname),
            self.birth_date,
            self.postcode,
            self.house_number,
        )


@dataclass
class RegisterImportReport:
    rows: int = 0
    created: int = 0
    existing: int = 0
    households_created: int = 0
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def bad(self) -> int:
        return len(self.problems)


def _cell(row: Mapping[str, str | None], column: str) -> str:
    return " ".join(str(row.get(column) or "").split())


def _parse_date(raw: str) -> dt.date | None:
    value = parse_dutch_date(raw)
    if value is None or value < _OLDEST or value > timezone.localdate():
        return None
    return value


def parse_register_row(row: Mapping[str, str | None], *, line: int) -> RegisterPerson:
    """One register row to a person; raises ValueError with every problem in Dutch."""
    problems: list[str] = []
    register_id = _cell(row, "id")
    if not register_id:
        problems.append(_("the id is missing"))
    household_key = _cell(row, "huishouden")
    if not household_key:
        problems.append(_("the household (huishouden) is missing"))
    given_names = _cell(row, "voornamen")
    surname = _cell(row, "achternaam")
    if not given_names:
        problems.append(_("the given names (voornamen) are missing"))
    if not surname:
        problems.append(_("the surname (achternaam) is missing"))
    if len(given_names) > 120 or len(surname) > 120 or len(_cell(row, "voorvoegsel")) > 20:
        problems.append(_("a name is longer than eenplan can store"))

    bsn = ""
    raw_bsn = _cell(row, "bsn")
    if raw_bsn:
        bsn = normalise_bsn(raw_bsn)
        if not is_valid_bsn(bsn):
            problems.append(
                _("BSN %(value)s is not valid (it fails the elfproef)") % {"value": raw_bsn}
            )

    birth_date = None
    raw_date = _cell(row, "geboortedatum")
    if raw_date:
        birth_date = _parse_date(raw_date)
        if birth_date is None:
            problems.append(
                _("date of birth %(value)s is not an existing date (use YYYY-MM-DD)")
                % {"value": raw_date}
            )

    raw_postcode = _cell(row, "postcode")
    postcode = normalise_postcode(raw_postcode) or ""
    if raw_postcode and not postcode:
        problems.append(_("postcode %(value)s is not a Dutch postcode") % {"value": raw_postcode})
    elif not raw_postcode:
        problems.append(_("the postcode is missing"))

    house_number = 0
    raw_number = _cell(row, "huisnummer")
    if raw_number.isdigit() and 0 < int(raw_number) < 100000:
        house_number = int(raw_number)
    else:
        problems.append(_("house number %(value)s is not a number") % {"value": raw_number or "''"})
    suffix = _cell(row, "toevoeging").upper()
    if len(suffix) > 8:
        problems.append(_("the house number addition is longer than 8 characters"))

    if problems:
        raise ValueError("; ".join(problems))
    return RegisterPerson(
        line=line,
        register_id=register_id,
        household_key=household_key,
        given_names=given_names,
        surname_prefix=_cell(row, "voorvoegsel"),
        surname=surname,
        birth_date=birth_date,
        bsn=bsn,
        street=_cell(row, "straat")[:120],
        house_number=house_number,
        house_number_suffix=suffix,
        postcode=postcode,
        city=_cell(row, "woonplaats")[:80],
    )


@dataclass(frozen=True)
class CsvRows:
    columns: tuple[str, ...]
    rows: list[tuple[int, dict[str, str | None]]]


def read_csv(source: str | Path | IO[bytes]) -> CsvRows:
    """The rows of a CSV file with their line numbers; `;` or `,`, with or without a BOM, UTF-8 or
    the Windows code page Dutch Excel writes. Header names are matched case-insensitively.
    Raises RegisterFileError when the file cannot be read as CSV at all."""
    raw = source.read() if hasattr(source, "read") else Path(source).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    if reader.fieldnames is None:
        raise RegisterFileError(_("The file is empty."))
    reader.fieldnames = [(name or "").strip().lower() for name in reader.fieldnames]
    rows: list[tuple[int, dict[str, str | None]]] = []
    try:
        for row in reader:
            # The physical line the row ended on: what a person sees in an editor.
            if any((value or "").strip() for key, value in row.items() if key is not None) or (
                None in row
            ):
                rows.append((reader.line_num, row))
    except csv.Error as exc:
        raise RegisterFileError(
            _("The file is not a readable CSV file (line %(line)d: %(error)s).")
            % {"line": reader.line_num, "error": exc}
        ) from exc
    return CsvRows(columns=tuple(reader.fieldnames), rows=rows)


def require_columns(fieldnames: Iterable[str], required: Iterable[str]) -> None:
    missing = [c for c in required if c not in set(fieldnames)]
    if missing:
        raise RegisterFileError(
            _("The file lacks the column(s) %(columns)s.") % {"columns": ", ".join(missing)}
        )


def register_import(
    *,
    source: str | Path | IO[bytes] | CsvRows,
    progress: Callable[[int], None] | None = None,
    batch_households: int = BATCH_HOUSEHOLDS,
) -> RegisterImportReport:
    """Import a register extract. `progress(n)` is called with the number of rows just handled."""
    csv_rows = source if isinstance(source, CsvRows) else read_csv(source)
    require_columns(csv_rows.columns, REQUIRED_COLUMNS)
    report = RegisterImportReport()
    people: list[RegisterPerson] = []
    seen_ids: dict[str, int] = {}
    seen_bsns: dict[str, int] = {}
    seen_identities: dict[tuple[Any, ...], int] = {}
    for line, row in csv_rows.rows:
        report.rows += 1
        if None in row:
            report.problems.append(RowProblem(line, _("the row has more fields than the header")))
            continue
        try:
            person = parse_register_row(row, line=line)
        except ValueError as exc:
            report.problems.append(RowProblem(line, str(exc)))
            continue
        if person.register_id in seen_ids:
            report.problems.append(
                RowProblem(
                    line,
                    _("id %(id)s already appeared on line %(first)d")
                    % {"id": person.register_id, "first": seen_ids[person.register_id]},
                )
            )
            continue
        if person.bsn and person.bsn in seen_bsns:
            report.problems.append(
                RowProblem(
                    line,
                    _("this BSN already appeared on line %(first)d")
                    % {"first": seen_bsns[person.bsn]},
                )
            )
            continue
        if not person.bsn and person.identity in seen_identities:
            report.problems.append(
                RowProblem(
                    line,
                    _("the same person (name, date of birth, address) is on line %(first)d")
                    % {"first": seen_identities[person.identity]},
                )
            )
            continue
        seen_ids[person.register_id] = line
        if person.bsn:
            seen_bsns[person.bsn] = line
        else:
            seen_identities[person.identity] = line
        people.append(person)
    if progress and report.bad:
        progress(report.bad)

    groups: OrderedDict[str, list[RegisterPerson]] = OrderedDict()
    for person in people:
        groups.setdefault(person.household_key, []).append(person)
    neighbourhoods = dict(PostcodeArea.objects.values_list("pc4", "neighbourhood_id"))
    batch: list[list[RegisterPerson]] = []
    for members in groups.values():
        batch.append(members)
        if len(batch) >= batch_households:
            _import_batch(batch, neighbourhoods, report, progress)
            batch = []
    if batch:
        _import_batch(batch, neighbourhoods, report, progress)
    return report


def _import_batch(
    batch: list[list[RegisterPerson]],
    neighbourhoods: Mapping[str, int],
    report: RegisterImportReport,
    progress: Callable[[int], None] | None,
) -> None:
    try:
        with transaction.atomic():
            outcome = _write_households(batch, neighbourhoods)
    except (IntegrityError, DatabaseError):
        # Someone registered one of these people meanwhile, or a row the checks let through
        # does not fit the database: retry one household at a time to isolate it.
        outcome = _Outcome()
        for members in batch:
            try:
                with transaction.atomic():
                    outcome.add(_write_households([members], neighbourhoods))
            except (IntegrityError, DatabaseError) as exc:
                for person in members:
                    report.problems.append(
                        RowProblem(
                            person.line,
                            _("could not be saved (%(error)s)") % {"error": type(exc).__name__},
                        )
                    )
    report.created += outcome.created
    report.existing += outcome.existing
    report.households_created += outcome.households
    if progress:
        progress(sum(len(members) for members in batch))


@dataclass
class _Outcome:
    created: int = 0
    existing: int = 0
    households: int = 0

    def add(self, other: _Outcome) -> None:
        self.created += other.created
        self.existing += other.existing
        self.households += other.households


def _known_residents(
    people: list[RegisterPerson],
) -> tuple[dict[str, Resident], dict[tuple[Any, ...], Resident]]:
    pseudonyms = {bsn_pseudonym(p.bsn): p for p in people if p.bsn}
    by_pseudonym: dict[str, Resident] = {}
    if pseudonyms:
        for resident in Resident.objects.filter(bsn_pseudonym__in=list(pseudonyms)):
            by_pseudonym[resident.bsn_pseudonym or ""] = resident
    by_identity: dict[tuple[Any, ...], Resident] = {}
    without = [p for p in people if not p.bsn]
    if without:
        names = {p.identity[0] for p in without}
        postcodes = {p.postcode for p in without}
        for resident in Resident.objects.filter(search_name__in=names, postcode__in=postcodes).only(
            "id", "search_name", "birth_date", "postcode", "house_number"
        ):
            key = (
                resident.search_name,
                resident.birth_date,
                resident.postcode,
                resident.house_number,
            )
            by_identity.setdefault(key, resident)
    return by_pseudonym, by_identity


def _write_households(
    batch: list[list[RegisterPerson]], neighbourhoods: Mapping[str, int]
) -> _Outcome:
    """Create the residents not yet known and their households, with audit events and timeline
    lines, in the caller's transaction."""
    outcome = _Outcome()
    everyone = [p for members in batch for p in members]
    by_pseudonym, by_identity = _known_residents(everyone)
    known_ids = [r.pk for r in (*by_pseudonym.values(), *by_identity.values())]
    current_household: dict[int, Household] = {
        m.resident_id: m.household
        for m in HouseholdMember.objects.filter(
            resident_id__in=known_ids, until__isnull=True
        ).select_related("household")
    }
    today = timezone.localdate()
    now = timezone.now()

    new_households: list[Household] = []
    # (household object, [(person, resident object, relation)])
    plans: list[tuple[Household, list[tuple[RegisterPerson, Resident, str]]]] = []
    for members in batch:
        existing_household: Household | None = None
        fresh: list[tuple[RegisterPerson, Resident]] = []
        for person in members:
            pseudonym = bsn_pseudonym(person.bsn) if person.bsn else ""
            resident = (
                by_pseudonym.get(pseudonym) if pseudonym else by_identity.get(person.identity)
            )
            if resident is not None:
                outcome.existing += 1
                existing_household = existing_household or current_household.get(resident.pk)
                continue
            fresh.append((person, _build_resident(person, pseudonym)))
        if not fresh:
            continue
        household = existing_household
        if household is None:
            first = fresh[0][0]
            household = Household(
                name=_("Household %(surname)s")
                % {"surname": " ".join(p for p in (first.surname_prefix, first.surname) if p)},
                postcode=first.postcode,
                house_number=first.house_number,
                house_number_suffix=first.house_number_suffix,
                street=first.street,
                city=first.city,
                neighbourhood_id=neighbourhoods.get(first.postcode[:4]),
            )
            new_households.append(household)
            relations = [Relation.MAIN_RESIDENT] + [Relation.OTHER] * (len(fresh) - 1)
        else:
            relations = [Relation.OTHER] * len(fresh)
        plans.append(
            (household, [(p, r, rel) for (p, r), rel in zip(fresh, relations, strict=True)])
        )

    Household.objects.bulk_create(new_households)
    residents = [resident for _household, rows in plans for _p, resident, _rel in rows]
    Resident.objects.bulk_create(residents)
    members_out = [
        HouseholdMember(household=household, resident=resident, relation=relation, since=today)
        for household, rows in plans
        for _p, resident, relation in rows
    ]
    HouseholdMember.objects.bulk_create(members_out)

    audit: list[AuditEvent] = []
    timeline: list[TimelineEvent] = []
    new_ids = {id(h) for h in new_households}
    member_iter = iter(members_out)
    for household, rows in plans:
        if id(household) in new_ids:
            audit.append(_audit("household.create", household, household))
            timeline.append(
                TimelineEvent(household=household, occurred_at=now, kind="household.created")
            )
        for _person, resident, _relation in rows:
            member = next(member_iter)
            audit.append(_audit("resident.create", resident, household))
            audit.append(_audit("member.add", member, household))
            timeline.append(
                TimelineEvent(
                    household=household,
                    occurred_at=now,
                    kind="member.added",
                    data={"name": resident.full_name},
                )
            )
    AuditEvent.objects.bulk_create(audit)
    TimelineEvent.objects.bulk_create(timeline)
    outcome.created += len(residents)
    outcome.households += len(new_households)
    return outcome


def _build_resident(person: RegisterPerson, pseudonym: str) -> Resident:
    return Resident(
        given_names=person.given_names,
        surname_prefix=person.surname_prefix,
        surname=person.surname,
        birth_date=person.birth_date,
        bsn_encrypted=encrypt_bsn(person.bsn) if person.bsn else "",
        bsn_pseudonym=pseudonym or None,
        postcode=person.postcode,
        house_number=person.house_number,
        house_number_suffix=person.house_number_suffix,
        street=person.street,
        city=person.city,
        search_name=search_name(person.given_names, person.surname_prefix, person.surname),
    )


def _audit(action: str, instance: Any, household: Household) -> AuditEvent:
    # The same event `audit_record` writes; built here so a batch is one INSERT, not thousands.
    return AuditEvent(
        actor_id=None,
        actor_username=AUDIT_USERNAME,
        action=action,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        household_uuid=household.uuid,
        before=None,
        after=snapshot(instance),
    )

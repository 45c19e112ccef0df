"""Linking signals to the register in the database: one at a time (real time) or a file at once.

`link_person` needs a handful of queries and no DuckDB: the BSN pseudonym when there is a BSN,
otherwise the current model, one query for candidates through indexes (birth date and its swapped
twin, postcode with house number, surname within the birth year) and, when a candidate has the
same surname, one count of how common it is; scored in Python with the current model.
`link_people_batch` exports the register once and links the whole list in DuckDB with Splink.
Both decide with the same thresholds: link, review (a person decides), or new.
"""

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import pyarrow as pa
from django.conf import settings
from django.db.models import Q
from django.db.models.functions import Upper

from eenplan.households.models import Resident
from eenplan.linkage import engine
from eenplan.linkage.features import VOORVOEGSELS, birth_date_variants, person_features
from eenplan.linkage.records import PersonRecord
from eenplan.linkage.selectors import (
    CurrentModel,
    linkage_model_current,
    register_size,
    surname_counts,
)

Decision = Literal["link", "review", "new"]
Method = Literal["bsn", "probabilistic", "none"]

# Enough to hold everyone at one address and everyone born on one day twice over.
MAX_CANDIDATES = 400
MAX_LISTED = 5
_REGISTER_FIELDS = (
    "id",
    "bsn_pseudonym",
    "given_names",
    "surname_prefix",
    "surname",
    "birth_date",
    "street",
    "house_number",
    "house_number_suffix",
    "postcode",
)


@dataclass(frozen=True)
class Candidate:
    resident_id: int
    probability: float


@dataclass(frozen=True)
class LinkOutcome:
    decision: Decision
    method: Method
    resident_id: int | None
    candidates: list[Candidate] = field(default_factory=list)


def thresholds() -> tuple[float, float]:
    """(link, review): at or above the first it links, at or above the second a person decides."""
    return float(settings.EENPLAN_LINK_THRESHOLD), float(settings.EENPLAN_REVIEW_THRESHOLD)


def _decide(candidates: list[Candidate]) -> LinkOutcome:
    link_at, review_at = thresholds()
    listed = [c for c in candidates if c.probability >= review_at][:MAX_LISTED]
    if listed and listed[0].probability >= link_at:
        return LinkOutcome("link", "probabilistic", listed[0].resident_id, listed)
    if listed:
        return LinkOutcome("review", "probabilistic", None, listed)
    return LinkOutcome("new", "none", None, [])


def _resident_record(row: dict[str, Any]) -> PersonRecord:
    return PersonRecord(
        id=str(row["id"]),
        given_names=row["given_names"],
        prefix=row["surname_prefix"],
        surname=row["surname"],
        birth_date=row["birth_date"],
        street=row["street"],
        house_number=row["house_number"],
        house_number_suffix=row["house_number_suffix"],
        postcode=row["postcode"],
    )


def _surname_variants(record: PersonRecord) -> set[str]:
    """How the register may spell this surname: whole, each part of a double name, with prefix."""
    variants = set()
    whole = " ".join(record.surname.replace(" - ", "-").split())
    if whole:
        variants.add(whole.upper())
    for part in record.surname.split("-") if record.surname else []:
        words = part.split()
        if words:
            variants.add(" ".join(words).upper())
        # The register keeps the voorvoegsel apart: "de Vries" is also looked up as "Vries".
        while len(words) > 1 and words[0].lower().strip("'") in _PREFIX_WORDS:
            words = words[1:]
            variants.add(" ".join(words).upper())
    return variants


_PREFIX_WORDS = frozenset(VOORVOEGSELS)


def _candidate_filter(record: PersonRecord) -> Q | None:
    clauses: list[Q] = []
    variants = birth_date_variants(record.birth_date)
    if variants:
        clauses.append(Q(birth_date__in=variants))
    if record.postcode and record.house_number:
        clauses.append(Q(postcode=record.postcode, house_number=record.house_number))
    surnames = _surname_variants(record)
    if surnames and record.birth_date:
        year = record.birth_date.year
        clauses.append(
            Q(
                surname_upper__in=surnames,
                birth_date__gte=dt.date(year, 1, 1),
                birth_date__lte=dt.date(year, 12, 31),
            )
        )
    elif surnames and record.postcode:
        clauses.append(Q(surname_upper__in=surnames, postcode=record.postcode))
    if not clauses:
        return None
    combined = clauses[0]
    for clause in clauses[1:]:
        combined |= clause
    return combined


def link_person(record: PersonRecord) -> LinkOutcome:
    """Link one person to a resident in the register, in real time."""
    if record.bsn:
        resident_id = (
            Resident.objects.filter(bsn_pseudonym=record.bsn_pseudonym)
            .values_list("id", flat=True)
            .first()
        )
        if resident_id is not None:
            return LinkOutcome("link", "bsn", resident_id, [Candidate(resident_id, 1.0)])
    condition = _candidate_filter(record)
    if condition is None:
        return LinkOutcome("new", "none", None, [])
    model = linkage_model_current()
    rows = list(
        Resident.objects.annotate(surname_upper=Upper("surname"))
        .filter(condition)
        .values(*_REGISTER_FIELDS)[:MAX_CANDIDATES]
    )
    own = person_features(record)
    own_pseudonym = record.bsn_pseudonym or None
    # Two different BSNs are two different people, whatever else agrees.
    rows = [
        row
        for row in rows
        if not (own_pseudonym and row["bsn_pseudonym"] and row["bsn_pseudonym"] != own_pseudonym)
    ]
    if not rows:
        return LinkOutcome("new", "none", None, [])
    size = max(register_size(), len(rows))
    prior = engine.SHARE_IN_REGISTER / size
    others = [person_features(_resident_record(row)) for row in rows]
    # How common the surname is, as the batch engine weighs an exact agreement on it. Only the
    # candidates with exactly this surname need it: one count, and none without such candidates.
    same_surname = [
        row for row, other in zip(rows, others, strict=True) if _same(other, own, "sn_all")
    ]
    counts = surname_counts({row["surname"].upper() for row in same_surname})
    frequencies: dict[str, float] = {}
    if own["sn_all"] and same_surname:
        total = sum(counts.values()) or 1
        frequencies[own["sn_all"]] = total / size
    scored = [
        Candidate(
            int(row["id"]),
            engine.score_features(
                model.parameters, own, other, prior=prior, frequencies=frequencies
            ),
        )
        for row, other in zip(rows, others, strict=True)
        if not engine.is_twin_pattern(own, other)
    ]
    scored.sort(key=lambda c: (-c.probability, c.resident_id))
    return _decide(scored)


def _same(left: dict[str, Any], right: dict[str, Any], key: str) -> bool:
    return left[key] is not None and left[key] == right[key]


def register_to_arrow(batch_size: int = 20_000) -> pa.Table:
    """The register as the Arrow table the engine reads, streamed from the database."""
    batches: list[pa.RecordBatch] = []
    for rows in _register_rows(batch_size):
        records = [_resident_record(row) for row in rows]
        table = engine.records_to_arrow(records)
        pseudonyms = pa.array([row["bsn_pseudonym"] or "" for row in rows], type=pa.string())
        table = table.set_column(
            table.schema.get_field_index("bsn_pseudonym"), "bsn_pseudonym", pseudonyms
        )
        batches.extend(table.to_batches())
    if not batches:
        return engine.records_to_arrow([])
    return pa.Table.from_batches(batches)


def _register_rows(batch_size: int) -> Iterator[list[dict[str, Any]]]:
    last_id = 0
    while True:
        rows = list(
            Resident.objects.filter(id__gt=last_id)
            .order_by("id")
            .values(*_REGISTER_FIELDS)[:batch_size]
        )
        if not rows:
            return
        yield rows
        last_id = rows[-1]["id"]


def link_people_batch(records: Sequence[PersonRecord]) -> dict[str, LinkOutcome]:
    """Link a list (a creditor's file) to the register at once; keyed by record id."""
    outcomes: dict[str, LinkOutcome] = {r.id: LinkOutcome("new", "none", None, []) for r in records}
    if not records:
        return outcomes
    model = linkage_model_current()
    con = engine.connect(memory_limit=settings.EENPLAN_LINK_MEMORY_LIMIT)
    try:
        residents = engine.load_features(con, "rechts", register_to_arrow())
        if residents == 0:
            return outcomes
        engine.load_features(con, "links", engine.records_to_arrow(list(records)))
        _, review_at = thresholds()
        engine.link_tables(
            con,
            "links",
            "rechts",
            model.parameters,
            threshold=review_at,
            prior=engine.SHARE_IN_REGISTER / residents,
            keep=MAX_LISTED,
        )
        rows = con.execute(
            "SELECT links_id, rechts_id, kans, bsn FROM koppelingen ORDER BY links_id, kans DESC"
        ).fetchall()
    finally:
        con.close()
    found: dict[str, list[Candidate]] = {}
    by_bsn: dict[str, int] = {}
    for left_id, right_id, probability, bsn in rows:
        if bsn:
            by_bsn[left_id] = int(right_id)
        found.setdefault(left_id, []).append(Candidate(int(right_id), float(probability)))
    for left_id, candidates in found.items():
        if left_id in by_bsn:
            resident_id = by_bsn[left_id]
            outcomes[left_id] = LinkOutcome(
                "link", "bsn", resident_id, [Candidate(resident_id, 1.0)]
            )
        else:
            outcomes[left_id] = _decide(candidates)
    return outcomes


__all__ = ["Candidate", "CurrentModel", "LinkOutcome", "link_people_batch", "link_person"]

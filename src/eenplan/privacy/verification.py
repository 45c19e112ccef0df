"""Checking the access log's hash chain: nothing changed, inserted or deleted, also at the end.

The chain is read in seq order in batches, so memory stays constant however long the log is.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from eenplan.privacy.models import AccessLogEntry, AccessLogHead, AccessLogSubject
from eenplan.privacy.services import Subject, access_entry_digest

GENESIS_HASH = "0" * 64

PROBLEM_GAP = "gap"  # rows missing inside the chain
PROBLEM_LINK = "link"  # prev_hash does not match the row before
PROBLEM_DIGEST = "digest"  # the row or its subjects changed
PROBLEM_TRUNCATED = "truncated"  # rows missing at the end
PROBLEM_APPENDED = "appended"  # rows after the head
PROBLEM_HEAD = "head"  # the head is missing or does not match
BATCH_SIZE = 500


@dataclass(frozen=True)
class Problem:
    seq: int
    kind: str  # one of the PROBLEM_* constants
    message: str

    def __str__(self) -> str:
        return f"seq {self.seq}: {self.message}"


@dataclass
class VerificationResult:
    checked: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _subjects_of(seqs: list[int]) -> dict[int, list[Subject]]:
    subjects: dict[int, list[Subject]] = defaultdict(list)
    rows = (
        AccessLogSubject.objects.filter(entry_id__in=seqs)
        .order_by("entry_id", "id")
        .values_list("entry_id", "resident_uuid", "household_uuid")
    )
    for seq, resident_uuid, household_uuid in rows:
        subjects[seq].append((resident_uuid, household_uuid))
    return subjects


def verify_access_log(*, batch_size: int = BATCH_SIZE) -> VerificationResult:
    """Walk the whole chain and report every break in it."""
    result = VerificationResult()
    expected_seq = 1
    previous_hash = GENESIS_HASH
    last_seq = 0
    after = 0
    while True:
        batch = list(AccessLogEntry.objects.filter(seq__gt=after).order_by("seq")[:batch_size])
        if not batch:
            break
        subjects = _subjects_of([entry.seq for entry in batch])
        for entry in batch:
            result.checked += 1
            if entry.seq != expected_seq:
                result.problems.append(
                    Problem(
                        entry.seq,
                        PROBLEM_GAP,
                        _("entries %(first)d to %(last)d are missing")
                        % {"first": expected_seq, "last": entry.seq - 1},
                    )
                )
            if entry.prev_hash != previous_hash:
                result.problems.append(
                    Problem(entry.seq, PROBLEM_LINK, _("does not link to the entry before it"))
                )
            digest = access_entry_digest(entry, subjects.get(entry.seq, []), entry.prev_hash)
            if digest != entry.hash:
                result.problems.append(
                    Problem(entry.seq, PROBLEM_DIGEST, _("the entry or its residents were changed"))
                )
            expected_seq = entry.seq + 1
            previous_hash = entry.hash
            last_seq = entry.seq
        after = batch[-1].seq

    head = AccessLogHead.objects.filter(pk=1).first()
    if head is None:
        result.problems.append(
            Problem(last_seq, PROBLEM_HEAD, _("the head of the chain is missing"))
        )
    elif head.last_seq != last_seq or head.last_hash != previous_hash:
        if head.last_seq > last_seq:
            kind = PROBLEM_TRUNCATED
            message = _("entries %(first)d to %(last)d at the end are missing") % {
                "first": last_seq + 1,
                "last": head.last_seq,
            }
        elif head.last_seq < last_seq:
            kind = PROBLEM_APPENDED
            message = _("entries after %(seq)d were added outside eenplan") % {"seq": head.last_seq}
        else:
            kind = PROBLEM_HEAD
            message = _("the last entry does not match the head of the chain")
        result.problems.append(Problem(last_seq, kind, message))
    return result

"""Reads of instruments and measurements, scoped by need-to-know and logged.

A resident's measurements are visible to the professionals who may see a household the resident
belongs to now (`households_visible_to`), and to the resident themselves; anyone else gets a 404,
so the resident's existence does not leak. A resident never reads a housemate's measurements, not
even a child's: eenplan does not record who has parental authority, and a housemate's scores
(a partner's, a grown-up child's) are theirs alone.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from eenplan.accounts.actor import Actor
from eenplan.assessments.models import (
    Instrument,
    InstrumentItem,
    Measurement,
    ScaleAnchor,
    Score,
)
from eenplan.households.models import Household, HouseholdMember
from eenplan.households.selectors import access_purpose_for, households_visible_to
from eenplan.privacy.models import AccessEvent
from eenplan.privacy.services import access_log_record
from eenplan.taxonomy.models import LifeDomain

MEASUREMENTS_VIEW = AccessEvent.MEASUREMENTS_VIEW

# A resident and a professional who differ this many points see the difference highlighted.
DIFFERENCE_THRESHOLD = 3

# The domains that come up too late in practice are asked about first.
ASK_FIRST = ("werk-inkomen", "financien", "wonen")


def instruments_with_items() -> QuerySet[Instrument]:
    return Instrument.objects.prefetch_related(
        Prefetch(
            "items",
            queryset=InstrumentItem.objects.select_related("instrument").prefetch_related(
                "anchors"
            ),
        ),
        Prefetch(
            "anchors",
            queryset=ScaleAnchor.objects.filter(item__isnull=True).order_by("score"),
            to_attr="general_anchors",
        ),
    )


def instrument_get(*, code: str, in_use: bool = False) -> Instrument:
    """One instrument with its items and anchors; with `in_use`, only one still in use."""
    instruments = instruments_with_items()
    if in_use:
        instruments = instruments.filter(active=True)
    try:
        return instruments.get(code=code)
    except Instrument.DoesNotExist as exc:
        raise Http404 from exc


def member_for_measurements(*, actor: Actor, resident_uuid: uuid.UUID | str) -> HouseholdMember:
    """The resident's current membership of a household `actor` may see; not logged. 404 else.
    A resident only gets their own."""
    members = HouseholdMember.objects.filter(
        resident__uuid=resident_uuid,
        until__isnull=True,
        household__in=households_visible_to(actor),
    )
    if actor.is_resident:
        members = members.filter(resident_id=actor.resident_id or 0)
    try:
        member = members.select_related("resident", "household").order_by("since", "id").first()
    except (ValueError, ValidationError) as exc:
        raise Http404 from exc
    if member is None:
        raise Http404
    return member


def _log(actor: Actor, member: HouseholdMember) -> None:
    purpose, reason, _expires = access_purpose_for(actor, member.household)
    access_log_record(
        actor=actor,
        event=MEASUREMENTS_VIEW,
        subjects=[(member.resident.uuid, member.household.uuid)],
        purpose=purpose,
        reason=reason,
    )


@dataclass
class InstrumentHistory:
    instrument: Instrument
    measurements: list[Measurement]


@dataclass
class MeasurementOverview:
    member: HouseholdMember
    instruments: list[InstrumentHistory]


def measurement_overview(*, actor: Actor, resident_uuid: uuid.UUID | str) -> MeasurementOverview:
    """Every instrument in use, with this resident's measurements on it, oldest first; logged."""
    member = member_for_measurements(actor=actor, resident_uuid=resident_uuid)
    measurements = list(
        Measurement.objects.filter(resident=member.resident)
        .select_related("recorded_by")
        .order_by("taken_on", "id")
    )
    by_instrument: dict[int, list[Measurement]] = {}
    for measurement in measurements:
        by_instrument.setdefault(measurement.instrument_id, []).append(measurement)
    # Instruments in use, and retired ones this resident was measured with.
    instruments = list(Instrument.objects.filter(Q(active=True) | Q(pk__in=list(by_instrument))))
    _log(actor, member)
    return MeasurementOverview(
        member=member,
        instruments=[
            InstrumentHistory(instrument=i, measurements=by_instrument.get(i.pk, []))
            for i in instruments
        ],
    )


@dataclass
class Cell:
    value: int | None
    professional: int | None = None

    @property
    def difference(self) -> int | None:
        if self.value is None or self.professional is None:
            return None
        return self.value - self.professional

    @property
    def differs(self) -> bool:
        return self.difference is not None and abs(self.difference) >= DIFFERENCE_THRESHOLD


@dataclass
class ItemRow:
    item: InstrumentItem
    cells: list[Cell] = field(default_factory=list)

    @property
    def latest(self) -> Cell | None:
        return self.cells[-1] if self.cells else None

    @property
    def latest_pair(self) -> Cell | None:
        """The newest cell with both scores. A resident who fills in their own part leaves the
        professional's empty: that measurement says nothing about how far the views differ."""
        return next(
            (cell for cell in reversed(self.cells) if cell.difference is not None),
            None,
        )


@dataclass
class InstrumentProgress:
    member: HouseholdMember
    instrument: Instrument
    measurements: list[Measurement]
    rows: list[ItemRow]

    @property
    def differences(self) -> list[ItemRow]:
        """Items where the resident and the professional saw it differently, the last time both
        gave a score."""
        return [row for row in self.rows if row.latest_pair is not None and row.latest_pair.differs]

    @property
    def compared(self) -> bool:
        """Whether any item has both the resident's and the professional's score."""
        return any(row.latest_pair is not None for row in self.rows)


def instrument_progress(
    *, actor: Actor, resident_uuid: uuid.UUID | str, instrument_code: str
) -> InstrumentProgress:
    """One resident's measurements on one instrument as a table: a row per item, a cell per
    measurement (oldest first). Logged."""
    member = member_for_measurements(actor=actor, resident_uuid=resident_uuid)
    instrument = instrument_get(code=instrument_code)
    measurements: list[Measurement] = list(
        Measurement.objects.filter(resident=member.resident, instrument=instrument)
        .select_related("recorded_by")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.all(), to_attr="score_list"))
        .order_by("taken_on", "id")
    )
    _log(actor, member)
    return InstrumentProgress(
        member=member,
        instrument=instrument,
        measurements=measurements,
        rows=progress_rows(instrument, measurements),
    )


def progress_rows(instrument: Instrument, measurements: list[Measurement]) -> list[ItemRow]:
    """A row per item, a cell per measurement (in the order given). The measurements carry their
    scores as `score_list` (prefetched)."""
    rows = []
    for item in instrument.items.all():
        row = ItemRow(item=item)
        for measurement in measurements:
            score = next(
                (s for s in measurement.score_list if s.item_id == item.pk),  # type: ignore[attr-defined]
                None,
            )
            row.cells.append(
                Cell(value=score.value, professional=score.professional_value)
                if score is not None
                else Cell(value=None)
            )
        rows.append(row)
    return rows


def household_domains_not_asked(*, household: Household) -> list[LifeDomain]:
    """Life domains that no measurement of a current member covers yet; work and income,
    finances and housing first. For a household the caller has already obtained through a
    scoped, logged selector (the household page)."""
    asked = Score.objects.filter(
        measurement__resident__memberships__household=household,
        measurement__resident__memberships__until__isnull=True,
        item__domain__isnull=False,
    ).values("item__domain_id")
    domains = list(LifeDomain.objects.exclude(pk__in=asked).order_by("position", "code"))
    first = {code: index for index, code in enumerate(ASK_FIRST)}
    return sorted(domains, key=lambda d: first.get(d.code, len(first)))


def _with_scores(measurements: QuerySet[Measurement]) -> QuerySet[Measurement]:
    return measurements.select_related(
        "instrument", "recorded_by", "resident", "household"
    ).prefetch_related(
        Prefetch(
            "scores",
            queryset=Score.objects.select_related("item").order_by("item__position", "item_id"),
        )
    )


def measurement_page(
    *,
    actor: Actor,
    resident_uuid: uuid.UUID | str,
    instrument_code: str = "",
    page: int = 1,
    per_page: int = 25,
) -> Page:
    """One page of a resident's measurements with their scores, oldest first; optionally of one
    instrument. Logged as one read of the resident; a resident `actor` may not see is a 404."""
    member = member_for_measurements(actor=actor, resident_uuid=resident_uuid)
    measurements = Measurement.objects.filter(resident=member.resident)
    if instrument_code:
        measurements = measurements.filter(instrument__code=instrument_code)
    result = Paginator(_with_scores(measurements).order_by("taken_on", "id"), per_page).get_page(
        page
    )
    _log(actor, member)
    return result


def measurement_get(*, actor: Actor, measurement_uuid: uuid.UUID | str) -> Measurement:
    """One measurement with its scores, if `actor` may see the resident now; logged. 404 else,
    the same as for a measurement that does not exist."""
    try:
        measurement = _with_scores(Measurement.objects.filter(uuid=measurement_uuid)).first()
    except (ValueError, ValidationError) as exc:
        raise Http404 from exc
    if measurement is None:
        raise Http404
    member = member_for_measurements(actor=actor, resident_uuid=measurement.resident.uuid)
    _log(actor, member)
    return measurement

"""Figures for policy: counts per wijk, never a person.

Small counts are suppressed (shown as "< N") so nobody can be singled out, and so are the cells
that would let a suppressed count be worked out by subtraction (secondary suppression): a row's
active plans are split by kind of coordinator, and every column has a municipality total.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q

from eenplan.accounts.actor import Actor
from eenplan.areas.models import District, Neighbourhood, PostcodeArea
from eenplan.households.models import Household, Involvement
from eenplan.organisations.models import OrganisationKind, Role
from eenplan.plans.models import Plan, PlanStatus

FIGURE_ROLES = frozenset({Role.BELEID, Role.TEAMLEIDER})

HOUSEHOLDS = "households"
ACTIVE_PLANS = "active_plans"
COORDINATOR_PROFESSIONAL = "coordinator_professional"
COORDINATOR_RESIDENT = "coordinator_resident"
FIXED_COLUMNS = (HOUSEHOLDS, ACTIVE_PLANS, COORDINATOR_PROFESSIONAL, COORDINATOR_RESIDENT)
UNKNOWN = "unknown"
TOTAL = "total"


@dataclass(frozen=True)
class Cell:
    value: int
    suppressed: bool
    threshold: int

    def __str__(self) -> str:
        return f"< {self.threshold}" if self.suppressed else str(self.value)


@dataclass
class FigureRow:
    key: int | str  # district id, UNKNOWN or TOTAL
    name: str
    code: str
    inhabitants: int | None
    cells: list[Cell] = field(default_factory=list)


@dataclass
class AreaFigures:
    columns: list[str]  # FIXED_COLUMNS, then one organisation kind per column
    kind_labels: list[str]
    rows: list[FigureRow]
    total: FigureRow
    threshold: int


def suppress(
    values: dict[tuple[int | str, str], int],
    groups: list[tuple[tuple[int | str, str], list[tuple[int | str, str]]]],
    threshold: int,
) -> set[tuple[int | str, str]]:
    """The cells to hide: every count below `threshold`, and then, until nothing changes, for
    each (total, parts) group whose total is shown, a second part wherever exactly one part is
    hidden, the smallest, so the hidden one cannot be found by subtraction."""
    hidden = {cell for cell, value in values.items() if value < threshold}
    changed = True
    while changed:
        changed = False
        for total, parts in groups:
            if total in hidden:
                continue
            hidden_parts = [p for p in parts if p in hidden]
            if len(hidden_parts) != 1:
                continue
            shown = [p for p in parts if p not in hidden]
            if not shown:
                continue
            hidden.add(min(shown, key=lambda p: (values[p], str(p))))
            changed = True
    return hidden


def area_figures(*, actor: Actor) -> AreaFigures:
    """Per wijk: CBS inhabitants and eenplan's counts. Four queries, however many wijken."""
    if not actor.roles & FIGURE_ROLES:
        raise PermissionDenied
    threshold = settings.SMALL_NUMBER_THRESHOLD
    districts = list(
        District.objects.select_related("municipality").order_by("municipality__name", "code")
    )
    counts: dict[tuple[int | str, str], int] = defaultdict(int)

    def key(district_id: int | None) -> int | str:
        return district_id if district_id is not None else UNKNOWN

    for row in Household.objects.values("neighbourhood__district").annotate(n=Count("id")):
        counts[(key(row["neighbourhood__district"]), HOUSEHOLDS)] += row["n"]
    plan_rows = (
        Plan.objects.filter(status=PlanStatus.ACTIVE)
        .values("household__neighbourhood__district")
        .annotate(
            n=Count("id"),
            professional=Count("id", filter=Q(coordinator_professional__isnull=False)),
            resident=Count("id", filter=Q(coordinator_resident__isnull=False)),
        )
    )
    for row in plan_rows:
        k = key(row["household__neighbourhood__district"])
        counts[(k, ACTIVE_PLANS)] += row["n"]
        counts[(k, COORDINATOR_PROFESSIONAL)] += row["professional"]
        counts[(k, COORDINATOR_RESIDENT)] += row["resident"]
    kinds_seen: set[str] = set()
    involvement_rows = (
        Involvement.objects.filter(until__isnull=True)
        .values("household__neighbourhood__district", "organisation__kind")
        .annotate(n=Count("id"))
    )
    for row in involvement_rows:
        kinds_seen.add(row["organisation__kind"])
        counts[(key(row["household__neighbourhood__district"]), row["organisation__kind"])] += row[
            "n"
        ]
    kinds = [kind for kind in OrganisationKind.values if kind in kinds_seen]
    columns = [*FIXED_COLUMNS, *kinds]

    row_keys: list[int | str] = [d.pk for d in districts]
    if any(k == UNKNOWN for k, _column in counts):
        row_keys.append(UNKNOWN)
    values: dict[tuple[int | str, str], int] = {}
    for column in columns:
        for row_key in row_keys:
            values[(row_key, column)] = counts.get((row_key, column), 0)
        values[(TOTAL, column)] = sum(values[(row_key, column)] for row_key in row_keys)

    groups = [
        (
            (row_key, ACTIVE_PLANS),
            [(row_key, COORDINATOR_PROFESSIONAL), (row_key, COORDINATOR_RESIDENT)],
        )
        for row_key in [*row_keys, TOTAL]
    ] + [((TOTAL, column), [(row_key, column) for row_key in row_keys]) for column in columns]
    hidden = suppress(values, groups, threshold)

    def cells(row_key: int | str) -> list[Cell]:
        return [
            Cell(
                value=values[(row_key, column)],
                suppressed=(row_key, column) in hidden,
                threshold=threshold,
            )
            for column in columns
        ]

    rows = [
        FigureRow(key=d.pk, name=d.name, code=d.code, inhabitants=d.inhabitants, cells=cells(d.pk))
        for d in districts
    ]
    if UNKNOWN in row_keys:
        rows.append(
            FigureRow(key=UNKNOWN, name="", code="", inhabitants=None, cells=cells(UNKNOWN))
        )
    inhabitants = [d.inhabitants for d in districts if d.inhabitants is not None]
    total = FigureRow(
        key=TOTAL,
        name="",
        code="",
        inhabitants=sum(inhabitants) if inhabitants else None,
        cells=cells(TOTAL),
    )
    return AreaFigures(
        columns=columns,
        kind_labels=[str(OrganisationKind(kind).label) for kind in kinds],
        rows=rows,
        total=total,
        threshold=threshold,
    )


def neighbourhood_for_postcode(postcode: str) -> Neighbourhood | None:
    """The buurt of a postcode, through its four digits (PC4 areas map to one buurt)."""
    if not postcode:
        return None
    area = PostcodeArea.objects.filter(pc4=postcode[:4]).select_related("neighbourhood").first()
    return area.neighbourhood if area else None

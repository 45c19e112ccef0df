"""Reads of the linkage app. The model holds no personal data: parameters and counts only."""

from dataclasses import dataclass
from functools import lru_cache

from django.db import connection
from django.db.models import Count
from django.db.models.functions import Upper

from eenplan.households.models import Resident
from eenplan.linkage.engine import ModelParameters, shipped_parameters
from eenplan.linkage.models import LinkageModel

# From this size on, PostgreSQL's estimate of the number of residents is used instead of a count.
LARGE_REGISTER = 100_000


@dataclass(frozen=True)
class CurrentModel:
    parameters: ModelParameters
    model_id: int | None  # None: the model shipped with eenplan
    trained_on: int | None  # residents in the register when it was trained


@lru_cache(maxsize=8)
def _parsed(model_id: int | None, trained_at: str = "") -> ModelParameters:
    if model_id is None:
        return shipped_parameters()
    return ModelParameters.from_json(LinkageModel.objects.get(pk=model_id).parameters)


def linkage_model_current() -> CurrentModel:
    """The current trained model, or the one shipped with eenplan: one small query."""
    current = (
        LinkageModel.objects.filter(is_current=True)
        .values_list("id", "record_count", "trained_at")
        .first()
    )
    if current is None:
        return CurrentModel(_parsed(None), None, None)
    model_id, record_count, trained_at = current
    # A stored model never changes, so its parsed parameters are cached by id and time.
    return CurrentModel(_parsed(model_id, trained_at.isoformat()), model_id, record_count)


def register_size() -> int:
    """How many residents the register holds: exact when small, PostgreSQL's estimate when large.

    Counting a million rows takes tens of milliseconds; the planner's estimate (kept current by
    autovacuum) is one catalogue lookup and close enough for a prior.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                [Resident._meta.db_table],
            )
            row = cursor.fetchall()
        if row and row[0][0] >= LARGE_REGISTER:
            return int(row[0][0])
    return Resident.objects.count()


def surname_counts(surnames: set[str]) -> dict[str, int]:
    """How many residents carry each of these surnames (upper case): one indexed query."""
    if not surnames:
        return {}
    rows = (
        Resident.objects.annotate(surname_upper=Upper("surname"))
        .filter(surname_upper__in=surnames)
        .values("surname_upper")
        .annotate(n=Count("id"))
        .values_list("surname_upper", "n")
    )
    return {name: int(n) for name, n in rows}

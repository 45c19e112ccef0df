import datetime as dt

from eenplan.assessments.models import Instrument
from eenplan.assessments.services import ItemScore, measurement_record


def all_scores(instrument: Instrument, value: int, professional: int | None = None) -> dict:
    """Every item of `instrument` scored `value` (and `professional` where both score it)."""
    return {
        item.code: ItemScore(
            value=value,
            professional=(professional if professional is not None else value)
            if item.asks_professional
            else None,
        )
        for item in instrument.items.select_related("instrument")
    }


def record(actor, resident, code: str, taken_on: dt.date, value: int, **overrides):  # type: ignore[no-untyped-def]
    instrument = Instrument.objects.get(code=code)
    scores = all_scores(instrument, value)
    scores.update(overrides)
    return measurement_record(
        actor=actor, resident=resident, instrument=instrument, taken_on=taken_on, scores=scores
    )

"""Writes of measurements: one household member's scores on one instrument, all or nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from eenplan.accounts.actor import Actor
from eenplan.assessments.models import Instrument, Measurement, Score, ScoredBy
from eenplan.households.models import HouseholdMember, Resident
from eenplan.households.selectors import households_visible_to
from eenplan.privacy.services import audit_record, snapshot

PROFESSIONAL_SUFFIX = "__professional"


@dataclass(frozen=True)
class ItemScore:
    """One item's scores. `professional` only for items the resident and professional both score."""

    value: int | None
    professional: int | None = None


def professional_key(item_code: str) -> str:
    """Where an error on the professional's score of an item is reported (and its form field)."""
    return item_code + PROFESSIONAL_SUFFIX


def _as_item_score(raw: int | ItemScore | None) -> ItemScore:
    if isinstance(raw, ItemScore):
        return raw
    return ItemScore(value=raw)


def score_error(
    kind: str,
    *,
    label: str,
    instrument: Instrument,
    for_resident: bool = False,
    value: object = None,
) -> str:
    """The message for a score that is missing ("required"), not a whole number ("invalid") or
    outside the scale ("range"): for the pages, the API and the form fields alike. A resident
    reads plain words about a number ("cijfer")."""
    values = {
        "item": label,
        "min": instrument.scale_min,
        "max": instrument.scale_max,
        "value": value,
    }
    if for_resident:
        if kind == "range":
            return (
                _(
                    "%(value)s is not possible for '%(item)s'. Fill in a number from %(min)s to %(max)s."
                )
                % values
            )
        return _("Fill in a number from %(min)s to %(max)s for '%(item)s'.") % values
    if kind == "required":
        return _("Give a score for %(item)s.") % values
    if kind == "invalid":
        return _("The score for %(item)s must be a whole number.") % values
    return (
        _("The score for %(item)s must be between %(min)s and %(max)s; %(value)s is not.") % values
    )


def _check_value(
    errors: dict[str, list[str]],
    key: str,
    label: str,
    value: object,
    instrument: Instrument,
    *,
    for_resident: bool = False,
) -> None:
    if value is None or value == "":
        kind = "required"
    elif isinstance(value, bool) or not isinstance(value, int):
        kind = "invalid"
    elif value not in instrument.scale:
        kind = "range"
    else:
        return
    errors.setdefault(key, []).append(
        score_error(
            kind, label=label, instrument=instrument, for_resident=for_resident, value=value
        )
    )


def _resident_household_id(*, actor: Actor, resident: Resident) -> int:
    """The visible household the resident belongs to now. Not visible: a 404, as everywhere."""
    household_id = (
        HouseholdMember.objects.filter(
            resident=resident,
            until__isnull=True,
            household__in=households_visible_to(actor),
        )
        .values_list("household_id", flat=True)
        .first()
    )
    if household_id is None:
        raise Http404
    return household_id


def measurement_errors(
    *,
    instrument: Instrument,
    resident: Resident,
    scored_by: str,
    taken_on: dt.date | None,
    scores: Mapping[str, int | ItemScore | None],
    for_resident: bool = False,
) -> dict[str, list[str]]:
    """Every problem with a measurement at once, per date, item code or professional key: the
    one set of rules that the pages (before anything is saved), the API and `measurement_record`
    share. `taken_on` None: the date could not be read, so only the scores are checked.
    `for_resident`: items are named as the resident reads them."""
    errors: dict[str, list[str]] = {}
    if not instrument.active:
        errors.setdefault("instrument", []).append(_("This instrument is no longer in use."))
    if taken_on is not None:
        if taken_on > timezone.localdate():
            errors.setdefault("taken_on", []).append(_("A measurement cannot be in the future."))
        if resident.birth_date is not None and taken_on < resident.birth_date:
            errors.setdefault("taken_on", []).append(
                _("A measurement cannot be before the date of birth (%(date)s).")
                % {"date": date_format(resident.birth_date, "d-m-Y")}
            )

    items = list(instrument.items.all())
    known = {item.code for item in items}
    for code in sorted(set(scores) - known):
        errors.setdefault(code, []).append(
            _("%(instrument)s has no item %(item)s.")
            % {"instrument": instrument.name, "item": code}
        )
    for item in items:
        given = _as_item_score(scores.get(item.code))
        label = item.name_for_resident if for_resident else item.name
        _check_value(errors, item.code, label, given.value, instrument, for_resident=for_resident)
        if item.asks_professional and scored_by == ScoredBy.BOTH:
            _check_value(
                errors,
                professional_key(item.code),
                _("%(item)s (professional's view)") % {"item": item.name},
                given.professional,
                instrument,
            )
        elif given.professional is not None:
            errors.setdefault(professional_key(item.code), []).append(
                _("%(item)s has only one score.") % {"item": label}
            )
    return errors


@transaction.atomic
def measurement_record(
    *,
    actor: Actor,
    resident: Resident,
    instrument: Instrument,
    taken_on: dt.date,
    scores: Mapping[str, int | ItemScore | None],
    note: str = "",
) -> Measurement:
    """Record a measurement. Every item must be scored within the scale; any error and nothing is
    saved. Professionals in a case role record for members of households they may see; a resident
    records their own scores on an instrument the resident scores, and their own part (not the
    professional's view) of an instrument both score."""
    if actor.works_with_cases:
        household_id = _resident_household_id(actor=actor, resident=resident)
        scored_by = instrument.scored_by
    elif actor.is_resident and actor.resident_id == resident.pk:
        if instrument.scored_by not in (ScoredBy.RESIDENT, ScoredBy.BOTH):
            raise PermissionDenied
        household_id = _resident_household_id(actor=actor, resident=resident)
        scored_by = ScoredBy.RESIDENT
    else:
        raise Http404

    errors = measurement_errors(
        instrument=instrument,
        resident=resident,
        scored_by=scored_by,
        taken_on=taken_on,
        scores=scores,
        for_resident=actor.is_resident,
    )
    if errors:
        raise ValidationError(errors)
    items = list(instrument.items.all())
    checked = [(item, _as_item_score(scores.get(item.code))) for item in items]

    measurement = Measurement(
        resident=resident,
        household_id=household_id,
        instrument=instrument,
        taken_on=taken_on,
        scored_by=scored_by,
        recorded_by=actor.user,
        note=note.strip(),
    )
    measurement.full_clean()
    measurement.save()
    Score.objects.bulk_create(
        [
            Score(
                measurement=measurement,
                item=item,
                value=cast(int, given.value),  # checked above: never None here
                professional_value=given.professional,
            )
            for item, given in checked
        ]
    )
    after = snapshot(measurement)
    after["scores"] = {item.code: [given.value, given.professional] for item, given in checked}
    audit_record(
        actor_user=actor.user,
        action="measurement.record",
        instance=measurement,
        before=None,
        after=after,
        household_uuid=measurement.household.uuid if measurement.household else None,
    )
    # Imported here: plans builds on assessments (outcomes, follow-ups), not the other way round.
    from eenplan.plans.services import follow_up_mark_done

    follow_up_mark_done(actor=actor, measurement=measurement)
    return measurement

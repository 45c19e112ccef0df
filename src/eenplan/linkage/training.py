"""Training the linkage model on the register and the reviewers' labels."""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.conf import settings

from eenplan.linkage import engine
from eenplan.linkage.features import person_features
from eenplan.linkage.models import LinkageModel, LinkLabel
from eenplan.linkage.realtime import register_to_arrow
from eenplan.linkage.records import PersonRecord
from eenplan.linkage.selectors import linkage_model_current
from eenplan.linkage.services import linkage_model_store

# Fewer residents than this say nothing about how often names or birth dates agree by chance.
MIN_REGISTER = 50


class TooFewResidentsError(ValueError):
    pass


def record_from_identity(data: dict[str, Any]) -> PersonRecord:
    """The inverse of `services.record_identity` (without the BSN, which it never holds)."""
    birth = data.get("birth_date") or ""
    return PersonRecord(
        id=str(data.get("id") or "label"),
        given_names=data.get("given_names") or "",
        prefix=data.get("prefix") or "",
        surname=data.get("surname") or "",
        birth_date=dt.date.fromisoformat(birth) if birth else None,
        street=data.get("street") or "",
        house_number=data.get("house_number"),
        house_number_suffix=data.get("house_number_suffix") or "",
        postcode=data.get("postcode") or "",
        city=data.get("city") or "",
    )


def _resident_record(resident: Any) -> PersonRecord:
    return PersonRecord(
        id=str(resident.pk),
        given_names=resident.given_names,
        prefix=resident.surname_prefix,
        surname=resident.surname,
        birth_date=resident.birth_date,
        street=resident.street,
        house_number=resident.house_number,
        house_number_suffix=resident.house_number_suffix,
        postcode=resident.postcode,
        city=resident.city,
    )


def linkage_model_train(
    *,
    trained_by: Any = None,
    progress: Callable[[str], None] | None = None,
    options: engine.TrainingOptions | None = None,
) -> LinkageModel:
    """Learn u from the register (how often fields agree by chance), refine m with the labels.

    m starts from the current model (or the shipped one): a register without duplicates cannot
    show how a person's own records differ, the confirmed links of reviewers can.
    """
    register = register_to_arrow()
    if register.num_rows < MIN_REGISTER:
        raise TooFewResidentsError(register.num_rows)
    base = linkage_model_current().parameters
    con = engine.connect(memory_limit=settings.EENPLAN_LINK_MEMORY_LIMIT)
    try:
        engine.load_features(con, "register", register)
        params = engine.train(
            con,
            ["register"],
            base=base,
            options=options or engine.TrainingOptions(estimate_m=False),
            progress=progress,
        )
    finally:
        con.close()
    labels = list(LinkLabel.objects.filter(is_match=True).select_related("resident"))
    pairs = [
        (
            person_features(record_from_identity(label.record)),
            person_features(_resident_record(label.resident)),
        )
        for label in labels
    ]
    params = engine.blend_with_labels(params, pairs)
    data = params.to_json()
    data["meta"].update({"source": "register", "labels": len(labels)})
    return linkage_model_store(
        parameters=data,
        record_count=register.num_rows,
        label_count=LinkLabel.objects.count(),
        trained_by=trained_by,
    )

"""Writes of the linkage app: reviewers' labels and trained models, each audited."""

from typing import Any

from django.db import transaction

from eenplan.accounts.actor import Actor
from eenplan.households.models import Resident
from eenplan.linkage.models import LinkageModel, LinkLabel
from eenplan.linkage.records import PersonRecord
from eenplan.privacy.services import audit_record, snapshot


def record_identity(record: PersonRecord) -> dict[str, Any]:
    """The identity fields of a record as JSON; the BSN only as its keyed pseudonym."""
    return {
        "id": record.id,
        "bsn_pseudonym": record.bsn_pseudonym,
        "given_names": record.given_names,
        "prefix": record.prefix,
        "surname": record.surname,
        "birth_date": record.birth_date.isoformat() if record.birth_date else "",
        "street": record.street,
        "house_number": record.house_number,
        "house_number_suffix": record.house_number_suffix,
        "postcode": record.postcode,
        "city": record.city,
    }


@transaction.atomic
def link_label_record(
    *, actor: Actor, record: PersonRecord, resident_id: int, is_match: bool
) -> LinkLabel:
    """Keep a reviewer's decision on a proposed link, so the next training can learn from it."""
    resident = Resident.objects.only("id").get(pk=resident_id)
    label = LinkLabel(
        record=record_identity(record),
        resident=resident,
        is_match=is_match,
        decided_by=actor.user,
    )
    label.full_clean()
    label.save()
    audit_record(
        actor_user=actor.user,
        action="link_label",
        instance=label,
        before=None,
        after=snapshot(label),
    )
    return label


@transaction.atomic
def linkage_model_store(
    *,
    parameters: dict[str, Any],
    record_count: int,
    label_count: int = 0,
    trained_by: Any = None,
) -> LinkageModel:
    """Store a trained model and make it the current one."""
    previous = LinkageModel.objects.select_for_update().filter(is_current=True).first()
    if previous is not None:
        before = snapshot(previous)
        previous.is_current = False
        previous.save(update_fields=["is_current"])
        audit_record(
            actor_user=trained_by,
            action="linkage_model_retire",
            instance=previous,
            before=before,
            after=snapshot(previous),
        )
    model = LinkageModel(
        parameters=parameters,
        record_count=record_count,
        label_count=label_count,
        trained_by=trained_by,
        is_current=True,
    )
    model.full_clean()
    model.save()
    audit_record(
        actor_user=trained_by,
        action="linkage_model_train",
        instance=model,
        before=None,
        after={k: v for k, v in snapshot(model).items() if k != "parameters"},
    )
    return model

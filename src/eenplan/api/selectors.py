"""Reads the API needs that no domain app offers yet: organisations, and a signal's status for
the organisation that reported it. Neither holds personal data, so neither is access-logged."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404

from eenplan.accounts.actor import Actor
from eenplan.organisations.models import Organisation, Role
from eenplan.signalering.models import Signal
from eenplan.signalering.services import REPORTING_ROLES


def organisation_list() -> QuerySet[Organisation]:
    return Organisation.objects.order_by("name", "id").prefetch_related("teams__districts")


def organisation_get(*, organisation_uuid: uuid.UUID | str) -> Organisation:
    try:
        return organisation_list().get(uuid=organisation_uuid)
    except (Organisation.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc


def signal_for_reporter(*, actor: Actor, signal_uuid: uuid.UUID) -> Signal:
    """The signal if the actor's organisation reported it (a melder: if they reported it
    themselves); else 404, exactly like a signal that does not exist."""
    if actor.organisation_id is None or not actor.roles & REPORTING_ROLES:
        raise Http404
    qs = Signal.objects.filter(
        uuid=signal_uuid, source_organisation_id=actor.organisation_id, hidden_at__isnull=True
    )
    if actor.has_role(Role.MELDER) and not actor.works_with_cases:
        qs = qs.filter(reported_by=actor.user)
    signal = (
        qs.select_related("signal_type")
        .only("uuid", "reference", "status", "received_at", "closed_at", "signal_type__code")
        .first()
    )
    if signal is None:
        raise Http404
    return signal

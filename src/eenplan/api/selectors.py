"""Reads the API needs that no domain app offers yet: organisations hold no personal data."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404

from eenplan.organisations.models import Organisation


def organisation_list() -> QuerySet[Organisation]:
    return Organisation.objects.order_by("name", "id").prefetch_related("teams__districts")


def organisation_get(*, organisation_uuid: uuid.UUID | str) -> Organisation:
    try:
        return organisation_list().get(uuid=organisation_uuid)
    except (Organisation.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc

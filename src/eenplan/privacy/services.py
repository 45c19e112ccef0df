"""Writes of the privacy domain: access-log entries, audit events and break-the-glass grants."""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import uuid
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.accounts.actor import Actor
from eenplan.privacy.models import (
    AccessEvent,
    AccessLogEntry,
    AccessLogHead,
    AccessLogSubject,
    AccessPurpose,
    AuditEvent,
    BreakTheGlassGrant,
)

# Fields never copied into an audit snapshot.
_REDACTED_FIELDS = {"password", "bsn_encrypted", "bsn_pseudonym", "key"}

Subject = tuple[uuid.UUID, uuid.UUID | None]  # (resident uuid, household uuid)


def access_entry_digest(entry: AccessLogEntry, subjects: Iterable[Subject], prev_hash: str) -> str:
    """The hash that chains `entry` to its predecessor. Any change to a field or subject changes it."""
    payload = {
        "seq": entry.seq,
        "at": entry.at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "user_id": entry.user_id,
        "username": entry.username,
        "organisation": entry.organisation,
        "role": entry.role,
        "event": entry.event,
        "channel": entry.channel,
        "purpose": entry.purpose,
        "reason": entry.reason,
        "ip": entry.ip_address or "",
        "subjects": [[str(r), str(h) if h else ""] for r, h in subjects],
        "prev": prev_hash,
    }
    blob = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()


def access_log_record(
    *,
    actor: Actor,
    event: str,
    subjects: Iterable[Subject],
    purpose: str = AccessPurpose.NORMAL,
    reason: str = "",
) -> AccessLogEntry:
    """Append one entry for a read of resident data. Its own (nested) transaction, so the chain
    lock is held only for the four statements it takes."""
    unique_subjects = list(dict.fromkeys(subjects))
    with transaction.atomic():
        head = AccessLogHead.objects.select_for_update().get(pk=1)
        entry = AccessLogEntry(
            seq=head.last_seq + 1,
            at=timezone.now(),
            user_id=actor.user.pk,
            username=actor.user.get_username(),
            organisation=actor.organisation_name,
            role=actor.role or ("inwoner" if actor.resident_id else ""),
            event=event,
            channel=actor.channel,
            purpose=purpose,
            reason=reason,
            ip_address=actor.ip_address,
            prev_hash=head.last_hash,
        )
        entry.hash = access_entry_digest(entry, unique_subjects, head.last_hash)
        entry.save(force_insert=True)
        AccessLogSubject.objects.bulk_create(
            [
                AccessLogSubject(entry=entry, resident_uuid=r, household_uuid=h)
                for r, h in unique_subjects
            ]
        )
        AccessLogHead.objects.filter(pk=1).update(last_seq=entry.seq, last_hash=entry.hash)
    return entry


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID | decimal.Decimal):
        return str(value)
    return value


def snapshot(instance: models.Model, *, with_m2m: bool = False) -> dict[str, Any]:
    """The object's own fields as JSON, secrets redacted; foreign keys as ids."""
    data: dict[str, Any] = {}
    for f in instance._meta.concrete_fields:
        if f.name in _REDACTED_FIELDS:
            data[f.name] = "[redacted]" if getattr(instance, f.attname) else ""
            continue
        data[f.attname] = _jsonable(getattr(instance, f.attname))
    if with_m2m and instance.pk:
        for m2m in instance._meta.many_to_many:
            data[m2m.name] = sorted(getattr(instance, m2m.name).values_list("pk", flat=True))
    return data


def audit_record(
    *,
    actor_user: Any,
    action: str,
    instance: models.Model,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    household_uuid: uuid.UUID | None = None,
) -> AuditEvent:
    """Record a write. Must run inside the write's transaction, so both commit or neither does."""
    if not connection.in_atomic_block:
        raise RuntimeError("audit_record must run inside the transaction of the write it records")
    return AuditEvent.objects.create(
        actor_id=getattr(actor_user, "pk", None),
        actor_username=actor_user.get_username() if actor_user is not None else "system",
        action=action,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        household_uuid=household_uuid,
        before=before,
        after=after,
    )


MIN_REASON_LENGTH = 20


@transaction.atomic
def break_the_glass_grant(*, actor: Actor, household: Any, reason: str) -> BreakTheGlassGrant:
    """Emergency access for `actor` to `household`, for a limited time, with a written reason."""
    if not actor.works_with_cases:
        raise PermissionDenied
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise ValidationError(
            {
                "reason": _("Write down why you need access now, in at least %(count)d characters.")
                % {"count": MIN_REASON_LENGTH}
            }
        )
    grant = BreakTheGlassGrant(
        user=actor.user,
        household=household,
        reason=reason,
        expires_at=timezone.now() + dt.timedelta(hours=settings.BREAK_THE_GLASS_HOURS),
    )
    grant.full_clean()
    grant.save()
    audit_record(
        actor_user=actor.user,
        action="break_the_glass.grant",
        instance=grant,
        before=None,
        after=snapshot(grant),
        household_uuid=household.uuid,
    )
    # The people who work with the household see on its timeline that someone broke the glass.
    from eenplan.households.timeline import timeline_add

    timeline_add(
        household=household,
        kind="break_the_glass",
        actor=actor,
        data={"user": actor.user.get_full_name() or actor.user.get_username()},
    )
    subjects = [
        (uuid_, household.uuid)
        for uuid_ in household.members.filter(until__isnull=True).values_list(
            "resident__uuid", flat=True
        )
    ]
    access_log_record(
        actor=actor,
        event=AccessEvent.BREAK_THE_GLASS,
        subjects=subjects,
        purpose=AccessPurpose.BREAK_THE_GLASS,
        reason=reason,
    )
    return grant


@transaction.atomic
def break_the_glass_review(
    *, actor: Actor, grant: BreakTheGlassGrant, note: str
) -> BreakTheGlassGrant:
    """The privacy officer marks an emergency access as reviewed, with a note."""
    if not actor.has_role("privacy"):
        raise PermissionDenied
    before = snapshot(grant)
    grant.reviewed_by = actor.user
    grant.reviewed_at = timezone.now()
    grant.review_note = (note or "").strip()
    grant.full_clean()
    grant.save()
    audit_record(
        actor_user=actor.user,
        action="break_the_glass.review",
        instance=grant,
        before=before,
        after=snapshot(grant),
    )
    return grant

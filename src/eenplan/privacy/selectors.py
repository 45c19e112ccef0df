"""Reads for the privacy officer: the access log and the emergency accesses to review.

Only the privacy role reads these. The log shows who looked at whose data; it names residents by
name and birth date only, never with case content. The officer's own searches are logged too.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import F, Prefetch, QuerySet
from django.http import Http404

from eenplan.accounts.actor import Actor
from eenplan.households.bsn import bsn_pseudonym, normalise_bsn
from eenplan.households.models import Resident
from eenplan.households.normalise import fold
from eenplan.organisations.models import Role
from eenplan.privacy.models import (
    AccessEvent,
    AccessLogEntry,
    AccessLogSubject,
    BreakTheGlassGrant,
)
from eenplan.privacy.services import access_log_record


def _require_privacy_officer(actor: Actor) -> None:
    if not actor.has_role(Role.PRIVACY):
        raise PermissionDenied


def resident_uuids_matching(
    *, actor: Actor, bsn: str = "", name: str = "", birth_date: dt.date | None = None
) -> list[uuid.UUID]:
    """The residents a BSN (through its pseudonym) or a name plus birth date points at. Only
    their uuids: the officer searches the log, not the files."""
    _require_privacy_officer(actor)
    if bsn:
        return list(
            Resident.objects.filter(bsn_pseudonym=bsn_pseudonym(normalise_bsn(bsn))).values_list(
                "uuid", flat=True
            )
        )
    if name and birth_date:
        return list(
            Resident.objects.filter(
                birth_date=birth_date, search_name__contains=fold(name)
            ).values_list("uuid", flat=True)[:100]
        )
    return []


@dataclass(frozen=True)
class SubjectRow:
    resident_uuid: uuid.UUID
    name: str
    birth_date: dt.date | None


@dataclass
class AccessLogRow:
    entry: AccessLogEntry
    residents: list[SubjectRow] = field(default_factory=list)

    @property
    def is_break_the_glass(self) -> bool:
        return (
            self.entry.event == AccessEvent.BREAK_THE_GLASS or self.entry.purpose == "noodtoegang"
        )


def access_log_entries(
    *,
    actor: Actor,
    household_uuid: uuid.UUID | str | None = None,
    resident_uuid: uuid.UUID | str | None = None,
    resident_uuids: Iterable[uuid.UUID] | None = None,
    username: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> QuerySet[AccessLogEntry]:
    """The entries matching every criterion given, newest first. Unevaluated."""
    _require_privacy_officer(actor)
    qs = AccessLogEntry.objects.all()
    try:
        if household_uuid:
            qs = qs.filter(
                seq__in=AccessLogSubject.objects.filter(household_uuid=household_uuid).values(
                    "entry_id"
                )
            )
        wanted = set(resident_uuids or [])
        if resident_uuid:
            wanted.add(uuid.UUID(str(resident_uuid)))
        if resident_uuids is not None or resident_uuid:
            qs = qs.filter(
                seq__in=AccessLogSubject.objects.filter(resident_uuid__in=wanted).values("entry_id")
            )
    except (ValueError, ValidationError):
        return AccessLogEntry.objects.none()
    if username:
        qs = qs.filter(username__iexact=username.strip())
    if since:
        qs = qs.filter(at__date__gte=since)
    if until:
        qs = qs.filter(at__date__lte=until)
    return qs.order_by("-seq")


def access_log_search(
    *,
    actor: Actor,
    household_uuid: uuid.UUID | str | None = None,
    resident_uuid: uuid.UUID | str | None = None,
    resident_uuids: Iterable[uuid.UUID] | None = None,
    username: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    page: int | str = 1,
    per_page: int = 50,
) -> Page:
    """One page of the access log as `AccessLogRow`s, with the residents each entry concerned
    (name and birth date only: no case content). A constant number of queries."""
    qs = access_log_entries(
        actor=actor,
        household_uuid=household_uuid,
        resident_uuid=resident_uuid,
        resident_uuids=resident_uuids,
        username=username,
        since=since,
        until=until,
    ).prefetch_related(
        Prefetch(
            "subjects", queryset=AccessLogSubject.objects.order_by("id"), to_attr="all_subjects"
        )
    )
    result = Paginator(qs, per_page).get_page(page)
    entries: list[AccessLogEntry] = list(result.object_list)
    subject_rows = [s for e in entries for s in e.all_subjects]  # type: ignore[attr-defined]
    residents = {
        r.uuid: r
        for r in Resident.objects.filter(uuid__in={s.resident_uuid for s in subject_rows}).only(
            "uuid", "given_names", "surname_prefix", "surname", "birth_date"
        )
    }
    rows = []
    for entry in entries:
        row = AccessLogRow(entry=entry)
        for subject in entry.all_subjects:  # type: ignore[attr-defined]
            resident = residents.get(subject.resident_uuid)
            row.residents.append(
                SubjectRow(
                    resident_uuid=subject.resident_uuid,
                    name=resident.full_name if resident else "",
                    birth_date=resident.birth_date if resident else None,
                )
            )
        rows.append(row)
    result.object_list = rows  # type: ignore[assignment]
    shown = list(dict.fromkeys((s.resident_uuid, s.household_uuid) for s in subject_rows))
    if shown:
        # The officer saw names and birth dates: that read is accounted for like any other.
        access_log_record(actor=actor, event=AccessEvent.SEARCH, subjects=shown)
    return result


def break_the_glass_grants(*, actor: Actor) -> QuerySet[BreakTheGlassGrant]:
    """Every emergency access, the ones not yet reviewed first."""
    _require_privacy_officer(actor)
    return BreakTheGlassGrant.objects.select_related("user", "household", "reviewed_by").order_by(
        F("reviewed_at").asc(nulls_first=True), "-granted_at"
    )


def break_the_glass_grant_get(*, actor: Actor, grant_uuid: uuid.UUID | str) -> BreakTheGlassGrant:
    try:
        return break_the_glass_grants(actor=actor).get(uuid=grant_uuid)
    except (BreakTheGlassGrant.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc


def unreviewed_grant_count(*, actor: Actor) -> int:
    """For a badge in the privacy officer's navigation: one indexed COUNT."""
    if not actor.has_role(Role.PRIVACY):
        return 0
    return BreakTheGlassGrant.objects.filter(reviewed_at__isnull=True).count()

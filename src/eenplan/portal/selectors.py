"""What a resident sees about themselves: their household, plan, contact person, who is involved,
and who looked at their file. Reads go through the household selectors, so they are logged
(purpose: own file) like any other read."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied

from eenplan.accounts.actor import Actor
from eenplan.households.models import Resident
from eenplan.households.selectors import HouseholdDetail, household_detail, households_visible_to
from eenplan.organisations.models import Membership
from eenplan.privacy.models import AccessLogEntry, AccessLogSubject

HISTORY_LENGTH = 50


@dataclass(frozen=True)
class ContactPerson:
    name: str
    organisation: str
    phone: str
    email: str


@dataclass
class ResidentHome:
    resident: Resident
    detail: HouseholdDetail | None
    coordinator: ContactPerson | None
    coordinator_resident: Resident | None
    backup: ContactPerson | None


def _contacts(users: list) -> dict[int, ContactPerson]:  # type: ignore[type-arg]
    """Name, organisation, phone and e-mail of professionals, in one query for their memberships.
    The team's or organisation's phone and e-mail stand in for a missing personal one."""
    users = [u for u in users if u is not None]
    if not users:
        return {}
    memberships: dict[int, Membership] = {}
    for found in (
        Membership.objects.filter(user__in=users, active=True)
        .select_related("organisation", "team")
        .order_by("id")
    ):
        memberships.setdefault(found.user_id, found)
    contacts = {}
    for user in users:
        membership = memberships.get(user.pk)
        team = membership.team if membership else None
        organisation = membership.organisation if membership else None
        contacts[user.pk] = ContactPerson(
            name=user.get_full_name() or user.get_username(),
            organisation=organisation.name if organisation else "",
            phone=user.phone
            or (team.phone if team else "")
            or (organisation.phone if organisation else ""),
            email=user.email
            or (team.email if team else "")
            or (organisation.email if organisation else ""),
        )
    return contacts


def resident_home(*, actor: Actor) -> ResidentHome:
    """The resident's own page. Logged as a read of the household with purpose 'own file'."""
    if not actor.is_resident:
        raise PermissionDenied
    resident = Resident.objects.get(pk=actor.resident_id or 0)
    household_uuid = households_visible_to(actor).values_list("uuid", flat=True).first()
    if household_uuid is None:
        return ResidentHome(
            resident=resident, detail=None, coordinator=None, coordinator_resident=None, backup=None
        )
    detail = household_detail(actor=actor, household_uuid=household_uuid)
    plan = detail.active_plan
    coordinator = backup = None
    coordinator_resident = None
    if plan is not None:
        contacts = _contacts([plan.coordinator_professional, plan.backup_professional])
        if plan.coordinator_professional_id:
            coordinator = contacts.get(plan.coordinator_professional_id)
        if plan.backup_professional_id:
            backup = contacts.get(plan.backup_professional_id)
        coordinator_resident = plan.coordinator_resident
    return ResidentHome(
        resident=resident,
        detail=detail,
        coordinator=coordinator,
        coordinator_resident=coordinator_resident,
        backup=backup,
    )


def own_access_history(*, actor: Actor, limit: int = HISTORY_LENGTH) -> list[AccessLogEntry]:
    """'Who looked at my file': the newest entries about this resident, by others than
    themselves. Only the organisation, the role and what was done are shown, not the username."""
    if not actor.is_resident:
        raise PermissionDenied
    resident_uuid = (
        Resident.objects.filter(pk=actor.resident_id or 0).values_list("uuid", flat=True).get()
    )
    return list(
        AccessLogEntry.objects.filter(
            seq__in=AccessLogSubject.objects.filter(resident_uuid=resident_uuid).values("entry_id")
        )
        .exclude(user_id=actor.user.pk)
        .only("seq", "at", "organisation", "role", "event", "purpose", "reason", "channel")
        .order_by("-seq")[:limit]
    )

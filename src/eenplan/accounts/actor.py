"""Who is acting, on whose behalf, from where: what every selector and service needs to decide and log.

Built once per request (`actor_from_request`) or for a user outside a request (`actor_for_user`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.http import HttpRequest

from eenplan.organisations.models import CASE_ROLES, Membership, Role

if TYPE_CHECKING:
    from eenplan.accounts.models import User


@dataclass(frozen=True)
class Actor:
    user: User
    # The organisation and role the user acts for: the first active membership.
    organisation_id: int | None = None
    organisation_name: str = ""
    may_process_bsn: bool = False
    role: str = ""
    roles: frozenset[str] = frozenset()
    team_ids: frozenset[int] = frozenset()
    lead_team_ids: frozenset[int] = frozenset()
    resident_id: int | None = None
    ip_address: str | None = None
    channel: str = "web"
    extra: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    @property
    def user_id(self) -> int:
        return self.user.pk

    @property
    def is_resident(self) -> bool:
        return self.resident_id is not None and not self.roles

    @property
    def works_with_cases(self) -> bool:
        return bool(self.roles & CASE_ROLES)

    def has_role(self, role: str) -> bool:
        return role in self.roles

    @property
    def role_label(self) -> str:
        if self.role:
            return str(Role(self.role).label)
        return "inwoner" if self.resident_id else ""


def actor_for_user(user: User, *, ip_address: str | None = None, channel: str = "web") -> Actor:
    memberships = list(
        Membership.objects.filter(user=user, active=True)
        .select_related("organisation")
        .order_by("id")
    )
    from eenplan.households.models import Resident

    resident_id = Resident.objects.filter(user=user).values_list("pk", flat=True).first()
    first = memberships[0] if memberships else None
    return Actor(
        user=user,
        organisation_id=first.organisation_id if first else None,
        organisation_name=first.organisation.name if first else "",
        may_process_bsn=bool(first and first.organisation.may_process_bsn),
        role=first.role if first else "",
        roles=frozenset(m.role for m in memberships),
        team_ids=frozenset(m.team_id for m in memberships if m.team_id),
        lead_team_ids=frozenset(
            m.team_id for m in memberships if m.team_id and m.role == Role.TEAMLEIDER
        ),
        resident_id=resident_id,
        ip_address=ip_address,
        channel=channel,
    )


def client_ip(request: HttpRequest) -> str | None:
    # Behind a proxy, the proxy must set REMOTE_ADDR correctly (gunicorn --forwarded-allow-ips).
    return request.META.get("REMOTE_ADDR") or None


def actor_from_request(request: HttpRequest, *, channel: str | None = None) -> Actor:
    cached = getattr(request, "_eenplan_actor", None)
    if cached is not None and (channel is None or cached.channel == channel):
        return cached
    if channel is None:
        channel = "api" if request.path.startswith("/api/") else "web"
    actor = actor_for_user(request.user, ip_address=client_ip(request), channel=channel)  # type: ignore[arg-type]
    request._eenplan_actor = actor  # type: ignore[attr-defined]
    return actor

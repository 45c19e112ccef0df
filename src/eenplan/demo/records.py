"""Demo households described in memory, then written in bulk with their timeline.

The demo bypasses the household services on purpose: they audit and log every single write,
which is right for real work and far too slow for 100,000 fictional households. The load as a
whole writes one audit event instead (see `generator.demo_load`).
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from eenplan.accounts.models import User
from eenplan.areas.models import Neighbourhood
from eenplan.households.bsn import bsn_pseudonym, encrypt_bsn
from eenplan.households.models import (
    Household,
    HouseholdMember,
    Involvement,
    Resident,
    TimelineEvent,
)
from eenplan.households.normalise import search_name
from eenplan.organisations.models import Organisation, Team
from eenplan.plans.models import Plan, PlanStatus
from eenplan.taxonomy.models import LifeDomain

_BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2)


def random_uuid(rng: random.Random) -> uuid.UUID:
    """A version-4 uuid drawn from `rng`, so the same seed gives the same demo."""
    return uuid.UUID(int=rng.getrandbits(128), version=4)


class BsnSource:
    """Valid (elfproef), distinct BSNs drawn from `rng`, none of them already registered."""

    def __init__(self, rng: random.Random, *, taken_pseudonyms: frozenset[str] = frozenset()):
        self.rng = rng
        self.issued: set[str] = set()
        self.taken_pseudonyms = taken_pseudonyms

    def next(self) -> str:
        while True:
            # Demo BSNs start with a 9, above the numbers issued to people so far, so that a
            # demo number is unlikely to be anyone's real one.
            digits = [9] + [self.rng.randint(0, 9) for _ in range(7)]
            check = sum(d * w for d, w in zip(digits, _BSN_WEIGHTS, strict=True)) % 11
            if check == 10:
                continue
            bsn = "".join(map(str, digits)) + str(check)
            if bsn in self.issued:
                continue
            if self.taken_pseudonyms and bsn_pseudonym(bsn) in self.taken_pseudonyms:
                continue
            self.issued.add(bsn)
            return bsn


@dataclass
class Address:
    postcode: str
    house_number: int
    house_number_suffix: str
    street: str
    city: str
    neighbourhood: Neighbourhood | None

    def fields(self) -> dict[str, Any]:
        return {
            "postcode": self.postcode,
            "house_number": self.house_number,
            "house_number_suffix": self.house_number_suffix,
            "street": self.street,
            "city": self.city,
        }


@dataclass
class PendingMember:
    given_names: str
    surname_prefix: str
    surname: str
    birth_date: dt.date
    relation: str
    bsn: str = ""
    uuid: uuid.UUID | None = None
    user: User | None = None
    since: dt.date | None = None
    resident: Resident | None = None  # set when written


@dataclass
class PendingInvolvement:
    organisation: Organisation
    domains: Sequence[str]
    basis: str
    since: dt.date
    team: Team | None = None
    professional: User | None = None


@dataclass
class PendingPlan:
    started_on: dt.date
    coordinator_professional: User | None = None
    coordinator_member: int | None = None  # index into members: a resident coordinates
    backup_professional: User | None = None
    summary: str = ""


@dataclass
class PendingHousehold:
    name: str
    address: Address
    since: dt.date
    members: list[PendingMember]
    involvements: list[PendingInvolvement] = field(default_factory=list)
    plan: PendingPlan | None = None
    uuid: uuid.UUID | None = None
    household: Household | None = None  # set when written


@dataclass
class WriteCounts:
    households: int = 0
    residents: int = 0
    involvements: int = 0
    plans: int = 0
    timeline_events: int = 0

    def add(self, other: WriteCounts) -> None:
        self.households += other.households
        self.residents += other.residents
        self.involvements += other.involvements
        self.plans += other.plans
        self.timeline_events += other.timeline_events

    def as_dict(self) -> dict[str, int]:
        return {
            "households": self.households,
            "residents": self.residents,
            "involvements": self.involvements,
            "plans": self.plans,
            "timeline_events": self.timeline_events,
        }


def _moment(day: dt.date, rng: random.Random) -> dt.datetime:
    """A plausible office-hours moment on `day`, in the current time zone."""
    naive = dt.datetime.combine(day, dt.time(rng.randint(8, 17), rng.randint(0, 59)))
    return min(timezone.make_aware(naive), timezone.now())


def households_write(
    pending: Sequence[PendingHousehold],
    *,
    domain_ids: dict[str, int],
    rng: random.Random,
    batch_size: int = 2000,
) -> WriteCounts:
    """Write `pending` households with members, involvements, plans and timeline, in bulk."""
    counts = WriteCounts()
    households = []
    for item in pending:
        item.household = Household(
            uuid=item.uuid or random_uuid(rng),
            name=item.name,
            neighbourhood=item.address.neighbourhood,
            **item.address.fields(),
        )
        households.append(item.household)
    Household.objects.bulk_create(households, batch_size=batch_size)
    counts.households = len(households)

    residents = []
    for item in pending:
        for member in item.members:
            member.resident = Resident(
                uuid=member.uuid or random_uuid(rng),
                given_names=member.given_names,
                surname_prefix=member.surname_prefix,
                surname=member.surname,
                birth_date=member.birth_date,
                bsn_encrypted=encrypt_bsn(member.bsn) if member.bsn else "",
                bsn_pseudonym=bsn_pseudonym(member.bsn) if member.bsn else None,
                search_name=search_name(member.given_names, member.surname_prefix, member.surname),
                user=member.user,
                **item.address.fields(),
            )
            residents.append(member.resident)
    Resident.objects.bulk_create(residents, batch_size=batch_size)
    counts.residents = len(residents)

    memberships = []
    events = []
    for item in pending:
        assert item.household is not None
        events.append(
            TimelineEvent(
                household=item.household,
                occurred_at=_moment(item.since, rng),
                kind="household.created",
                data={},
            )
        )
        for member in item.members:
            since = member.since or max(item.since, member.birth_date)
            memberships.append(
                HouseholdMember(
                    household=item.household,
                    resident=member.resident,
                    relation=member.relation,
                    since=since,
                )
            )
            events.append(
                TimelineEvent(
                    household=item.household,
                    occurred_at=_moment(since, rng),
                    kind="member.added",
                    data={"name": member.resident.full_name if member.resident else ""},
                )
            )
    HouseholdMember.objects.bulk_create(memberships, batch_size=batch_size)

    involvements = []
    involvement_domains = []
    for item in pending:
        for pending_involvement in item.involvements:
            involvement = Involvement(
                uuid=random_uuid(rng),
                household=item.household,
                organisation=pending_involvement.organisation,
                team=pending_involvement.team,
                professional=pending_involvement.professional,
                basis=pending_involvement.basis,
                since=pending_involvement.since,
            )
            involvements.append(involvement)
            involvement_domains.append(pending_involvement.domains)
            events.append(
                TimelineEvent(
                    household=item.household,
                    occurred_at=_moment(pending_involvement.since, rng),
                    kind="involvement.started",
                    data={"organisation": pending_involvement.organisation.name},
                    actor=pending_involvement.professional,
                    organisation=pending_involvement.organisation,
                )
            )
    Involvement.objects.bulk_create(involvements, batch_size=batch_size)
    through = Involvement.domains.through
    through.objects.bulk_create(
        [
            through(involvement_id=involvement.pk, lifedomain_id=domain_ids[code])
            for involvement, codes in zip(involvements, involvement_domains, strict=True)
            for code in dict.fromkeys(codes)
        ],
        batch_size=batch_size,
    )
    counts.involvements = len(involvements)

    plans = []
    for item in pending:
        if item.plan is None:
            continue
        plan = item.plan
        coordinator_resident = (
            item.members[plan.coordinator_member].resident
            if plan.coordinator_member is not None
            else None
        )
        plans.append(
            Plan(
                uuid=random_uuid(rng),
                household=item.household,
                status=PlanStatus.ACTIVE,
                summary=plan.summary,
                started_on=plan.started_on,
                coordinator_professional=plan.coordinator_professional,
                coordinator_resident=coordinator_resident,
                backup_professional=plan.backup_professional,
            )
        )
        coordinator = plan.coordinator_professional or coordinator_resident
        events.append(
            TimelineEvent(
                household=item.household,
                occurred_at=_moment(plan.started_on, rng),
                kind="plan.started",
                data={"coordinator": str(coordinator)},
                actor=plan.coordinator_professional or plan.backup_professional,
            )
        )
    Plan.objects.bulk_create(plans, batch_size=batch_size)
    counts.plans = len(plans)

    TimelineEvent.objects.bulk_create(events, batch_size=batch_size)
    counts.timeline_events = len(events)
    return counts


def life_domain_ids() -> dict[str, int]:
    return dict(LifeDomain.objects.values_list("code", "pk"))

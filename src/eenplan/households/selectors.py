"""Reads of households and residents. Need-to-know is enforced here, and every read is logged.

A household is visible to a professional who coordinates its active plan (or is the backup), who
is involved or whose team is involved, who leads the team covering its district, or who holds an
unexpired break-the-glass grant. A resident sees their own household. Anything else does not exist
(`Http404`), wherever it is asked for.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from eenplan.accounts.actor import Actor
from eenplan.households.bsn import bsn_pseudonym, decrypt_bsn, mask_bsn, normalise_bsn
from eenplan.households.models import (
    Household,
    HouseholdMember,
    Involvement,
    Resident,
    TimelineEvent,
)
from eenplan.households.normalise import fold, parse_dutch_date, postcode_prefix
from eenplan.organisations.models import Membership, Team
from eenplan.plans.models import Plan, PlanStatus
from eenplan.privacy.models import AccessEvent, AccessPurpose, BreakTheGlassGrant
from eenplan.privacy.services import access_log_record


def lead_district_ids(actor: Actor) -> Sequence[int]:
    if not actor.lead_team_ids:
        return []
    return list(
        Team.districts.through.objects.filter(team_id__in=actor.lead_team_ids).values_list(
            "district_id", flat=True
        )
    )


def households_visible_to(actor: Actor, *, include_grants: bool = True) -> QuerySet[Household]:
    """The households `actor` may see. Never evaluated here: callers filter and slice further."""
    if actor.is_resident and actor.resident_id is not None:
        return Household.objects.filter(
            pk__in=HouseholdMember.objects.filter(
                resident_id=actor.resident_id, until__isnull=True
            ).values("household_id")
        )
    if not actor.works_with_cases:
        return Household.objects.none()
    user = actor.user
    # One UNION of small id sets, so the database starts from the actor's few households and
    # looks them up by primary key, instead of testing every household against each rule.
    sources: list[QuerySet] = [
        Plan.objects.filter(status=PlanStatus.ACTIVE)
        .filter(Q(coordinator_professional=user) | Q(backup_professional=user))
        .values("household_id")
        .order_by(),
        # A closed plan's follow-up measurement is the coordinator's task: until it is done,
        # they keep the access it needs.
        # (`follow_up__isnull=False`: without it the outer join also matches closed plans that
        # have no follow-up at all, and the former coordinator would keep access for ever.)
        Plan.objects.filter(
            status=PlanStatus.CLOSED, follow_up__isnull=False, follow_up__done_at__isnull=True
        )
        .filter(Q(coordinator_professional=user) | Q(backup_professional=user))
        .values("household_id")
        .order_by(),
        Involvement.objects.filter(until__isnull=True)
        .filter(Q(professional=user) | Q(team_id__in=actor.team_ids))
        .values("household_id")
        .order_by(),
    ]
    districts = lead_district_ids(actor)
    if districts:
        sources.append(
            Household.objects.filter(neighbourhood__district_id__in=districts)
            .values("pk")
            .order_by()
        )
    if include_grants:
        sources.append(
            BreakTheGlassGrant.objects.filter(user=user, expires_at__gt=timezone.now())
            .values("household_id")
            .order_by()
        )
    return Household.objects.filter(pk__in=sources[0].union(*sources[1:]))


# A household row needs its neighbourhood's and district's names, not the district's boundary.
_AREA_BULK = ("neighbourhood__district__geometry",)


def page_by_household(*, actor: Actor, rows: QuerySet, page: int, per_page: int) -> Page:
    """One page of `rows` (plans, meetings, ... each with a `household`), logged as one read of
    every current member of the households on the page."""
    rows = rows.select_related("household").prefetch_related(
        Prefetch(
            "household__members",
            queryset=HouseholdMember.objects.filter(until__isnull=True)
            .select_related("resident")
            .only("id", "household_id", "resident__uuid"),
            to_attr="current_members",
        )
    )
    result = Paginator(rows, per_page).get_page(page)
    subjects = [
        (member.resident.uuid, row.household.uuid)
        for row in result.object_list
        for member in row.household.current_members
    ]
    if subjects:
        access_log_record(actor=actor, event=AccessEvent.HOUSEHOLD_LIST, subjects=subjects)
    return result


def _current_members_prefetch() -> Prefetch:
    return Prefetch(
        "members",
        queryset=HouseholdMember.objects.filter(until__isnull=True)
        .select_related("resident")
        .order_by("since", "id"),
        to_attr="current_members",
    )


def _active_plan_prefetch(*, with_organisations: bool = False) -> Prefetch:
    plans = Plan.objects.filter(status=PlanStatus.ACTIVE).select_related(
        "coordinator_professional", "coordinator_resident", "backup_professional"
    )
    if with_organisations:
        # Where the coordinator and the backup work, for the household page's contact details.
        memberships = Membership.objects.filter(active=True).select_related("organisation")
        plans = plans.prefetch_related(
            Prefetch(
                "coordinator_professional__memberships",
                queryset=memberships,
                to_attr="coordinator_memberships",
            ),
            Prefetch(
                "backup_professional__memberships",
                queryset=memberships,
                to_attr="backup_memberships",
            ),
        )
    return Prefetch("plans", queryset=plans, to_attr="active_plans")


def _subjects(households: Iterable[Household]) -> list[tuple[uuid.UUID, uuid.UUID | None]]:
    return [
        (member.resident.uuid, household.uuid)
        for household in households
        for member in getattr(household, "current_members", [])
    ]


CASELOAD_ORDERINGS = {
    "naam": ("name", "id"),
    "-naam": ("-name", "-id"),
    "postcode": ("postcode", "house_number", "id"),
    "-postcode": ("-postcode", "-house_number", "-id"),
    "gewijzigd": ("updated_at", "id"),
    "-gewijzigd": ("-updated_at", "-id"),
}

CASELOAD_FILTERS = ("alle", "regie", "betrokken", "team")


@dataclass(frozen=True)
class CaseloadQuery:
    search: str = ""
    filter: str = "alle"
    ordering: str = "naam"
    page: int | str = 1
    per_page: int = 25


def _search_filter(text: str) -> Q | None:
    """Search by name, postcode or birth date, whichever the text looks like."""
    text = text.strip()
    if not text:
        return None
    birth_date = parse_dutch_date(text)
    if birth_date:
        return Q(members__until__isnull=True, members__resident__birth_date=birth_date)
    postcode = postcode_prefix(text)
    if postcode:
        return Q(postcode__startswith=postcode)
    return Q(members__until__isnull=True, members__resident__search_name__contains=fold(text))


def _relation_prefetches(actor: Actor) -> list[Prefetch]:
    """The actor's own involvements and grants per household, to say why it is on their list."""
    return [
        Prefetch(
            "involvements",
            queryset=Involvement.objects.filter(until__isnull=True).filter(
                Q(professional=actor.user) | Q(team_id__in=actor.team_ids)
            ),
            to_attr="actor_involvements",
        ),
        Prefetch(
            "break_the_glass_grants",
            queryset=BreakTheGlassGrant.objects.filter(
                user=actor.user, expires_at__gt=timezone.now()
            ),
            to_attr="actor_grants",
        ),
    ]


def household_caseload(*, actor: Actor, query: CaseloadQuery) -> Page:
    """'Mijn huishoudens': one page of the households `actor` may see, searched, filtered, sorted."""
    qs = households_visible_to(actor)
    user = actor.user
    if query.filter == "regie":
        qs = qs.filter(
            pk__in=Plan.objects.filter(status=PlanStatus.ACTIVE, coordinator_professional=user)
            .values("household_id")
            .order_by()
        )
    elif query.filter == "betrokken":
        qs = qs.filter(
            pk__in=Involvement.objects.filter(until__isnull=True, professional=user)
            .values("household_id")
            .order_by()
        )
    elif query.filter == "team":
        qs = qs.filter(
            pk__in=Involvement.objects.filter(until__isnull=True, team_id__in=actor.team_ids)
            .values("household_id")
            .order_by()
        )
    condition = _search_filter(query.search)
    if condition is not None:
        qs = qs.filter(pk__in=Household.objects.filter(condition).values("pk").order_by())
    ordering = CASELOAD_ORDERINGS.get(query.ordering, CASELOAD_ORDERINGS["naam"])
    qs = (
        qs.order_by(*ordering)
        .select_related("neighbourhood__district")
        .defer(*_AREA_BULK)
        .prefetch_related(
            _current_members_prefetch(), _active_plan_prefetch(), *_relation_prefetches(actor)
        )
    )
    page = Paginator(qs, query.per_page).get_page(query.page)
    event = AccessEvent.SEARCH if query.search.strip() else AccessEvent.HOUSEHOLD_LIST
    if page.object_list:
        access_log_record(actor=actor, event=event, subjects=_subjects(page.object_list))
    return page


def access_purpose_for(actor: Actor, household: Household) -> tuple[str, str, dt.datetime | None]:
    """Normal work, or emergency access when only a break-the-glass grant opens this household:
    (purpose, the grant's reason, when the grant expires)."""
    if actor.is_resident:
        return AccessPurpose.OWN_FILE, "", None
    grant = (
        BreakTheGlassGrant.objects.filter(
            user=actor.user, household=household, expires_at__gt=timezone.now()
        )
        .order_by("-granted_at")
        .first()
    )
    if grant is None:
        return AccessPurpose.NORMAL, "", None
    normally_visible = (
        households_visible_to(actor, include_grants=False).filter(pk=household.pk).exists()
    )
    if normally_visible:
        return AccessPurpose.NORMAL, "", None
    return AccessPurpose.BREAK_THE_GLASS, grant.reason, grant.expires_at


def household_read_log(
    *,
    actor: Actor,
    household: Household,
    event: str = AccessEvent.HOUSEHOLD_VIEW,
    only_resident_id: int | None = None,
) -> None:
    """Log one read of a household's data: every current member is a subject (or only
    `only_resident_id`, when what was read is that member's alone, such as their scores), and the
    purpose says whether it was the resident's own file or whether only a break-the-glass grant
    opened it. The one way pages and API endpoints that read a household's plan, meetings, days
    or portal pages log that read."""
    members = HouseholdMember.objects.filter(household=household, until__isnull=True)
    if only_resident_id is not None:
        members = members.filter(resident_id=only_resident_id)
    purpose, reason, _expires = access_purpose_for(actor, household)
    access_log_record(
        actor=actor,
        event=event,
        subjects=[
            (resident, household.uuid)
            for resident in members.values_list("resident__uuid", flat=True)
        ],
        purpose=purpose,
        reason=reason,
    )


@dataclass
class HouseholdDetail:
    household: Household
    current_members: list[HouseholdMember]
    former_members: list[HouseholdMember]
    active_plan: Plan | None
    involvements: list[Involvement]
    timeline: list[TimelineEvent]
    purpose: str
    grant_expires_at: dt.datetime | None = None


TIMELINE_LENGTH = 50


def household_get(*, actor: Actor, household_uuid: uuid.UUID | str) -> Household:
    """One visible household, without logging: for services that act on it. 404 otherwise."""
    try:
        return households_visible_to(actor).get(uuid=household_uuid)
    except (Household.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc


def household_detail(*, actor: Actor, household_uuid: uuid.UUID | str) -> HouseholdDetail:
    """Everything the household page shows; logged as one read of every member's data."""
    try:
        household = (
            households_visible_to(actor)
            .select_related("neighbourhood__district")
            .defer(*_AREA_BULK)
            .prefetch_related(
                Prefetch(
                    "members",
                    queryset=HouseholdMember.objects.select_related("resident").order_by(
                        "since", "id"
                    ),
                    to_attr="all_members",
                ),
                _active_plan_prefetch(with_organisations=True),
                Prefetch(
                    "involvements",
                    queryset=Involvement.objects.filter(until__isnull=True)
                    .select_related("organisation", "team", "professional")
                    .prefetch_related("domains"),
                    to_attr="current_involvements",
                ),
            )
            .get(uuid=household_uuid)
        )
    except (Household.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc
    members: list[HouseholdMember] = household.all_members  # type: ignore[attr-defined]
    timeline = list(
        TimelineEvent.objects.filter(household=household)
        .select_related("actor", "organisation")
        .order_by("-occurred_at", "-id")[:TIMELINE_LENGTH]
    )
    purpose, reason, grant_expires_at = access_purpose_for(actor, household)
    access_log_record(
        actor=actor,
        event=AccessEvent.HOUSEHOLD_VIEW,
        subjects=[(m.resident.uuid, household.uuid) for m in members],
        purpose=purpose,
        reason=reason,
    )
    plans: list[Plan] = household.active_plans  # type: ignore[attr-defined]
    return HouseholdDetail(
        household=household,
        current_members=[m for m in members if m.until is None],
        former_members=[m for m in members if m.until is not None],
        active_plan=plans[0] if plans else None,
        involvements=household.current_involvements,  # type: ignore[attr-defined]
        timeline=timeline,
        purpose=purpose,
        grant_expires_at=grant_expires_at,
    )


def resident_detail(*, actor: Actor, resident_uuid: uuid.UUID | str) -> Resident:
    """A resident in a household `actor` may see (or the actor themselves); logged."""
    visible = households_visible_to(actor)
    try:
        resident = (
            Resident.objects.filter(
                Q(memberships__until__isnull=True, memberships__household__in=visible)
                | Q(pk=actor.resident_id or 0)
            )
            .distinct()
            .get(uuid=resident_uuid)
        )
    except (Resident.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc
    membership = (
        HouseholdMember.objects.filter(resident=resident, until__isnull=True)
        .select_related("household")
        .only("household__id", "household__uuid")
        .first()
    )
    purpose: str = AccessPurpose.NORMAL
    reason = ""
    if actor.resident_id == resident.pk:
        purpose = AccessPurpose.OWN_FILE
    elif membership is not None:
        purpose, reason, _expires = access_purpose_for(actor, membership.household)
    access_log_record(
        actor=actor,
        event=AccessEvent.RESIDENT_VIEW,
        subjects=[(resident.uuid, membership.household.uuid if membership else None)],
        purpose=purpose,
        reason=reason,
    )
    return resident


def bsn_for_display(*, actor: Actor, resident: Resident) -> str:
    """The BSN in full for organisations that may process it (and the resident), masked otherwise."""
    if not resident.bsn_encrypted:
        return ""
    bsn = decrypt_bsn(resident.bsn_encrypted)
    if actor.may_process_bsn or actor.resident_id == resident.pk:
        return bsn
    return mask_bsn(bsn)


def household_export(*, actor: Actor) -> list[Household]:
    """Every household `actor` may see, for a CSV export; logged as one export of all of them."""
    households = list(
        households_visible_to(actor)
        .order_by("name", "id")
        .select_related("neighbourhood__district")
        .defer(*_AREA_BULK)
        .prefetch_related(
            _current_members_prefetch(), _active_plan_prefetch(), *_relation_prefetches(actor)
        )
    )
    if households:
        access_log_record(actor=actor, event=AccessEvent.EXPORT, subjects=_subjects(households))
    return households


@dataclass
class DuplicateCheck:
    visible: list[Resident]
    hidden_count: int

    @property
    def found(self) -> bool:
        return bool(self.visible) or self.hidden_count > 0


def resident_duplicates(
    *,
    actor: Actor,
    bsn: str = "",
    surname: str = "",
    birth_date: dt.date | None = None,
    postcode: str = "",
) -> DuplicateCheck:
    """Likely duplicates of a resident about to be registered: same BSN, or same surname, birth
    date and postcode. Residents outside need-to-know are only counted, never shown."""
    condition = Q(pk__in=[])
    if bsn:
        condition |= Q(bsn_pseudonym=bsn_pseudonym(normalise_bsn(bsn)))
    if surname and birth_date and postcode:
        condition |= Q(
            birth_date=birth_date,
            postcode=postcode,
            search_name__endswith=fold(surname),
        )
    candidates = list(Resident.objects.filter(condition).distinct()[:50])
    if not candidates:
        return DuplicateCheck(visible=[], hidden_count=0)
    visible_ids = set(
        Resident.objects.filter(
            pk__in=[c.pk for c in candidates],
            memberships__until__isnull=True,
            memberships__household__in=households_visible_to(actor),
        ).values_list("pk", flat=True)
    )
    visible = [c for c in candidates if c.pk in visible_ids]
    if visible:
        access_log_record(
            actor=actor,
            event=AccessEvent.DUPLICATE_CHECK,
            subjects=[(r.uuid, None) for r in visible],
        )
    return DuplicateCheck(visible=visible, hidden_count=len(candidates) - len(visible))


def household_find_for_emergency(
    *, bsn: str = "", surname: str = "", birth_date: dt.date | None = None, postcode: str = ""
) -> Household | None:
    """The one household of a resident identified exactly, for break-the-glass. Not scoped: the
    grant that follows is logged and reviewed by the privacy officer."""
    if bsn:
        residents = Resident.objects.filter(bsn_pseudonym=bsn_pseudonym(normalise_bsn(bsn)))
    elif surname and birth_date and postcode:
        residents = Resident.objects.filter(
            birth_date=birth_date, postcode=postcode, search_name__endswith=fold(surname)
        )
    else:
        return None
    households = list(
        Household.objects.filter(
            members__until__isnull=True, members__resident__in=residents
        ).distinct()[:2]
    )
    return households[0] if len(households) == 1 else None

"""Reads of signals, scoped by need-to-know and written to the access log.

Who sees a signal's content (who, what, the note): the members of the team it was routed to, the
household's coordinator and backup, and the professional doing the outreach. An organisation that
is merely involved with the household learns *that* another party is there (a match notice), not
what it reported. The reporting organisation sees the status only.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Case, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from eenplan.accounts.actor import Actor
from eenplan.households.models import Involvement
from eenplan.organisations.models import Role
from eenplan.plans.models import Plan, PlanStatus
from eenplan.privacy.models import AccessEvent
from eenplan.privacy.services import access_log_record
from eenplan.signalering.models import (
    Alert,
    LinkReview,
    OutreachStatus,
    OutreachTask,
    Priority,
    Signal,
    SignalStatus,
)

HIGH_PRIORITY_FIRST = Case(When(priority=Priority.HIGH, then=Value(0)), default=Value(1))

# Roles that act on signals routed to their team.
SIGNAL_WORK_ROLES = frozenset({Role.REGISSEUR, Role.TEAMLEIDER})


def _subjects(signals: Iterable[Signal]) -> list[tuple[uuid.UUID, uuid.UUID | None]]:
    return [
        (s.resident.uuid, s.household.uuid if s.household else None)
        for s in signals
        if s.resident is not None
    ]


def signals_actionable_by(actor: Actor) -> QuerySet[Signal]:
    """Signals whose content `actor` may see. Not evaluated here."""
    if not actor.roles & SIGNAL_WORK_ROLES and not actor.works_with_cases:
        return Signal.objects.none()
    user = actor.user
    coordinated = Plan.objects.filter(status=PlanStatus.ACTIVE).filter(
        Q(coordinator_professional=user) | Q(backup_professional=user)
    )
    rule = Q(household_id__in=coordinated.values("household_id")) | Q(outreach__assigned_to=user)
    if actor.roles & SIGNAL_WORK_ROLES and actor.team_ids:
        rule |= Q(team_id__in=actor.team_ids)
    return Signal.objects.filter(rule, hidden_at__isnull=True)


def _with_relations(qs: QuerySet[Signal]) -> QuerySet[Signal]:
    return qs.select_related(
        "signal_type",
        "source_organisation",
        "resident",
        "household",
        "neighbourhood",
        "team",
        "outreach",
        "outreach__assigned_to",
    )


@dataclass(frozen=True)
class SignalWork:
    """The work page of a regisseur or teamleider: the team's triage queue, one's own outreach, the
    links to review."""

    triage: list[Signal]
    my_outreach: list[OutreachTask]
    reviews: list[LinkReview]
    # For the team lead: every open outreach of the team past its deadline, whoever has it.
    team_overdue: list[OutreachTask]


def signal_work(*, actor: Actor) -> SignalWork:
    if not actor.roles & SIGNAL_WORK_ROLES:
        raise Http404
    open_statuses = [SignalStatus.RECEIVED, SignalStatus.TAKEN_UP, SignalStatus.CONTACT_MADE]
    triage = list(
        _with_relations(
            Signal.objects.filter(
                team_id__in=actor.team_ids,
                hidden_at__isnull=True,
                status=SignalStatus.RECEIVED,
                outreach__assigned_to__isnull=True,
            )
        ).order_by(HIGH_PRIORITY_FIRST, "outreach__due_on", "received_at")
    )
    my_outreach = list(
        OutreachTask.objects.filter(
            assigned_to=actor.user,
            signal__hidden_at__isnull=True,
            signal__status__in=open_statuses,
        )
        .exclude(status=OutreachStatus.DONE)
        .select_related(
            "signal",
            "signal__signal_type",
            "signal__resident",
            "signal__household",
            "signal__source_organisation",
        )
        .order_by("due_on", "id")
    )
    reviews = list(
        LinkReview.objects.filter(
            decided_at__isnull=True,
            signal__team_id__in=actor.team_ids,
            signal__hidden_at__isnull=True,
        )
        .select_related("signal", "signal__signal_type")
        .order_by("created_at")
    )
    team_overdue: list[OutreachTask] = []
    if actor.lead_team_ids:
        team_overdue = list(
            OutreachTask.objects.filter(
                signal__team_id__in=actor.lead_team_ids,
                signal__hidden_at__isnull=True,
                signal__status__in=open_statuses,
                status=OutreachStatus.OPEN,
                due_on__lt=timezone.localdate(),
            )
            .select_related(
                "assigned_to",
                "signal",
                "signal__signal_type",
                "signal__resident",
                "signal__household",
                "signal__source_organisation",
            )
            .order_by("due_on", "id")
        )
    shown = [*triage, *(t.signal for t in my_outreach), *(t.signal for t in team_overdue)]
    access_log_record(actor=actor, event=AccessEvent.SIGNAL_LIST, subjects=_subjects(shown))
    return SignalWork(
        triage=triage, my_outreach=my_outreach, reviews=reviews, team_overdue=team_overdue
    )


def signal_detail(*, actor: Actor, signal_uuid: uuid.UUID | str) -> Signal:
    signal = (
        _with_relations(signals_actionable_by(actor)).filter(uuid=signal_uuid).distinct().first()
    )
    if signal is None:
        raise Http404
    access_log_record(actor=actor, event=AccessEvent.SIGNAL_VIEW, subjects=_subjects([signal]))
    return signal


def link_review_candidates(*, actor: Actor, review: LinkReview) -> list[dict]:
    """The side-by-side comparison: the signal's person next to each proposed resident. Only for
    the routed team (who must decide), logged."""
    from eenplan.households.models import HouseholdMember, Resident

    if review.signal.team_id not in actor.team_ids or not actor.roles & SIGNAL_WORK_ROLES:
        raise Http404
    ids = [c["resident_id"] for c in review.candidates]
    residents = {r.pk: r for r in Resident.objects.filter(pk__in=ids)}
    households = {
        m.resident_id: m.household
        for m in HouseholdMember.objects.filter(
            resident_id__in=ids, until__isnull=True
        ).select_related("household")
    }
    rows = [
        {
            "resident": residents[c["resident_id"]],
            "household": households.get(c["resident_id"]),
            "probability": c["probability"],
        }
        for c in review.candidates
        if c["resident_id"] in residents
    ]
    access_log_record(
        actor=actor,
        event=AccessEvent.DUPLICATE_CHECK,
        subjects=[
            (row["resident"].uuid, row["household"].uuid if row["household"] else None)
            for row in rows
        ],
    )
    return rows


def signals_reported_by(*, actor: Actor, limit: int = 200) -> list[Signal]:
    """The reporting organisation's view: what it reported and the status. No household, no
    outcome, nothing about who acts on it."""
    if actor.organisation_id is None or not (actor.works_with_cases or actor.has_role(Role.MELDER)):
        raise Http404
    qs = Signal.objects.filter(source_organisation_id=actor.organisation_id, hidden_at__isnull=True)
    if actor.has_role(Role.MELDER) and not actor.works_with_cases:
        # A neighbourhood contact sees only what they reported themselves.
        qs = qs.filter(reported_by=actor.user)
    return list(
        qs.select_related("signal_type").only(
            "uuid",
            "reference",
            "received_at",
            "status",
            "updated_at",
            "given_names",
            "surname_prefix",
            "surname",
            "signal_type__name",
        )[:limit]
    )


def alerts_for(*, actor: Actor, limit: int = 100) -> list[Alert]:
    return list(
        Alert.objects.filter(recipient=actor.user, done_at__isnull=True)
        .select_related(
            "household",
            "signal",
            "signal__signal_type",
            "signal__reported_by",
            "signal__source_organisation",
            "about_organisation",
            "about_resident",
        )
        .order_by("read_at", "-created_at")[:limit]
    )


def unread_alert_count(*, actor: Actor) -> int:
    return Alert.objects.filter(recipient=actor.user, read_at__isnull=True).count()


def parties_of(household_ids: Iterable[int]) -> dict[int, list[Involvement]]:
    """Who is involved with each household: organisation, team, professional and how to reach them.
    This is what a match notice shows, never what they know."""
    parties: dict[int, list[Involvement]] = {}
    for involvement in (
        Involvement.objects.filter(household_id__in=list(household_ids), until__isnull=True)
        .select_related("organisation", "team", "professional")
        .order_by("organisation__name", "id")
    ):
        parties.setdefault(involvement.household_id, []).append(involvement)
    return parties


def household_signals(*, actor: Actor, household_id: int) -> list[Signal]:
    """The signals on a household page: only for those who may see their content. The page's
    own read is already in the access log."""
    return list(
        signals_actionable_by(actor)
        .filter(household_id=household_id)
        .select_related("signal_type", "source_organisation", "outreach")
        .order_by("-received_at")[:50]
    )

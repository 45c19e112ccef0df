"""The signaleringsoverleg: a team's consultation that decides, signal by signal, who goes.

The GP, the neighbourhood police officer and the caretaker sit at the table with the team, but
they have no need to know every household on the agenda. Each reader sees each signal at one of
three levels:

- full: the members of the team it was routed to, the household's coordinator and the one doing
  the outreach (`signals_actionable_by`): name, address and what the reporter noticed;
- name: a professional who may see the household anyway (involved, or their team is;
  `households_visible_to`): who it is about, not what was reported;
- pseudonym: everyone else: the short code, the type, the buurt, the urgency and how many
  organisations reported. Enough to decide who goes; not who it is.

Reads (selectors) log every look at the agenda; writes (services) are audited in their own
transaction and call the signal services for what a decision sets in motion.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.accounts.actor import Actor
from eenplan.accounts.models import User
from eenplan.households.selectors import households_visible_to
from eenplan.organisations.models import CASE_ROLES, Membership, Organisation, Role, Team
from eenplan.privacy.models import AccessEvent
from eenplan.privacy.services import access_log_record, audit_record, snapshot
from eenplan.signalering.models import (
    Decision,
    Outcome,
    Signal,
    SignalDecision,
    SignalMeeting,
    SignalStatus,
)
from eenplan.signalering.selectors import signals_actionable_by
from eenplan.signalering.services import outreach_assign, outreach_make_urgent, signal_close

# Who may start a team's overleg and record its decisions (besides its chair).
MEETING_ROLES = frozenset({Role.REGISSEUR, Role.TEAMLEIDER})
# Who may sit at the table: professionals and the neighbourhood contacts (caretakers).
PARTICIPANT_ROLES = frozenset(CASE_ROLES | {Role.MELDER})
# What comes on the agenda: signals nobody has finished with.
AGENDA_STATUSES = (SignalStatus.RECEIVED, SignalStatus.TAKEN_UP)
# How far from today an overleg may be planned or recorded.
MEETING_DATE_RANGE = dt.timedelta(days=366)

FULL = "full"
NAME = "name"
PSEUDONYM = "pseudonym"


# ---------------------------------------------------------------------------------------------
# Reads


def meeting_teams(actor: Actor) -> QuerySet[Team]:
    """The teams whose overleg `actor` may start: where they are regisseur or teamleider."""
    return Team.objects.filter(
        pk__in=Membership.objects.filter(
            user=actor.user, active=True, role__in=MEETING_ROLES, team__isnull=False
        ).values("team_id")
    ).order_by("name")


def _case_team_ids(actor: Actor) -> list[int]:
    return list(
        Membership.objects.filter(
            user=actor.user, active=True, role__in=CASE_ROLES, team__isnull=False
        ).values_list("team_id", flat=True)
    )


def meetings_visible_to(actor: Actor) -> QuerySet[SignalMeeting]:
    """The team's members (in a case role) and the chosen participants; nobody else."""
    rule = Q(chair=actor.user) | Q(participants=actor.user)
    team_ids = _case_team_ids(actor)
    if team_ids:
        rule |= Q(team_id__in=team_ids)
    return SignalMeeting.objects.filter(
        pk__in=SignalMeeting.objects.filter(rule).values("pk")
    ).select_related("team", "team__organisation", "chair")


def meeting_list(*, actor: Actor) -> list[SignalMeeting]:
    """The overleggen of `actor`'s teams and those they were invited to, newest first."""
    return list(
        meetings_visible_to(actor)
        .annotate(decision_count=Count("decisions"))
        .order_by("-held_on", "-id")[:200]
    )


def meeting_get(*, actor: Actor, meeting_uuid: uuid.UUID | str) -> SignalMeeting:
    meeting = meetings_visible_to(actor).filter(uuid=meeting_uuid).first()
    if meeting is None:
        raise Http404
    return meeting


def meeting_people(meeting: SignalMeeting) -> list[User]:
    """Who sits at the table: the chair first, then the participants by name."""
    participants = [
        u
        for u in meeting.participants.order_by("last_name", "first_name", "username")
        if u.pk != meeting.chair_id
    ]
    return [meeting.chair, *participants]


def may_decide(actor: Actor, meeting: SignalMeeting) -> bool:
    """The chair, and the team's regisseurs and teamleiders, record decisions."""
    if meeting.chair_id == actor.user_id:
        return True
    return Membership.objects.filter(
        user=actor.user, team_id=meeting.team_id, active=True, role__in=MEETING_ROLES
    ).exists()


def _agenda_signals(meeting: SignalMeeting) -> QuerySet[Signal]:
    return (
        Signal.objects.filter(
            team_id=meeting.team_id, status__in=AGENDA_STATUSES, hidden_at__isnull=True
        )
        .exclude(decisions__meeting=meeting)
        .select_related(
            "signal_type", "neighbourhood", "resident", "household", "source_organisation"
        )
    )


def _source_counts(signals: Sequence[Signal]) -> dict[int, int]:
    """Per signal: how many organisations reported about the same household (or person), hidden
    signals not counted. An unlinked signal counts its own reporter only."""
    household_ids = {s.household_id for s in signals if s.household_id}
    resident_ids = {s.resident_id for s in signals if s.resident_id and not s.household_id}
    by_household: dict[int, int] = {}
    by_resident: dict[int, int] = {}
    if household_ids:
        by_household = dict(
            Signal.objects.filter(household_id__in=household_ids, hidden_at__isnull=True)
            .values("household_id")
            .annotate(n=Count("source_organisation_id", distinct=True))
            .values_list("household_id", "n")
        )
    if resident_ids:
        by_resident = dict(
            Signal.objects.filter(resident_id__in=resident_ids, hidden_at__isnull=True)
            .values("resident_id")
            .annotate(n=Count("source_organisation_id", distinct=True))
            .values_list("resident_id", "n")
        )
    counts = {}
    for s in signals:
        if s.household_id:
            counts[s.pk] = by_household.get(s.household_id, 1)
        elif s.resident_id:
            counts[s.pk] = by_resident.get(s.resident_id, 1)
        else:
            counts[s.pk] = 1
    return counts


def _visibility(actor: Actor, signals: Sequence[Signal]) -> dict[int, str]:
    ids = [s.pk for s in signals]
    if not ids:
        return {}
    full = set(signals_actionable_by(actor).filter(pk__in=ids).values_list("pk", flat=True))
    household_ids = {s.household_id for s in signals if s.household_id and s.pk not in full}
    named_households: set[int] = set()
    if household_ids:
        named_households = set(
            households_visible_to(actor).filter(pk__in=household_ids).values_list("pk", flat=True)
        )
    levels = {}
    for s in signals:
        if s.pk in full:
            levels[s.pk] = FULL
        elif s.household_id in named_households:
            levels[s.pk] = NAME
        else:
            levels[s.pk] = PSEUDONYM
    return levels


@dataclass(frozen=True)
class AgendaItem:
    signal: Signal
    visibility: str
    sources: int
    decision: SignalDecision | None = None

    @property
    def shows_name(self) -> bool:
        return self.visibility in (FULL, NAME)

    @property
    def shows_content(self) -> bool:
        return self.visibility == FULL

    @property
    def name(self) -> str:
        if not self.shows_name:
            return ""
        signal = self.signal
        if signal.resident is not None:
            return signal.resident.full_name
        return signal.reported_name

    @property
    def address(self) -> str:
        if not self.shows_content:
            return ""
        signal = self.signal
        if signal.household is not None:
            return f"{signal.household.address_line}, {signal.household.postcode_display}"
        parts = [signal.street, str(signal.house_number or ""), signal.house_number_suffix]
        line = " ".join(p for p in parts if p)
        return ", ".join(p for p in (line, signal.postcode) if p)


@dataclass(frozen=True)
class MeetingAgenda:
    meeting: SignalMeeting
    open_items: list[AgendaItem]
    decided_items: list[AgendaItem]
    people: list[User]
    may_decide: bool

    @property
    def is_open(self) -> bool:
        return self.meeting.closed_at is None


def _subjects(signals: Iterable[Signal]) -> list[tuple[uuid.UUID, uuid.UUID | None]]:
    return [
        (s.resident.uuid, s.household.uuid if s.household else None)
        for s in signals
        if s.resident is not None
    ]


def meeting_agenda(*, actor: Actor, meeting_uuid: uuid.UUID | str) -> MeetingAgenda:
    """The overleg's page: what is still to decide (while it is open) and what was decided, each
    at the reader's level of need-to-know. Logged, also when everything is pseudonymised: the
    reader saw that these people were signalled."""
    meeting = meeting_get(actor=actor, meeting_uuid=meeting_uuid)
    decisions = list(
        meeting.decisions.filter(signal__hidden_at__isnull=True).select_related(
            "signal",
            "signal__signal_type",
            "signal__neighbourhood",
            "signal__resident",
            "signal__household",
            "outreach_by",
            "refer_to",
        )
    )
    open_signals: list[Signal] = []
    if meeting.closed_at is None:
        open_signals = list(
            _agenda_signals(meeting).order_by("-priority", "outreach__due_on", "received_at")
        )
    everything = [*open_signals, *(d.signal for d in decisions)]
    levels = _visibility(actor, everything)
    sources = _source_counts(everything)
    agenda = MeetingAgenda(
        meeting=meeting,
        open_items=[AgendaItem(s, levels[s.pk], sources[s.pk]) for s in open_signals],
        decided_items=[
            AgendaItem(d.signal, levels[d.signal.pk], sources[d.signal.pk], d) for d in decisions
        ],
        people=meeting_people(meeting),
        may_decide=may_decide(actor, meeting),
    )
    access_log_record(
        actor=actor,
        event=AccessEvent.SIGNAL_LIST,
        subjects=_subjects(everything),
        reason=_("Signaleringsoverleg of %(team)s on %(date)s")
        % {"team": meeting.team.name, "date": meeting.held_on.strftime("%d-%m-%Y")},
    )
    return agenda


def meeting_agenda_item(
    *, actor: Actor, meeting: SignalMeeting, signal_uuid: uuid.UUID | str
) -> AgendaItem:
    """One open item, for redrawing its form: only a signal on this meeting's agenda. Logged."""
    signal = _agenda_signals(meeting).filter(uuid=signal_uuid).first()
    if signal is None or meeting.closed_at is not None:
        raise Http404
    item = AgendaItem(
        signal, _visibility(actor, [signal])[signal.pk], _source_counts([signal])[signal.pk]
    )
    access_log_record(
        actor=actor,
        event=AccessEvent.SIGNAL_VIEW,
        subjects=_subjects([signal]),
        reason=_("Signaleringsoverleg of %(team)s on %(date)s")
        % {"team": meeting.team.name, "date": meeting.held_on.strftime("%d-%m-%Y")},
    )
    return item


def meeting_has_decided(*, meeting: SignalMeeting, signal_uuid: uuid.UUID | str) -> bool:
    """Whether this meeting already decided on the signal (a form sent twice, a second tab)."""
    return meeting.decisions.filter(signal__uuid=signal_uuid).exists()


def participant_candidates() -> QuerySet[User]:
    """Everyone who may be invited: active users with a professional or neighbourhood role."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__active=True,
            memberships__role__in=PARTICIPANT_ROLES,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def outreach_candidates(meeting: SignalMeeting) -> QuerySet[User]:
    """Who can be sent: the professionals at the table and those of the team."""
    professionals = Membership.objects.filter(active=True, role__in=CASE_ROLES)
    return (
        User.objects.filter(is_active=True, pk__in=professionals.values("user_id"))
        .filter(
            Q(pk=meeting.chair_id)
            | Q(signal_meetings=meeting)
            | Q(pk__in=professionals.filter(team_id=meeting.team_id).values("user_id"))
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def team_members(team_ids: Iterable[int]) -> QuerySet[User]:
    return (
        User.objects.filter(
            is_active=True,
            memberships__team_id__in=list(team_ids),
            memberships__active=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


# ---------------------------------------------------------------------------------------------
# Writes


@transaction.atomic
def meeting_start(
    *,
    actor: Actor,
    team: Team,
    held_on: dt.date,
    chair: User,
    participants: Iterable[User],
) -> SignalMeeting:
    """Start a team's overleg. Only the team's regisseurs and teamleiders may; the chair is one of
    the team's members; the chair always takes part."""
    if not meeting_teams(actor).filter(pk=team.pk).exists():
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    if abs(held_on - today) > MEETING_DATE_RANGE:
        errors["held_on"] = [_("Choose a date within a year from today.")]
    if not Membership.objects.filter(user=chair, team=team, active=True).exists():
        errors["chair"] = [_("The chair must be a member of the team.")]
    people = {u.pk: u for u in participants}
    allowed = set(participant_candidates().filter(pk__in=people).values_list("pk", flat=True))
    if set(people) - allowed:
        errors["participants"] = [
            _("Only professionals and neighbourhood contacts with an account can take part.")
        ]
    if errors:
        raise ValidationError(errors)
    meeting = SignalMeeting(team=team, held_on=held_on, chair=chair)
    meeting.full_clean()
    meeting.save()
    meeting.participants.set([chair.pk, *people])
    audit_record(
        actor_user=actor.user,
        action="signal_meeting.start",
        instance=meeting,
        before=None,
        after=snapshot(meeting, with_m2m=True),
    )
    return meeting


def _require_open_and_deciding(actor: Actor, meeting: SignalMeeting) -> None:
    if not may_decide(actor, meeting):
        raise PermissionDenied
    if meeting.closed_at is not None:
        raise ValidationError(_("This signaleringsoverleg is closed."))


@transaction.atomic
def meeting_decide(
    *,
    actor: Actor,
    meeting: SignalMeeting,
    signal_uuid: uuid.UUID | str,
    decision: str,
    present: Iterable[User],
    outreach_by: User | None = None,
    refer_to: Organisation | None = None,
    note: str = "",
) -> SignalDecision:
    """Record the decision on one agenda item, with who was present, and set it in motion:
    outreach is assigned, urgent brings the deadline forward, no action and referral close the
    signal (the reporter sees 'afgesloten')."""
    meeting = SignalMeeting.objects.select_for_update().get(pk=meeting.pk)
    _require_open_and_deciding(actor, meeting)
    signal = _agenda_signals(meeting).filter(uuid=signal_uuid).first()
    if signal is None:
        raise Http404
    errors: dict[str, list[str]] = {}
    if decision not in Decision.values:
        errors["decision"] = [_("Choose a decision.")]
    at_table = {u.pk for u in meeting_people(meeting)}
    present_ids = sorted({u.pk for u in present})
    if not present_ids:
        errors["present"] = [_("Tick who was present.")]
    elif set(present_ids) - at_table:
        errors["present"] = [_("Only participants of this overleg can be present.")]
    if decision == Decision.OUTREACH and outreach_by is None:
        errors["outreach_by"] = [_("Choose who goes.")]
    if (
        outreach_by is not None
        and decision in (Decision.OUTREACH, Decision.URGENT)
        and not outreach_candidates(meeting).filter(pk=outreach_by.pk).exists()
    ):
        errors["outreach_by"] = [_("Choose someone at the table or from the team.")]
    if decision == Decision.REFER and refer_to is None:
        errors["refer_to"] = [_("Choose the organisation to refer to.")]
    if errors:
        raise ValidationError(errors)

    record = SignalDecision(
        meeting=meeting,
        signal=signal,
        decision=decision,
        outreach_by=outreach_by if decision in (Decision.OUTREACH, Decision.URGENT) else None,
        refer_to=refer_to if decision == Decision.REFER else None,
        note=(note or "").strip(),
        present=present_ids,
        decided_by=actor.user,
    )
    record.full_clean()
    record.save()
    audit_record(
        actor_user=actor.user,
        action="signal_meeting.decide",
        instance=record,
        before=None,
        after=snapshot(record),
        household_uuid=signal.household.uuid if signal.household else None,
    )
    if decision == Decision.NO_ACTION:
        signal_close(actor=actor, signal=signal, outcome=Outcome.NO_ACTION)
    elif decision == Decision.REFER:
        signal_close(actor=actor, signal=signal, outcome=Outcome.REFERRED)
    elif decision == Decision.OUTREACH:
        outreach_assign(actor=actor, signal=signal, professional=outreach_by)
    elif decision == Decision.URGENT:
        outreach_make_urgent(actor=actor, signal=signal)
        if outreach_by is not None:
            outreach_assign(actor=actor, signal=signal, professional=outreach_by)
    return record


@transaction.atomic
def meeting_close(*, actor: Actor, meeting: SignalMeeting) -> SignalMeeting:
    """Close the overleg: its decisions stand; what was not discussed returns next time."""
    meeting = SignalMeeting.objects.select_for_update().get(pk=meeting.pk)
    _require_open_and_deciding(actor, meeting)
    before = snapshot(meeting)
    meeting.closed_at = timezone.now()
    meeting.save(update_fields=["closed_at"])
    audit_record(
        actor_user=actor.user,
        action="signal_meeting.close",
        instance=meeting,
        before=before,
        after=snapshot(meeting),
    )
    return meeting

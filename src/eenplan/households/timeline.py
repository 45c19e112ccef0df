"""Writing timeline events. Each kind has one sentence, rendered in the reader's language."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.accounts.actor import Actor
from eenplan.households.models import Household, TimelineEvent

# kind -> sentence; `data` fills in the placeholders.
TIMELINE_SENTENCES = {
    "household.created": _("Household registered"),
    "member.added": _("%(name)s joined the household"),
    "member.left": _("%(name)s left the household"),
    "involvement.started": _("%(organisation)s became involved"),
    "involvement.ended": _("%(organisation)s is no longer involved"),
    "plan.started": _("Plan started with coordinator %(coordinator)s"),
    "plan.coordinator_changed": _("Coordinator changed to %(coordinator)s"),
    "plan.closed": _("Plan closed"),
    # The plan's content is on the plan page for those who may read it; the timeline says only
    # that something happened, in which life domain and for whom.
    "plan.goal_added": _("Goal added for %(domain)s"),
    "plan.goal_reached": _("Goal for %(domain)s reached"),
    "plan.goal_stopped": _("Goal for %(domain)s stopped"),
    "plan.action_added": _("Action added for %(owner)s"),
    "plan.action_done": _("%(owner)s finished an action"),
    "meeting.scheduled": _("%(meeting_kind)s planned for %(date)s"),
    "meeting.held": _("%(meeting_kind)s held"),
    "meeting.cancelled": _("%(meeting_kind)s on %(date)s cancelled"),
    "break_the_glass": _("Emergency access by %(user)s"),
    # Who signalled, never what: the signal's content is for those who act on it.
    "signal.received": _("A signal came in from %(organisation)s"),
}


def timeline_add(
    *, household: Household, kind: str, actor: Actor | None, data: dict[str, Any] | None = None
) -> TimelineEvent:
    if kind not in TIMELINE_SENTENCES:
        raise ValueError(f"Unknown timeline kind {kind!r}")
    return TimelineEvent.objects.create(
        household=household,
        occurred_at=timezone.now(),
        kind=kind,
        data=data or {},
        actor=actor.user if actor else None,
        organisation_id=actor.organisation_id if actor else None,
    )


def _readable(data: dict[str, Any]) -> dict[str, Any]:
    """Codes stored in the event become words in the reader's language."""
    if "meeting_kind" not in data:
        return data
    # Imported here: meetings builds on households, not the other way round.
    from eenplan.meetings.models import MeetingKind

    try:
        label = MeetingKind(data["meeting_kind"]).label
    except ValueError:
        return data
    return data | {"meeting_kind": str(label)}


def timeline_sentence(event: TimelineEvent) -> str:
    template = TIMELINE_SENTENCES.get(event.kind)
    if template is None:
        return event.kind
    try:
        sentence = str(template) % _readable(event.data)
        return sentence[:1].upper() + sentence[1:]
    except (KeyError, TypeError, ValueError):
        return str(template)

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


def timeline_sentence(event: TimelineEvent) -> str:
    template = TIMELINE_SENTENCES.get(event.kind)
    if template is None:
        return event.kind
    try:
        return str(template) % event.data
    except (KeyError, TypeError, ValueError):
        return str(template)

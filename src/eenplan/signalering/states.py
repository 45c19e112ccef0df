"""The lifecycle of a signal as its reporter sees it: the allowed steps, in one place."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from eenplan.signalering.models import SignalStatus

ALLOWED_STEPS: dict[str, frozenset[str]] = {
    SignalStatus.RECEIVED: frozenset({SignalStatus.TAKEN_UP, SignalStatus.CLOSED}),
    SignalStatus.TAKEN_UP: frozenset({SignalStatus.CONTACT_MADE, SignalStatus.CLOSED}),
    SignalStatus.CONTACT_MADE: frozenset({SignalStatus.CLOSED}),
    SignalStatus.CLOSED: frozenset(),
}


def check_step(current: str, new: str) -> None:
    if new not in ALLOWED_STEPS[current]:
        raise ValidationError(
            _("A signal that is %(current)s cannot become %(new)s.")
            % {"current": SignalStatus(current).label, "new": SignalStatus(new).label}
        )

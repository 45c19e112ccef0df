"""The number of unread reminders next to "Reminders" in the header."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def unread_reminders(request: HttpRequest) -> dict[str, Any]:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    from eenplan.accounts.actor import actor_from_request
    from eenplan.reminders.selectors import unread_reminder_count

    actor = actor_from_request(request)  # built once per request, shared with the navigation
    if not actor.works_with_cases:
        return {}
    # Lazy: pages without the header (PDF, .ics) do not pay for the count.
    return {"unread_reminders": _LazyCount(lambda: unread_reminder_count(actor=actor))}


class _LazyCount:
    def __init__(self, compute: Any) -> None:
        self._compute = compute
        self._value: int | None = None

    @property
    def value(self) -> int:
        if self._value is None:
            self._value = self._compute()
        return self._value

    def __int__(self) -> int:
        return self.value

    def __bool__(self) -> bool:
        return True  # the link is shown whatever the count

    def __str__(self) -> str:
        return str(self.value)

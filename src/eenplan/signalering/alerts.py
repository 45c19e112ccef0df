"""Writing alerts for professionals. Called inside the transaction of the write that causes them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from eenplan.households.models import Household, Involvement
from eenplan.organisations.models import Organisation
from eenplan.privacy.services import audit_record, snapshot
from eenplan.signalering.models import Alert, AlertKind, Signal
from eenplan.signalering.routing import coordinating_professional


def alert_create(
    *,
    recipients: Iterable[Any],
    kind: str,
    household: Household | None,
    signal: Signal | None = None,
    about_organisation: Organisation | None = None,
    about_resident: Any = None,
    rule: str = "",
    due_on: dt.date | None = None,
    actor_user: Any = None,
    unique: bool = False,
) -> list[Alert]:
    """One alert per distinct recipient. With `unique`, a recipient who already has an alert of
    this kind about the same household, organisation and resident gets no second one."""
    created: list[Alert] = []
    seen: set[int] = set()
    for user in recipients:
        if user is None or user.pk in seen:
            continue
        seen.add(user.pk)
        if (
            unique
            and Alert.objects.filter(
                recipient=user,
                kind=kind,
                household=household,
                about_organisation=about_organisation,
                about_resident=about_resident,
            ).exists()
        ):
            continue
        alert = Alert.objects.create(
            recipient=user,
            kind=kind,
            household=household,
            signal=signal,
            about_organisation=about_organisation,
            about_resident=about_resident,
            rule=rule,
            due_on=due_on,
        )
        audit_record(
            actor_user=actor_user,
            action="alert.create",
            instance=alert,
            before=None,
            after=snapshot(alert),
            household_uuid=household.uuid if household else None,
        )
        created.append(alert)
    return created


def organisation_is_new_to(
    household: Household, organisation_id: int, *, except_signal_id: int | None = None
) -> bool:
    """True when this organisation had no current involvement and no earlier signal here."""
    if Involvement.objects.filter(
        household=household, organisation_id=organisation_id, until__isnull=True
    ).exists():
        return False
    earlier = Signal.objects.filter(
        household=household, source_organisation_id=organisation_id, hidden_at__isnull=True
    )
    if except_signal_id is not None:
        earlier = earlier.exclude(pk=except_signal_id)
    return not earlier.exists()


def other_parties_exist(household: Household, organisation_id: int) -> bool:
    return (
        Involvement.objects.filter(household=household, until__isnull=True)
        .exclude(organisation_id=organisation_id)
        .exists()
        or Signal.objects.filter(household=household, hidden_at__isnull=True)
        .exclude(source_organisation_id=organisation_id)
        .exists()
    )


def match_notify(
    *,
    household: Household,
    organisation: Organisation,
    actor_user: Any,
    signal: Signal | None = None,
    newcomer: Any = None,
) -> list[Alert]:
    """A second organisation arrives at a household (by signal or involvement): every professional
    involved and the coordinator learn who is involved now. The notice names parties, not content.

    `newcomer` is the newly involved professional, who learns who was already there. A signal's
    reporter is never a recipient: a signal gives no access to the household."""
    if not other_parties_exist(household, organisation.pk):
        return []
    recipients = [
        i.professional
        for i in Involvement.objects.filter(
            household=household, until__isnull=True, professional__isnull=False
        )
        .exclude(organisation=organisation)
        .select_related("professional")
    ]
    coordinator = coordinating_professional(household)
    # On a signal the coordinator already gets the signal itself, with the reporter's contact.
    if signal is None:
        recipients.append(coordinator)
    elif coordinator is not None:
        recipients = [u for u in recipients if u is not None and u.pk != coordinator.pk]
    if newcomer is not None:
        recipients.append(newcomer)
    return alert_create(
        recipients=recipients,
        kind=AlertKind.MATCH,
        household=household,
        signal=signal,
        about_organisation=organisation,
        actor_user=actor_user,
        unique=True,
    )

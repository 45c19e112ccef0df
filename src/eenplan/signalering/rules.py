"""Cross-domain alert rules. Each can be switched off and tuned by the functional admin
(`AlertRule`); their logic lives here, called from the services and the daily task."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from eenplan.households.models import HouseholdMember, Involvement
from eenplan.organisations.models import OrganisationKind
from eenplan.signalering.alerts import alert_create
from eenplan.signalering.models import (
    AlertKind,
    AlertRule,
    AlertRuleCode,
    Priority,
    Signal,
    SignalCategory,
    SignalStatus,
)
from eenplan.signalering.routing import coordinating_professional, team_leads


def _rule(code: str) -> AlertRule | None:
    rule = AlertRule.objects.filter(code=code).first()
    return rule if rule is not None and rule.enabled else None


def _responsible(signal: Signal) -> list[Any]:
    """Who must hear of a rule that fires: the coordinator, else the routed team's leads."""
    coordinator = coordinating_professional(signal.household)
    return [coordinator] if coordinator is not None else team_leads(signal.team)


def apply_on_signal(*, signal: Signal, actor_user: Any) -> list[str]:
    """Run the rules that a new, linked signal can fire. Returns the codes that fired."""
    if signal.household is None:
        return []
    fired: list[str] = []
    care = _rule(AlertRuleCode.ARREARS_WITH_CARE)
    if care is not None and signal.signal_type.category in (
        SignalCategory.PAYMENT_ARREARS,
        SignalCategory.NUISANCE,
    ):
        care_kinds = care.care_kinds or [OrganisationKind.JEUGDHULP, OrganisationKind.ZORGAANBIEDER]
        if Involvement.objects.filter(
            household=signal.household, until__isnull=True, organisation__kind__in=care_kinds
        ).exists():
            alert_create(
                recipients=_responsible(signal),
                kind=AlertKind.CROSS_DOMAIN,
                household=signal.household,
                signal=signal,
                about_organisation=signal.source_organisation,
                rule=care.code,
                due_on=signal.outreach.due_on if hasattr(signal, "outreach") else None,
                actor_user=actor_user,
            )
            fired.append(care.code)
    sources = _rule(AlertRuleCode.SEVERAL_SOURCES)
    if sources is not None:
        since = signal.received_at - dt.timedelta(days=sources.window_days)
        recent = Signal.objects.filter(
            household=signal.household, hidden_at__isnull=True, received_at__gte=since
        )
        if recent.values("source_organisation").distinct().count() >= sources.min_sources:
            raised = recent.exclude(status=SignalStatus.CLOSED).exclude(priority=Priority.HIGH)
            raised.update(priority=Priority.HIGH)
            signal.priority = Priority.HIGH
            alert_create(
                recipients=_responsible(signal),
                kind=AlertKind.PRIORITY,
                household=signal.household,
                signal=signal,
                rule=sources.code,
                actor_user=actor_user,
                unique=True,
            )
            fired.append(sources.code)
    return fired


def _eighteenth_birthday(birth_date: dt.date) -> dt.date:
    try:
        return birth_date.replace(year=birth_date.year + 18)
    except ValueError:  # born on 29 February
        return dt.date(birth_date.year + 18, 3, 1)


def _months_later(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate_day in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, candidate_day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


@transaction.atomic
def scan_turning_eighteen(*, today: dt.date | None = None) -> int:
    """A member turning 18 within the rule's months while the household has open youth care gets a
    transition task (Jeugdwet to Wmo and Participatiewet) for the coordinator. Idempotent."""
    rule = _rule(AlertRuleCode.TURNING_EIGHTEEN)
    if rule is None:
        return 0
    today = today or timezone.localdate()
    horizon = _months_later(today, rule.months_ahead)
    # Born between (today - 18 years) and (horizon - 18 years): their 18th birthday is ahead.
    earliest = (
        today.replace(year=today.year - 18)
        if not (today.month == 2 and today.day == 29)
        else dt.date(today.year - 18, 2, 28)
    )
    latest = _months_later(horizon, -18 * 12)
    youth_care = Involvement.objects.filter(
        until__isnull=True, organisation__kind=OrganisationKind.JEUGDHULP
    ).values("household_id")
    members = (
        HouseholdMember.objects.filter(
            until__isnull=True,
            household_id__in=youth_care,
            resident__birth_date__gt=earliest,
            resident__birth_date__lte=latest,
        )
        .select_related("resident", "household")
        .order_by("id")
    )
    created = 0
    for member in members:
        household = member.household
        coordinator = coordinating_professional(household)
        recipients = (
            [coordinator]
            if coordinator is not None
            else [
                i.professional
                for i in Involvement.objects.filter(
                    Q(household=household, until__isnull=True, professional__isnull=False),
                    organisation__kind=OrganisationKind.JEUGDHULP,
                ).select_related("professional")
            ]
        )
        assert member.resident.birth_date is not None
        created += len(
            alert_create(
                recipients=recipients,
                kind=AlertKind.TRANSITION,
                household=household,
                about_resident=member.resident,
                rule=rule.code,
                due_on=_eighteenth_birthday(member.resident.birth_date),
                unique=True,
            )
        )
    return created

"""Writes for signals: receiving one, taking it up, outreach attempts, closing, link reviews.

Every function runs in one transaction with its audit rows; alerts and match notices are written
in that same transaction, so a signal is never stored without its routing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.accounts.actor import Actor
from eenplan.areas.selectors import neighbourhood_for_postcode
from eenplan.households.bsn import bsn_pseudonym, is_valid_bsn, normalise_bsn
from eenplan.households.models import Household, HouseholdMember, Resident
from eenplan.households.normalise import normalise_postcode
from eenplan.households.timeline import timeline_add
from eenplan.organisations.models import CASE_ROLES, Organisation, Role
from eenplan.privacy.services import audit_record, snapshot
from eenplan.signalering import rules
from eenplan.signalering.alerts import alert_create, match_notify, organisation_is_new_to
from eenplan.signalering.deadlines import first_contact_due
from eenplan.signalering.models import (
    AlertKind,
    Channel,
    LinkMethod,
    LinkReview,
    Outcome,
    OutreachAttempt,
    OutreachStatus,
    OutreachTask,
    ResidentKnows,
    Signal,
    SignalStatus,
    SignalType,
    Urgency,
)
from eenplan.signalering.routing import (
    coordinating_professional,
    covering_team,
)
from eenplan.signalering.states import check_step

if TYPE_CHECKING:
    from eenplan.linkage.realtime import LinkOutcome

# Who may report: partners, coordinators, team leads and the reduced neighbourhood-contact role.
REPORTING_ROLES = frozenset(CASE_ROLES | {Role.MELDER})


@dataclass(frozen=True)
class SignalInput:
    signal_type_code: str
    given_names: str = ""
    surname_prefix: str = ""
    surname: str = ""
    birth_date: dt.date | None = None
    bsn: str = ""
    street: str = ""
    house_number: int | None = None
    house_number_suffix: str = ""
    postcode: str = ""
    city: str = ""
    months_in_arrears: int | None = None
    days_in_arrears: int | None = None
    amount: Decimal | None = None
    urgency: str = ""
    resident_knows: str = ResidentKnows.UNKNOWN
    note: str = ""
    reference: str = ""
    received_at: dt.datetime | None = None


@dataclass(frozen=True)
class SignalReceipt:
    signal: Signal
    created: bool


def _validated(
    data: SignalInput, *, may_process_bsn: bool
) -> tuple[SignalType, str, str, dict[str, list[str]]]:
    """The signal type, the normalised postcode and BSN, and every problem found, per field."""
    errors: dict[str, list[str]] = {}
    signal_type = SignalType.objects.filter(code=data.signal_type_code, active=True).first()
    if signal_type is None:
        errors.setdefault("signal_type_code", []).append(
            _("Unknown signal type %(code)s.") % {"code": data.signal_type_code or "-"}
        )
    postcode = ""
    if data.postcode.strip():
        postcode = normalise_postcode(data.postcode) or ""
        if not postcode:
            errors.setdefault("postcode", []).append(
                _("Enter a Dutch postcode: four digits and two letters, like 3581 AB.")
            )
    bsn = ""
    if data.bsn.strip():
        if not may_process_bsn:
            errors.setdefault("bsn", []).append(
                _("Your organisation may not pass on a BSN. Leave it out.")
            )
        else:
            bsn = normalise_bsn(data.bsn)
            if not is_valid_bsn(bsn):
                errors.setdefault("bsn", []).append(
                    _("This is not a valid BSN (it fails the eleven test).")
                )
    has_person = bool(data.surname.strip() and data.birth_date)
    has_address = bool(postcode and data.house_number)
    if not (has_person or has_address or bsn):
        errors.setdefault("surname", []).append(
            _("Say who this is about: a surname and date of birth, or a postcode and house number.")
        )
    if data.birth_date and data.birth_date > timezone.localdate():
        errors.setdefault("birth_date", []).append(_("The date of birth is in the future."))
    if data.birth_date and data.birth_date.year < 1900:
        errors.setdefault("birth_date", []).append(_("The date of birth is too far in the past."))
    if (
        signal_type is not None
        and signal_type.asks_arrears
        and data.months_in_arrears is None
        and data.days_in_arrears is None
    ):
        errors.setdefault("months_in_arrears", []).append(
            _("Say how long the payments are behind (months or days).")
        )
    if data.urgency not in Urgency.values:
        errors.setdefault("urgency", []).append(_("Unknown urgency."))
    if data.resident_knows not in ResidentKnows.values:
        errors.setdefault("resident_knows", []).append(_("Choose yes, no or unknown."))
    return signal_type, postcode, bsn, errors  # type: ignore[return-value]


def _person_record(data: SignalInput, postcode: str, bsn: str) -> Any:
    from eenplan.linkage.records import PersonRecord

    return PersonRecord(
        id="signal",
        bsn=bsn,
        given_names=data.given_names.strip(),
        prefix=data.surname_prefix.strip(),
        surname=data.surname.strip(),
        birth_date=data.birth_date,
        street=data.street.strip(),
        house_number=data.house_number,
        house_number_suffix=data.house_number_suffix.strip(),
        postcode=postcode,
        city=data.city.strip(),
    )


def _current_household(resident_id: int) -> Household | None:
    member = (
        HouseholdMember.objects.filter(resident_id=resident_id, until__isnull=True)
        .select_related("household")
        .first()
    )
    return member.household if member else None


def _link(signal: Signal, data: SignalInput, postcode: str, bsn: str, link: Any) -> list[dict]:
    """Fill in resident, household and link method; returns review candidates, if any."""
    if bsn:
        resident_id = (
            Resident.objects.filter(bsn_pseudonym=bsn_pseudonym(bsn)).values_list("pk", flat=True)
        ).first()
        if resident_id is not None:
            signal.resident_id = resident_id
            signal.link_method = LinkMethod.BSN
            signal.link_probability = 1.0
            signal.household = _current_household(resident_id)
            return []
    if link is None:
        has_person = bool(data.surname.strip() and data.birth_date)
        if not has_person and not bsn:
            return []
        from eenplan.linkage.realtime import link_person

        link = link_person(_person_record(data, postcode, ""))
    outcome: LinkOutcome = link
    if outcome.decision == "link" and outcome.resident_id is not None:
        signal.resident_id = outcome.resident_id
        signal.link_method = LinkMethod.BSN if outcome.method == "bsn" else LinkMethod.PROBABILISTIC
        signal.link_probability = outcome.candidates[0].probability if outcome.candidates else 1.0
        signal.household = _current_household(outcome.resident_id)
        return []
    if outcome.decision == "review" and outcome.candidates:
        return [
            {"resident_id": c.resident_id, "probability": round(c.probability, 4)}
            for c in outcome.candidates
        ]
    return []


def _route(signal: Signal) -> None:
    neighbourhood = None
    if signal.household is not None and signal.household.neighbourhood_id:
        neighbourhood = signal.household.neighbourhood
    if neighbourhood is None:
        neighbourhood = neighbourhood_for_postcode(signal.postcode)
    signal.neighbourhood = neighbourhood
    signal.team = covering_team(neighbourhood)


@transaction.atomic
def signal_receive(
    *,
    actor: Actor | None,
    data: SignalInput,
    channel: str,
    source_organisation: Organisation | None = None,
    link: LinkOutcome | None = None,
) -> SignalReceipt:
    """Take in one signal: validate, link, route, alert, set the outreach deadline, audit."""
    if actor is not None:
        if not actor.roles & REPORTING_ROLES or actor.organisation_id is None:
            raise PermissionDenied
        source = Organisation.objects.get(pk=actor.organisation_id)
    elif source_organisation is None:
        raise ValueError("A signal without an acting user needs its source organisation.")
    else:
        source = source_organisation
    if channel not in Channel.values:
        raise ValueError(f"Unknown channel {channel!r}")
    reference = data.reference.strip()
    if reference:
        existing = Signal.objects.filter(source_organisation=source, reference=reference).first()
        if existing is not None:
            return SignalReceipt(signal=existing, created=False)
    signal_type, postcode, bsn, errors = _validated(data, may_process_bsn=source.may_process_bsn)
    if errors:
        raise ValidationError(errors)

    actor_user = actor.user if actor is not None else None
    signal = Signal(
        signal_type=signal_type,
        source_organisation=source,
        reported_by=actor_user,
        channel=channel,
        reference=reference,
        received_at=data.received_at or timezone.now(),
        given_names=data.given_names.strip(),
        surname_prefix=data.surname_prefix.strip(),
        surname=data.surname.strip(),
        birth_date=data.birth_date,
        bsn_pseudonym=bsn_pseudonym(bsn) if bsn else "",
        street=data.street.strip(),
        house_number=data.house_number,
        house_number_suffix=data.house_number_suffix.strip(),
        postcode=postcode,
        city=data.city.strip(),
        months_in_arrears=data.months_in_arrears,
        days_in_arrears=data.days_in_arrears,
        amount=data.amount,
        urgency=data.urgency,
        resident_knows=data.resident_knows,
        note=data.note.strip(),
    )
    review_candidates = _link(signal, data, postcode, bsn, link)
    _route(signal)
    signal.full_clean(exclude=["reported_by", "bsn_pseudonym"])
    try:
        with transaction.atomic():
            signal.save()
    except IntegrityError:
        # The same reference arrived at the same moment from another worker: it is the same signal.
        existing = Signal.objects.get(source_organisation=source, reference=reference)
        return SignalReceipt(signal=existing, created=False)
    _audit(
        actor_user=actor_user, action="signal.receive", instance=signal, before=None, signal=signal
    )
    if review_candidates:
        review = LinkReview.objects.create(signal=signal, candidates=review_candidates)
        audit_record(
            actor_user=actor_user,
            action="link_review.create",
            instance=review,
            before=None,
            after=snapshot(review),
        )
    _after_link(signal, actor_user=actor_user, actor=actor)
    return SignalReceipt(signal=signal, created=True)


def _after_link(signal: Signal, *, actor_user: Any, actor: Actor | None) -> None:
    """Outreach task, coordinator alert, match notices and rules: what follows once we know where
    the signal belongs (at receipt, or after a review links it)."""
    coordinator = coordinating_professional(signal.household)
    task = getattr(signal, "outreach", None)
    if task is None:
        task = OutreachTask.objects.create(
            signal=signal,
            team=signal.team,
            assigned_to=None,
            due_on=first_contact_due(
                received_on=timezone.localdate(signal.received_at),
                signal_type=signal.signal_type,
                urgent=signal.is_urgent,
            ),
        )
        _audit(
            actor_user=actor_user,
            action="outreach.create",
            instance=task,
            before=None,
            signal=signal,
        )
    if signal.household is None:
        return
    timeline_add(
        household=signal.household,
        kind="signal.received",
        actor=actor,
        data={"organisation": signal.source_organisation.name},
    )
    if coordinator is not None:
        alert_create(
            recipients=[coordinator],
            kind=AlertKind.NEW_SIGNAL,
            household=signal.household,
            signal=signal,
            about_organisation=signal.source_organisation,
            due_on=task.due_on,
            actor_user=actor_user,
        )
    if organisation_is_new_to(
        signal.household, signal.source_organisation_id, except_signal_id=signal.pk
    ):
        match_notify(
            household=signal.household,
            organisation=signal.source_organisation,
            actor_user=actor_user,
            signal=signal,
        )
    rules.apply_on_signal(signal=signal, actor_user=actor_user)


def _audit(*, actor_user: Any, action: str, instance: Any, before: Any, signal: Signal) -> None:
    """Audit a write about a signal, filed under its household when it has one."""
    audit_record(
        actor_user=actor_user,
        action=action,
        instance=instance,
        before=before,
        after=snapshot(instance),
        household_uuid=signal.household.uuid if signal.household else None,
    )


def _require_case_work(actor: Actor) -> None:
    if not actor.works_with_cases:
        raise PermissionDenied


def _set_status(signal: Signal, new_status: str) -> None:
    check_step(signal.status, new_status)
    signal.status = new_status


@transaction.atomic
def outreach_assign(*, actor: Actor, signal: Signal, professional: Any) -> OutreachTask:
    """Give the outreach to a professional (oneself: 'pick it up'). The reporter sees 'opgepakt'."""
    _require_case_work(actor)
    task = OutreachTask.objects.select_for_update().get(signal=signal)
    if task.status == OutreachStatus.DONE:
        raise ValidationError(_("This outreach is already done."))
    before_task, before_signal = snapshot(task), snapshot(signal)
    task.assigned_to = professional
    task.save(update_fields=["assigned_to"])
    if signal.status == SignalStatus.RECEIVED:
        _set_status(signal, SignalStatus.TAKEN_UP)
        signal.save(update_fields=["status", "priority", "updated_at"])
    _audit(
        actor_user=actor.user,
        action="outreach.assign",
        instance=task,
        before=before_task,
        signal=signal,
    )
    _audit(
        actor_user=actor.user,
        action="signal.status",
        instance=signal,
        before=before_signal,
        signal=signal,
    )
    return task


@transaction.atomic
def outreach_make_urgent(*, actor: Actor, signal: Signal) -> OutreachTask:
    """Bring the deadline forward to the urgent rule (e.g. the signaleringsoverleg decided so)."""
    _require_case_work(actor)
    task = OutreachTask.objects.select_for_update().get(signal=signal)
    before = snapshot(task)
    urgent_due = first_contact_due(
        received_on=timezone.localdate(), signal_type=signal.signal_type, urgent=True
    )
    if urgent_due < task.due_on:
        task.due_on = urgent_due
        task.save(update_fields=["due_on"])
    _audit(
        actor_user=actor.user, action="outreach.urgent", instance=task, before=before, signal=signal
    )
    return task


@transaction.atomic
def outreach_attempt_record(
    *,
    actor: Actor,
    signal: Signal,
    way: str,
    reached: bool,
    note: str = "",
    at: dt.datetime | None = None,
) -> OutreachAttempt:
    _require_case_work(actor)
    task = OutreachTask.objects.select_for_update().get(signal=signal)
    if task.status == OutreachStatus.DONE:
        raise ValidationError(_("This outreach is already done."))
    when = at or timezone.now()
    if when > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationError({"at": _("An attempt cannot be in the future.")})
    attempt = OutreachAttempt(
        task=task, at=when, by=actor.user, way=way, reached=reached, note=note
    )
    attempt.full_clean()
    attempt.save()
    _audit(
        actor_user=actor.user,
        action="outreach.attempt",
        instance=attempt,
        before=None,
        signal=signal,
    )
    if task.assigned_to_id is None:
        task.assigned_to = actor.user
    if reached and task.first_contact_at is None:
        before_task = snapshot(task)
        task.first_contact_at = when
        task.status = OutreachStatus.CONTACT_MADE
        task.save(update_fields=["first_contact_at", "status", "assigned_to"])
        _audit(
            actor_user=actor.user,
            action="outreach.contact",
            instance=task,
            before=before_task,
            signal=signal,
        )
    else:
        task.save(update_fields=["assigned_to"])
    before_signal = snapshot(signal)
    if signal.status == SignalStatus.RECEIVED:
        _set_status(signal, SignalStatus.TAKEN_UP)
    if reached and signal.status == SignalStatus.TAKEN_UP:
        _set_status(signal, SignalStatus.CONTACT_MADE)
    if before_signal["status"] != signal.status:
        signal.save(update_fields=["status", "updated_at"])
        _audit(
            actor_user=actor.user,
            action="signal.status",
            instance=signal,
            before=before_signal,
            signal=signal,
        )
    return attempt


@transaction.atomic
def signal_close(*, actor: Actor, signal: Signal, outcome: str) -> Signal:
    """Close with an outcome; the reporter sees 'afgesloten'."""
    _require_case_work(actor)
    if outcome not in Outcome.values or not outcome:
        raise ValidationError({"outcome": _("Choose an outcome.")})
    signal = Signal.objects.select_for_update().get(pk=signal.pk)
    before = snapshot(signal)
    _set_status(signal, SignalStatus.CLOSED)
    signal.outcome = outcome
    signal.closed_at = timezone.now()
    signal.save(update_fields=["status", "outcome", "closed_at", "updated_at"])
    _audit(
        actor_user=actor.user, action="signal.close", instance=signal, before=before, signal=signal
    )
    task = OutreachTask.objects.filter(signal=signal).first()
    if task is not None and task.status != OutreachStatus.DONE:
        before_task = snapshot(task)
        task.status = OutreachStatus.DONE
        task.outcome = outcome
        task.closed_at = signal.closed_at
        task.save(update_fields=["status", "outcome", "closed_at"])
        _audit(
            actor_user=actor.user,
            action="outreach.close",
            instance=task,
            before=before_task,
            signal=signal,
        )
    return signal


@transaction.atomic
def link_review_decide(
    *, actor: Actor, review: LinkReview, resident: Resident | None
) -> LinkReview:
    """Confirm one candidate (`resident`) or reject them all (None). Each decision is kept as a
    label for the linkage model: confirmed pairs as matches, rejected candidates as non-matches."""
    _require_case_work(actor)
    review = LinkReview.objects.select_for_update().get(pk=review.pk)
    if review.decided_at is not None:
        raise ValidationError(_("This review has already been decided."))
    candidate_ids = [c["resident_id"] for c in review.candidates]
    if resident is not None and resident.pk not in candidate_ids:
        raise ValidationError({"resident": _("Choose one of the proposed residents.")})
    before = snapshot(review)
    review.decided_at = timezone.now()
    review.decided_by = actor.user
    review.chosen_resident = resident
    review.save(update_fields=["decided_at", "decided_by", "chosen_resident"])
    audit_record(
        actor_user=actor.user,
        action="link_review.decide",
        instance=review,
        before=before,
        after=snapshot(review),
    )
    signal = review.signal
    from eenplan.linkage.records import PersonRecord
    from eenplan.linkage.services import link_label_record

    record = PersonRecord(
        id=str(signal.uuid),
        bsn="",
        given_names=signal.given_names,
        prefix=signal.surname_prefix,
        surname=signal.surname,
        birth_date=signal.birth_date,
        street=signal.street,
        house_number=signal.house_number,
        house_number_suffix=signal.house_number_suffix,
        postcode=signal.postcode,
        city=signal.city,
    )
    for candidate_id in candidate_ids:
        link_label_record(
            actor=actor,
            record=record,
            resident_id=candidate_id,
            is_match=resident is not None and candidate_id == resident.pk,
        )
    if resident is not None:
        _link_to_resident(signal, resident, actor=actor)
    return review


def _link_to_resident(signal: Signal, resident: Resident, *, actor: Actor) -> None:
    """A professional decided who the signal is about: link, re-route, and what follows."""
    before_signal = snapshot(signal)
    signal.resident = resident
    signal.household = _current_household(resident.pk)
    signal.link_method = LinkMethod.MANUAL
    signal.link_probability = None
    if signal.household is not None and signal.household.neighbourhood_id:
        _route(signal)
    signal.save()
    _audit(
        actor_user=actor.user,
        action="signal.link",
        instance=signal,
        before=before_signal,
        signal=signal,
    )
    _after_link(signal, actor_user=actor.user, actor=actor)


@transaction.atomic
def signal_link_new_resident(*, actor: Actor, signal: Signal, resident: Resident) -> Signal:
    """Nobody in the register matched, so the professional registered the person: the signal
    follows them to their new household."""
    _require_case_work(actor)
    signal = Signal.objects.select_for_update().get(pk=signal.pk)
    if signal.resident_id is not None:
        raise ValidationError(_("This signal is already linked to a resident."))
    pending = LinkReview.objects.filter(signal=signal, decided_at__isnull=True).first()
    if pending is not None:
        # Registering a new person answers the review too: none of the candidates.
        link_review_decide(actor=actor, review=pending, resident=None)
    _link_to_resident(signal, resident, actor=actor)
    return signal


@transaction.atomic
def alert_mark_read(*, actor: Actor, alert_ids: list[int]) -> int:
    from eenplan.signalering.models import Alert

    now = timezone.now()
    alerts = list(
        Alert.objects.select_for_update().filter(
            recipient=actor.user, pk__in=alert_ids, read_at__isnull=True
        )
    )
    for alert in alerts:
        before = snapshot(alert)
        alert.read_at = now
        alert.save(update_fields=["read_at"])
        audit_record(
            actor_user=actor.user,
            action="alert.read",
            instance=alert,
            before=before,
            after=snapshot(alert),
        )
    return len(alerts)

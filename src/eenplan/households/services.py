"""Writes of residents, households and involvements. Each audits inside its own transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.accounts.actor import Actor
from eenplan.areas.selectors import neighbourhood_for_postcode
from eenplan.households.bsn import bsn_pseudonym, encrypt_bsn, validate_bsn
from eenplan.households.models import (
    Household,
    HouseholdMember,
    Involvement,
    LegalBasis,
    Relation,
    Resident,
)
from eenplan.households.normalise import normalise_postcode, search_name
from eenplan.households.timeline import timeline_add
from eenplan.organisations.models import Organisation, Role, Team
from eenplan.privacy.services import audit_record, snapshot
from eenplan.signalering.alerts import match_notify, organisation_is_new_to
from eenplan.taxonomy.models import LifeDomain

# Who may register residents and households: the professionals who coordinate or lead.
REGISTERING_ROLES = frozenset({Role.REGISSEUR, Role.TEAMLEIDER})


def _require_registering(actor: Actor) -> None:
    if not actor.roles & REGISTERING_ROLES:
        raise PermissionDenied


def may_change_members(*, actor: Actor, household: Household, active_plan: Any = True) -> bool:
    """Who belongs to a household is changed by whoever leads its case: the coordinator, the
    backup or the covering team lead (before there is a plan: a planner who sees it). A partner
    who hears that someone moved in or out tells them, or reports a signal."""
    # Imported here: the plans app builds on this module.
    from eenplan.plans.services import may_lead_household

    return may_lead_household(actor=actor, household=household, active_plan=active_plan)


def may_change_involvement(
    *, actor: Actor, household: Household, organisation_id: int | None = None
) -> bool:
    """Whoever leads the case involves any organisation and ends any involvement. A partner
    involves or withdraws only their own organisation: ending another's involvement would take
    away that organisation's sight of the household. `organisation_id` None: any at all."""
    if not actor.works_with_cases:
        return False
    if may_change_members(actor=actor, household=household):
        return True
    return organisation_id is None or organisation_id == actor.organisation_id


def _require_member_changes(actor: Actor, household: Household) -> None:
    if not may_change_members(actor=actor, household=household):
        raise PermissionDenied(
            _(
                "Only the coordinator, the backup or the team lead changes who belongs to a household."
            )
        )


def _require_involvement_change(actor: Actor, household: Household, organisation_id: int) -> None:
    if not may_change_involvement(
        actor=actor, household=household, organisation_id=organisation_id
    ):
        raise PermissionDenied(
            _(
                "You involve or withdraw only your own organisation. The coordinator does this "
                "for other organisations."
            )
        )


def _clean_postcode(raw: str, field: str = "postcode") -> str:
    if not raw:
        return ""
    postcode = normalise_postcode(raw)
    if postcode is None:
        raise ValidationError({field: _("Enter a postcode as 1234 AB.")})
    return postcode


def resident_build(
    *,
    given_names: str,
    surname: str,
    surname_prefix: str = "",
    birth_date: dt.date | None = None,
    bsn: str = "",
    postcode: str = "",
    house_number: int | None = None,
    house_number_suffix: str = "",
    street: str = "",
    city: str = "",
    phone: str = "",
    email: str = "",
    prefers_plain_language: bool = True,
) -> Resident:
    """An unsaved, validated resident. Raises ValidationError with Dutch messages per field."""
    errors: dict[str, Any] = {}
    resident = Resident(
        given_names=(given_names or "").strip(),
        surname_prefix=(surname_prefix or "").strip(),
        surname=(surname or "").strip(),
        birth_date=birth_date,
        house_number=house_number,
        house_number_suffix=(house_number_suffix or "").strip(),
        street=(street or "").strip(),
        city=(city or "").strip(),
        phone=(phone or "").strip(),
        email=(email or "").strip(),
        prefers_plain_language=prefers_plain_language,
    )
    try:
        resident.postcode = _clean_postcode(postcode)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if birth_date and birth_date > timezone.localdate():
        errors["birth_date"] = [_("A date of birth cannot be in the future.")]
    if birth_date and birth_date.year < 1890:
        errors["birth_date"] = [_("This date of birth is too long ago.")]
    if bsn:
        try:
            clean = validate_bsn(bsn)
        except ValidationError as exc:
            errors["bsn"] = exc.messages
        else:
            resident.bsn_encrypted = encrypt_bsn(clean)
            resident.bsn_pseudonym = bsn_pseudonym(clean)
            if Resident.objects.filter(bsn_pseudonym=resident.bsn_pseudonym).exists():
                errors["bsn"] = [_("A resident with this BSN is already registered.")]
    resident.search_name = search_name(
        resident.given_names, resident.surname_prefix, resident.surname
    )
    try:
        resident.full_clean(exclude=["search_name", "postcode"])
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            errors.setdefault(key, messages)
    if errors:
        raise ValidationError(errors)
    return resident


@transaction.atomic
def household_register(
    *,
    actor: Actor,
    resident: Resident,
    relation: str = Relation.MAIN_RESIDENT,
    basis: str = LegalBasis.CONSENT,
    domain_codes: Iterable[str] = (),
    name: str = "",
) -> Household:
    """Register a new household with `resident` (unsaved, from `resident_build`) as first member.

    The registering professional and their team become involved, so they can see what they made.
    """
    _require_registering(actor)
    if basis not in LegalBasis.values:
        raise ValidationError({"basis": _("Choose consent or legal task.")})
    if resident.house_number is None or not resident.postcode:
        raise ValidationError(
            {"postcode": _("A household needs an address: postcode and house number.")}
        )
    try:
        with transaction.atomic():
            resident.save()
    except IntegrityError as exc:  # a concurrent registration of the same BSN
        raise ValidationError(
            {"bsn": _("A resident with this BSN is already registered.")}
        ) from exc
    household = Household(
        name=name.strip()
        or _("Household %(surname)s")
        % {"surname": " ".join(p for p in (resident.surname_prefix, resident.surname) if p)},
        postcode=resident.postcode,
        house_number=resident.house_number,
        house_number_suffix=resident.house_number_suffix,
        street=resident.street,
        city=resident.city,
        neighbourhood=neighbourhood_for_postcode(resident.postcode),
    )
    household.full_clean()
    household.save()
    member = HouseholdMember.objects.create(
        household=household, resident=resident, relation=relation, since=timezone.localdate()
    )
    audit_record(
        actor_user=actor.user,
        action="resident.create",
        instance=resident,
        before=None,
        after=snapshot(resident),
        household_uuid=household.uuid,
    )
    audit_record(
        actor_user=actor.user,
        action="household.create",
        instance=household,
        before=None,
        after=snapshot(household),
        household_uuid=household.uuid,
    )
    audit_record(
        actor_user=actor.user,
        action="member.add",
        instance=member,
        before=None,
        after=snapshot(member),
        household_uuid=household.uuid,
    )
    timeline_add(household=household, kind="household.created", actor=actor)
    timeline_add(
        household=household, kind="member.added", actor=actor, data={"name": resident.full_name}
    )
    if actor.organisation_id:
        involvement_start(
            actor=actor,
            household=household,
            organisation=Organisation.objects.get(pk=actor.organisation_id),
            team=Team.objects.filter(pk__in=actor.team_ids).order_by("id").first(),
            professional=actor.user,
            basis=basis,
            domain_codes=domain_codes,
        )
    return household


@transaction.atomic
def household_member_add(
    *, actor: Actor, household: Household, resident: Resident, relation: str
) -> HouseholdMember:
    """Add a resident (saved or new) to a household the actor may see (callers fetch it scoped)."""
    _require_member_changes(actor, household)
    if relation not in Relation.values:
        raise ValidationError({"relation": _("Choose a relation.")})
    if resident.pk is None:
        if not resident.postcode:
            resident.postcode = household.postcode
            resident.house_number = household.house_number
            resident.house_number_suffix = household.house_number_suffix
            resident.street = household.street
            resident.city = household.city
        resident.save()
        audit_record(
            actor_user=actor.user,
            action="resident.create",
            instance=resident,
            before=None,
            after=snapshot(resident),
            household_uuid=household.uuid,
        )
    elif HouseholdMember.objects.filter(resident=resident, until__isnull=True).exists():
        raise ValidationError({"resident": _("This resident is already a member of a household.")})
    member = HouseholdMember(
        household=household, resident=resident, relation=relation, since=timezone.localdate()
    )
    member.full_clean()
    member.save()
    audit_record(
        actor_user=actor.user,
        action="member.add",
        instance=member,
        before=None,
        after=snapshot(member),
        household_uuid=household.uuid,
    )
    timeline_add(
        household=household, kind="member.added", actor=actor, data={"name": resident.full_name}
    )
    Household.objects.filter(pk=household.pk).update(updated_at=timezone.now())
    return member


@transaction.atomic
def household_member_end(
    *, actor: Actor, member: HouseholdMember, until: dt.date | None = None
) -> HouseholdMember:
    _require_member_changes(actor, member.household)
    until = until or timezone.localdate()
    if member.until is not None:
        raise ValidationError({"until": _("This membership has already ended.")})
    if until > timezone.localdate():
        raise ValidationError({"until": _("The end date cannot be in the future.")})
    if until < member.since:
        raise ValidationError(
            {"until": _("The end date cannot be before the member joined the household.")}
        )
    before = snapshot(member)
    member.until = until
    member.full_clean()
    member.save()
    audit_record(
        actor_user=actor.user,
        action="member.end",
        instance=member,
        before=before,
        after=snapshot(member),
        household_uuid=member.household.uuid,
    )
    timeline_add(
        household=member.household,
        kind="member.left",
        actor=actor,
        data={"name": member.resident.full_name},
    )
    return member


@transaction.atomic
def involvement_start(
    *,
    actor: Actor,
    household: Household,
    organisation: Organisation,
    basis: str,
    team: Team | None = None,
    professional: Any = None,
    domain_codes: Iterable[str] = (),
    since: dt.date | None = None,
) -> Involvement:
    _require_involvement_change(actor, household, organisation.pk)
    if team is not None and team.organisation_id != organisation.pk:
        raise ValidationError({"team": _("This team does not belong to that organisation.")})
    if (
        professional is not None
        and not professional.memberships.filter(organisation=organisation, active=True).exists()
    ):
        raise ValidationError(
            {"professional": _("This professional does not work for that organisation.")}
        )
    organisation_was_new = organisation_is_new_to(household, organisation.pk)
    involvement = Involvement(
        household=household,
        organisation=organisation,
        team=team,
        professional=professional,
        basis=basis,
        since=since or timezone.localdate(),
    )
    involvement.full_clean()
    involvement.save()
    codes = list(domain_codes)
    domains = list(LifeDomain.objects.filter(code__in=codes))
    if len(domains) != len(set(codes)):
        raise ValidationError({"domains": _("Unknown life domain.")})
    involvement.domains.set(domains)
    audit_record(
        actor_user=actor.user,
        action="involvement.start",
        instance=involvement,
        before=None,
        after=snapshot(involvement, with_m2m=True),
        household_uuid=household.uuid,
    )
    timeline_add(
        household=household,
        kind="involvement.started",
        actor=actor,
        data={"organisation": organisation.name},
    )
    if organisation_was_new:
        # A second organisation at this household: everyone involved learns who is there now.
        match_notify(
            household=household,
            organisation=organisation,
            actor_user=actor.user,
            newcomer=professional,
        )
    return involvement


@transaction.atomic
def involvement_end(*, actor: Actor, involvement: Involvement) -> Involvement:
    _require_involvement_change(actor, involvement.household, involvement.organisation_id)
    if involvement.until is not None:
        raise ValidationError(_("This involvement has already ended."))
    before = snapshot(involvement, with_m2m=True)
    involvement.until = timezone.localdate()
    involvement.full_clean()
    involvement.save()
    audit_record(
        actor_user=actor.user,
        action="involvement.end",
        instance=involvement,
        before=before,
        after=snapshot(involvement, with_m2m=True),
        household_uuid=involvement.household.uuid,
    )
    timeline_add(
        household=involvement.household,
        kind="involvement.ended",
        actor=actor,
        data={"organisation": involvement.organisation.name},
    )
    return involvement

"""Starting a plan and handing over coordination, from the household page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from eenplan.accounts.actor import Actor, actor_from_request
from eenplan.households.selectors import HouseholdDetail, household_detail, household_get
from eenplan.plans.forms import CoordinatorForm
from eenplan.plans.services import PLANNING_ROLES, plan_change_coordinator, plan_start


def _planning_actor(request: HttpRequest, household_uuid: str) -> Actor:
    """The actor, if they may plan for this household. A household they cannot see is a 404
    (checked first, so a refusal tells nothing about its existence); seeing it without a
    planning role is a 403."""
    actor = actor_from_request(request)
    if not actor.works_with_cases:
        raise Http404
    household_get(actor=actor, household_uuid=household_uuid)
    if not actor.roles & PLANNING_ROLES:
        raise PermissionDenied
    return actor


def _choices(actor: Actor, info: HouseholdDetail) -> dict[str, Any]:
    professionals = {actor.user.pk: actor.user}
    for involvement in info.involvements:
        if involvement.professional is not None:
            professionals.setdefault(involvement.professional.pk, involvement.professional)
    plan = info.active_plan
    if plan is not None:
        for person in (plan.coordinator_professional, plan.backup_professional):
            if person is not None:
                professionals.setdefault(person.pk, person)
    return {
        "professionals": sorted(professionals.values(), key=str),
        "residents": [member.resident for member in info.current_members],
    }


def _apply_errors(form: CoordinatorForm, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        target = {"coordinator_professional": "coordinator", "backup_professional": "backup"}.get(
            field, field
        )
        form.add_error(target if target in form.fields else None, errors)


@never_cache
@login_required
def start(request: HttpRequest, household_uuid: str) -> HttpResponse:
    actor = _planning_actor(request, household_uuid)
    info = household_detail(actor=actor, household_uuid=household_uuid)
    if info.active_plan is not None:
        return redirect("households:detail", household_uuid=info.household.uuid)
    form = CoordinatorForm(request.POST or None, **_choices(actor, info))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan_start(
                actor=actor,
                household=info.household,
                coordinator_professional=data["coordinator_professional"],
                coordinator_resident=data["coordinator_resident"],
                backup_professional=data["backup_professional"],
                summary=data.get("summary", ""),
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The plan has started."))
            return redirect("households:detail", household_uuid=info.household.uuid)
    return render(
        request, "plans/coordinator_form.html", {"form": form, "info": info, "changing": False}
    )


@never_cache
@login_required
def change_coordinator(request: HttpRequest, household_uuid: str) -> HttpResponse:
    actor = _planning_actor(request, household_uuid)
    info = household_detail(actor=actor, household_uuid=household_uuid)
    plan = info.active_plan
    if plan is None:
        raise Http404
    initial = {
        "coordinator": f"p{plan.coordinator_professional_id}"
        if plan.coordinator_professional_id
        else f"r{plan.coordinator_resident_id}",
        "backup": f"p{plan.backup_professional_id}" if plan.backup_professional_id else "",
    }
    form = CoordinatorForm(
        request.POST or None, initial=initial, with_reason=True, **_choices(actor, info)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan_change_coordinator(
                actor=actor,
                plan=plan,
                reason=data["reason"],
                coordinator_professional=data["coordinator_professional"],
                coordinator_resident=data["coordinator_resident"],
                backup_professional=data["backup_professional"],
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The coordinator has changed."))
            return redirect("households:detail", household_uuid=info.household.uuid)
    return render(
        request, "plans/coordinator_form.html", {"form": form, "info": info, "changing": True}
    )

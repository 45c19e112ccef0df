"""Starting a plan and handing over coordination, goals and actions, the plan's history and the
printable plan for the resident: all reached from the household page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from eenplan.accounts.actor import Actor, actor_from_request
from eenplan.households.selectors import (
    HouseholdDetail,
    household_detail,
    household_get,
    households_visible_to,
)
from eenplan.plans.forms import (
    ActionForm,
    CoordinatorForm,
    GoalEditForm,
    GoalForm,
    PlanCloseForm,
)
from eenplan.plans.models import Goal, GoalStatus, Plan
from eenplan.plans.selectors import (
    active_plan_get,
    plan_action_get,
    plan_closed_get,
    plan_goal_get,
    plan_open_work,
    plan_owner_choices,
    plan_printable,
    plan_versions,
)
from eenplan.plans.services import (
    PLANNING_ROLES,
    action_add,
    action_update_status,
    follow_up_default_date,
    follow_up_default_instrument,
    goal_add,
    goal_update,
    may_update_action,
    may_write_plan,
    plan_change_coordinator,
    plan_close,
    plan_start,
)


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
        messages.info(
            request,
            _(
                "This household already has a plan, with %(coordinator)s as coordinator. "
                "One household has one plan."
            )
            % {"coordinator": info.active_plan.coordinator_name},
        )
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
    if not may_write_plan(actor=actor, plan=plan):
        raise PermissionDenied
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


# --- Goals, actions, history and the printable plan ------------------------------------------


def _writable_plan(request: HttpRequest, household_uuid: str) -> tuple[Actor, Plan]:
    """The active plan, if the actor may change it. 404 for a household they cannot see (or one
    without a plan); 403 for one they see but do not plan for."""
    actor = actor_from_request(request)
    if not actor.works_with_cases:
        raise Http404
    plan = active_plan_get(actor=actor, household_uuid=household_uuid)
    if not may_write_plan(actor=actor, plan=plan):
        raise PermissionDenied
    return actor, plan


def _add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@never_cache
@login_required
def goal_add_view(request: HttpRequest, household_uuid: str) -> HttpResponse:
    actor, plan = _writable_plan(request, household_uuid)
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            goal_add(
                actor=actor,
                plan=plan,
                domain=form.cleaned_data["domain"],
                text=form.cleaned_data["text"],
                professional_note=form.cleaned_data["professional_note"],
            )
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            messages.success(request, _("The goal has been added to the plan."))
            return redirect(_plan_anchor(plan))
    return render(request, "plans/goal_form.html", {"form": form, "plan": plan})


def _plan_anchor(plan: Plan) -> str:
    return (
        reverse("households:detail", kwargs={"household_uuid": plan.household.uuid})
        + "#plan-heading"
    )


@never_cache
@login_required
def action_add_view(request: HttpRequest, household_uuid: str) -> HttpResponse:
    actor, plan = _writable_plan(request, household_uuid)
    goals = list(
        Goal.objects.filter(plan=plan, status=GoalStatus.OPEN)
        .select_related("domain")
        .order_by("domain__position", "position", "id")
    )
    choices = plan_owner_choices(plan=plan)
    initial = {"goal": request.GET.get("doel", "")}
    form = ActionForm(
        request.POST or None,
        initial=initial,
        goals=goals,
        residents=choices.residents,
        professionals=choices.professionals,
        organisations=choices.organisations,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            action_add(
                actor=actor,
                goal=data["goal_object"],
                what=data["what"],
                owner_resident=data["owner_resident"],
                owner_relative=data["owner_relative"],
                owner_professional=data["owner_professional"],
                owner_organisation=data["owner_organisation"],
                due_on=data["due_on"],
            )
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            messages.success(request, _("The action has been added to the plan."))
            return redirect(_plan_anchor(plan))
    return render(
        request, "plans/action_form.html", {"form": form, "plan": plan, "has_goals": bool(goals)}
    )


@never_cache
@login_required
@require_POST
def action_status_view(request: HttpRequest, household_uuid: str, action_uuid: str) -> HttpResponse:
    actor = actor_from_request(request)
    if not actor.works_with_cases:
        raise Http404
    plan = active_plan_get(actor=actor, household_uuid=household_uuid)
    action = plan_action_get(plan=plan, action_uuid=action_uuid)
    if not may_update_action(actor=actor, action=action, plan=plan):
        raise PermissionDenied
    status = request.POST.get("status", "")
    try:
        action_update_status(actor=actor, action=action, status=status)
    except ValidationError as exc:
        for errors in exc.message_dict.values():
            for error in errors:
                messages.error(request, error)
    else:
        messages.success(request, _("The action has been updated."))
    return redirect(_plan_anchor(plan))


@never_cache
@login_required
@require_GET
def history_view(request: HttpRequest, household_uuid: str) -> HttpResponse:
    actor = actor_from_request(request)
    if not actor.works_with_cases:
        raise Http404
    plan, versions = plan_versions(actor=actor, household_uuid=household_uuid)
    return render(request, "plans/history.html", {"plan": plan, "versions": versions})


@never_cache
@login_required
@require_GET
def print_view(request: HttpRequest, household_uuid: str) -> HttpResponse:
    actor = actor_from_request(request)
    if not actor.works_with_cases:
        raise Http404
    printable = plan_printable(actor=actor, household_uuid=household_uuid)
    return render(
        request,
        "plans/print.html",
        {
            "printable": printable,
            "plan": printable.plan,
            "resident_text": printable.resident_text,
        },
    )


@never_cache
@login_required
def goal_edit_view(request: HttpRequest, household_uuid: str, goal_uuid: str) -> HttpResponse:
    actor, plan = _writable_plan(request, household_uuid)
    goal = plan_goal_get(plan=plan, goal_uuid=goal_uuid)
    initial = {
        "domain": goal.domain_id,
        "text": goal.text,
        "professional_note": goal.professional_note,
        "status": goal.status,
    }
    form = GoalEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            goal_update(
                actor=actor,
                goal=goal,
                domain=data["domain"],
                text=data["text"],
                professional_note=data["professional_note"],
                status=data["status"],
            )
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            messages.success(request, _("The goal has been changed."))
            return redirect(_plan_anchor(plan))
    return render(request, "plans/goal_form.html", {"form": form, "plan": plan, "goal": goal})


# --- Closing the plan, the closed plan with its outcome ------------------------------------


@never_cache
@login_required
def close_view(request: HttpRequest, household_uuid: str) -> HttpResponse:
    actor, plan = _writable_plan(request, household_uuid)
    instrument = follow_up_default_instrument(plan=plan)
    initial = {
        "follow_up_on": follow_up_default_date(today=timezone.localdate()),
        "follow_up_instrument": instrument.pk if instrument else None,
    }
    form = PlanCloseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan_close(
                actor=actor,
                plan=plan,
                reason=data["reason"],
                follow_up_on=data["follow_up_on"],
                follow_up_instrument=data["follow_up_instrument"],
            )
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            messages.success(request, _("The plan has been closed."))
            # Someone who saw the household only through the plan keeps it while the follow-up
            # is theirs to do; without one, the household is gone from their caseload.
            if not households_visible_to(actor).filter(pk=plan.household_id).exists():
                return redirect("households:caseload")
            return redirect(
                "households:plan_closed", household_uuid=plan.household.uuid, plan_uuid=plan.uuid
            )
    return render(
        request,
        "plans/close_form.html",
        {"form": form, "plan": plan, "open_work": plan_open_work(plan=plan)},
    )


@never_cache
@login_required
@require_GET
def closed_view(request: HttpRequest, household_uuid: str, plan_uuid: str) -> HttpResponse:
    actor = actor_from_request(request)
    if not actor.works_with_cases:
        raise Http404
    closed = plan_closed_get(actor=actor, household_uuid=household_uuid, plan_uuid=plan_uuid)
    return render(request, "plans/closed.html", {"closed": closed, "plan": closed.plan})

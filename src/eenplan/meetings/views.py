"""Meetings with the household, reached from the household page: the list, scheduling, the
meeting page with its agenda, recording what happened, and the calendar invitation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from eenplan.accounts.actor import Actor, actor_from_request
from eenplan.households.models import HouseholdMember, Involvement
from eenplan.households.selectors import household_get
from eenplan.meetings.forms import AgreementForm, RecordForm, ScheduleForm
from eenplan.meetings.ics import meeting_ics
from eenplan.meetings.models import Meeting, MeetingStatus
from eenplan.meetings.selectors import meeting_detail, meeting_get, meetings_for_household
from eenplan.meetings.services import meeting_cancel, meeting_record, meeting_schedule
from eenplan.plans.models import Goal, GoalStatus, Plan, PlanStatus
from eenplan.plans.selectors import plan_owner_choices
from eenplan.plans.services import PLANNING_ROLES

# Agreement rows on the record form: two per open goal (an MDO often agrees something for the
# resident and for an organisation on each goal), at least three, at most twelve.
AGREEMENT_ROWS_MIN = 3
AGREEMENT_ROWS_MAX = 12


def _case_actor(request: HttpRequest) -> Actor:
    actor = actor_from_request(request)
    if not actor.works_with_cases:
        raise Http404
    return actor


def _planner(request: HttpRequest, household_uuid: str) -> Actor:
    """A household the actor cannot see is a 404 (checked first, so a refusal tells nothing);
    seeing it without a planning role is a 403."""
    actor = _case_actor(request)
    household_get(actor=actor, household_uuid=household_uuid)
    if not actor.roles & PLANNING_ROLES:
        raise PermissionDenied
    return actor


def _service_errors(form: forms.Form, exc: ValidationError, fields: dict[str, str]) -> None:
    for field, errors in exc.message_dict.items():
        target = fields.get(field, field)
        form.add_error(target if target in form.fields else None, errors)


@never_cache
@login_required
@require_GET
def meeting_list_view(request: HttpRequest, household_uuid: str) -> HttpResponse:
    actor = _case_actor(request)
    household, meetings = meetings_for_household(actor=actor, household_uuid=household_uuid)
    return render(
        request,
        "meetings/list.html",
        {
            "household": household,
            "meetings": meetings,
            "may_plan": bool(actor.roles & PLANNING_ROLES),
        },
    )


@never_cache
@login_required
def meeting_schedule_view(request: HttpRequest, household_uuid: str) -> HttpResponse:
    actor = _planner(request, household_uuid)
    household = household_get(actor=actor, household_uuid=household_uuid)
    involvements = list(
        Involvement.objects.filter(household=household, until__isnull=True)
        .select_related("organisation", "professional")
        .order_by("id")
    )
    residents = [
        member.resident
        for member in HouseholdMember.objects.filter(household=household, until__isnull=True)
        .select_related("resident")
        .order_by("id")
    ]
    form = ScheduleForm(request.POST or None, involvements=involvements, residents=residents)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = meeting_schedule(
                actor=actor,
                household=household,
                kind=data["kind"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                place=data["place"],
                participants=data["participants"],
            )
        except ValidationError as exc:
            _service_errors(
                form, exc, {"starts_at": "date", "ends_at": "end", "participants": "parties"}
            )
        else:
            messages.success(request, _("The meeting has been scheduled."))
            return redirect(
                "households:meeting_detail",
                household_uuid=household.uuid,
                household_meeting_uuid=meeting.uuid,
            )
    return render(request, "meetings/schedule.html", {"form": form, "household": household})


@never_cache
@login_required
@require_GET
def meeting_detail_view(
    request: HttpRequest, household_uuid: str, household_meeting_uuid: str
) -> HttpResponse:
    actor = _case_actor(request)
    detail = meeting_detail(
        actor=actor, household_uuid=household_uuid, meeting_uuid=household_meeting_uuid
    )
    return render(
        request,
        "meetings/detail.html",
        {
            "detail": detail,
            "meeting": detail.meeting,
            "household": detail.household,
            "may_record": bool(actor.roles & PLANNING_ROLES)
            and detail.meeting.status == MeetingStatus.PLANNED,
        },
    )


def _agreement_forms(request: HttpRequest, plan: Plan | None) -> list[AgreementForm]:
    if plan is None:
        return []
    goals = list(
        Goal.objects.filter(plan=plan, status=GoalStatus.OPEN)
        .select_related("domain")
        .order_by("domain__position", "position", "id")
    )
    choices = plan_owner_choices(plan=plan)
    owners: dict[str, Any] = {
        "residents": choices.residents,
        "professionals": choices.professionals,
        "organisations": choices.organisations,
    }
    return [
        AgreementForm(request.POST or None, prefix=f"afspraak{i}", goals=goals, **owners)
        for i in range(min(max(AGREEMENT_ROWS_MIN, 2 * len(goals)), AGREEMENT_ROWS_MAX))
    ]


@never_cache
@login_required
def meeting_record_view(
    request: HttpRequest, household_uuid: str, household_meeting_uuid: str
) -> HttpResponse:
    actor = _planner(request, household_uuid)
    meeting = meeting_get(
        actor=actor, household_uuid=household_uuid, meeting_uuid=household_meeting_uuid
    )
    if meeting.status != MeetingStatus.PLANNED:
        return redirect(
            "households:meeting_detail",
            household_uuid=meeting.household.uuid,
            household_meeting_uuid=meeting.uuid,
        )
    plan = (
        Plan.objects.filter(household=meeting.household, status=PlanStatus.ACTIVE)
        .select_related("household__neighbourhood")
        .first()
    )
    form = RecordForm(request.POST or None)
    rows = _agreement_forms(request, plan)
    if request.method == "POST" and form.is_valid() and all(row.is_valid() for row in rows):
        agreements = []
        for row in rows:
            try:
                agreement = row.agreement()
            except ValidationError as exc:
                _service_errors(row, exc, {})
            else:
                if agreement is not None:
                    agreements.append(agreement)
        if not any(row.errors for row in rows):
            data = form.cleaned_data
            try:
                meeting_record(
                    actor=actor,
                    meeting=meeting,
                    resident_present=data["resident_present"],
                    absence_reason=data["absence_reason"],
                    summary=data["summary"],
                    agreements=agreements,
                )
            except ValidationError as exc:
                _service_errors(form, exc, {"owner": "", "what": "", "agreements": ""})
            else:
                messages.success(request, _("The meeting has been recorded."))
                return redirect(
                    "households:meeting_detail",
                    household_uuid=meeting.household.uuid,
                    household_meeting_uuid=meeting.uuid,
                )
    return render(
        request,
        "meetings/record.html",
        {"form": form, "rows": rows, "meeting": meeting, "household": meeting.household},
    )


@never_cache
@login_required
@require_GET
def meeting_invitation_view(
    request: HttpRequest, household_uuid: str, household_meeting_uuid: str
) -> HttpResponse:
    actor = _case_actor(request)
    meeting: Meeting = meeting_get(
        actor=actor, household_uuid=household_uuid, meeting_uuid=household_meeting_uuid
    )
    response = HttpResponse(meeting_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="overleg-{meeting.uuid}.ics"'
    return response


@never_cache
@login_required
@require_POST
def meeting_cancel_view(
    request: HttpRequest, household_uuid: str, household_meeting_uuid: str
) -> HttpResponse:
    actor = _planner(request, household_uuid)
    meeting = meeting_get(
        actor=actor, household_uuid=household_uuid, meeting_uuid=household_meeting_uuid
    )
    try:
        meeting_cancel(actor=actor, meeting=meeting)
    except ValidationError as exc:
        for errors in exc.message_dict.values():
            for error in errors:
                messages.error(request, error)
    else:
        messages.success(request, _("The meeting has been cancelled."))
    return redirect(
        "households:meeting_detail",
        household_uuid=meeting.household.uuid,
        household_meeting_uuid=meeting.uuid,
    )

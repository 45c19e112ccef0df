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
from django.utils import timezone
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
from eenplan.plans.services import may_lead_household

# Agreement rows on the record form: one per open goal, at least three; "another agreement"
# adds rows (without saving) up to the maximum.
AGREEMENT_ROWS_MIN = 3
AGREEMENT_ROWS_MORE = 3
AGREEMENT_ROWS_MAX = 30


def _case_actor(request: HttpRequest) -> Actor:
    actor = actor_from_request(request)
    if not actor.works_with_cases:
        raise Http404
    return actor


def _planner(request: HttpRequest, household_uuid: str) -> Actor:
    """A household the actor cannot see is a 404 (checked first, so a refusal tells nothing);
    seeing it without the right to plan its meetings is a 403."""
    actor = _case_actor(request)
    household = household_get(actor=actor, household_uuid=household_uuid)
    if not may_lead_household(actor=actor, household=household):
        raise PermissionDenied(
            _("Only the coordinator, the backup or the team lead plans this household's meetings.")
        )
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
            "may_plan": may_lead_household(actor=actor, household=household),
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
                absence_reason=data["absence_reason"],
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
            "may_record": detail.meeting.status == MeetingStatus.PLANNED
            and may_lead_household(actor=actor, household=detail.household),
            "started": detail.meeting.starts_at <= timezone.now(),
        },
    )


def _row_count(request: HttpRequest, goals: int) -> int:
    wanted = max(AGREEMENT_ROWS_MIN, goals)
    if request.method == "POST":
        posted = request.POST.get("rijen", "")
        if posted.isdigit():
            wanted = max(wanted, int(posted))
        if "meer" in request.POST:
            wanted += AGREEMENT_ROWS_MORE
    return min(wanted, AGREEMENT_ROWS_MAX)


def _agreement_forms(
    request: HttpRequest, plan: Plan | None, *, bound: bool
) -> list[AgreementForm]:
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
    rows = []
    for index in range(_row_count(request, len(goals))):
        prefix = f"afspraak{index}"
        if bound:
            rows.append(AgreementForm(request.POST, prefix=prefix, goals=goals, **owners))
        else:
            # Typed values come back as they were, without error messages: checking the language
            # or adding a row is not an attempt to save.
            initial = {
                name: request.POST.get(f"{prefix}-{name}", "")
                for name in ("goal", "what", "owner", "due_on")
            }
            rows.append(AgreementForm(initial=initial, prefix=prefix, goals=goals, **owners))
    return rows


@never_cache
@login_required
def meeting_record_view(
    request: HttpRequest, household_uuid: str, household_meeting_uuid: str
) -> HttpResponse:
    actor = _planner(request, household_uuid)
    meeting = meeting_get(
        actor=actor, household_uuid=household_uuid, meeting_uuid=household_meeting_uuid
    )
    if meeting.status != MeetingStatus.PLANNED or meeting.starts_at > timezone.now():
        if meeting.status == MeetingStatus.PLANNED:
            messages.info(
                request,
                _("This meeting has not started yet. Record it once it has been held."),
            )
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
    saving = request.method == "POST" and not ({"controleer", "meer"} & set(request.POST))
    if saving:
        form = RecordForm(request.POST)
    elif request.method == "POST":
        form = RecordForm(
            initial={
                name: request.POST.get(name, "")
                for name in ("resident_present", "absence_reason", "summary")
            }
        )
    else:
        form = RecordForm(initial={"absence_reason": meeting.absence_reason})
    rows = _agreement_forms(request, plan, bound=saving)
    if saving:
        # Every form is checked, so that all mistakes show in one round.
        valid = [form.is_valid()] + [row.is_valid() for row in rows]
        if all(valid):
            data = form.cleaned_data
            agreements = [a for a in (row.agreement() for row in rows) if a is not None]
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
    summary = request.POST.get("summary", "") if request.method == "POST" else ""
    error_forms: list[tuple[str, forms.Form]] = [
        (row.title, row) for row in rows if saving and row.errors
    ]
    if saving and form.errors:
        error_forms.insert(0, ("", form))
    return render(
        request,
        "meetings/record.html",
        {
            "form": form,
            "rows": rows,
            "row_count": len(rows),
            "may_add_rows": len(rows) < AGREEMENT_ROWS_MAX,
            "summary_text": summary,
            "error_forms": error_forms,
            "meeting": meeting,
            "household": meeting.household,
        },
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

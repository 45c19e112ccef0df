"""Pages of the signaleringsoverleg: the team's list, starting one, the agenda with a decision form
per signal, closing it. Works without JavaScript; with htmx a decision redraws only its item.

Thin: `meetings.py` decides who sees what (and logs it) and writes (and audits it). A meeting the
user may not see does not exist (404).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, QuerySet
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from eenplan.accounts.actor import Actor, actor_from_request
from eenplan.accounts.models import User
from eenplan.organisations.models import Membership, Organisation
from eenplan.signalering.meeting_forms import DecisionForm, MeetingCloseForm, MeetingStartForm
from eenplan.signalering.meetings import (
    AgendaItem,
    MeetingAgenda,
    may_decide,
    meeting_agenda,
    meeting_agenda_item,
    meeting_close,
    meeting_decide,
    meeting_get,
    meeting_has_decided,
    meeting_list,
    meeting_start,
    meeting_teams,
    outreach_candidates,
    participant_candidates,
    team_members,
)
from eenplan.signalering.models import SignalMeeting


def _actor(request: HttpRequest) -> Actor:
    actor = actor_from_request(request)
    # Residents, policy, privacy and admin roles have no business here, unless invited.
    if (
        not actor.works_with_cases
        and not SignalMeeting.objects.filter(participants=actor.user).exists()
    ):
        raise Http404
    return actor


def _with_organisation(users: QuerySet[User]) -> QuerySet[User]:
    return users.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.filter(active=True)
            .select_related("organisation")
            .order_by("id"),
            to_attr="active_memberships",
        )
    )


def _apply_errors(form: Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _people(meeting: SignalMeeting) -> QuerySet[User]:
    ids = [meeting.chair_id, *meeting.participants.values_list("pk", flat=True)]
    return _with_organisation(
        User.objects.filter(pk__in=ids).order_by("last_name", "first_name", "username")
    )


@dataclass(frozen=True)
class _Choices:
    """What every decision form on the page chooses from, read once per request."""

    people: list[User]
    outreach_people: list[User]
    organisations: list[Organisation]


def _choices(meeting: SignalMeeting) -> _Choices:
    return _Choices(
        people=list(_people(meeting)),
        outreach_people=list(_with_organisation(outreach_candidates(meeting))),
        organisations=list(Organisation.objects.order_by("name")),
    )


def _decision_form(item: AgendaItem, choices: _Choices, data: Any = None) -> DecisionForm:
    return DecisionForm(
        data,
        prefix=item.signal.short_code.lower(),
        people=choices.people,
        outreach_people=choices.outreach_people,
        organisations=choices.organisations,
    )


def _agenda_context(
    agenda: MeetingAgenda, bound: DecisionForm | None = None, choices: _Choices | None = None
) -> dict[str, Any]:
    meeting = agenda.meeting
    deciding = agenda.may_decide and agenda.is_open
    if choices is None:
        choices = _choices(meeting) if deciding else _Choices(list(_people(meeting)), [], [])
    rows = []
    for item in agenda.open_items:
        form = None
        if deciding:
            if bound is not None and bound.prefix == item.signal.short_code.lower():
                form = bound
            else:
                form = _decision_form(item, choices)
        rows.append({"item": item, "form": form})
    names = {p.pk: p.get_full_name() or p.username for p in choices.people}
    for item in agenda.decided_items:
        decision = item.decision
        if decision is not None:
            # Who was present: the names of the people at the table, as recorded.
            decision.present_names = [names[pk] for pk in decision.present if pk in names]  # type: ignore[attr-defined]
    return {"agenda": agenda, "meeting": meeting, "rows": rows, "people": choices.people}


@never_cache
@login_required
@require_GET
def list_(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    return render(
        request,
        "signalering/meeting_list.html",
        {
            "meetings": meeting_list(actor=actor),
            "may_start": meeting_teams(actor).exists(),
        },
    )


@never_cache
@login_required
def start(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    teams = meeting_teams(actor)
    if not teams.exists():
        raise Http404
    form = MeetingStartForm(
        request.POST or None,
        teams=teams,
        chairs=_with_organisation(team_members(teams.values_list("pk", flat=True))),
        candidates=_with_organisation(participant_candidates()),
        initial={"chair": actor.user.pk, "team": teams.first()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = meeting_start(
                actor=actor,
                team=data["team"],
                held_on=data["held_on"],
                chair=data["chair"],
                participants=data["participants"],
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("The signaleringsoverleg has been started."))
            return redirect("signalering:meeting_detail", meeting_uuid=meeting.uuid)
    return render(request, "signalering/meeting_start.html", {"form": form})


@never_cache
@login_required
@require_GET
def detail(request: HttpRequest, meeting_uuid: str) -> HttpResponse:
    actor = _actor(request)
    agenda = meeting_agenda(actor=actor, meeting_uuid=meeting_uuid)
    return render(request, "signalering/meeting_detail.html", _agenda_context(agenda))


@never_cache
@login_required
@require_POST
def decide(request: HttpRequest, meeting_uuid: str, signal_uuid: str) -> HttpResponse:
    actor = _actor(request)
    meeting = meeting_get(actor=actor, meeting_uuid=meeting_uuid)
    if not may_decide(actor, meeting):
        raise Http404
    if meeting.closed_at is None and meeting_has_decided(meeting=meeting, signal_uuid=signal_uuid):
        messages.info(request, _("This signal was already decided in this meeting."))
        return redirect("signalering:meeting_detail", meeting_uuid=meeting.uuid)
    item = meeting_agenda_item(actor=actor, meeting=meeting, signal_uuid=signal_uuid)
    choices = _choices(meeting)
    form = _decision_form(item, choices, data=request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            meeting_decide(
                actor=actor,
                meeting=meeting,
                signal_uuid=signal_uuid,
                decision=data["decision"],
                present=data["present"],
                outreach_by=data["outreach_by"],
                refer_to=data["refer_to"],
                note=data["note"],
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            message = _("The decision on %(code)s has been recorded.") % {
                "code": item.signal.short_code
            }
            if request.htmx:  # type: ignore[attr-defined]
                response = render(
                    request,
                    "signalering/meeting_item_done.html",
                    {"item": item, "message": message},
                )
                patch_vary_headers(response, ("HX-Request",))
                return response
            messages.success(request, message)
            return redirect("signalering:meeting_detail", meeting_uuid=meeting.uuid)
    if request.htmx:  # type: ignore[attr-defined]
        response = render(
            request,
            "signalering/meeting_item.html",
            {"row": {"item": item, "form": form}, "meeting": meeting},
        )
        patch_vary_headers(response, ("HX-Request",))
        return response
    agenda = meeting_agenda(actor=actor, meeting_uuid=meeting_uuid)
    return render(
        request,
        "signalering/meeting_detail.html",
        _agenda_context(agenda, bound=form, choices=choices),
    )


@never_cache
@login_required
def close(request: HttpRequest, meeting_uuid: str) -> HttpResponse:
    actor = _actor(request)
    meeting = meeting_get(actor=actor, meeting_uuid=meeting_uuid)
    if not may_decide(actor, meeting) or meeting.closed_at is not None:
        raise Http404
    form = MeetingCloseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        meeting_close(actor=actor, meeting=meeting)
        messages.success(request, _("The signaleringsoverleg is closed."))
        return redirect("signalering:meeting_detail", meeting_uuid=meeting.uuid)
    return render(request, "signalering/meeting_close.html", {"meeting": meeting, "form": form})

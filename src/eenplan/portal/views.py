"""The resident's own pages (/mijn/): home, plan (also as PDF), meetings and measurements, in
plain Dutch. Thin: the selectors scope and log, the services write."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from eenplan.accounts.actor import actor_from_request
from eenplan.assessments.charts import progress_charts
from eenplan.assessments.models import ScoredBy
from eenplan.assessments.selectors import InstrumentProgress
from eenplan.assessments.services import measurement_record
from eenplan.households.models import LegalBasis
from eenplan.meetings.models import MeetingKind
from eenplan.organisations.models import Role
from eenplan.plans.models import ActionStatus, Direction, GoalStatus
from eenplan.plans.pdf import plan_pdf_response
from eenplan.portal.forms import OwnMeasurementForm
from eenplan.portal.selectors import (
    OwnOutcome,
    own_access_history,
    own_instrument_to_fill,
    own_measurements,
    own_meetings,
    own_next_meeting,
    own_plan,
    own_printable_plan,
    participant_roles,
    resident_home,
)
from eenplan.privacy.decorators import resident_required
from eenplan.privacy.models import AccessEvent, AccessPurpose
from eenplan.reminders.selectors import important_days_for_resident

# What happened, said to the resident in everyday words: the verb phrase of "A contact person of
# X ... .". Every kind of read needs one (a test checks); the log's own labels are not sentences.
EVENT_WORDS: dict[str, Promise] = {
    AccessEvent.HOUSEHOLD_LIST: _("saw your name in a list of households"),
    AccessEvent.HOUSEHOLD_VIEW: _("looked at the details of your household"),
    AccessEvent.RESIDENT_VIEW: _("looked at your personal details"),
    AccessEvent.SEARCH: _("found your name while searching"),
    AccessEvent.DUPLICATE_CHECK: _("checked that you are not registered twice"),
    AccessEvent.EXPORT: _("made a list with your name on it"),
    AccessEvent.BREAK_THE_GLASS: _("opened your file in an emergency"),
    AccessEvent.SIGNAL_LIST: _("saw a report about you in a list"),
    AccessEvent.SIGNAL_VIEW: _("read a report about you"),
    AccessEvent.MEASUREMENTS_VIEW: _("looked at your scores"),
}
# For a kind of read added later and not yet worded above.
EVENT_WORDS_DEFAULT = _("looked at your details")
ROLE_WORDS: dict[str, Promise] = {
    Role.REGISSEUR: _("contact person"),
    Role.PARTNER: _("care or support worker"),
    Role.TEAMLEIDER: _("team leader"),
    Role.BELEID: _("policy officer"),
    Role.PRIVACY: _("privacy officer"),
    Role.BEHEER: _("system administrator"),
}
BASIS_WORDS: dict[str, Promise] = {
    LegalBasis.CONSENT: _("with your consent"),
    LegalBasis.LEGAL_TASK: _("because the law requires it"),
}


@resident_required
def home(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    page = resident_home(actor=actor)
    involvements = []
    if page.detail is not None:
        for involvement in page.detail.involvements:
            involvements.append(
                {
                    "organisation": involvement.organisation.name,
                    "professional": (
                        involvement.professional.get_full_name() if involvement.professional else ""
                    ),
                    "team": involvement.team.name if involvement.team else "",
                    "domains": [domain.name for domain in involvement.domains.all()],
                    "basis": BASIS_WORDS.get(involvement.basis, ""),
                }
            )
    history = [
        {
            "at": group.last_at,
            "first_at": group.first_at,
            "times": group.times,
            "organisation": group.organisation,
            "role": ROLE_WORDS.get(group.role, _("employee")),
            "event": EVENT_WORDS.get(group.event, EVENT_WORDS_DEFAULT),
            "emergency": group.purpose == AccessPurpose.BREAK_THE_GLASS,
            "reason": group.reason if group.purpose == AccessPurpose.BREAK_THE_GLASS else "",
        }
        for group in own_access_history(actor=actor)
    ]
    next_meeting = own_next_meeting(home=page)
    if next_meeting is not None:
        next_meeting.kind_words = MEETING_WORDS.get(next_meeting.kind, "")  # type: ignore[attr-defined]
    return render(
        request,
        "portal/home.html",
        {
            "page": page,
            "involvements": involvements,
            "history": history,
            "next_meeting": next_meeting,
            "important_days": important_days_for_resident(actor=actor),
            "today": timezone.localdate(),
        },
    )


# --- The plan ------------------------------------------------------------------------------------

GOAL_STATUS_WORDS: dict[str, Promise] = {
    GoalStatus.OPEN: pgettext_lazy("resident goal", "working on it"),
    GoalStatus.REACHED: pgettext_lazy("resident goal", "reached"),
    GoalStatus.STOPPED: pgettext_lazy("resident goal", "stopped"),
}
# A goal still open when the plan was closed is not being worked on any more.
CLOSED_PLAN_OPEN_GOAL_WORDS = pgettext_lazy("resident goal", "not finished")
ACTION_STATUS_WORDS: dict[str, Promise] = {
    ActionStatus.OPEN: pgettext_lazy("resident action", "not done yet"),
    ActionStatus.DONE: pgettext_lazy("resident action", "done"),
}


def outcome_words(outcome: OwnOutcome) -> str:
    """One line of a closed plan's outcome, in everyday words."""
    values = {"item": outcome.item_name, "first": outcome.first_score, "last": outcome.last_score}
    if outcome.direction == Direction.BETTER:
        return gettext("%(item)s went from %(first)s to %(last)s. That is better.") % values
    if outcome.direction == Direction.WORSE:
        return gettext("%(item)s went from %(first)s to %(last)s. That is less good.") % values
    return gettext("%(item)s stayed at %(last)s.") % values


@never_cache
@resident_required
@require_GET
def plan(request: HttpRequest) -> HttpResponse:
    page = own_plan(actor=actor_from_request(request))
    goal_words = GOAL_STATUS_WORDS
    if page.closed:
        goal_words = GOAL_STATUS_WORDS | {GoalStatus.OPEN: CLOSED_PLAN_OPEN_GOAL_WORDS}
    for group in page.domains:
        for goal in group.goals:
            goal.status_words = goal_words.get(goal.status, "")  # type: ignore[attr-defined]
            for action in goal.action_list:  # type: ignore[attr-defined]
                action.status_words = ACTION_STATUS_WORDS.get(action.status, "")
    outcomes = [
        {
            "domain": group.domain,
            "lines": [
                {"words": outcome_words(outcome), "instrument": outcome.instrument_name}
                for outcome in group.outcomes
            ],
        }
        for group in page.outcomes
    ]
    return render(
        request,
        "portal/plan.html",
        {
            "page": page,
            "outcomes": outcomes,
            "contacts": page.contacts,
            "today": timezone.localdate(),
        },
    )


@never_cache
@resident_required
@require_GET
def plan_pdf(request: HttpRequest) -> HttpResponse:
    printable = own_printable_plan(actor=actor_from_request(request))
    return plan_pdf_response(printable=printable, request=request)


# --- Meetings ------------------------------------------------------------------------------------

# What each kind of meeting is, in everyday words.
MEETING_WORDS: dict[str, Promise] = {
    MeetingKind.MDO: _("Meeting with everyone who helps you"),
    MeetingKind.KITCHEN_TABLE: _("Conversation at your kitchen table"),
    MeetingKind.START: _("First meeting"),
}


@never_cache
@resident_required
@require_GET
def meetings(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    page = own_meetings(actor=actor)
    roles = participant_roles([*page.upcoming, *page.held])
    for meeting in [*page.upcoming, *page.held]:
        meeting.kind_words = MEETING_WORDS.get(meeting.kind, "")  # type: ignore[attr-defined]
        for participant in meeting.participant_list:  # type: ignore[attr-defined]
            participant.role_words = roles.get(participant.professional_id or 0, "")
    return render(request, "portal/meetings.html", {"page": page, "resident_id": actor.resident_id})


# --- Measurements --------------------------------------------------------------------------------


def _charts(progress: InstrumentProgress) -> list[dict[str, object]]:
    return progress_charts(
        progress,
        resident_label=gettext("You"),
        professional_label=pgettext("resident portal", "Professional"),
        for_resident=True,
    )


@never_cache
@resident_required
@require_GET
def measurements(request: HttpRequest) -> HttpResponse:
    page = own_measurements(actor=actor_from_request(request))
    instruments = [
        {
            "progress": progress,
            "both": progress.instrument.scored_by == ScoredBy.BOTH,
            "charts": _charts(progress),
        }
        for progress in page.instruments
    ]
    return render(
        request,
        "portal/measurements.html",
        {"page": page, "instruments": instruments},
    )


@never_cache
@resident_required
def measurement_fill(request: HttpRequest, instrument_code: str) -> HttpResponse:
    actor = actor_from_request(request)
    resident, instrument = own_instrument_to_fill(actor=actor, instrument_code=instrument_code)
    form = OwnMeasurementForm(request.POST or None, instrument=instrument, resident=resident)
    if request.method == "POST" and form.is_valid():
        try:
            measurement_record(
                actor=actor,
                resident=resident,
                instrument=instrument,
                taken_on=timezone.localdate(),
                scores=form.scores(),
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, gettext("Thank you. Your scores are saved."))
            return redirect("portal:measurements")
    return render(request, "portal/measurement_fill.html", {"form": form, "instrument": instrument})

"""Pages for signals: report one, follow what you reported, work the team's queue, act on one.

Thin: selectors decide who sees what (and log it), services write (and audit it).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from eenplan.accounts.actor import actor_from_request
from eenplan.households.models import Resident
from eenplan.households.services import REGISTERING_ROLES
from eenplan.privacy.decorators import role_required
from eenplan.signalering.forms import AttemptForm, CloseForm, ReviewForm, SignalForm
from eenplan.signalering.models import Channel, LinkReview, OutreachStatus, SignalStatus
from eenplan.signalering.selectors import (
    SIGNAL_WORK_ROLES,
    alerts_for,
    link_review_candidates,
    parties_of,
    signal_detail,
    signal_work,
    signals_reported_by,
)
from eenplan.signalering.services import (
    REPORTING_ROLES,
    alert_mark_read,
    link_review_decide,
    outreach_assign,
    outreach_attempt_record,
    outreach_make_urgent,
    signal_close,
    signal_receive,
)


@never_cache
@role_required(*REPORTING_ROLES)
def report(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    form = SignalForm(request.POST or None, may_process_bsn=actor.may_process_bsn)
    if request.method == "POST" and form.is_valid():
        try:
            signal_receive(actor=actor, data=form.to_input(), channel=Channel.FORM)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request,
                _(
                    "Thank you. Your signal has been received and goes to the neighbourhood team. "
                    "Below you can follow its status."
                ),
            )
            return redirect("signalering:reported")
    return render(request, "signalering/report.html", {"form": form})


@never_cache
@role_required(*REPORTING_ROLES)
def reported(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    return render(
        request,
        "signalering/reported.html",
        {"signals": signals_reported_by(actor=actor)},
    )


@never_cache
@role_required(*SIGNAL_WORK_ROLES)
def work(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    return render(request, "signalering/work.html", {"work": signal_work(actor=actor)})


@never_cache
@login_required
def detail(request: HttpRequest, signal_uuid: str) -> HttpResponse:
    actor = actor_from_request(request)
    signal = signal_detail(actor=actor, signal_uuid=signal_uuid)
    outreach = getattr(signal, "outreach", None)
    review = LinkReview.objects.filter(signal=signal, decided_at__isnull=True).first()
    context: dict[str, Any] = {
        "signal": signal,
        "outreach": outreach,
        "attempts": list(outreach.attempts.select_related("by")) if outreach else [],
        "attempt_form": AttemptForm(),
        "close_form": CloseForm(),
        "is_open": signal.status != SignalStatus.CLOSED,
        "may_take_up": outreach is not None
        and outreach.assigned_to_id != actor.user_id
        and outreach.status != OutreachStatus.DONE,
        "review": review,
        "may_register": bool(actor.roles & REGISTERING_ROLES),
        "candidates": link_review_candidates(actor=actor, review=review)
        if review and review.signal.team_id in actor.team_ids
        else [],
    }
    return render(request, "signalering/detail.html", context)


def _actionable(request: HttpRequest, signal_uuid: str) -> Any:
    return signal_detail(actor=actor_from_request(request), signal_uuid=signal_uuid)


def _back(signal: Any) -> HttpResponse:
    return redirect("signalering:detail", signal_uuid=signal.uuid)


@require_POST
@login_required
def take_up(request: HttpRequest, signal_uuid: str) -> HttpResponse:
    actor = actor_from_request(request)
    signal = _actionable(request, signal_uuid)
    try:
        outreach_assign(actor=actor, signal=signal, professional=actor.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("You have taken up this signal."))
    return _back(signal)


@require_POST
@login_required
def make_urgent(request: HttpRequest, signal_uuid: str) -> HttpResponse:
    actor = actor_from_request(request)
    signal = _actionable(request, signal_uuid)
    outreach_make_urgent(actor=actor, signal=signal)
    messages.success(request, _("The deadline now follows the urgent rule."))
    return _back(signal)


@require_POST
@login_required
def attempt(request: HttpRequest, signal_uuid: str) -> HttpResponse:
    actor = actor_from_request(request)
    signal = _actionable(request, signal_uuid)
    form = AttemptForm(request.POST)
    if form.is_valid():
        try:
            outreach_attempt_record(
                actor=actor,
                signal=signal,
                way=form.cleaned_data["way"],
                reached=form.cleaned_data["reached"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Attempt recorded."))
            return _back(signal)
    else:
        messages.error(request, _("Say how you tried and whether you reached the resident."))
    return _back(signal)


@require_POST
@login_required
def close(request: HttpRequest, signal_uuid: str) -> HttpResponse:
    actor = actor_from_request(request)
    signal = _actionable(request, signal_uuid)
    form = CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an outcome."))
        return _back(signal)
    try:
        signal_close(actor=actor, signal=signal, outcome=form.cleaned_data["outcome"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The signal is closed. The reporter sees 'closed'."))
    return _back(signal)


@require_POST
@login_required
def review(request: HttpRequest, signal_uuid: str) -> HttpResponse:
    actor = actor_from_request(request)
    signal = _actionable(request, signal_uuid)
    pending = LinkReview.objects.filter(signal=signal, decided_at__isnull=True).first()
    if pending is None or signal.team_id not in actor.team_ids:
        raise Http404
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the proposed residents, or none of them."))
        return _back(signal)
    choice = form.cleaned_data["choice"]
    resident = None
    if choice != "none":
        candidate_ids = [c["resident_id"] for c in pending.candidates]
        if not choice.isdigit() or int(choice) not in candidate_ids:
            messages.error(request, _("Choose one of the proposed residents, or none of them."))
            return _back(signal)
        resident = get_object_or_404(Resident, pk=int(choice))
    try:
        link_review_decide(actor=actor, review=pending, resident=resident)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Linked to the chosen resident.")
            if resident
            else _("None of them: the signal stays on its address."),
        )
    return _back(signal)


@never_cache
@login_required
def alerts(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    if not actor.works_with_cases:
        raise Http404
    items = alerts_for(actor=actor)
    parties = parties_of({a.household_id for a in items if a.household_id})
    rows = [{"alert": a, "parties": parties.get(a.household_id or 0, [])} for a in items]
    return render(request, "signalering/alerts.html", {"rows": rows})


@require_POST
@login_required
def alerts_read(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    if not actor.works_with_cases:
        raise Http404
    ids = [int(v) for v in request.POST.getlist("alert") if v.isdigit()]
    alert_mark_read(actor=actor, alert_ids=ids)
    return redirect("signalering:alerts")

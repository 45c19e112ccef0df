"""Pages for measurements: per household member the instruments over time, recording a
measurement, and the progress chart of one instrument. Thin: selectors and services decide."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from eenplan.accounts.actor import Actor, actor_from_request
from eenplan.assessments.charts import (
    PROFESSIONAL_COLOUR,
    RESIDENT_COLOUR,
    progress_charts,
)
from eenplan.assessments.forms import MeasurementForm
from eenplan.assessments.models import ScoredBy
from eenplan.assessments.selectors import (
    DIFFERENCE_THRESHOLD,
    InstrumentProgress,
    instrument_get,
    instrument_progress,
    measurement_overview,
    member_for_measurements,
)
from eenplan.assessments.services import measurement_record


def _case_actor(request: HttpRequest) -> Actor:
    actor = actor_from_request(request)
    if not actor.works_with_cases:
        # Residents see their own scores in the portal; other roles have no resident pages.
        raise Http404
    return actor


@never_cache
@login_required
@require_GET
def overview(request: HttpRequest, resident_uuid: str) -> HttpResponse:
    actor = _case_actor(request)
    info = measurement_overview(actor=actor, resident_uuid=resident_uuid)
    return render(
        request,
        "assessments/overview.html",
        {"info": info, "resident": info.member.resident, "household": info.member.household},
    )


def _charts(progress: InstrumentProgress) -> list[dict[str, object]]:
    return progress_charts(progress, resident_label=_("Resident"))


@never_cache
@login_required
@require_GET
def progress(request: HttpRequest, resident_uuid: str, instrument_code: str) -> HttpResponse:
    actor = _case_actor(request)
    info = instrument_progress(
        actor=actor, resident_uuid=resident_uuid, instrument_code=instrument_code
    )
    return render(
        request,
        "assessments/progress.html",
        {
            "info": info,
            "resident": info.member.resident,
            "household": info.member.household,
            "instrument": info.instrument,
            "charts": _charts(info) if info.measurements else [],
            "both": info.instrument.scored_by == ScoredBy.BOTH,
            "threshold": DIFFERENCE_THRESHOLD,
            "resident_colour": RESIDENT_COLOUR,
            "professional_colour": PROFESSIONAL_COLOUR,
        },
    )


@never_cache
@login_required
def record(request: HttpRequest, resident_uuid: str, instrument_code: str) -> HttpResponse:
    actor = _case_actor(request)
    member = member_for_measurements(actor=actor, resident_uuid=resident_uuid)
    instrument = instrument_get(code=instrument_code, in_use=True)
    form = MeasurementForm(request.POST or None, instrument=instrument, resident=member.resident)
    if request.method == "POST" and form.is_valid():
        try:
            measurement_record(
                actor=actor,
                resident=member.resident,
                instrument=instrument,
                taken_on=form.cleaned_data["taken_on"],
                scores=form.scores(),
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request,
                _("The %(instrument)s measurement of %(name)s is saved.")
                % {"instrument": instrument.name, "name": member.resident.full_name},
            )
            return redirect(
                "assessments:progress",
                resident_uuid=member.resident.uuid,
                instrument_code=instrument.code,
            )
    return render(
        request,
        "assessments/record.html",
        {
            "form": form,
            "resident": member.resident,
            "household": member.household,
            "instrument": instrument,
        },
    )

"""My reminders (`/herinneringen/`) and a household's important days."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from eenplan.accounts.actor import actor_from_request
from eenplan.reminders.forms import ImportantDayForm
from eenplan.reminders.selectors import important_days_page, reminders_for
from eenplan.reminders.services import (
    important_day_add,
    important_day_remove,
    reminder_mark_read,
)


@never_cache
@login_required
@require_GET
def reminder_list(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    rows = reminders_for(actor=actor)
    return render(
        request,
        "reminders/list.html",
        {"rows": rows, "any_unread": any(row.reminder.read_at is None for row in rows)},
    )


@never_cache
@login_required
@require_POST
def reminder_read(request: HttpRequest) -> HttpResponse:
    """Mark one reminder read (`reminder` in the form), or all of them when none is named."""
    actor = actor_from_request(request)
    reminder_uuid = request.POST.get("reminder") or None
    changed = reminder_mark_read(actor=actor, reminder_uuid=reminder_uuid)
    if reminder_uuid is None and changed:
        messages.success(request, _("All reminders are marked as read."))
    return redirect("reminders:list")


@never_cache
@login_required
def important_days(request: HttpRequest, household_uuid: str) -> HttpResponse:
    actor = actor_from_request(request)
    page = important_days_page(actor=actor, household_uuid=household_uuid)
    here = reverse("reminders:important_days", kwargs={"household_uuid": household_uuid})
    if request.method == "POST" and request.POST.get("remove"):
        important_day_remove(
            actor=actor,
            household_uuid=household_uuid,
            important_day_uuid=request.POST["remove"],
        )
        messages.success(request, _("The important day has been removed."))
        return redirect(here)
    form = ImportantDayForm(request.POST or None, members=page.members)
    if request.method == "POST" and form.is_valid():
        try:
            important_day_add(
                actor=actor,
                household_uuid=household_uuid,
                resident_uuid=form.cleaned_data["resident"],
                on=form.cleaned_data["on"],
                what=form.cleaned_data["what"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(
                request,
                _("The important day has been saved. The coordinator is reminded the day before."),
            )
            return redirect(here)
    return render(
        request,
        "reminders/important_days.html",
        {"form": form, "household": page.household, "days": page.days},
    )

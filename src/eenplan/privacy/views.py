"""The privacy officer's pages: the access log and the emergency accesses to review."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from eenplan.accounts.actor import actor_from_request
from eenplan.organisations.models import Role
from eenplan.privacy.decorators import role_required
from eenplan.privacy.forms import AccessLogSearchForm, BreakTheGlassReviewForm
from eenplan.privacy.selectors import (
    access_log_search,
    break_the_glass_grant_get,
    break_the_glass_grants,
    resident_uuids_matching,
    unreviewed_grant_count,
)
from eenplan.privacy.services import break_the_glass_review as review_grant


@role_required(Role.PRIVACY)
@require_http_methods(["GET", "POST"])
def access_log(request: HttpRequest) -> HttpResponse:
    """GET shows the newest entries; the search is a POST, so a BSN never ends up in a URL
    (and so in a proxy's log or the browser's history)."""
    actor = actor_from_request(request)
    form = AccessLogSearchForm(request.POST if request.method == "POST" else None)
    page = None
    if not form.is_bound or form.is_valid():
        data = form.cleaned_data if form.is_bound else {}
        resident_uuids = None
        if form.is_bound and form.searches_person:
            resident_uuids = resident_uuids_matching(
                actor=actor,
                bsn=data.get("bsn", ""),
                name=data.get("name", ""),
                birth_date=data.get("birth_date"),
            )
        page = access_log_search(
            actor=actor,
            household_uuid=data.get("household"),
            resident_uuid=data.get("resident"),
            resident_uuids=resident_uuids,
            username=data.get("username"),
            since=data.get("since"),
            until=data.get("until"),
            page=request.POST.get("pagina") or request.GET.get("pagina") or 1,
        )
    return render(
        request,
        "privacy/access_log.html",
        {"form": form, "page": page, "unreviewed": unreviewed_grant_count(actor=actor)},
    )


@role_required(Role.PRIVACY)
def break_the_glass(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    page = Paginator(break_the_glass_grants(actor=actor), 25).get_page(request.GET.get("pagina"))
    return render(request, "privacy/break_the_glass.html", {"page": page})


@role_required(Role.PRIVACY)
@require_http_methods(["GET", "POST"])
def break_the_glass_review(request: HttpRequest, grant_uuid: str) -> HttpResponse:
    actor = actor_from_request(request)
    grant = break_the_glass_grant_get(actor=actor, grant_uuid=grant_uuid)
    form = BreakTheGlassReviewForm(request.POST or None, initial={"note": grant.review_note})
    if request.method == "POST" and form.is_valid():
        review_grant(actor=actor, grant=grant, note=form.cleaned_data["note"])
        messages.success(request, _("The emergency access has been reviewed."))
        return redirect("privacy:break_the_glass")
    return render(request, "privacy/break_the_glass_review.html", {"grant": grant, "form": form})

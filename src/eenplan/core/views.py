"""The front door: send each user to where their work is. And the error pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from eenplan.accounts.actor import actor_from_request
from eenplan.api import errors as api_errors
from eenplan.organisations.models import CASE_ROLES, Role

# Role -> the page where that role's work starts, in order of precedence.
HOME_PAGES: tuple[tuple[str, str], ...] = (
    (Role.REGISSEUR, "households:caseload"),
    (Role.TEAMLEIDER, "households:caseload"),
    (Role.PARTNER, "households:caseload"),
    (Role.PRIVACY, "privacy:log"),
    (Role.BELEID, "areas:figures"),
    (Role.BEHEER, "admin:index"),
    (Role.MELDER, "signalering:report"),
)


def home_url_for(roles: frozenset[str], *, is_resident: bool) -> str | None:
    candidates = [name for role, name in HOME_PAGES if role in roles]
    if is_resident and not roles & CASE_ROLES:
        candidates.append("portal:home")
    for name in candidates:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


@login_required
def home(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    url = home_url_for(actor.roles, is_resident=actor.resident_id is not None)
    if url:
        return redirect(url)
    return render(request, "core/home.html", {"actor": actor})


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return api_errors.not_found(request)
    return render(request, "404.html", status=404)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # A service that refuses says why ("only the coordinator ..."); that is more useful than the
    # general sentence, which stays for a plain refusal.
    reason = str(exception) if exception is not None and exception.args else ""
    return render(request, "403.html", {"reason": reason}, status=403)


def error_500(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return api_errors.server_error(request)
    # No context processors: the database may be what failed.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render({}), status=500)

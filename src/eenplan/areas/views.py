"""Figures for policy makers and team leads: aggregates per wijk only."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from eenplan.accounts.actor import actor_from_request
from eenplan.areas.selectors import FIGURE_ROLES, area_figures
from eenplan.privacy.decorators import role_required


@role_required(*FIGURE_ROLES)
def figures(request: HttpRequest) -> HttpResponse:
    result = area_figures(actor=actor_from_request(request))
    return render(request, "areas/figures.html", {"figures": result})

"""The resident's own page (/mijn/), in plain Dutch."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from eenplan.accounts.actor import actor_from_request
from eenplan.households.models import LegalBasis
from eenplan.organisations.models import Role
from eenplan.portal.selectors import own_access_history, resident_home
from eenplan.privacy.decorators import resident_required
from eenplan.privacy.models import AccessEvent, AccessPurpose

# What happened, said to the resident in everyday words.
EVENT_WORDS: dict[str, Promise] = {
    AccessEvent.HOUSEHOLD_LIST: _("saw your name in a list of households"),
    AccessEvent.HOUSEHOLD_VIEW: _("looked at the details of your household"),
    AccessEvent.RESIDENT_VIEW: _("looked at your personal details"),
    AccessEvent.SEARCH: _("found your name while searching"),
    AccessEvent.DUPLICATE_CHECK: _("checked that you are not registered twice"),
    AccessEvent.EXPORT: _("made a list with your name on it"),
    AccessEvent.BREAK_THE_GLASS: _("opened your file in an emergency"),
}
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
            "at": entry.at,
            "organisation": entry.organisation,
            "role": ROLE_WORDS.get(entry.role, _("employee")),
            "event": EVENT_WORDS.get(entry.event, entry.get_event_display()),
            "emergency": entry.purpose == AccessPurpose.BREAK_THE_GLASS,
            "reason": entry.reason if entry.purpose == AccessPurpose.BREAK_THE_GLASS else "",
        }
        for entry in own_access_history(actor=actor)
    ]
    return render(
        request,
        "portal/home.html",
        {"page": page, "involvements": involvements, "history": history},
    )

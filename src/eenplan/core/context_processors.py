"""What every page's layout needs: the acting user and the navigation for their roles."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from eenplan.organisations.models import Role


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url: str
    current: bool
    # A number next to the label, e.g. unread alerts.
    count: int = 0


# (url name, label, roles that see it; "resident" for residents). Order is the order shown.
NAVIGATION: tuple[tuple[str, Any, frozenset[str]], ...] = (
    (
        "households:caseload",
        _("My households"),
        frozenset({Role.REGISSEUR, Role.PARTNER, Role.TEAMLEIDER}),
    ),
    ("households:register", _("New household"), frozenset({Role.REGISSEUR, Role.TEAMLEIDER})),
    ("signalering:work", _("Signals"), frozenset({Role.REGISSEUR, Role.TEAMLEIDER})),
    (
        "signalering:report",
        _("Report a signal"),
        frozenset({Role.PARTNER, Role.MELDER}),
    ),
    ("signalering:reported", _("My reports"), frozenset({Role.PARTNER, Role.MELDER})),
    (
        "signalering:alerts",
        _("Alerts"),
        frozenset({Role.REGISSEUR, Role.PARTNER, Role.TEAMLEIDER}),
    ),
    (
        "households:break_the_glass",
        _("Emergency access"),
        frozenset({Role.REGISSEUR, Role.PARTNER, Role.TEAMLEIDER}),
    ),
    ("areas:figures", _("Figures"), frozenset({Role.BELEID, Role.TEAMLEIDER})),
    ("privacy:log", _("Access log"), frozenset({Role.PRIVACY})),
    ("privacy:break_the_glass", _("Emergency access review"), frozenset({Role.PRIVACY})),
    ("admin:index", _("Administration"), frozenset({Role.BEHEER})),
    ("portal:home", _("My plan"), frozenset({"resident"})),
    # The shared language: every term explained, for professionals and residents alike.
    ("taxonomy:glossary", _("Glossary"), frozenset({*Role.values, "resident"})),
)


EXACT_PATH_ITEMS = frozenset({"households:caseload", "signalering:work"})


def _url_or_none(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:  # a page another part of eenplan has not built (yet)
        return None


def nav_items_for(roles: frozenset[str], path: str) -> list[NavItem]:
    items = []
    for name, label, allowed in NAVIGATION:
        if not roles & allowed:
            continue
        url = _url_or_none(name)
        if url is None:
            continue
        # These prefixes are shared by other pages of their app: only their own path counts.
        current = path == url if name in EXACT_PATH_ITEMS else path.startswith(url)
        items.append(NavItem(label=label, url=url, current=current))
    return items


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The acting role, for the navigation bar. Cheap: the actor is built once per request."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    from eenplan.accounts.actor import actor_from_request

    actor = actor_from_request(request)
    roles = set(actor.roles)
    if actor.resident_id:
        roles.add("resident")
    items = nav_items_for(frozenset(roles), request.path)
    if actor.works_with_cases:
        items = _with_unread_alerts(items, actor)
    return {"actor": actor, "nav_items": items}


def _with_unread_alerts(items: list[NavItem], actor: Any) -> list[NavItem]:
    from eenplan.signalering.selectors import unread_alert_count

    alerts_url = _url_or_none("signalering:alerts")
    if not any(item.url == alerts_url for item in items):
        return items
    unread = unread_alert_count(actor=actor)
    return [
        NavItem(label=i.label, url=i.url, current=i.current, count=unread)
        if i.url == alerts_url
        else i
        for i in items
    ]

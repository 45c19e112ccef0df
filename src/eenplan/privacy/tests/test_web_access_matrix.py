"""Every web page × every kind of user: who gets the page, who gets a 404, who goes to login.

The table below must name every URL of the project (outside the admin, the API, static files and
the language switch). A new page without an entry fails `test_every_url_is_classified`: decide who
may open it, add it to `CLASSIFICATION`, and the matrix checks it for every role.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from eenplan.areas.tests.factories import DistrictFactory, NeighbourhoodFactory
from eenplan.households.tests.factories import HouseholdFactory, InvolvementFactory
from eenplan.meetings.models import Meeting, MeetingKind
from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import (
    OrganisationFactory,
    TeamFactory,
    UserFactory,
    professional,
)
from eenplan.plans.models import PlanStatus
from eenplan.plans.tests.factories import ActionFactory, PlanFactory
from eenplan.privacy.models import BreakTheGlassGrant
from eenplan.signalering.models import Channel, LinkReview, Signal, SignalMeeting
from eenplan.signalering.services import SignalInput, signal_receive

pytestmark = pytest.mark.django_db

# Prefixes whose URLs are checked elsewhere: the admin (test_admin.py), the API (its own matrix),
# static files and Django's language switch.
EXCLUDED_PREFIXES = ("beheer/", "api/v1/", "static/", "i18n/")

ROLES = (
    "regisseur_coordinating",
    "partner_involved",
    "partner_not_involved",
    "lead_covering",
    "lead_elsewhere",
    "beleid",
    "privacy",
    "beheer",
    "resident_of_household",
    "other_resident",
    "melder",
    "anonymous",
)
CASE_WORKERS = {
    "regisseur_coordinating",
    "partner_involved",
    "partner_not_involved",
    "lead_covering",
    "lead_elsewhere",
}
NEED_TO_KNOW = {"regisseur_coordinating", "partner_involved", "lead_covering"}
RESIDENTS = {"resident_of_household", "other_resident"}
LOGGED_IN = set(ROLES) - {"anonymous"}
SIGNAL_ACTORS = {"regisseur_coordinating", "lead_covering"}

OK = "ok"  # 200, or a redirect that is not to the login page
NOT_FOUND = "404"
LOGIN = "login"  # a redirect to the login page


FORBIDDEN = "403"


@dataclass(frozen=True)
class Access:
    """Who may open a URL. Logged-in users outside `allowed` are refused with one of `refused`
    (only ever a 404 for a household's or resident's own page, so its existence does not leak);
    anonymous users go to the login page unless `anonymous` says otherwise."""

    allowed: frozenset[str]
    anonymous: str = LOGIN
    refused: frozenset[str] = frozenset({NOT_FOUND})
    method: str = "get"
    # Roles that may see the household but not do this: "forbidden" tells them nothing new.
    forbidden_for: frozenset[str] = frozenset()

    def outcomes(self, role: str) -> set[str]:
        if role == "anonymous":
            return {self.anonymous}
        if role in self.allowed:
            return {OK}
        if role in self.forbidden_for:
            return {FORBIDDEN}
        return set(self.refused)

    def accepts(self, role: str, got: str) -> bool:
        return got in self.outcomes(role)

    def describe(self, role: str) -> str:
        return " or ".join(sorted(self.outcomes(role)))


def access(allowed, *, anonymous=LOGIN, refused=(NOT_FOUND,), method="get", forbidden_for=()):
    return Access(
        allowed=frozenset(allowed),
        anonymous=anonymous,
        refused=frozenset(refused),
        method=method,
        forbidden_for=frozenset(forbidden_for),
    )


# A page for a role (not one household's data) may also answer "forbidden" to other roles.
ROLE_PAGE = (NOT_FOUND, FORBIDDEN)

CLASSIFICATION: dict[str, Access] = {
    # core and accounts
    "core:health": access(LOGGED_IN, anonymous=OK),
    "core:home": access(LOGGED_IN),
    "accounts:login": access(LOGGED_IN, anonymous=OK),
    # Logging out always ends on the login page.
    "accounts:logout": access(set(), anonymous=LOGIN, refused=(LOGIN,), method="post"),
    "accounts:second_factor": access(LOGGED_IN),
    "accounts:second_factor_setup": access(LOGGED_IN),
    # case work: professionals in a case role; household data by need-to-know
    "households:caseload": access(CASE_WORKERS, refused=ROLE_PAGE),
    "households:export": access(CASE_WORKERS, refused=ROLE_PAGE),
    "households:register": access(
        {"regisseur_coordinating", "lead_covering", "lead_elsewhere"}, refused=ROLE_PAGE
    ),
    "households:break_the_glass": access(CASE_WORKERS, refused=ROLE_PAGE),
    "households:detail": access(NEED_TO_KNOW),
    # Plans: the coordinator and the covering team lead (the household already has a plan, so
    # starting one sends them back to the household page).
    "households:plan_start": access(
        {"regisseur_coordinating", "lead_covering"}, forbidden_for={"partner_involved"}
    ),
    "households:plan_change_coordinator": access(
        {"regisseur_coordinating", "lead_covering"}, forbidden_for={"partner_involved"}
    ),
    # Goals and actions: written by the coordinator (and backup) and the covering team lead; an
    # involved professional marks their own action done (the world's action is theirs). The
    # history and the printable plan: everyone who may see the household.
    "households:plan_goal_add": access(
        {"regisseur_coordinating", "lead_covering"}, forbidden_for={"partner_involved"}
    ),
    "households:plan_goal_edit": access(
        {"regisseur_coordinating", "lead_covering"}, forbidden_for={"partner_involved"}
    ),
    "households:plan_action_add": access(
        {"regisseur_coordinating", "lead_covering"}, forbidden_for={"partner_involved"}
    ),
    "households:plan_action_status": access(NEED_TO_KNOW, method="post"),
    "households:plan_history": access(NEED_TO_KNOW),
    "households:plan_print": access(NEED_TO_KNOW),
    # Closing the plan: as writing it; a closed plan with its outcome: as the household.
    "households:plan_close": access(
        {"regisseur_coordinating", "lead_covering"}, forbidden_for={"partner_involved"}
    ),
    "households:plan_closed": access(NEED_TO_KNOW),
    # Members and involvements: every case role that may see the household.
    # Who belongs to the household, and ending another organisation's involvement: those who
    # lead the case. A partner involves (or withdraws) only their own organisation.
    "households:member_add": access(
        {"regisseur_coordinating", "lead_covering"}, forbidden_for={"partner_involved"}
    ),
    "households:member_end": access(
        {"regisseur_coordinating", "lead_covering"},
        forbidden_for={"partner_involved"},
        method="post",
    ),
    "households:involvement_add": access(NEED_TO_KNOW),
    "households:involvement_end": access(
        {"regisseur_coordinating", "lead_covering"},
        forbidden_for={"partner_involved"},
        method="post",
    ),
    # Residents read their own details in the portal, not in the professionals' pages.
    "households:resident_detail": access(NEED_TO_KNOW),
    # Measurements of a household member: every case role that may see the household.
    "assessments:overview": access(NEED_TO_KNOW),
    "assessments:progress": access(NEED_TO_KNOW),
    "assessments:record": access(NEED_TO_KNOW),
    # Meetings with the household: read by everyone who may see it (the .ics too); scheduling
    # and recording by the coordinator and the covering team lead.
    "households:meeting_list": access(NEED_TO_KNOW),
    "households:meeting_detail": access(NEED_TO_KNOW),
    "households:meeting_invitation": access(NEED_TO_KNOW),
    "households:meeting_schedule": access(
        {"regisseur_coordinating", "lead_covering"}, forbidden_for={"partner_involved"}
    ),
    "households:meeting_record": access(
        {"regisseur_coordinating", "lead_covering"}, forbidden_for={"partner_involved"}
    ),
    "households:meeting_cancel": access(
        {"regisseur_coordinating", "lead_covering"},
        forbidden_for={"partner_involved"},
        method="post",
    ),
    # Reminders: everyone's own list (empty for residents and roles without case work);
    # important days of a household: everyone who may see it.
    "reminders:list": access(LOGGED_IN),
    "reminders:read": access(LOGGED_IN, method="post"),
    "reminders:important_days": access(NEED_TO_KNOW),
    # the privacy officer
    "privacy:log": access({"privacy"}),
    "privacy:break_the_glass": access({"privacy"}),
    "privacy:break_the_glass_review": access({"privacy"}),
    # figures for policy
    "areas:figures": access({"beleid", "lead_covering", "lead_elsewhere"}),
    # The glossary is for everyone who is logged in, residents included; the plain-language check
    # is for every professional role.
    "taxonomy:glossary": access(LOGGED_IN),
    "taxonomy:plain_language_check": access(LOGGED_IN - RESIDENTS, refused=ROLE_PAGE),
    # the resident's own page
    "portal:home": access(RESIDENTS),
    "portal:plan": access(RESIDENTS),
    "portal:meetings": access(RESIDENTS),
    "portal:measurements": access(RESIDENTS),
    # Only a resident with an active plan gets it as PDF; the other resident has none (404).
    "portal:plan_pdf": access({"resident_of_household"}),
    # The test value is the ZRM, which professionals score: no resident fills it in (404).
    "portal:measurement_fill": access(set()),
    # The plan as PDF: like the printable plan, for everyone who may see the household.
    "households:plan_pdf": access(NEED_TO_KNOW),
    # Signals. Anyone in a case role and the neighbourhood contact (melder) may report and
    # follow the status of what they reported; the routed team and the coordinator act on it.
    "signalering:report": access(CASE_WORKERS | {"melder"}, refused=ROLE_PAGE),
    "signalering:reported": access(CASE_WORKERS | {"melder"}, refused=ROLE_PAGE),
    "signalering:work": access(
        {"regisseur_coordinating", "lead_covering", "lead_elsewhere"}, refused=ROLE_PAGE
    ),
    "signalering:alerts": access(CASE_WORKERS, refused=ROLE_PAGE),
    "signalering:alerts_read": access(CASE_WORKERS, refused=ROLE_PAGE, method="post"),
    # The signal itself: its content only for the coordinator and the team it was routed to.
    "signalering:detail": access(SIGNAL_ACTORS),
    "signalering:take_up": access(SIGNAL_ACTORS, method="post"),
    "signalering:make_urgent": access(SIGNAL_ACTORS, method="post"),
    "signalering:attempt": access(SIGNAL_ACTORS, method="post"),
    "signalering:close": access(SIGNAL_ACTORS, method="post"),
    # Deciding a probable link: the routed team only (the coordinator elsewhere gets a 404).
    "signalering:review": access({"lead_covering"}, method="post"),
    # The signaleringsoverleg: the team and the participants at the table; deciding and closing
    # is for the team.
    "signalering:meeting_list": access(CASE_WORKERS, refused=ROLE_PAGE),
    "signalering:meeting_start": access(
        {"regisseur_coordinating", "lead_covering", "lead_elsewhere"}, refused=ROLE_PAGE
    ),
    "signalering:meeting_detail": access({"lead_covering", "partner_involved"}),
    "signalering:meeting_decide": access({"lead_covering"}, method="post"),
    "signalering:meeting_close": access({"lead_covering"}),
}


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(EXCLUDED_PREFIXES):
            continue
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            full = ":".join(p for p in (namespace, inner) if p)
            yield from _walk(pattern.url_patterns, route, full)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield name, route, tuple(getattr(pattern.pattern, "converters", {}))


def project_urls():
    return list(_walk(get_resolver().url_patterns))


def test_every_url_is_classified():
    unnamed = [route for name, route, _kw in project_urls() if not name]
    assert not unnamed, (
        f"These URLs have no name, so the access matrix cannot check them: {unnamed}. "
        "Give each a name in its app's urls.py."
    )
    missing = sorted({name for name, _r, _kw in project_urls()} - set(CLASSIFICATION))
    assert not missing, (
        f"New URL(s) without an entry in the web access matrix: {missing}. Add each to "
        "CLASSIFICATION in src/eenplan/privacy/tests/test_web_access_matrix.py with the roles "
        "that may open it."
    )


def test_no_stale_entries():
    stale = sorted(set(CLASSIFICATION) - {name for name, _r, _kw in project_urls()})
    assert not stale, f"CLASSIFICATION names URLs that no longer exist: {stale}"


@pytest.fixture
def world():
    """One household with everyone around it, and users who have nothing to do with it."""
    district = DistrictFactory()
    covering_team = TeamFactory(districts=[district])
    household = HouseholdFactory(members=2, neighbourhood=NeighbourhoodFactory(district=district))
    member, _partner = [m.resident for m in household.members.order_by("id")]
    users = {
        "regisseur_coordinating": professional(Role.REGISSEUR),
        "partner_involved": professional(Role.PARTNER),
        "partner_not_involved": professional(Role.PARTNER),
        "lead_covering": professional(Role.TEAMLEIDER, team=covering_team),
        "lead_elsewhere": professional(
            Role.TEAMLEIDER, team=TeamFactory(districts=[DistrictFactory()])
        ),
        "beleid": professional(Role.BELEID),
        "privacy": professional(Role.PRIVACY),
        "beheer": professional(Role.BEHEER, is_staff=True),
        "resident_of_household": UserFactory(),
        "other_resident": UserFactory(),
        "melder": professional(Role.MELDER, organisation=OrganisationFactory()),
    }
    plan = PlanFactory(
        household=household, coordinator_professional=users["regisseur_coordinating"]
    )
    action = ActionFactory(goal__plan=plan, owner_professional=users["partner_involved"])
    closed_plan = PlanFactory(
        household=household,
        status=PlanStatus.CLOSED,
        closed_on=dt.date(2025, 6, 1),
        closing_reason="Doelen gehaald.",
    )
    InvolvementFactory(household=household, professional=users["partner_involved"])
    # Ended by the POST-only URLs (not the involvement or member that gives anyone access).
    ending = InvolvementFactory(household=household)
    member.user = users["resident_of_household"]
    member.save()
    other = HouseholdFactory(members=1).members.get().resident
    other.user = users["other_resident"]
    other.save()
    # Someone else's emergency access, expired, waiting for the privacy officer's review.
    grant = BreakTheGlassGrant.objects.create(
        user=professional(Role.PARTNER),
        household=household,
        reason="Acute situatie, de regisseur was niet bereikbaar.",
        expires_at=timezone.now() - dt.timedelta(hours=1),
    )
    # A signal about the household, routed to the covering team, with a link still to review.
    signal = signal_receive(
        actor=None,
        source_organisation=OrganisationFactory(corporation=True),
        data=SignalInput(
            signal_type_code="huurachterstand",
            postcode=household.postcode,
            house_number=household.house_number,
            months_in_arrears=2,
        ),
        channel=Channel.FILE,
    ).signal
    Signal.objects.filter(pk=signal.pk).update(
        household=household, resident=member, team=covering_team
    )
    LinkReview.objects.create(
        signal=signal, candidates=[{"resident_id": member.pk, "probability": 0.7}]
    )
    # The covering team's signaleringsoverleg, with an involved partner at the table.
    meeting = SignalMeeting.objects.create(
        team=covering_team, held_on=timezone.localdate(), chair=users["lead_covering"]
    )
    meeting.participants.set([users["lead_covering"], users["partner_involved"]])
    # A planned meeting with the household at the table.
    household_meeting = Meeting.objects.create(
        household=household,
        kind=MeetingKind.MDO,
        starts_at=timezone.now() + dt.timedelta(days=7),
        ends_at=timezone.now() + dt.timedelta(days=7, hours=1),
        place="Wijkcentrum",
        created_by=users["regisseur_coordinating"],
    )
    kwargs = {
        "meeting_uuid": meeting.uuid,
        "household_meeting_uuid": household_meeting.uuid,
        "signal_uuid": signal.uuid,
        "household_uuid": household.uuid,
        "resident_uuid": member.uuid,
        "grant_uuid": grant.uuid,
        "member_id": household.members.get(resident=_partner).pk,
        "involvement_uuid": ending.uuid,
        "instrument_code": "zrm",
        "action_uuid": action.uuid,
        "goal_uuid": action.goal.uuid,
        "plan_uuid": closed_plan.uuid,
    }
    return users, kwargs


def outcome(response) -> str:
    if response.status_code == 302:
        login = reverse("accounts:login")
        return LOGIN if response["Location"].split("?")[0].endswith(login) else OK
    if response.status_code == 200:
        return OK
    return str(response.status_code)


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(client, world, role):
    users, values = world
    if role != "anonymous":
        client.force_login(users[role])
    mismatches = []
    for name, _route, converters in project_urls():
        rule = CLASSIFICATION.get(name)
        if rule is None:
            continue  # reported by test_every_url_is_classified
        unknown = [c for c in converters if c not in values]
        assert not unknown, f"{name}: no test value for URL parameter(s) {unknown}"
        url = reverse(name, kwargs={c: values[c] for c in converters})
        response = getattr(client, rule.method)(url)
        got = outcome(response)
        if not rule.accepts(role, got):
            mismatches.append(
                f"{rule.method.upper()} {url} ({name}): expected {rule.describe(role)}, got {got}"
            )
        if role != "anonymous" and not client.session.get("_auth_user_id"):
            client.force_login(users[role])  # the logout URL ended the session
    assert not mismatches, f"{role}:\n" + "\n".join(mismatches)

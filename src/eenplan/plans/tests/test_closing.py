"""Closing a plan: the reason, the outcome per life domain from the first and last measurement,
the follow-up measurement and when it counts as done, bad input, audit, and the pages."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from eenplan.areas.tests.factories import NeighbourhoodFactory
from eenplan.assessments.models import Instrument
from eenplan.assessments.tests.factories import record
from eenplan.households.selectors import households_visible_to
from eenplan.households.tests.factories import HouseholdFactory, InvolvementFactory
from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import TeamFactory, professional
from eenplan.plans.models import Direction, FollowUp, Plan, PlanOutcome, PlanStatus
from eenplan.plans.services import follow_up_default_date, plan_close
from eenplan.plans.tests.factories import ActionFactory, GoalFactory, PlanFactory
from eenplan.privacy.models import AccessLogEntry, AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(actor_of):
    coordinator = professional(Role.REGISSEUR)
    household = HouseholdFactory(members=2)
    members = [m.resident for m in household.members.order_by("id")]
    plan = PlanFactory(household=household, coordinator_professional=coordinator)
    # The coordinator's own team stays involved after the plan closes (and does the follow-up).
    InvolvementFactory(household=household, professional=coordinator)
    return {
        "plan": plan,
        "household": household,
        "members": members,
        "user": coordinator,
        "actor": actor_of(coordinator),
    }


def _days_ago(days: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days)


def _outcome(plan, resident, item_code):
    return PlanOutcome.objects.get(plan=plan, resident=resident, item__code=item_code)


# --- the outcome per life domain --------------------------------------------------------------


def test_outcome_compares_first_and_last_measurement_per_member_and_item(case):
    actor, plan = case["actor"], case["plan"]
    first, second = case["members"]
    # Before the plan started: not part of the outcome.
    record(actor, first, "zrm", dt.date(2024, 12, 1), 1)
    record(actor, first, "zrm", _days_ago(90), 2, financien=1, huisvesting=4)
    record(actor, first, "zrm", _days_ago(40), 3)  # in between: ignored
    record(actor, first, "zrm", _days_ago(5), 2, financien=4, huisvesting=3)
    record(actor, second, "participatieladder", _days_ago(60), 2)
    record(actor, second, "participatieladder", _days_ago(10), 4)
    # Measured only once: nothing to compare, so no outcome.
    record(actor, second, "zrm", _days_ago(30), 3)

    plan_close(actor=actor, plan=plan, reason="Schulden geregeld, werk gevonden.")

    money = _outcome(plan, first, "financien")
    assert (money.first_score, money.last_score) == (1, 4)
    assert (money.first_on, money.last_on) == (_days_ago(90), _days_ago(5))
    assert money.direction == Direction.BETTER and money.domain.code == "financien"
    housing = _outcome(plan, first, "huisvesting")
    assert (housing.first_score, housing.last_score, housing.direction) == (4, 3, Direction.WORSE)
    daytime = _outcome(plan, first, "tijdsbesteding")
    assert (daytime.first_score, daytime.last_score, daytime.direction) == (2, 2, Direction.SAME)
    rung = _outcome(plan, second, "trede")
    assert (rung.first_score, rung.last_score, rung.direction) == (2, 4, Direction.BETTER)
    assert rung.domain.code == "werk-inkomen"
    assert not PlanOutcome.objects.filter(plan=plan, resident=second, item__code="financien")
    zrm_items = Instrument.objects.get(code="zrm").items.filter(domain__isnull=False).count()
    assert PlanOutcome.objects.filter(plan=plan).count() == zrm_items + 1


def test_closing_stores_reason_status_follow_up_and_one_audit_event(case):
    actor, plan = case["actor"], case["plan"]
    record(actor, case["members"][0], "participatieladder", _days_ago(60), 2)
    record(actor, case["members"][0], "participatieladder", _days_ago(10), 3)
    audits = AuditEvent.objects.count()

    plan_close(actor=actor, plan=plan, reason="  Doelen gehaald.  ")

    plan.refresh_from_db()
    assert plan.status == PlanStatus.CLOSED and plan.closed_on == timezone.localdate()
    assert plan.closing_reason == "Doelen gehaald."
    follow_up = FollowUp.objects.get(plan=plan)
    assert follow_up.due_on == follow_up_default_date(today=timezone.localdate())
    assert follow_up.due_on.month != timezone.localdate().month
    # The default instrument is the one last used for the household.
    assert follow_up.instrument.code == "participatieladder" and follow_up.done_at is None
    assert AuditEvent.objects.count() == audits + 1
    event = AuditEvent.objects.filter(action="plan.close").get()
    assert event.after["outcomes"][0]["direction"] == Direction.BETTER
    assert event.after["follow_up"]["due_on"] == follow_up.due_on.isoformat()


def test_follow_up_date_and_instrument_can_be_chosen(case):
    due = timezone.localdate() + dt.timedelta(days=100)
    health = Instrument.objects.get(code="positieve-gezondheid")
    plan_close(
        actor=case["actor"],
        plan=case["plan"],
        reason="Klaar.",
        follow_up_on=due,
        follow_up_instrument=health,
    )
    follow_up = FollowUp.objects.get(plan=case["plan"])
    assert (follow_up.due_on, follow_up.instrument) == (due, health)


# --- bad input: clear errors, nothing half-saved ------------------------------------------------


def _assert_still_active(plan: Plan) -> None:
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACTIVE and plan.closed_on is None
    assert not FollowUp.objects.filter(plan=plan).exists()
    assert not PlanOutcome.objects.filter(plan=plan).exists()
    assert not AuditEvent.objects.filter(action="plan.close").exists()


def test_closing_without_reason_is_refused(case):
    with pytest.raises(ValidationError) as caught:
        plan_close(actor=case["actor"], plan=case["plan"], reason="   ")
    assert caught.value.message_dict["reason"] == [
        "Schrijf op waarom het plan wordt afgesloten en wat het heeft opgeleverd."
    ]
    _assert_still_active(case["plan"])


@pytest.mark.parametrize("days", [0, -1, -200])
def test_follow_up_today_or_in_the_past_is_refused(case, days):
    with pytest.raises(ValidationError) as caught:
        plan_close(
            actor=case["actor"],
            plan=case["plan"],
            reason="Klaar.",
            follow_up_on=timezone.localdate() + dt.timedelta(days=days),
        )
    assert caught.value.message_dict["follow_up_on"] == ["De vervolgmeting moet na vandaag zijn."]
    _assert_still_active(case["plan"])


def test_an_inactive_instrument_is_refused(case):
    old = Instrument.objects.get(code="participatieladder")
    old.active = False
    old.save()
    with pytest.raises(ValidationError) as caught:
        plan_close(
            actor=case["actor"], plan=case["plan"], reason="Klaar.", follow_up_instrument=old
        )
    assert "follow_up_instrument" in caught.value.message_dict
    _assert_still_active(case["plan"])


def test_closing_a_closed_plan_is_refused(case):
    plan_close(actor=case["actor"], plan=case["plan"], reason="Klaar.")
    # A stale copy of the plan, as a second browser tab would have.
    stale = Plan.objects.get(pk=case["plan"].pk)
    stale.status = PlanStatus.ACTIVE
    with pytest.raises(ValidationError) as caught:
        plan_close(actor=case["actor"], plan=stale, reason="Nog een keer.")
    assert caught.value.message_dict["plan"] == [
        "Dit plan is niet actief en kan dus niet worden afgesloten."
    ]
    assert FollowUp.objects.filter(plan=case["plan"]).count() == 1
    assert Plan.objects.get(pk=case["plan"].pk).closing_reason == "Klaar."


def test_only_coordinator_or_covering_lead_closes(case, actor_of):
    household = case["household"]
    involved = professional(Role.PARTNER)
    InvolvementFactory(household=household, professional=involved)
    other_regisseur = professional(Role.REGISSEUR)
    for outsider in (involved, other_regisseur):
        with pytest.raises(PermissionDenied):
            plan_close(actor=actor_of(outsider), plan=case["plan"], reason="Klaar.")
    _assert_still_active(case["plan"])
    lead = professional(
        Role.TEAMLEIDER, team=TeamFactory(districts=[household.neighbourhood.district])
    )
    plan_close(actor=actor_of(lead), plan=case["plan"], reason="Overgenomen en afgerond.")
    assert Plan.objects.get(pk=case["plan"].pk).status == PlanStatus.CLOSED


# --- the follow-up measurement ------------------------------------------------------------------


def _closed_with_follow_up(case, due_in_days: int) -> FollowUp:
    plan_close(
        actor=case["actor"],
        plan=case["plan"],
        reason="Klaar.",
        follow_up_on=timezone.localdate() + dt.timedelta(days=due_in_days),
        follow_up_instrument=Instrument.objects.get(code="zrm"),
    )
    return FollowUp.objects.get(plan=case["plan"])


def test_follow_up_is_done_by_a_measurement_near_the_due_date(case):
    follow_up = _closed_with_follow_up(case, due_in_days=20)
    # Another instrument does not count.
    record(case["actor"], case["members"][0], "participatieladder", timezone.localdate(), 3)
    follow_up.refresh_from_db()
    assert follow_up.done_at is None
    measurement = record(case["actor"], case["members"][1], "zrm", timezone.localdate(), 4)
    follow_up.refresh_from_db()
    assert follow_up.done_at is not None and follow_up.measurement == measurement
    event = AuditEvent.objects.get(action="plan.follow_up_done")
    assert event.after["measurement_id"] == measurement.pk


def test_a_measurement_long_before_the_due_date_is_not_the_follow_up(case):
    follow_up = _closed_with_follow_up(case, due_in_days=60)
    record(case["actor"], case["members"][0], "zrm", timezone.localdate(), 4)
    follow_up.refresh_from_db()
    assert follow_up.done_at is None and follow_up.measurement is None


def test_another_households_measurement_does_not_complete_the_follow_up(case, actor_of):
    follow_up = _closed_with_follow_up(case, due_in_days=10)
    other = HouseholdFactory(members=1, neighbourhood=NeighbourhoodFactory())
    regisseur = professional(Role.REGISSEUR)
    PlanFactory(household=other, coordinator_professional=regisseur)
    record(actor_of(regisseur), other.members.get().resident, "zrm", timezone.localdate(), 4)
    follow_up.refresh_from_db()
    assert follow_up.done_at is None


# --- the pages ----------------------------------------------------------------------------------


def url(name, household, **kwargs):
    return reverse(f"households:{name}", kwargs={"household_uuid": household.uuid, **kwargs})


def test_close_from_the_page_then_see_the_outcome(client, case):
    client.force_login(case["user"])
    first = case["members"][0]
    record(case["actor"], first, "participatieladder", _days_ago(60), 2)
    record(case["actor"], first, "participatieladder", _days_ago(10), 5)
    household_page = client.get(url("detail", case["household"])).content.decode()
    assert url("plan_close", case["household"]) in household_page

    form = client.get(url("plan_close", case["household"])).content.decode()
    default = follow_up_default_date(today=timezone.localdate()).isoformat()
    assert f'value="{default}"' in form and "Plan afsluiten" in form

    response = client.post(
        url("plan_close", case["household"]),
        {
            "reason": "Werk gevonden.",
            "confirm": "on",
            "follow_up_on": default,
            "follow_up_instrument": Instrument.objects.get(code="zrm").pk,
        },
    )
    plan = case["plan"]
    assert response.status_code == 302
    assert response["Location"] == url("plan_closed", case["household"], plan_uuid=plan.uuid)
    logged = AccessLogEntry.objects.count()
    page = client.get(response["Location"]).content.decode()
    assert AccessLogEntry.objects.count() > logged
    assert "Werk gevonden." in page and "Uitkomst per leefgebied" in page
    assert page.count('data-testid="outcome-row"') == 1
    assert "Werk en inkomen" in page and "beter" in page
    assert "Zelfredzaamheid" in page or "ZRM" in page or "zrm" in page.lower()

    household_page = client.get(url("detail", case["household"])).content.decode()
    assert url("plan_closed", case["household"], plan_uuid=plan.uuid) in household_page
    assert 'data-testid="follow-up-due"' not in household_page


def test_close_form_shows_dutch_errors_and_saves_nothing(client, case):
    client.force_login(case["user"])
    response = client.post(
        url("plan_close", case["household"]),
        {
            "reason": "",
            "follow_up_on": _days_ago(1).isoformat(),
            "follow_up_instrument": Instrument.objects.get(code="zrm").pk,
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    # Every mistake in one round: the reason, the date and the missing confirmation.
    assert "Schrijf op waarom het plan wordt afgesloten" in page
    assert "De vervolgmeting moet na vandaag zijn." in page
    assert "Vink aan dat u het plan afsluit." in page
    _assert_still_active(case["plan"])


def test_closing_needs_a_confirmation_and_shows_what_is_still_open(client, case):
    ActionFactory(goal=GoalFactory(plan=case["plan"]), what="Nog bellen")
    client.force_login(case["user"])
    form = client.get(url("plan_close", case["household"])).content.decode()
    assert 'data-testid="open-work"' in form and "1 open actie" in form
    response = client.post(
        url("plan_close", case["household"]),
        {
            "reason": "Werk gevonden.",
            "follow_up_on": (timezone.localdate() + dt.timedelta(days=180)).isoformat(),
            "follow_up_instrument": Instrument.objects.get(code="zrm").pk,
        },
    )
    assert response.status_code == 200
    assert "Vink aan dat u het plan afsluit." in response.content.decode()
    _assert_still_active(case["plan"])
    assert not AuditEvent.objects.filter(action="plan.close").exists()


def test_household_page_says_follow_up_is_due_when_near(client, case):
    client.force_login(case["user"])
    _closed_with_follow_up(case, due_in_days=90)
    assert (
        'data-testid="follow-up-due"'
        not in client.get(url("detail", case["household"])).content.decode()
    )
    FollowUp.objects.update(due_on=timezone.localdate() + dt.timedelta(days=10))
    page = client.get(url("detail", case["household"])).content.decode()
    assert page.count('data-testid="follow-up-due"') == 1 and "Vervolgmeting nodig" in page
    assert "te laat" not in page.split('data-testid="plan-follow-ups"')[1]
    FollowUp.objects.update(due_on=_days_ago(3))
    page = client.get(url("detail", case["household"])).content.decode()
    assert "te laat" in page.split('data-testid="plan-follow-ups"')[1]


def test_closed_plan_of_another_household_or_active_plan_is_404(client, case):
    client.force_login(case["user"])
    other = PlanFactory(status=PlanStatus.CLOSED, closed_on=dt.date(2025, 3, 1))
    assert (
        client.get(url("plan_closed", case["household"], plan_uuid=other.uuid)).status_code == 404
    )
    active = case["plan"]
    assert (
        client.get(url("plan_closed", case["household"], plan_uuid=active.uuid)).status_code == 404
    )


def test_involved_partner_reads_the_closed_plan_but_cannot_close(client, case):
    partner = professional(Role.PARTNER)
    InvolvementFactory(household=case["household"], professional=partner)
    client.force_login(partner)
    assert client.get(url("plan_close", case["household"])).status_code == 403
    plan_close(actor=case["actor"], plan=case["plan"], reason="Klaar.")
    closed = url("plan_closed", case["household"], plan_uuid=case["plan"].uuid)
    assert client.get(closed).status_code == 200
    outsider = professional(Role.PARTNER)
    client.force_login(outsider)
    assert client.get(closed).status_code == 404
    assert client.get(url("plan_close", case["household"])).status_code == 404


def test_coordinator_not_otherwise_involved_keeps_access_until_the_follow_up(client, actor_of):
    """Need-to-know: the plan gave access; once it is closed, only its follow-up measurement
    does, and only until that is done."""
    coordinator = professional(Role.REGISSEUR)
    household = HouseholdFactory(members=1)
    resident = household.members.get().resident
    plan = PlanFactory(household=household, coordinator_professional=coordinator)
    client.force_login(coordinator)
    response = client.post(
        url("plan_close", household),
        {
            "reason": "Klaar.",
            "confirm": "on",
            "follow_up_on": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
            "follow_up_instrument": Instrument.objects.get(code="zrm").pk,
        },
    )
    assert response.status_code == 302
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.CLOSED
    assert client.get(url("plan_closed", household, plan_uuid=plan.uuid)).status_code == 200
    assert client.get(url("detail", household)).status_code == 200

    # Another instrument is not the follow-up: access stays.
    record(actor_of(coordinator), resident, "participatieladder", timezone.localdate(), 3)
    assert client.get(url("detail", household)).status_code == 200
    record(actor_of(coordinator), resident, "zrm", timezone.localdate(), 4)
    assert client.get(url("detail", household)).status_code == 404
    assert client.get(url("plan_closed", household, plan_uuid=plan.uuid)).status_code == 404
    assert not households_visible_to(actor_of(coordinator)).filter(pk=household.pk).exists()


def test_a_closed_plan_without_a_follow_up_gives_its_coordinator_no_access(actor_of):
    coordinator = professional(Role.REGISSEUR)
    household = HouseholdFactory(members=1)
    PlanFactory(
        household=household,
        coordinator_professional=coordinator,
        status=PlanStatus.CLOSED,
        closed_on=timezone.localdate(),
        closing_reason="Verhuisd naar een andere gemeente.",
    )
    assert not FollowUp.objects.exists()
    assert not households_visible_to(actor_of(coordinator)).filter(pk=household.pk).exists()


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2026, 1, 15), dt.date(2026, 7, 15)),
        (dt.date(2026, 8, 31), dt.date(2027, 2, 28)),
        (dt.date(2027, 8, 31), dt.date(2028, 2, 29)),
        (dt.date(2026, 12, 31), dt.date(2027, 6, 30)),
        (dt.date(2026, 6, 30), dt.date(2026, 12, 30)),
    ],
)
def test_default_follow_up_is_six_calendar_months_later(today, expected):
    assert follow_up_default_date(today=today) == expected


def test_closed_plan_page_queries_do_not_grow_with_outcomes(
    client, case, django_assert_max_num_queries
):
    for resident in case["members"]:
        record(case["actor"], resident, "zrm", _days_ago(50), 2)
        record(case["actor"], resident, "zrm", _days_ago(5), 3)
    plan_close(actor=case["actor"], plan=case["plan"], reason="Klaar.")
    assert PlanOutcome.objects.filter(plan=case["plan"]).count() > 20
    client.force_login(case["user"])
    with django_assert_max_num_queries(25):
        response = client.get(url("plan_closed", case["household"], plan_uuid=case["plan"].uuid))
    assert response.content.decode().count('data-testid="outcome-row"') > 20

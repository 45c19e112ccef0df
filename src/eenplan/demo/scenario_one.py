"""Scenario 1 in the demo: the MDO with Naima at the table, the plan it made (a home, an income,
care, people around her, and later study and work), what has been done since, the next meeting,
an important day tomorrow, and her scores at the start and now.

Everything goes through the services, like work done by hand. Only the dates are moved back
afterwards: the services date what they write today, and the story started months ago.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from eenplan.accounts.actor import actor_for_user
from eenplan.assessments.demo import demo_measurements
from eenplan.demo.cast import Cast
from eenplan.demo.scenarios import SCENARIO_HOUSEHOLDS
from eenplan.households.models import Household, Resident, TimelineEvent
from eenplan.meetings.models import Meeting, MeetingKind
from eenplan.meetings.services import (
    AgreementInput,
    ParticipantInput,
    meeting_record,
    meeting_schedule,
)
from eenplan.plans.models import Action, ActionStatus, Goal, Plan, PlanStatus, PlanVersion
from eenplan.plans.services import action_update_status, goal_add
from eenplan.reminders.services import important_day_add

MDO_SUMMARY = (
    "We hebben met elkaar gepraat over wat u nodig hebt. U wilt een eigen huis, waar uw kinderen "
    "ook kunnen slapen. U wilt eigen geld en rust in uw hoofd. Later wilt u een opleiding doen. "
    "U vult het formulier voor urgentie in. Sanne helpt u daarbij. Werk en Inkomen regelt uw "
    "uitkering. Anouk komt twee keer per week langs. Linda neemt u mee naar de vrouwengroep. "
    "Over een paar weken praten we weer samen."
)


@dataclass(frozen=True)
class GoalPlan:
    domain: str
    text: str


# Her goals, in her words.
GOALS = {
    "home": GoalPlan("wonen", "Ik wil een eigen huis, waar mijn kinderen ook kunnen slapen."),
    "income": GoalPlan("werk-inkomen", "Ik wil mijn eigen geld hebben."),
    "rest": GoalPlan("psychische-gezondheid", "Ik wil rust in mijn hoofd."),
    "people": GoalPlan("sociaal-netwerk", "Ik wil weer mensen om me heen."),
    "study": GoalPlan("dagbesteding", "Later wil ik een opleiding doen en werken."),
}


def _backdate(*, household: Household, plan: Plan, at: dt.datetime) -> None:
    """The MDO and what it wrote happened months ago, not at load time."""
    TimelineEvent.objects.filter(
        household=household, kind__startswith="plan.", occurred_at__gte=at
    ).update(occurred_at=at)
    TimelineEvent.objects.filter(household=household, kind__startswith="meeting.").update(
        occurred_at=at,
        data={"meeting_kind": MeetingKind.MDO, "date": timezone.localtime(at).strftime("%d-%m-%Y")},
    )
    PlanVersion.objects.filter(plan=plan).update(created_at=at)
    Goal.objects.filter(plan=plan).update(created_at=at)
    Action.objects.filter(goal__plan=plan).update(created_at=at)


def scenario_one_load(*, cast: Cast, today: dt.date) -> Meeting:
    household = Household.objects.get(uuid=SCENARIO_HOUSEHOLDS["one_plan"].uuid)
    naima: Resident = household.members.get(resident__given_names="Naima").resident
    plan = household.plans.get(status=PlanStatus.ACTIVE)
    users = cast.users
    organisations = cast.organisations
    regisseur = actor_for_user(users["regisseur"])

    goals = {
        key: goal_add(actor=regisseur, plan=plan, domain=goal.domain, text=goal.text)
        for key, goal in GOALS.items()
    }
    # Entered as just held (a meeting is recorded once it has taken place), then moved back to
    # the day the plan started.
    start = timezone.now() - dt.timedelta(hours=2)
    mdo = meeting_schedule(
        actor=regisseur,
        household=household,
        kind=MeetingKind.MDO,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1, minutes=30),
        place="Wijkcentrum Overvecht, Utrecht",
        participants=[
            ParticipantInput(resident=naima),
            ParticipantInput(
                organisation=organisations["gemeente"], professional=users["k.tahiri"]
            ),
            ParticipantInput(organisation=organisations["welzijn"], professional=users["l.maas"]),
            ParticipantInput(organisation=organisations["zorg"], professional=users["a.schouten"]),
        ],
    )
    started = plan.started_on
    due = {days: started + dt.timedelta(days=days) for days in (14, 21, 28, 42, 180)}
    agreements = [
        AgreementInput(
            goal=goals["home"],
            what="Het formulier voor urgentie invullen en inleveren.",
            owner_resident=naima,
            due_on=due[14],
        ),
        AgreementInput(
            goal=goals["home"],
            what="De aanvraag voor urgentie onderbouwen bij de urgentiecommissie.",
            owner_professional=users["regisseur"],
            due_on=due[28],
        ),
        AgreementInput(
            goal=goals["income"],
            what="De bijstandsuitkering aanvragen en er binnen vier weken over beslissen.",
            owner_organisation=organisations["gemeente"],
            due_on=due[28],
        ),
        AgreementInput(
            goal=goals["income"],
            what="Bankafschriften meenemen naar het gesprek bij Werk en Inkomen.",
            owner_resident=naima,
            due_on=due[14],
        ),
        AgreementInput(
            goal=goals["rest"],
            what="Ambulante begeleiding starten, eerst twee keer per week.",
            owner_organisation=organisations["zorg"],
            due_on=due[21],
        ),
        AgreementInput(
            goal=goals["rest"],
            what="Een afspraak maken bij de huisarts over slapen.",
            owner_resident=naima,
            due_on=today - dt.timedelta(days=3),
        ),
        AgreementInput(
            goal=goals["people"],
            what="Naima meenemen naar de vrouwengroep in het buurthuis.",
            owner_organisation=organisations["welzijn"],
            due_on=due[42],
        ),
        AgreementInput(
            goal=goals["study"],
            what="Met de werkcoach praten over een opleiding.",
            owner_resident=naima,
            due_on=due[180],
        ),
    ]
    meeting_record(
        actor=regisseur,
        meeting=mdo,
        resident_present=True,
        summary=MDO_SUMMARY,
        agreements=agreements,
    )
    held_at = timezone.make_aware(dt.datetime.combine(started, dt.time(10, 0)))
    Meeting.objects.filter(pk=mdo.pk).update(
        starts_at=held_at, ends_at=held_at + dt.timedelta(hours=1, minutes=30)
    )
    _backdate(household=household, plan=plan, at=held_at)

    # Since then: the urgency request, the benefit, the care and the group have happened.
    done = {
        "Het formulier voor urgentie invullen en inleveren.": 12,
        "De aanvraag voor urgentie onderbouwen bij de urgentiecommissie.": 25,
        "De bijstandsuitkering aanvragen en er binnen vier weken over beslissen.": 27,
        "Bankafschriften meenemen naar het gesprek bij Werk en Inkomen.": 9,
        "Ambulante begeleiding starten, eerst twee keer per week.": 20,
        "Naima meenemen naar de vrouwengroep in het buurthuis.": 40,
    }
    for action in Action.objects.filter(goal__plan=plan, what__in=done).select_related(
        "goal__plan__household"
    ):
        action_update_status(actor=regisseur, action=action, status=ActionStatus.DONE)
        Action.objects.filter(pk=action.pk).update(
            done_on=started + dt.timedelta(days=done[action.what])
        )

    # The next conversation at her kitchen table (she stays at a friend's; it is at the
    # welfare organisation's office, her postal address).
    next_start = timezone.make_aware(
        dt.datetime.combine(today + dt.timedelta(days=1), dt.time(14, 0))
    )
    meeting_schedule(
        actor=regisseur,
        household=household,
        kind=MeetingKind.KITCHEN_TABLE,
        starts_at=next_start,
        ends_at=next_start + dt.timedelta(hours=1),
        place="Nijldreef 3, Utrecht",
        participants=[
            ParticipantInput(resident=naima),
            ParticipantInput(organisation=organisations["zorg"], professional=users["a.schouten"]),
        ],
    )

    # Tomorrow the judge hears her and her ex-partner about the children: the regisseur is
    # reminded today to send her a message.
    important_day_add(
        actor=regisseur,
        household_uuid=household.uuid,
        resident_uuid=naima.uuid,
        on=today + dt.timedelta(days=1),
        what="Zitting bij de rechter over de kinderen",
        today=today,
    )

    demo_measurements(
        actor=regisseur,
        resident=naima,
        first_on=started,
        later_on=today - dt.timedelta(days=7),
    )
    return mdo

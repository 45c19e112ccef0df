"""Who gets which reminder, each once, and e-mails that say nothing about the resident."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import override_settings

from eenplan.meetings.models import Meeting, MeetingKind, MeetingParticipant, MeetingStatus
from eenplan.plans.models import ActionStatus, PlanStatus
from eenplan.plans.tests.factories import ActionFactory
from eenplan.reminders.models import ImportantDay, Reminder, ReminderKind
from eenplan.reminders.services import reminders_generate
from eenplan.reminders.tests.conftest import TODAY, at

YESTERDAY = TODAY - dt.timedelta(days=1)
TOMORROW = TODAY + dt.timedelta(days=1)


def recipients(kind: str) -> set[int]:
    return set(Reminder.objects.filter(kind=kind).values_list("recipient_id", flat=True))


def overdue_action(world, **owner):
    owner = owner or {"owner_professional": world.partner}
    defaults = {"owner_professional": None}
    return ActionFactory(
        goal=world.goal,
        what="Bel de woningcorporatie over een betalingsregeling",
        due_on=YESTERDAY,
        **{**defaults, **owner},
    )


# --- Overdue actions: the matrix of owner kinds ------------------------------------------------


@pytest.mark.parametrize("owner_kind", ["professional", "resident", "relative", "organisation"])
def test_overdue_action_goes_to_its_professional_owner_else_the_coordinator(world, owner_kind):
    owner = {
        "professional": {"owner_professional": world.partner},
        "resident": {"owner_resident": world.mother},
        "relative": {"owner_relative": "Tante Samira"},
        "organisation": {"owner_organisation": world.corporation},
    }[owner_kind]
    action = overdue_action(world, **owner)

    result = reminders_generate(today=TODAY)

    expected = world.partner if owner_kind == "professional" else world.regisseur
    assert result.created == 1
    reminder = Reminder.objects.get()
    assert reminder.recipient == expected
    assert reminder.kind == ReminderKind.OVERDUE_ACTION
    assert reminder.action == action
    assert reminder.due_on == YESTERDAY
    assert reminder.link == f"/huishoudens/{world.household.uuid}/#plan-heading"


def test_a_resident_coordinating_leaves_overdue_actions_to_the_backup(world):
    world.plan.coordinator_professional = None
    world.plan.coordinator_resident = world.mother
    world.plan.backup_professional = world.backup
    world.plan.save()
    overdue_action(world, owner_resident=world.son)

    reminders_generate(today=TODAY)

    assert recipients(ReminderKind.OVERDUE_ACTION) == {world.backup.pk}


@pytest.mark.parametrize(
    "change",
    [
        {"due_on": TODAY},  # due today is not late yet
        {"due_on": None},
        {"status": ActionStatus.DONE},
        {"status": ActionStatus.CANCELLED},
    ],
)
def test_actions_that_are_not_overdue_give_no_reminder(world, change):
    action = overdue_action(world)
    for field, value in change.items():
        setattr(action, field, value)
    action.save()

    assert reminders_generate(today=TODAY).created == 0
    assert not Reminder.objects.exists()


def test_actions_of_a_closed_plan_give_no_reminder(world):
    overdue_action(world)
    world.plan.status = PlanStatus.CLOSED
    world.plan.closed_on = TODAY
    world.plan.save()

    assert reminders_generate(today=TODAY).created == 0


# --- Upcoming meetings ----------------------------------------------------------------------------


def meeting(world, starts, *, status=MeetingStatus.PLANNED):
    m = Meeting.objects.create(
        household=world.household,
        kind=MeetingKind.MDO,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
        place="Wijkcentrum De Leeuw",
        status=status,
        created_by=world.regisseur,
    )
    MeetingParticipant.objects.create(
        meeting=m,
        party="organisatie",
        organisation=world.regisseur.memberships.get().organisation,
        professional=world.regisseur,
    )
    MeetingParticipant.objects.create(
        meeting=m, party="organisatie", organisation=world.corporation, professional=world.partner
    )
    MeetingParticipant.objects.create(meeting=m, party="inwoner", resident=world.mother)
    MeetingParticipant.objects.create(meeting=m, party="naaste", relative_name="Tante Samira")
    return m


def test_a_meeting_within_two_days_reminds_every_professional_at_the_table(world):
    m = meeting(world, at(TODAY + dt.timedelta(days=2), hour=14))

    assert reminders_generate(today=TODAY).created == 2

    assert recipients(ReminderKind.UPCOMING_MEETING) == {world.regisseur.pk, world.partner.pk}
    reminder = Reminder.objects.filter(recipient=world.partner).get()
    assert reminder.meeting == m
    assert reminder.link.endswith(f"/overleggen/{m.uuid}/")


@pytest.mark.parametrize(
    "starts, status",
    [
        (at(TODAY + dt.timedelta(days=3)), MeetingStatus.PLANNED),  # further away
        (at(YESTERDAY), MeetingStatus.PLANNED),  # already past
        (at(TOMORROW), MeetingStatus.CANCELLED),
    ],
)
def test_other_meetings_give_no_reminder(world, starts, status):
    meeting(world, starts, status=status)
    assert reminders_generate(today=TODAY).created == 0


@override_settings(EENPLAN_REMINDER_MEETING_DAYS=3)
def test_how_far_ahead_meetings_are_reminded_is_a_setting(world):
    meeting(world, at(TODAY + dt.timedelta(days=3)))
    assert reminders_generate(today=TODAY).created == 2


# --- Important days -------------------------------------------------------------------------------


def important_day(world, on, created_by=None):
    return ImportantDay.objects.create(
        household=world.household,
        resident=world.mother,
        on=on,
        what="sollicitatiegesprek bij de bibliotheek",
        created_by=created_by or world.partner,
    )


def test_an_important_day_tomorrow_reminds_the_coordinator_and_the_backup(world):
    world.plan.backup_professional = world.backup
    world.plan.save()
    day = important_day(world, TOMORROW)

    assert reminders_generate(today=TODAY).created == 2

    assert recipients(ReminderKind.IMPORTANT_DAY) == {world.regisseur.pk, world.backup.pk}
    assert Reminder.objects.filter(important_day=day).count() == 2
    assert not Reminder.objects.filter(recipient=world.partner).exists()


def test_an_important_day_further_away_waits(world):
    important_day(world, TODAY + dt.timedelta(days=2))
    assert reminders_generate(today=TODAY).created == 0


def test_without_an_active_plan_the_professional_who_noted_the_day_is_reminded(world):
    world.plan.status = PlanStatus.CLOSED
    world.plan.closed_on = TODAY
    world.plan.save()
    important_day(world, TOMORROW, created_by=world.partner)

    reminders_generate(today=TODAY)

    assert recipients(ReminderKind.IMPORTANT_DAY) == {world.partner.pk}


# --- Idempotence ----------------------------------------------------------------------------------


def test_running_twice_creates_and_sends_nothing_new(world):
    overdue_action(world)
    meeting(world, at(TOMORROW))
    important_day(world, TOMORROW)

    first = reminders_generate(today=TODAY)
    second = reminders_generate(today=TODAY)

    assert (first.created, first.emailed) == (4, 2)
    assert (second.created, second.emailed) == (0, 0)
    assert Reminder.objects.count() == 4
    assert len(mail.outbox) == 2


def test_the_next_day_an_action_still_late_is_not_reminded_again(world):
    overdue_action(world)
    reminders_generate(today=TODAY)
    assert reminders_generate(today=TOMORROW).created == 0


def test_a_new_due_date_that_passes_gives_a_new_reminder(world):
    action = overdue_action(world)
    reminders_generate(today=TODAY)
    action.due_on = TOMORROW
    action.save()

    assert reminders_generate(today=TOMORROW + dt.timedelta(days=1)).created == 1
    assert Reminder.objects.filter(action=action).count() == 2


# --- E-mail ---------------------------------------------------------------------------------------


def test_one_email_per_professional_that_names_nobody_and_links_to_the_app(world):
    overdue_action(world, owner_resident=world.mother)  # to the regisseur
    important_day(world, TOMORROW)  # to the regisseur
    meeting(world, at(TOMORROW))  # to the regisseur and the partner

    reminders_generate(today=TODAY)

    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.regisseur.email, world.partner.email]
    )
    to_regisseur = next(m for m in mail.outbox if m.to == [world.regisseur.email])
    assert "3 nieuwe herinneringen" in to_regisseur.body
    for message in mail.outbox:
        text = message.subject + message.body
        assert "http://127.0.0.1:8000/herinneringen/" in message.body
        for secret in (
            "Bakker",
            "Fatima",
            "Daan",
            "Samira",
            "sollicitatiegesprek",
            "betalingsregeling",
            "Wijkcentrum",
            str(world.household.uuid),
        ):
            assert secret not in text
    assert not Reminder.objects.filter(emailed_at__isnull=True).exists()


def test_no_email_without_an_address_and_a_read_reminder_is_not_mailed(world):
    world.partner.email = ""
    world.partner.save()
    overdue_action(world)  # to the partner, who has no e-mail address
    important_day(world, TOMORROW)  # to the regisseur, who reads it before the e-mail goes
    from eenplan.reminders.services import _reminders_create, reminders_email_pending

    _reminders_create(today=TODAY)
    Reminder.objects.filter(recipient=world.regisseur).update(read_at=at(TODAY, 7))

    assert reminders_email_pending() == 0
    assert mail.outbox == []


def test_the_in_app_list_says_what_each_reminder_is_about(client, world):
    overdue_action(world, owner_resident=world.mother)
    important_day(world, TOMORROW)
    meeting(world, at(TOMORROW, hour=14))
    reminders_generate(today=TODAY)
    client.force_login(world.regisseur)

    html = client.get("/herinneringen/").content.decode()

    assert "Bel de woningcorporatie over een betalingsregeling" in html
    assert "22-11-2026" in html  # the action's due date
    assert "Wijkcentrum De Leeuw" in html and "14:00" in html
    assert "sollicitatiegesprek bij de bibliotheek" in html and "Fatima Bakker" in html
    assert "Stuur een bericht" in html

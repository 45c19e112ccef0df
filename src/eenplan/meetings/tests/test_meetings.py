"""Meetings with the household: bad input saves nothing, agreements become plan actions in one
step (or not at all), the invitation, the pages and who may open them."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from eenplan.households.tests.factories import HouseholdFactory
from eenplan.meetings.ics import meeting_ics
from eenplan.meetings.models import (
    Agreement,
    Meeting,
    MeetingKind,
    MeetingParticipant,
    MeetingStatus,
)
from eenplan.meetings.selectors import meeting_agenda
from eenplan.meetings.services import (
    AgreementInput,
    ParticipantInput,
    meeting_cancel,
    meeting_record,
)
from eenplan.meetings.tests.helpers import held, schedule
from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import OrganisationFactory, professional
from eenplan.plans.models import Action, ActionStatus, PlanVersion
from eenplan.plans.tests.factories import ActionFactory, GoalFactory, PlanFactory
from eenplan.privacy.models import AccessLogEntry, AuditEvent
from eenplan.signalering.models import Channel, Signal, SignalStatus
from eenplan.signalering.services import SignalInput, signal_receive

pytestmark = pytest.mark.django_db


# --- scheduling -------------------------------------------------------------------------------


def test_schedule_saves_meeting_participants_and_audit(case):
    meeting = schedule(case)
    assert meeting.status == MeetingStatus.PLANNED
    assert {p.party for p in meeting.participants.all()} == {"organisatie", "inwoner"}
    event = AuditEvent.objects.get(action="meeting.schedule")
    assert event.household_uuid == case["household"].uuid


def test_two_participants_for_one_organisation_save_nothing(case):
    other_professional = professional(Role.PARTNER, organisation=case["organisation"])
    with pytest.raises(ValidationError) as error:
        schedule(
            case,
            participants=[
                ParticipantInput(
                    organisation=case["organisation"], professional=case["partner_user"]
                ),
                ParticipantInput(
                    organisation=case["organisation"], professional=other_professional
                ),
            ],
        )
    assert "participants" in error.value.message_dict
    assert not Meeting.objects.exists()
    assert not MeetingParticipant.objects.exists()


def test_the_same_relative_twice_is_refused(case):
    with pytest.raises(ValidationError):
        schedule(
            case,
            participants=[
                ParticipantInput(relative_name="Tante Fatima"),
                ParticipantInput(relative_name="tante fatima "),
            ],
        )
    assert not Meeting.objects.exists()


def test_a_planned_meeting_far_in_the_past_is_refused(case):
    start = timezone.now() - dt.timedelta(days=30)
    with pytest.raises(ValidationError) as error:
        schedule(case, starts_at=start, ends_at=start + dt.timedelta(hours=1))
    assert "starts_at" in error.value.message_dict
    assert "verleden" in " ".join(error.value.message_dict["starts_at"]) or (
        "past" in " ".join(error.value.message_dict["starts_at"])
    )
    assert not Meeting.objects.exists()


def test_end_before_start_is_refused(case):
    start = timezone.now() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        schedule(case, starts_at=start, ends_at=start - dt.timedelta(minutes=30))
    assert "ends_at" in error.value.message_dict


def test_someone_outside_the_household_cannot_be_the_resident_party(case):
    stranger = HouseholdFactory(members=1).members.get().resident
    with pytest.raises(ValidationError):
        schedule(case, participants=[ParticipantInput(resident=stranger)])
    assert not Meeting.objects.exists()


def test_a_partner_may_notschedule(case):
    with pytest.raises(PermissionDenied):
        schedule(case, actor=case["partner"])


# --- recording --------------------------------------------------------------------------------


def test_no_resident_and_no_reason_saves_nothing(case):
    meeting = held(case)
    with pytest.raises(ValidationError) as error:
        meeting_record(
            actor=case["coordinator"],
            meeting=meeting,
            resident_present=False,
            absence_reason="   ",
            agreements=[
                AgreementInput(goal=case["goal"], what="Bellen", owner_resident=case["member"])
            ],
        )
    assert "absence_reason" in error.value.message_dict
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED
    assert meeting.resident_present is None
    assert not Action.objects.exists()


def test_no_resident_with_a_reason_is_recorded(case):
    meeting = held(case)
    meeting_record(
        actor=case["coordinator"],
        meeting=meeting,
        resident_present=False,
        absence_reason="Mevrouw lag in het ziekenhuis; zij heeft vooraf haar wensen gegeven.",
    )
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    assert meeting.resident_present is False


def test_agreements_become_plan_actions_in_one_step(case):
    meeting = held(case)
    due = timezone.localdate() + dt.timedelta(days=14)
    meeting_record(
        actor=case["coordinator"],
        meeting=meeting,
        resident_present=True,
        summary="We hebben afspraken gemaakt. U belt de woningcorporatie.",
        agreements=[
            AgreementInput(
                goal=case["goal"], what="Woningcorporatie bellen", owner_resident=case["member"]
            ),
            AgreementInput(
                goal=case["goal"],
                what="Betalingsregeling voorstellen",
                owner_organisation=case["organisation"],
                due_on=due,
            ),
        ],
    )
    actions = list(Action.objects.order_by("id"))
    assert [a.what for a in actions] == ["Woningcorporatie bellen", "Betalingsregeling voorstellen"]
    assert actions[0].owner_resident == case["member"]
    assert actions[1].owner_organisation == case["organisation"]
    assert actions[1].due_on == due
    assert all(a.status == ActionStatus.OPEN for a in actions)
    assert list(Agreement.objects.filter(meeting=meeting).values_list("action_id", flat=True)) == [
        a.pk for a in actions
    ]
    assert PlanVersion.objects.filter(plan=case["plan"], change="action.add").count() == 2
    assert AuditEvent.objects.filter(action="plan.action_add").count() == 2
    recorded = AuditEvent.objects.get(action="meeting.record")
    assert recorded.after["agreements"] == [a.pk for a in actions]


def test_a_failing_agreement_leaves_nothing(case):
    meeting = held(case)
    outsider = OrganisationFactory()
    with pytest.raises(ValidationError) as error:
        meeting_record(
            actor=case["coordinator"],
            meeting=meeting,
            resident_present=True,
            summary="Dit hebben we afgesproken.",
            agreements=[
                AgreementInput(goal=case["goal"], what="Bellen", owner_resident=case["member"]),
                # Not involved with the household: the plan refuses this owner.
                AgreementInput(
                    goal=case["goal"], what="Schuld regelen", owner_organisation=outsider
                ),
            ],
        )
    assert "owner" in error.value.message_dict
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED
    assert meeting.summary == ""
    assert not Action.objects.exists()
    assert not Agreement.objects.exists()
    assert not PlanVersion.objects.exists()
    assert not AuditEvent.objects.filter(action__in=["meeting.record", "plan.action_add"]).exists()


def test_an_agreement_without_owner_leaves_nothing(case):
    meeting = held(case)
    with pytest.raises(ValidationError):
        meeting_record(
            actor=case["coordinator"],
            meeting=meeting,
            resident_present=True,
            agreements=[AgreementInput(goal=case["goal"], what="Iemand belt")],
        )
    assert not Action.objects.exists()


def test_a_goal_of_another_household_is_refused(case):
    meeting = held(case)
    foreign_goal = GoalFactory()
    with pytest.raises(ValidationError):
        meeting_record(
            actor=case["coordinator"],
            meeting=meeting,
            resident_present=True,
            agreements=[AgreementInput(goal=foreign_goal, what="Bellen", owner_relative="Oom")],
        )
    assert not Action.objects.exists()


def test_a_held_or_cancelled_meeting_cannot_change_again(case):
    meeting = held(case)
    meeting_record(actor=case["coordinator"], meeting=meeting, resident_present=True)
    with pytest.raises(ValidationError):
        meeting_record(actor=case["coordinator"], meeting=meeting, resident_present=True)
    with pytest.raises(ValidationError):
        meeting_cancel(actor=case["coordinator"], meeting=meeting)
    other = schedule(case)
    meeting_cancel(actor=case["coordinator"], meeting=other)
    assert Meeting.objects.get(pk=other.pk).status == MeetingStatus.CANCELLED


# --- agenda and invitation --------------------------------------------------------------------


def test_agenda_lists_open_goals_with_open_actions_only(case):
    open_action = ActionFactory(goal=case["goal"], what="Open actie")
    ActionFactory(goal=case["goal"], what="Klaar", status=ActionStatus.DONE)
    GoalFactory(plan=case["plan"], text="Bereikt doel", status="bereikt")
    agenda = meeting_agenda(actor=case["coordinator"], household=case["household"])
    assert [g.text for g in agenda.goals] == ["Ik wil mijn huur op tijd betalen"]
    assert agenda.goals[0].open_actions == [open_action]


def test_invitation_is_rfc5545_without_resident_data(case):
    start = dt.datetime(2030, 3, 4, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    meeting = schedule(
        case,
        starts_at=start,
        ends_at=start + dt.timedelta(minutes=90),
        place="Wijkcentrum, Kanaalstraat 1; zaal 2",
    )
    text = meeting_ics(meeting, now=dt.datetime(2030, 1, 1, 12, 0, tzinfo=dt.UTC))
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert "VERSION:2.0" in lines
    assert f"UID:{meeting.uuid}@eenplan" in lines
    assert "DTSTAMP:20300101T120000Z" in lines
    assert "DTSTART:20300304T083000Z" in lines
    assert "DTEND:20300304T100000Z" in lines
    assert "LOCATION:Wijkcentrum\\, Kanaalstraat 1\\; zaal 2" in lines
    assert any(line.startswith("SUMMARY:") for line in lines)
    assert all(len(line.encode()) <= 75 for line in lines)
    # Without names there is no organiser or attendee, so it is published, not requested.
    assert "METHOD:PUBLISH" in lines and "SEQUENCE:0" in lines
    assert not any(line.startswith(("ORGANIZER", "ATTENDEE")) for line in lines)
    for private in (
        case["member"].full_name,
        case["household"].postcode,
        str(case["partner_user"]),
    ):
        assert private not in text


# --- pages ------------------------------------------------------------------------------------


def _url(name, meeting=None, household=None):
    kwargs = {"household_uuid": (household or meeting.household).uuid}
    if meeting is not None:
        kwargs["household_meeting_uuid"] = meeting.uuid
    return reverse(f"households:{name}", kwargs=kwargs)


def test_schedule_page_creates_a_meeting(client, case):
    client.force_login(case["coordinator_user"])
    involvement = case["household"].involvements.get()
    day = timezone.localdate() + dt.timedelta(days=5)
    response = client.post(
        _url("meeting_schedule", household=case["household"]),
        {
            "kind": "keukentafel",
            "date": day.isoformat(),
            "start": "10:00",
            "end": "11:00",
            "place": "Thuis bij mevrouw",
            "parties": [f"i{involvement.pk}", f"r{case['member'].pk}"],
            "relatives": "Zus Samira",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("meeting_detail", meeting)
    assert meeting.kind == MeetingKind.KITCHEN_TABLE
    assert timezone.localtime(meeting.starts_at).hour == 10
    assert meeting.participants.count() == 3


def test_schedule_page_shows_the_error_for_a_past_date(client, case):
    client.force_login(case["coordinator_user"])
    response = client.post(
        _url("meeting_schedule", household=case["household"]),
        {
            "kind": "mdo",
            "date": "2020-01-06",
            "start": "10:00",
            "end": "11:00",
            "place": "Hier",
            "parties": [f"r{case['member'].pk}"],
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["date"]
    assert not Meeting.objects.exists()


def test_record_page_turns_agreements_into_actions(client, case):
    meeting = held(case)
    client.force_login(case["coordinator_user"])
    response = client.post(
        _url("meeting_record", meeting),
        {
            "resident_present": "ja",
            "summary": "U belt morgen de woningcorporatie.",
            "afspraak0-goal": str(case["goal"].pk),
            "afspraak0-what": "Woningcorporatie bellen",
            "afspraak0-owner": f"r{case['member'].pk}",
        },
    )
    assert response.status_code == 302
    action = Action.objects.get()
    assert action.owner_resident == case["member"]
    assert Agreement.objects.get().action == action


def test_record_page_without_resident_or_reason_shows_a_dutch_error(client, case):
    meeting = held(case)
    client.force_login(case["coordinator_user"])
    response = client.post(
        _url("meeting_record", meeting), {"resident_present": "nee"}, HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert response.status_code == 200
    assert response.context["form"].errors["absence_reason"]
    assert "Schrijf op waarom" in response.content.decode()
    assert Meeting.objects.get().status == MeetingStatus.PLANNED


def test_detail_page_logs_the_read_and_shows_the_advice(
    client, case, django_assert_max_num_queries
):
    meeting = held(case)
    meeting_record(
        actor=case["coordinator"],
        meeting=meeting,
        resident_present=True,
        summary="We praten over uw huur. U belt de woningcorporatie.",
        agreements=[
            AgreementInput(goal=case["goal"], what=f"Stap {n}", owner_resident=case["member"])
            for n in range(5)
        ],
    )
    client.force_login(case["coordinator_user"])
    before = AccessLogEntry.objects.count()
    with django_assert_max_num_queries(30):
        response = client.get(_url("meeting_detail", meeting))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Stap 4" in body and "We praten over uw huur." in body
    assert AccessLogEntry.objects.count() == before + 1


def test_detail_queries_do_not_grow_with_agreements(client, case, django_assert_num_queries):
    meeting = held(case)
    client.force_login(case["coordinator_user"])
    url = _url("meeting_detail", meeting)
    client.get(url)

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(4):
        action = ActionFactory(
            goal=case["goal"],
            what=f"Extra {n}",
            owner_professional=None,
            owner_resident=case["member"],
        )
        Agreement.objects.create(meeting=meeting, action=action)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url)


def test_invitation_download(client, case):
    meeting = schedule(case)
    client.force_login(case["partner_user"])
    response = client.get(_url("meeting_invitation", meeting))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    assert f"UID:{meeting.uuid}@eenplan" in response.content.decode()


def test_other_households_meetings_are_a_404(client, case):
    meeting = schedule(case)
    stranger = professional(Role.REGISSEUR)
    client.force_login(stranger)
    for name in ("meeting_list", "meeting_detail", "meeting_invitation", "meeting_record"):
        kwargs_meeting = None if name == "meeting_list" else meeting
        url = _url(name, kwargs_meeting, household=case["household"])
        assert client.get(url).status_code == 404, name


def test_a_meeting_under_the_wrong_household_is_a_404(client, case):
    meeting = schedule(case)
    client.force_login(case["coordinator_user"])
    other = PlanFactory(coordinator_professional=case["coordinator_user"]).household
    url = reverse(
        "households:meeting_detail",
        kwargs={"household_uuid": other.uuid, "household_meeting_uuid": meeting.uuid},
    )
    assert client.get(url).status_code == 404


def test_a_partner_sees_but_may_notschedule(client, case):
    client.force_login(case["partner_user"])
    assert client.get(_url("meeting_list", household=case["household"])).status_code == 200
    assert client.get(_url("meeting_schedule", household=case["household"])).status_code == 403


def test_long_invitation_lines_are_folded(case):
    meeting = schedule(case, place="Wijkcentrum " + "Ondiep " * 20)
    text = meeting_ics(meeting)
    assert "\r\n " in text  # a folded line continues with CRLF and one space
    unfolded = text.replace("\r\n ", "")
    location = next(line for line in unfolded.split("\r\n") if line.startswith("LOCATION:"))
    assert location == "LOCATION:" + meeting.place
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_agenda_lists_open_signals_of_the_household(case):

    household = case["household"]
    received = []
    for _n in range(2):
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
        Signal.objects.filter(pk=signal.pk).update(household=household, resident=case["member"])
        received.append(signal)
    Signal.objects.filter(pk=received[1].pk).update(status=SignalStatus.CLOSED)
    agenda = meeting_agenda(actor=case["coordinator"], household=household)
    assert [s.pk for s in agenda.signals] == [received[0].pk]
    # A partner without the signal's content does not get it on the agenda.
    assert meeting_agenda(actor=case["partner"], household=household).signals == []


def test_detail_page_shows_the_plain_language_advice(client, case):
    meeting = held(case)
    meeting_record(
        actor=case["coordinator"],
        meeting=meeting,
        resident_present=True,
        summary="U belt morgen de woningcorporatie. Wij helpen u met de brief.",
    )
    client.force_login(case["coordinator_user"])
    body = client.get(_url("meeting_detail", meeting)).content.decode()
    assert 'data-testid="plain-language-report"' in body
    assert 'data-testid="summary"' in body


def test_record_page_shows_the_advice_for_the_typed_summary(client, case):
    meeting = held(case)
    client.force_login(case["coordinator_user"])
    response = client.post(
        _url("meeting_record", meeting),
        {"resident_present": "nee", "summary": "Wij hebben samen gepraat over uw geld."},
    )
    assert response.status_code == 200
    assert 'data-testid="plain-language-report"' in response.content.decode()


def test_cancel_page(client, case):
    meeting = schedule(case)
    client.force_login(case["partner_user"])
    assert client.post(_url("meeting_cancel", meeting)).status_code == 403
    assert Meeting.objects.get().status == MeetingStatus.PLANNED
    client.force_login(case["coordinator_user"])
    response = client.post(_url("meeting_cancel", meeting))
    assert response.status_code == 302
    assert Meeting.objects.get().status == MeetingStatus.CANCELLED
    cancelled = client.get(_url("meeting_invitation", meeting)).content.decode()
    assert "STATUS:CANCELLED" in cancelled and "SEQUENCE:1" in cancelled


def test_list_page_queries_do_not_grow_with_meetings(client, case, django_assert_num_queries):

    schedule(case)
    client.force_login(case["coordinator_user"])
    url = _url("meeting_list", household=case["household"])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _n in range(5):
        schedule(case)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count("Wijkcentrum De Leeuw") == 6


def test_household_page_shows_the_next_planned_meeting(client, case):
    household_url = reverse("households:detail", kwargs={"household_uuid": case["household"].uuid})
    client.force_login(case["coordinator_user"])
    assert 'data-testid="next-meeting"' not in client.get(household_url).content.decode()

    later = schedule(
        case,
        starts_at=timezone.now() + dt.timedelta(days=9),
        ends_at=timezone.now() + dt.timedelta(days=9, hours=1),
        kind=MeetingKind.KITCHEN_TABLE,
    )
    sooner = schedule(case)
    cancelled = schedule(
        case,
        starts_at=timezone.now() + dt.timedelta(days=1),
        ends_at=timezone.now() + dt.timedelta(days=1, hours=1),
    )
    meeting_cancel(actor=case["coordinator"], meeting=cancelled)
    html = client.get(household_url).content.decode()
    assert _url("meeting_detail", sooner) in html
    assert _url("meeting_detail", later) not in html
    assert _url("meeting_detail", cancelled) not in html

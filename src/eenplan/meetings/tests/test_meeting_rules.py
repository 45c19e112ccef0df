"""Who sits at the table and who plans: the resident is invited or there is a written reason;
only involved organisations, each with one of its own professionals; a meeting is recorded
once it has been held; the plan's writers plan its meetings. And the record page: every mistake
in one round, the language checked before saving, more rows on request."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from eenplan.households.tests.factories import HouseholdFactory, InvolvementFactory
from eenplan.meetings.models import Meeting, MeetingKind, MeetingStatus
from eenplan.meetings.services import ParticipantInput, meeting_record, meeting_schedule
from eenplan.meetings.tests.helpers import held, schedule
from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import OrganisationFactory, UserFactory, professional
from eenplan.plans.models import Action
from eenplan.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db


def _refused(case, field, **overrides):
    with pytest.raises(ValidationError) as error:
        schedule(case, **overrides)
    assert field in error.value.message_dict, error.value.message_dict
    assert not Meeting.objects.exists()
    assert not AuditEvent.objects.filter(action="meeting.schedule").exists()
    return error.value.message_dict[field]


# --- the table --------------------------------------------------------------------------------


def test_a_meeting_with_nobody_at_the_table_is_refused(case):
    _refused(case, "participants", participants=[])


def test_without_a_household_member_a_reason_is_needed(case):
    only_the_organisation = [
        ParticipantInput(organisation=case["organisation"], professional=case["partner_user"])
    ]
    messages = _refused(case, "absence_reason", participants=only_the_organisation)
    assert "waarom" in messages[0].lower() or "why" in messages[0].lower()
    meeting = schedule(
        case,
        participants=only_the_organisation,
        absence_reason="Mevrouw wil eerst dat de organisaties samen overleggen.",
    )
    assert meeting.absence_reason.startswith("Mevrouw wil eerst")


def test_with_the_resident_invited_no_reason_is_kept(case):
    meeting = schedule(case, absence_reason="Overbodig")
    assert meeting.absence_reason == ""


def test_an_organisation_not_involved_cannot_sit_at_the_table(case):
    police = OrganisationFactory(name="Politie")
    officer = professional(Role.PARTNER, organisation=police)
    _refused(
        case,
        "participants",
        participants=[
            ParticipantInput(resident=case["member"]),
            ParticipantInput(organisation=police, professional=officer),
        ],
    )


def test_the_organisers_own_organisation_may_sit_at_the_table(case):
    own = case["coordinator_user"].memberships.get().organisation
    meeting = schedule(
        case,
        participants=[
            ParticipantInput(resident=case["member"]),
            ParticipantInput(organisation=own, professional=case["coordinator_user"]),
        ],
    )
    assert meeting.participants.count() == 2


@pytest.mark.parametrize("who", ["resident login", "policy adviser", "other organisation"])
def test_the_professional_must_work_for_the_organisation_they_come_for(case, who):
    if who == "resident login":
        person = UserFactory()
    elif who == "policy adviser":
        person = professional(Role.BELEID, organisation=case["organisation"])
    else:
        person = professional(Role.PARTNER)
    _refused(
        case,
        "participants",
        participants=[
            ParticipantInput(resident=case["member"]),
            ParticipantInput(organisation=case["organisation"], professional=person),
        ],
    )


# --- recording --------------------------------------------------------------------------------


def test_a_meeting_is_recorded_only_after_it_started(case):
    meeting = schedule(case)
    with pytest.raises(ValidationError) as error:
        meeting_record(actor=case["coordinator"], meeting=meeting, resident_present=True)
    assert "status" in error.value.message_dict
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED
    assert not AuditEvent.objects.filter(action="meeting.record").exists()


# --- who plans --------------------------------------------------------------------------------


def test_a_regisseur_who_only_sees_the_household_does_not_plan_its_meetings(case, actor_of):
    other = professional(Role.REGISSEUR)
    InvolvementFactory(
        household=case["household"],
        professional=other,
        organisation=other.memberships.get().organisation,
    )
    with pytest.raises(PermissionDenied):
        schedule(case, actor=actor_of(other))
    assert not Meeting.objects.exists()


def test_before_there_is_a_plan_a_regisseur_who_sees_the_household_plans_the_start(actor_of):
    household = HouseholdFactory(members=1)
    regisseur = professional(Role.REGISSEUR)
    InvolvementFactory(
        household=household,
        professional=regisseur,
        organisation=regisseur.memberships.get().organisation,
    )
    start = timezone.now() + dt.timedelta(days=2)
    meeting = meeting_schedule(
        actor=actor_of(regisseur),
        household=household,
        kind=MeetingKind.START,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        place="Thuis",
        participants=[ParticipantInput(resident=household.members.get().resident)],
    )
    assert meeting.status == MeetingStatus.PLANNED


def test_the_pages_hide_planning_from_a_regisseur_who_does_not_coordinate(client, case):
    other = professional(Role.REGISSEUR)
    InvolvementFactory(
        household=case["household"],
        professional=other,
        organisation=other.memberships.get().organisation,
    )
    client.force_login(other)
    household = case["household"].uuid
    listing = client.get(reverse("households:meeting_list", kwargs={"household_uuid": household}))
    assert listing.status_code == 200
    assert reverse("households:meeting_schedule", kwargs={"household_uuid": household}) not in (
        listing.content.decode()
    )
    response = client.get(
        reverse("households:meeting_schedule", kwargs={"household_uuid": household})
    )
    assert response.status_code == 403
    # The refusal says why, not "your role does not allow this" (the role is fine).
    assert "Alleen de regisseur, de achtervang of de teamleider" in response.content.decode()


# --- the pages --------------------------------------------------------------------------------


def _record_url(meeting):
    return reverse(
        "households:meeting_record",
        kwargs={"household_uuid": meeting.household.uuid, "household_meeting_uuid": meeting.uuid},
    )


def test_schedule_page_asks_why_when_no_member_is_invited(client, case):
    client.force_login(case["coordinator_user"])
    involvement = case["household"].involvements.get()
    url = reverse("households:meeting_schedule", kwargs={"household_uuid": case["household"].uuid})
    day = (timezone.localdate() + dt.timedelta(days=4)).isoformat()
    data = {
        "kind": "mdo",
        "date": day,
        "start": "10:00",
        "end": "11:00",
        "place": "Wijkcentrum",
        "parties": [f"i{involvement.pk}"],
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["absence_reason"]
    assert not Meeting.objects.exists()
    response = client.post(url, data | {"absence_reason": "Zij wil er deze keer niet bij zijn."})
    assert response.status_code == 302
    assert Meeting.objects.get().absence_reason == "Zij wil er deze keer niet bij zijn."


def test_every_mistake_on_the_record_page_shows_in_one_round(client, case):
    meeting = held(case)
    client.force_login(case["coordinator_user"])
    response = client.post(
        _record_url(meeting),
        {
            "resident_present": "nee",
            "afspraak0-what": "Bellen met de woningcorporatie",
            "afspraak1-what": "Formulier invullen",
            "afspraak1-goal": str(case["goal"].pk),
        },
    )
    assert response.status_code == 200
    form, rows = response.context["form"], response.context["rows"]
    assert "absence_reason" in form.errors
    assert set(rows[0].errors) == {"goal", "owner"}
    assert set(rows[1].errors) == {"owner"}
    body = response.content.decode()
    # The summary links to each field and says which agreement it is about.
    assert f'href="#{rows[1]["owner"].id_for_label}"' in body
    assert "Afspraak 2, wie doet dit" in body
    assert not Action.objects.exists()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED


def test_a_row_with_only_a_goal_asks_for_what_was_agreed(client, case):
    meeting = held(case)
    client.force_login(case["coordinator_user"])
    response = client.post(
        _record_url(meeting), {"resident_present": "ja", "afspraak0-goal": str(case["goal"].pk)}
    )
    assert response.status_code == 200
    assert "what" in response.context["rows"][0].errors
    assert Meeting.objects.get().status == MeetingStatus.PLANNED


def test_checking_the_language_saves_nothing_and_keeps_what_was_typed(client, case):
    meeting = held(case)
    client.force_login(case["coordinator_user"])
    summary = "Conform de Wmo-indicatie wordt de maatwerkvoorziening gecontinueerd."
    response = client.post(
        _record_url(meeting),
        {
            "controleer": "1",
            "resident_present": "ja",
            "summary": summary,
            "afspraak0-what": "Bellen",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-testid="plain-language-report"' in body
    assert summary in body and "Bellen" in body
    assert not response.context["error_forms"]
    assert 'role="alert"' not in body
    assert Meeting.objects.get().status == MeetingStatus.PLANNED


def test_another_agreement_adds_rows_without_saving(client, case):
    meeting = held(case)
    client.force_login(case["coordinator_user"])
    first = client.get(_record_url(meeting))
    count = len(first.context["rows"])
    response = client.post(
        _record_url(meeting),
        {"meer": "1", "rijen": str(count), "resident_present": "ja", "afspraak0-what": "Bellen"},
    )
    assert len(response.context["rows"]) == count + 3
    assert response.context["rows"][0].initial["what"] == "Bellen"
    assert Meeting.objects.get().status == MeetingStatus.PLANNED


def test_the_absence_reason_given_when_planning_comes_back_when_recording(client, case):
    only_the_organisation = [
        ParticipantInput(organisation=case["organisation"], professional=case["partner_user"])
    ]
    meeting = schedule(
        case, participants=only_the_organisation, absence_reason="Zij ligt in het ziekenhuis."
    )
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=2),
        ends_at=timezone.now() - dt.timedelta(hours=1),
    )
    client.force_login(case["coordinator_user"])
    response = client.get(_record_url(meeting))
    assert response.context["form"].initial["absence_reason"] == "Zij ligt in het ziekenhuis."


def test_the_record_page_waits_until_the_meeting_has_started(client, case):
    meeting = schedule(case)
    client.force_login(case["coordinator_user"])
    detail = reverse(
        "households:meeting_detail",
        kwargs={"household_uuid": meeting.household.uuid, "household_meeting_uuid": meeting.uuid},
    )
    page = client.get(detail).content.decode()
    assert _record_url(meeting) not in page
    assert "zodra het is begonnen" in page
    response = client.get(_record_url(meeting), follow=True)
    assert response.redirect_chain[-1][0] == detail
    assert "nog niet begonnen" in response.content.decode()


def test_schedule_page_shows_time_and_table_mistakes_together(client, case):
    client.force_login(case["coordinator_user"])
    involvement = case["household"].involvements.get()
    url = reverse("households:meeting_schedule", kwargs={"household_uuid": case["household"].uuid})
    response = client.post(
        url,
        {
            "kind": "mdo",
            "date": (timezone.localdate() + dt.timedelta(days=4)).isoformat(),
            "start": "10:00",
            "end": "09:00",
            "place": "Wijkcentrum",
            "parties": [f"i{involvement.pk}"],
        },
    )
    errors = response.context["form"].errors
    assert set(errors) >= {"end", "absence_reason"}
    assert not Meeting.objects.exists()

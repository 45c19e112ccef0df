"""The signaleringsoverleg: who may start and open it, the agenda at each reader's level of
need-to-know, decisions with who was present and what they set in motion, closing, logging."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from eenplan.households.tests.factories import InvolvementFactory
from eenplan.organisations.models import OrganisationKind, Role
from eenplan.organisations.tests.factories import OrganisationFactory, TeamFactory, professional
from eenplan.privacy.models import AccessLogEntry, AccessLogSubject, AuditEvent
from eenplan.signalering.deadlines import add_working_days
from eenplan.signalering.meetings import (
    FULL,
    NAME,
    PSEUDONYM,
    meeting_agenda,
    meeting_close,
    meeting_decide,
    meeting_start,
)
from eenplan.signalering.models import (
    Channel,
    Decision,
    Outcome,
    OutreachTask,
    Signal,
    SignalDecision,
    SignalStatus,
)
from eenplan.signalering.services import SignalInput, signal_receive

pytestmark = pytest.mark.django_db

NOTE = "Buurvrouw zegt dat de post zich opstapelt"


def linked_signal(world, actor_of, reporter=None, **overrides) -> Signal:  # type: ignore[no-untyped-def]
    """An energy-arrears signal linked by BSN to the Bakker household."""
    values = {
        "signal_type_code": "energieachterstand",
        "bsn": world.bsn,
        "postcode": "3554AB",
        "house_number": 12,
        "months_in_arrears": 3,
        "amount": Decimal("420.00"),
        "note": NOTE,
    }
    values.update(overrides)
    return signal_receive(
        actor=actor_of(reporter or world.energy_contact),
        data=SignalInput(**values),
        channel=Channel.FORM,
    ).signal


def address_signal(world, actor_of, house_number=3) -> Signal:  # type: ignore[no-untyped-def]
    """A neighbour's worry about an address nobody in eenplan knows."""
    return signal_receive(
        actor=actor_of(world.melder),
        data=SignalInput(
            signal_type_code="eenzaamheid",
            postcode="3554CD",
            house_number=house_number,
            street="Verweg",
            note="Ziet al weken niemand",
        ),
        channel=Channel.FORM,
    ).signal


@pytest.fixture
def gp(world):  # type: ignore[no-untyped-def]
    practice = OrganisationFactory(
        name="Huisartsen Zuilen", kind=OrganisationKind.HUISARTSENPRAKTIJK
    )
    return professional(
        Role.PARTNER,
        team=TeamFactory(organisation=practice),
        first_name="Eva",
        last_name="Hendriks",
    )


@pytest.fixture
def meeting(world, gp, actor_of):  # type: ignore[no-untyped-def]
    return meeting_start(
        actor=actor_of(world.teamleider),
        team=world.wijkteam,
        held_on=timezone.localdate(),
        chair=world.teamleider,
        participants=[world.regisseur, gp, world.melder],
    )


class TestStart:
    def test_teamleider_starts_with_chair_among_participants_and_it_is_audited(
        self, world, gp, actor_of
    ):
        meeting = meeting_start(
            actor=actor_of(world.regisseur),
            team=world.wijkteam,
            held_on=timezone.localdate() + dt.timedelta(days=7),
            chair=world.teamleider,
            participants=[gp],
        )
        assert set(meeting.participants.all()) == {world.teamleider, gp}
        event = AuditEvent.objects.get(action="signal_meeting.start")
        assert event.object_id == str(meeting.pk)
        assert event.actor_id == world.regisseur.pk
        assert sorted(event.after["participants"]) == sorted([world.teamleider.pk, gp.pk])

    @pytest.mark.parametrize("who", ["outsider", "woonconsulent", "melder"])
    def test_only_the_teams_regisseurs_and_teamleiders_start_one(self, world, actor_of, who):
        with pytest.raises(PermissionDenied):
            meeting_start(
                actor=actor_of(getattr(world, who)),
                team=world.wijkteam,
                held_on=timezone.localdate(),
                chair=world.teamleider,
                participants=[],
            )
        assert not AuditEvent.objects.filter(action="signal_meeting.start").exists()

    def test_chair_from_outside_the_team_date_far_away_and_policy_participant_are_errors(
        self, world, actor_of
    ):
        policy = professional(Role.BELEID, organisation=world.wijkteam.organisation)
        with pytest.raises(ValidationError) as caught:
            meeting_start(
                actor=actor_of(world.teamleider),
                team=world.wijkteam,
                held_on=timezone.localdate() + dt.timedelta(days=800),
                chair=world.outsider,
                participants=[policy],
            )
        assert set(caught.value.message_dict) == {"held_on", "chair", "participants"}


class TestAgenda:
    def test_open_signals_of_the_team_not_hidden_not_closed_not_decided(
        self, world, actor_of, meeting
    ):
        on_agenda = linked_signal(world, actor_of)
        unknown_address = address_signal(world, actor_of)
        closed = address_signal(world, actor_of, house_number=5)
        Signal.objects.filter(pk=closed.pk).update(status=SignalStatus.CLOSED)
        hidden = address_signal(world, actor_of, house_number=7)
        Signal.objects.filter(pk=hidden.pk).update(hidden_at=timezone.now())
        other_team = address_signal(world, actor_of, house_number=9)
        Signal.objects.filter(pk=other_team.pk).update(team=TeamFactory())

        agenda = meeting_agenda(actor=actor_of(world.teamleider), meeting_uuid=meeting.uuid)
        assert {i.signal for i in agenda.open_items} == {on_agenda, unknown_address}

    def test_team_member_sees_everything_outsider_at_the_table_a_pseudonym(
        self, world, actor_of, meeting, gp
    ):
        signal = linked_signal(world, actor_of)
        team_view = meeting_agenda(actor=actor_of(world.colleague), meeting_uuid=meeting.uuid)
        gp_view = meeting_agenda(actor=actor_of(gp), meeting_uuid=meeting.uuid)
        (team_item,) = team_view.open_items
        (gp_item,) = gp_view.open_items
        assert team_item.visibility == FULL
        assert team_item.name == "Fatima Bakker"
        assert "Teststraat" in team_item.address or "12" in team_item.address
        assert gp_item.visibility == PSEUDONYM
        assert gp_item.name == "" and gp_item.address == ""
        assert gp_item.signal.short_code == signal.short_code

    def test_a_participant_involved_with_the_household_sees_the_name_not_the_content(
        self, world, actor_of, meeting, gp
    ):
        linked_signal(world, actor_of)
        InvolvementFactory(
            household=world.household,
            organisation=gp.memberships.first().organisation,
            professional=gp,
        )
        (item,) = meeting_agenda(actor=actor_of(gp), meeting_uuid=meeting.uuid).open_items
        assert item.visibility == NAME
        assert item.name == "Fatima Bakker"
        assert item.address == ""

    def test_number_of_reporting_organisations(self, world, actor_of, meeting):
        first = linked_signal(world, actor_of)
        linked_signal(
            world,
            actor_of,
            reporter=world.regisseur,
            signal_type_code="huurachterstand",
            months_in_arrears=2,
        )
        agenda = meeting_agenda(actor=actor_of(world.teamleider), meeting_uuid=meeting.uuid)
        counts = {i.signal.pk: i.sources for i in agenda.open_items}
        assert counts[first.pk] == 2

    def test_every_look_is_logged_with_the_residents_seen(self, world, actor_of, meeting, gp):
        linked_signal(world, actor_of)
        address_signal(world, actor_of)
        before = AccessLogEntry.objects.count()
        meeting_agenda(actor=actor_of(gp), meeting_uuid=meeting.uuid)
        assert AccessLogEntry.objects.count() == before + 1
        entry = AccessLogEntry.objects.order_by("-seq").first()
        assert entry.user_id == gp.pk
        assert "Signaleringsoverleg" in entry.reason
        assert list(
            AccessLogSubject.objects.filter(entry=entry).values_list("resident_uuid", flat=True)
        ) == [world.mother.uuid]

    @pytest.mark.parametrize("who", ["outsider", "woonconsulent", "energy_contact"])
    def test_not_a_member_nor_a_participant_is_a_404(self, world, actor_of, meeting, who):
        with pytest.raises(Http404):
            meeting_agenda(actor=actor_of(getattr(world, who)), meeting_uuid=meeting.uuid)


class TestDecisions:
    def present(self, world, gp):  # type: ignore[no-untyped-def]
        return [world.teamleider, world.regisseur, gp]

    def test_outreach_assigns_the_task_and_records_who_was_present(
        self, world, actor_of, meeting, gp
    ):
        signal = linked_signal(world, actor_of)
        decision = meeting_decide(
            actor=actor_of(world.teamleider),
            meeting=meeting,
            signal_uuid=signal.uuid,
            decision=Decision.OUTREACH,
            present=self.present(world, gp),
            outreach_by=world.colleague,
            note="Samen met ervaringsdeskundige",
        )
        assert decision.present == sorted([world.teamleider.pk, world.regisseur.pk, gp.pk])
        task = OutreachTask.objects.get(signal=signal)
        assert task.assigned_to == world.colleague
        signal.refresh_from_db()
        assert signal.status == SignalStatus.TAKEN_UP
        audit = AuditEvent.objects.get(action="signal_meeting.decide")
        assert audit.after["decision"] == Decision.OUTREACH
        assert audit.household_uuid == world.household.uuid
        assert AuditEvent.objects.filter(action="outreach.assign").exists()
        # Decided here, so it leaves this meeting's agenda.
        agenda = meeting_agenda(actor=actor_of(world.teamleider), meeting_uuid=meeting.uuid)
        assert agenda.open_items == []
        assert [i.signal for i in agenda.decided_items] == [signal]

    def test_urgent_brings_the_deadline_to_the_urgent_rule(self, world, actor_of, meeting, gp):
        signal = linked_signal(world, actor_of)
        assert OutreachTask.objects.get(
            signal=signal
        ).due_on == timezone.localdate() + dt.timedelta(days=28)
        meeting_decide(
            actor=actor_of(world.teamleider),
            meeting=meeting,
            signal_uuid=signal.uuid,
            decision=Decision.URGENT,
            present=self.present(world, gp),
        )
        assert OutreachTask.objects.get(signal=signal).due_on == add_working_days(
            timezone.localdate(), 3
        )

    @pytest.mark.parametrize(
        ("decision", "outcome"),
        [(Decision.NO_ACTION, Outcome.NO_ACTION), (Decision.REFER, Outcome.REFERRED)],
    )
    def test_no_action_and_referral_close_the_signal(
        self, world, actor_of, meeting, gp, decision, outcome
    ):
        signal = address_signal(world, actor_of)
        meeting_decide(
            actor=actor_of(world.regisseur),
            meeting=meeting,
            signal_uuid=signal.uuid,
            decision=decision,
            present=self.present(world, gp),
            refer_to=world.youth_care,
        )
        signal.refresh_from_db()
        assert signal.status == SignalStatus.CLOSED
        assert signal.outcome == outcome
        stored = SignalDecision.objects.get(signal=signal)
        assert stored.refer_to == (world.youth_care if decision == Decision.REFER else None)

    def test_present_must_sit_at_the_table_and_outreach_needs_someone(
        self, world, actor_of, meeting
    ):
        signal = linked_signal(world, actor_of)
        with pytest.raises(ValidationError) as caught:
            meeting_decide(
                actor=actor_of(world.teamleider),
                meeting=meeting,
                signal_uuid=signal.uuid,
                decision=Decision.OUTREACH,
                present=[world.teamleider, world.woonconsulent],
            )
        assert set(caught.value.message_dict) == {"present", "outreach_by"}
        assert not SignalDecision.objects.exists()

    def test_participants_outside_the_team_do_not_decide(self, world, actor_of, meeting, gp):
        signal = linked_signal(world, actor_of)
        with pytest.raises(PermissionDenied):
            meeting_decide(
                actor=actor_of(gp),
                meeting=meeting,
                signal_uuid=signal.uuid,
                decision=Decision.NO_ACTION,
                present=[gp],
            )

    def test_a_closed_meeting_takes_no_decisions_and_shows_no_open_items(
        self, world, actor_of, meeting, gp
    ):
        signal = linked_signal(world, actor_of)
        meeting_close(actor=actor_of(world.teamleider), meeting=meeting)
        assert AuditEvent.objects.filter(action="signal_meeting.close").exists()
        with pytest.raises(ValidationError):
            meeting_decide(
                actor=actor_of(world.teamleider),
                meeting=meeting,
                signal_uuid=signal.uuid,
                decision=Decision.NO_ACTION,
                present=[world.teamleider],
            )
        agenda = meeting_agenda(actor=actor_of(world.teamleider), meeting_uuid=meeting.uuid)
        assert agenda.open_items == [] and not agenda.is_open


class TestPages:
    def test_list_start_and_agenda_for_the_teamleider(self, client, world, actor_of, gp):
        client.force_login(world.teamleider)
        assert client.get(reverse("signalering:meeting_list")).status_code == 200
        response = client.post(
            reverse("signalering:meeting_start"),
            {
                "team": world.wijkteam.pk,
                "held_on": timezone.localdate().strftime("%d-%m-%Y"),
                "chair": world.teamleider.pk,
                "participants": [gp.pk, world.regisseur.pk],
            },
        )
        meeting = world.wijkteam.signal_meetings.get()
        assert response.status_code == 302
        assert response["Location"] == reverse(
            "signalering:meeting_detail", kwargs={"meeting_uuid": meeting.uuid}
        )
        signal = linked_signal(world, actor_of)
        page = client.get(response["Location"]).content.decode()
        assert signal.short_code in page and "Fatima" in page and NOTE in page
        assert (
            reverse(
                "signalering:meeting_decide",
                kwargs={"meeting_uuid": meeting.uuid, "signal_uuid": signal.uuid},
            )
            in page
        )

    def test_the_gp_at_the_table_sees_no_name_no_address_no_note_no_form(
        self, client, world, actor_of, meeting, gp
    ):
        signal = linked_signal(world, actor_of)
        client.force_login(gp)
        response = client.get(
            reverse("signalering:meeting_detail", kwargs={"meeting_uuid": meeting.uuid})
        )
        page = response.content.decode()
        assert response.status_code == 200
        assert signal.short_code in page and "Zuilen-Noord" in page
        for secret in ("Fatima", "Bakker", NOTE, "3554"):
            assert secret not in page
        assert "/besluit/" not in page

    @pytest.mark.parametrize("who", ["outsider", "woonconsulent"])
    def test_others_get_a_404(self, client, world, meeting, who):
        client.force_login(getattr(world, who))
        url = reverse("signalering:meeting_detail", kwargs={"meeting_uuid": meeting.uuid})
        assert client.get(url).status_code == 404

    def test_only_meeting_roles_open_the_start_page(self, client, world, gp):
        client.force_login(gp)
        assert client.get(reverse("signalering:meeting_start")).status_code == 404

    def test_policy_has_no_meeting_pages(self, client, world):
        client.force_login(professional(Role.BELEID, organisation=world.wijkteam.organisation))
        assert client.get(reverse("signalering:meeting_list")).status_code == 404

    def test_anonymous_goes_to_login(self, client, meeting):
        url = reverse("signalering:meeting_detail", kwargs={"meeting_uuid": meeting.uuid})
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]

    def decide_url(self, meeting, signal):  # type: ignore[no-untyped-def]
        return reverse(
            "signalering:meeting_decide",
            kwargs={"meeting_uuid": meeting.uuid, "signal_uuid": signal.uuid},
        )

    def test_decision_form_without_javascript(self, client, world, actor_of, meeting, gp):
        signal = linked_signal(world, actor_of)
        prefix = signal.short_code.lower()
        client.force_login(world.teamleider)
        response = client.post(
            self.decide_url(meeting, signal),
            {
                f"{prefix}-decision": Decision.OUTREACH,
                f"{prefix}-outreach_by": world.regisseur.pk,
                f"{prefix}-present": [world.teamleider.pk, gp.pk],
            },
        )
        assert response.status_code == 302
        decision = SignalDecision.objects.get()
        assert decision.present == sorted([world.teamleider.pk, gp.pk])
        assert decision.outreach_by == world.regisseur
        page = client.get(response["Location"]).content.decode()
        assert "Eva Hendriks" in page  # in the list of who was present

    def test_an_incomplete_decision_shows_the_error_at_its_item(
        self, client, world, actor_of, meeting
    ):
        signal = linked_signal(world, actor_of)
        prefix = signal.short_code.lower()
        client.force_login(world.teamleider)
        response = client.post(
            self.decide_url(meeting, signal), {f"{prefix}-decision": Decision.OUTREACH}
        )
        assert response.status_code == 200
        page = response.content.decode()
        assert 'aria-invalid="true"' in page
        assert f"{prefix}-outreach_by_error" in page
        assert not SignalDecision.objects.exists()

    def test_htmx_decision_redraws_only_the_item(self, client, world, actor_of, meeting):
        signal = linked_signal(world, actor_of)
        prefix = signal.short_code.lower()
        client.force_login(world.teamleider)
        response = client.post(
            self.decide_url(meeting, signal),
            {
                f"{prefix}-decision": Decision.NO_ACTION,
                f"{prefix}-present": [world.teamleider.pk],
            },
            headers={"HX-Request": "true"},
        )
        assert response.status_code == 200
        page = response.content.decode()
        assert "<html" not in page and signal.short_code in page

    def test_sending_a_decision_twice_records_it_once(self, client, world, actor_of, meeting):
        signal = linked_signal(world, actor_of)
        prefix = signal.short_code.lower()
        client.force_login(world.teamleider)
        data = {
            f"{prefix}-decision": Decision.NO_ACTION,
            f"{prefix}-present": [world.teamleider.pk],
        }
        assert client.post(self.decide_url(meeting, signal), data).status_code == 302
        again = client.post(self.decide_url(meeting, signal), data)
        assert again.status_code == 302
        assert SignalDecision.objects.count() == 1

    def test_a_caretaker_at_the_table_sees_the_agenda_without_names(
        self, client, world, actor_of, meeting
    ):
        linked_signal(world, actor_of)
        client.force_login(world.melder)
        assert client.get(reverse("signalering:meeting_list")).status_code == 200
        page = client.get(
            reverse("signalering:meeting_detail", kwargs={"meeting_uuid": meeting.uuid})
        ).content.decode()
        assert "Energieachterstand" in page
        assert "Fatima" not in page and NOTE not in page

    def test_a_participant_cannot_post_a_decision(self, client, world, actor_of, meeting, gp):
        signal = linked_signal(world, actor_of)
        client.force_login(gp)
        prefix = signal.short_code.lower()
        response = client.post(
            self.decide_url(meeting, signal),
            {f"{prefix}-decision": Decision.NO_ACTION, f"{prefix}-present": [gp.pk]},
        )
        assert response.status_code == 404
        assert not SignalDecision.objects.exists()

    def test_closing_by_page(self, client, world, meeting):
        client.force_login(world.teamleider)
        url = reverse("signalering:meeting_close", kwargs={"meeting_uuid": meeting.uuid})
        assert client.get(url).status_code == 200
        assert client.post(url).status_code == 302
        meeting.refresh_from_db()
        assert meeting.closed_at is not None
        assert client.get(url).status_code == 404

    def test_agenda_page_queries_do_not_grow_with_the_agenda(
        self, client, world, actor_of, meeting, django_assert_max_num_queries
    ):
        for number in range(3, 13):
            address_signal(world, actor_of, house_number=number)
        linked_signal(world, actor_of)
        client.force_login(world.teamleider)
        url = reverse("signalering:meeting_detail", kwargs={"meeting_uuid": meeting.uuid})
        with django_assert_max_num_queries(30):
            assert client.get(url).status_code == 200

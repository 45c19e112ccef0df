"""Receiving a signal: validation, linking by BSN, routing, coordinator alert, matches, deadlines,
cross-domain rules, the reporter's status and the audit of every write."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from eenplan.households.selectors import households_visible_to
from eenplan.households.services import involvement_start
from eenplan.households.tests.factories import HouseholdFactory, InvolvementFactory
from eenplan.organisations.models import OrganisationKind
from eenplan.organisations.tests.factories import OrganisationFactory
from eenplan.privacy.models import AuditEvent
from eenplan.signalering import rules
from eenplan.signalering.deadlines import add_working_days
from eenplan.signalering.models import (
    Alert,
    AlertKind,
    AlertRule,
    AlertRuleCode,
    Channel,
    LinkMethod,
    Outcome,
    OutreachStatus,
    Priority,
    Signal,
    SignalStatus,
    Urgency,
)
from eenplan.signalering.selectors import signal_detail, signal_work, signals_reported_by
from eenplan.signalering.services import (
    SignalInput,
    outreach_assign,
    outreach_attempt_record,
    signal_close,
    signal_receive,
)

pytestmark = pytest.mark.django_db


def arrears(**overrides) -> SignalInput:  # type: ignore[no-untyped-def]
    values = {
        "signal_type_code": "huurachterstand",
        "surname": "Bakker",
        "given_names": "Fatima",
        "birth_date": dt.date(1984, 3, 7),
        "postcode": "3554 ab",
        "house_number": 12,
        "months_in_arrears": 2,
        "amount": Decimal("1450.00"),
    }
    values.update(overrides)
    return SignalInput(**values)


def from_municipality_with_bsn(world, actor_of, **overrides):  # type: ignore[no-untyped-def]
    """A signal by BSN: only an organisation that may process the BSN can send one."""
    overrides.setdefault("bsn", world.bsn)
    return signal_receive(
        actor=actor_of(world.regisseur), data=arrears(**overrides), channel="formulier"
    )


class TestValidation:
    def test_unknown_type_and_nothing_to_identify_are_field_errors(self, world, actor_of):
        with pytest.raises(ValidationError) as caught:
            signal_receive(
                actor=actor_of(world.woonconsulent),
                data=SignalInput(signal_type_code="bestaat-niet"),
                channel=Channel.FORM,
            )
        assert set(caught.value.message_dict) == {"signal_type_code", "surname"}
        assert Signal.objects.count() == 0

    def test_arrears_need_how_long(self, world, actor_of):
        with pytest.raises(ValidationError) as caught:
            signal_receive(
                actor=actor_of(world.woonconsulent),
                data=arrears(months_in_arrears=None),
                channel=Channel.FORM,
            )
        assert "months_in_arrears" in caught.value.message_dict

    def test_bsn_from_an_organisation_that_may_not_process_it_is_refused(self, world, actor_of):
        with pytest.raises(ValidationError) as caught:
            signal_receive(
                actor=actor_of(world.woonconsulent),
                data=arrears(bsn=world.bsn),
                channel="formulier",
            )
        assert "bsn" in caught.value.message_dict
        assert Signal.objects.count() == 0

    def test_bsn_failing_the_eleven_test(self, world, actor_of):
        with pytest.raises(ValidationError) as caught:
            from_municipality_with_bsn(world, actor_of, bsn="123456789")
        assert list(caught.value.message_dict) == ["bsn"]
        assert Signal.objects.count() == 0

    def test_malformed_postcode_and_future_birth_date(self, world, actor_of):
        with pytest.raises(ValidationError) as caught:
            signal_receive(
                actor=actor_of(world.woonconsulent),
                data=arrears(postcode="35544AB", birth_date=timezone.localdate() + dt.timedelta(1)),
                channel=Channel.FORM,
            )
        assert {"postcode", "birth_date"} <= set(caught.value.message_dict)

    def test_policy_and_residents_cannot_report(self, world, actor_of):
        from eenplan.organisations.models import Role
        from eenplan.organisations.tests.factories import professional

        policy = professional(Role.BELEID, organisation=world.wijkteam.organisation)
        with pytest.raises(PermissionDenied):
            signal_receive(actor=actor_of(policy), data=arrears(), channel=Channel.FORM)


class TestLinkingAndRouting:
    def test_bsn_links_deterministically_and_stores_only_the_pseudonym(self, world, actor_of):
        signal = from_municipality_with_bsn(world, actor_of).signal
        assert signal.resident == world.mother
        assert signal.household == world.household
        assert signal.link_method == LinkMethod.BSN
        assert signal.bsn_pseudonym and world.bsn not in signal.bsn_pseudonym
        assert world.bsn not in str(
            AuditEvent.objects.filter(action="signal.receive").values_list("after", flat=True)[0]
        )

    def test_routed_to_the_team_covering_the_buurt(self, world, actor_of):
        signal = from_municipality_with_bsn(world, actor_of).signal
        assert signal.neighbourhood == world.neighbourhood
        assert signal.team == world.wijkteam

    def test_unlinked_signal_still_lands_by_address(self, world, actor_of):
        receipt = signal_receive(
            actor=actor_of(world.melder),
            data=SignalInput(
                signal_type_code="eenzaamheid",
                postcode="3554CD",
                house_number=3,
                note="Ziet niemand",
            ),
            channel=Channel.FORM,
        )
        signal = receipt.signal
        assert signal.resident is None and signal.household is None
        assert signal.team == world.wijkteam
        work = signal_work(actor=actor_of(world.colleague))
        assert signal in work.triage

    def test_coordinator_is_alerted_at_once_with_the_deadline(self, world, actor_of):
        signal = from_municipality_with_bsn(world, actor_of).signal
        alert = Alert.objects.get(recipient=world.regisseur, kind=AlertKind.NEW_SIGNAL)
        assert alert.signal == signal
        assert alert.due_on == signal.outreach.due_on


class TestDeadlines:
    def test_payment_arrears_within_four_weeks(self, world, actor_of):
        signal = from_municipality_with_bsn(world, actor_of).signal
        received = timezone.localdate(signal.received_at)
        assert signal.outreach.due_on == received + dt.timedelta(days=28)

    def test_eviction_announced_within_three_working_days(self, world, actor_of):
        friday = timezone.make_aware(dt.datetime(2026, 11, 20, 10, 0))
        signal = from_municipality_with_bsn(
            world, actor_of, urgency=Urgency.EVICTION, received_at=friday
        ).signal
        assert signal.outreach.due_on == dt.date(2026, 11, 25)  # Mon, Tue, Wed

    def test_working_days_skip_public_holidays(self):
        # 24 December 2026 is a Thursday; Christmas falls on Friday and Saturday.
        assert add_working_days(dt.date(2026, 12, 24), 1) == dt.date(2026, 12, 28)
        # King's Day 2027 is Tuesday 27 April.
        assert add_working_days(dt.date(2027, 4, 26), 1) == dt.date(2027, 4, 28)

    def test_rule_is_data_the_admin_can_change(self, world, actor_of):
        from eenplan.signalering.models import SignalType

        SignalType.objects.filter(code="huurachterstand").update(first_contact_days=14)
        signal = from_municipality_with_bsn(world, actor_of).signal
        assert signal.outreach.due_on == timezone.localdate(signal.received_at) + dt.timedelta(14)


class TestMatches:
    def test_second_organisation_on_another_member_notifies_everyone_involved(
        self, world, actor_of
    ):
        # A new organisation reports about the son (by his BSN); youth care and the coordinator
        # are already involved with the household.
        signal = signal_receive(
            actor=None,
            source_organisation=world.energy,
            data=SignalInput(
                signal_type_code="energieachterstand", bsn=world.son_bsn, days_in_arrears=60
            ),
            channel=Channel.FILE,
        ).signal
        assert signal.resident == world.son and signal.household == world.household
        recipients = set(
            Alert.objects.filter(kind=AlertKind.MATCH, household=world.household).values_list(
                "recipient", flat=True
            )
        )
        assert recipients == {world.youth_worker.pk}
        # The coordinator gets the signal itself (with who reported it), not a second notice.
        assert Alert.objects.filter(
            kind=AlertKind.NEW_SIGNAL, recipient=world.regisseur, signal=signal
        ).exists()
        assert world.energy_contact.pk not in recipients

    def test_the_reporter_never_gets_access_or_a_notice(self, world, actor_of):
        signal = signal_receive(
            actor=actor_of(world.energy_contact),
            data=SignalInput(
                signal_type_code="energieachterstand",
                surname="Bakker",
                birth_date=dt.date(2008, 6, 1),
                postcode="3554AB",
                house_number=12,
                days_in_arrears=40,
            ),
            channel=Channel.FORM,
        ).signal
        reporter = actor_of(world.energy_contact)
        assert not households_visible_to(reporter).filter(pk=world.household.pk).exists()
        assert not Alert.objects.filter(recipient=world.energy_contact).exists()
        with pytest.raises(Http404):
            signal_detail(actor=reporter, signal_uuid=signal.uuid)

    def test_involvement_of_a_new_organisation_sends_match_notices(self, world, actor_of):
        involvement_start(
            actor=actor_of(world.regisseur),
            household=world.household,
            organisation=world.corporation,
            professional=world.woonconsulent,
            basis="toestemming",
        )
        recipients = set(
            Alert.objects.filter(kind=AlertKind.MATCH).values_list("recipient", flat=True)
        )
        # The coordinator, youth care, and the newcomer who learns who was already there.
        assert recipients == {world.regisseur.pk, world.youth_worker.pk, world.woonconsulent.pk}

    def test_no_match_when_alone(self, world, actor_of):
        lone = HouseholdFactory(neighbourhood=world.neighbourhood)
        involvement_start(
            actor=actor_of(world.regisseur),
            household=lone,
            organisation=world.corporation,
            basis="toestemming",
        )
        assert not Alert.objects.filter(kind=AlertKind.MATCH, household=lone).exists()


class TestCrossDomainRules:
    def test_arrears_with_open_youth_care_alerts_the_coordinator(self, world, actor_of):
        signal = from_municipality_with_bsn(world, actor_of).signal
        alert = Alert.objects.get(kind=AlertKind.CROSS_DOMAIN)
        assert alert.recipient == world.regisseur
        assert alert.signal == signal
        assert alert.rule == AlertRuleCode.ARREARS_WITH_CARE

    def test_rule_switched_off_stays_silent(self, world, actor_of):
        AlertRule.objects.filter(code=AlertRuleCode.ARREARS_WITH_CARE).update(enabled=False)
        from_municipality_with_bsn(world, actor_of)
        assert not Alert.objects.filter(kind=AlertKind.CROSS_DOMAIN).exists()

    def test_no_alert_without_care(self, world, actor_of):
        world.household.involvements.filter(organisation=world.youth_care).update(
            until=timezone.localdate()
        )
        from_municipality_with_bsn(world, actor_of)
        assert not Alert.objects.filter(kind=AlertKind.CROSS_DOMAIN).exists()

    def test_several_sources_within_the_window_raise_priority(self, world, actor_of):
        first = from_municipality_with_bsn(world, actor_of).signal
        assert first.priority == Priority.NORMAL
        second = signal_receive(
            actor=None,
            source_organisation=OrganisationFactory(name="Vitens", may_process_bsn=True),
            data=SignalInput(
                signal_type_code="waterachterstand", bsn=world.bsn, days_in_arrears=90
            ),
            channel=Channel.FILE,
        ).signal
        first.refresh_from_db()
        assert second.priority == Priority.HIGH and first.priority == Priority.HIGH
        assert Alert.objects.filter(kind=AlertKind.PRIORITY, recipient=world.regisseur).count() == 1

    def test_sources_outside_the_window_do_not_count(self, world, actor_of):
        from_municipality_with_bsn(
            world,
            actor_of,
            received_at=timezone.now() - dt.timedelta(days=120),
            reference="oud",
        )
        second = signal_receive(
            actor=None,
            source_organisation=OrganisationFactory(name="Vitens", may_process_bsn=True),
            data=SignalInput(
                signal_type_code="waterachterstand", bsn=world.bsn, days_in_arrears=90
            ),
            channel=Channel.FILE,
        ).signal
        assert second.priority == Priority.NORMAL

    def test_turning_eighteen_in_youth_care_creates_one_transition_task(self, world):
        today = dt.date(2026, 4, 1)  # the son turns 18 on 1 June 2026
        assert rules.scan_turning_eighteen(today=today) == 1
        assert rules.scan_turning_eighteen(today=today) == 0  # idempotent
        alert = Alert.objects.get(kind=AlertKind.TRANSITION)
        assert alert.recipient == world.regisseur
        assert alert.about_resident == world.son
        assert alert.due_on == dt.date(2026, 6, 1)

    def test_turning_eighteen_outside_the_horizon_or_without_youth_care(self, world):
        assert rules.scan_turning_eighteen(today=dt.date(2025, 12, 1)) == 0
        world.household.involvements.filter(organisation=world.youth_care).update(
            until=dt.date(2026, 1, 1)
        )
        assert rules.scan_turning_eighteen(today=dt.date(2026, 4, 1)) == 0


class TestOutreachAndStatus:
    def test_status_follows_the_work_and_the_reporter_sees_only_that(self, world, actor_of):
        reporter = actor_of(world.woonconsulent)
        signal = signal_receive(
            actor=None,
            source_organisation=OrganisationFactory(
                name="Gemeentelijke bron", may_process_bsn=True
            ),
            data=arrears(bsn=world.bsn),
            channel=Channel.FILE,
        ).signal
        regisseur = actor_of(world.regisseur)
        outreach_assign(actor=regisseur, signal=signal, professional=world.regisseur)
        signal.refresh_from_db()
        assert signal.status == SignalStatus.TAKEN_UP
        outreach_attempt_record(actor=regisseur, signal=signal, way="telefoon", reached=False)
        signal.refresh_from_db()
        assert signal.status == SignalStatus.TAKEN_UP
        outreach_attempt_record(actor=regisseur, signal=signal, way="huisbezoek", reached=True)
        signal.refresh_from_db()
        assert signal.status == SignalStatus.CONTACT_MADE
        assert signal.outreach.status == OutreachStatus.CONTACT_MADE
        signal_close(actor=regisseur, signal=signal, outcome=Outcome.HELP_ACCEPTED)
        signal.refresh_from_db()
        assert signal.status == SignalStatus.CLOSED
        with pytest.raises(ValidationError):
            signal_close(actor=regisseur, signal=signal, outcome=Outcome.NO_ACTION)
        # The corporation did not report this one: it does not see it at all.
        assert signal not in signals_reported_by(actor=reporter)

    def test_every_write_is_audited(self, world, actor_of):
        before = AuditEvent.objects.count()
        signal = from_municipality_with_bsn(world, actor_of).signal
        actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True)[before:])
        assert actions[0] == "signal.receive"
        assert "outreach.create" in actions and "alert.create" in actions
        assert AuditEvent.objects.filter(object_id=str(signal.pk), action="signal.receive").exists()

    def test_same_reference_twice_is_the_same_signal(self, world, actor_of):
        source = OrganisationFactory(name="Eneco test", kind=OrganisationKind.OVERIG)
        data = arrears(signal_type_code="energieachterstand", reference="E-2026-001")
        first = signal_receive(actor=None, source_organisation=source, data=data, channel="bestand")
        again = signal_receive(actor=None, source_organisation=source, data=data, channel="bestand")
        assert first.created and not again.created
        assert again.signal.pk == first.signal.pk
        assert Signal.objects.count() == 1

    def test_a_failing_write_leaves_nothing_behind(self, world, actor_of, monkeypatch):
        from eenplan.signalering import services

        def broken(**kwargs):  # type: ignore[no-untyped-def]
            raise RuntimeError("alert store down")

        monkeypatch.setattr(services, "alert_create", broken)
        with pytest.raises(RuntimeError):
            from_municipality_with_bsn(world, actor_of)
        assert Signal.objects.count() == 0
        assert not AuditEvent.objects.filter(action="signal.receive").exists()


class TestVisibility:
    def test_who_sees_the_content(self, world, actor_of):
        signal = from_municipality_with_bsn(world, actor_of).signal
        # The coordinator and the routed team see it.
        assert signal_detail(actor=actor_of(world.regisseur), signal_uuid=signal.uuid) == signal
        assert signal_detail(actor=actor_of(world.colleague), signal_uuid=signal.uuid) == signal
        assert signal_detail(actor=actor_of(world.teamleider), signal_uuid=signal.uuid) == signal
        # Youth care is involved with the household, but this is not its content.
        for user in (world.youth_worker, world.outsider, world.melder, world.woonconsulent):
            with pytest.raises(Http404):
                signal_detail(actor=actor_of(user), signal_uuid=signal.uuid)

    def test_other_team_household_is_not_in_my_queue(self, world, actor_of):
        other = InvolvementFactory(
            household=HouseholdFactory(), organisation=world.corporation
        ).household
        assert other.pk != world.household.pk
        from_municipality_with_bsn(world, actor_of)
        assert signal_work(actor=actor_of(world.outsider)).triage == []


def test_team_lead_sees_every_overdue_outreach_of_the_team(world, actor_of):
    signal = from_municipality_with_bsn(
        world, actor_of, received_at=timezone.now() - dt.timedelta(days=40), reference="laat"
    ).signal
    outreach_assign(actor=actor_of(world.colleague), signal=signal, professional=world.colleague)
    assert signal.outreach.due_on < timezone.localdate()
    lead_view = signal_work(actor=actor_of(world.teamleider))
    assert [t.signal_id for t in lead_view.team_overdue] == [signal.pk]
    assert signal_work(actor=actor_of(world.regisseur)).team_overdue == []


def test_the_team_queue_puts_high_priority_first(world, actor_of):
    from eenplan.signalering.models import Priority

    normal = signal_receive(
        actor=actor_of(world.melder),
        data=SignalInput(signal_type_code="eenzaamheid", postcode="3554CD", house_number=1),
        channel=Channel.FORM,
    ).signal
    high = signal_receive(
        actor=actor_of(world.melder),
        data=SignalInput(signal_type_code="eenzaamheid", postcode="3554CD", house_number=2),
        channel=Channel.FORM,
    ).signal
    Signal.objects.filter(pk=high.pk).update(priority=Priority.HIGH)
    assert [s.pk for s in signal_work(actor=actor_of(world.colleague)).triage] == [
        high.pk,
        normal.pk,
    ]

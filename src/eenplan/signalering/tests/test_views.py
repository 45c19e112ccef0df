"""The pages: reporting in under a minute, the reporter's status list, the work page, a signal."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils.html import escape

from eenplan.privacy.models import AccessLogEntry
from eenplan.signalering.models import Alert, AlertKind, Signal, SignalStatus

pytestmark = pytest.mark.django_db


def test_report_form_creates_a_signal_and_shows_only_its_status(client, world):
    client.force_login(world.melder)
    response = client.post(
        reverse("signalering:report"),
        {
            "signal_type_code": "deur-niet-open",
            "postcode": "3554 AB",
            "house_number": "12",
            "resident_knows": "nee",
            "note": "Al drie weken geen reactie, post stapelt zich op.",
        },
        follow=True,
    )
    assert response.status_code == 200
    signal = Signal.objects.get()
    assert signal.reported_by == world.melder
    assert signal.team == world.wijkteam
    content = response.content.decode()
    assert "Doet de deur niet open" in content
    assert str(SignalStatus.RECEIVED.label) in content or "ontvangen" in content.lower()
    # Nothing about the household or who acts on it.
    assert escape(world.household.name) not in content
    assert escape(world.regisseur.get_full_name()) not in content


def test_report_form_errors_are_dutch_and_nothing_is_saved(client, world):
    client.force_login(world.woonconsulent)
    response = client.post(
        reverse("signalering:report"),
        {"signal_type_code": "huurachterstand", "postcode": "12", "resident_knows": "ja"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "postcode" in content.lower()
    assert "achterstand" in content.lower()  # how long the payments are behind
    assert Signal.objects.count() == 0


def test_partner_form_has_no_bsn_field_but_municipality_form_does(client, world):
    client.force_login(world.woonconsulent)
    assert 'name="bsn"' not in client.get(reverse("signalering:report")).content.decode()
    client.force_login(world.regisseur)
    assert 'name="bsn"' in client.get(reverse("signalering:report")).content.decode()


def test_melder_lands_on_the_report_form_and_cannot_look_anyone_up(client, world):
    client.force_login(world.melder)
    assert client.get(reverse("core:home"))["Location"] == reverse("signalering:report")
    assert client.get(reverse("households:caseload")).status_code in (403, 404)
    assert client.get(reverse("households:detail", args=[world.household.uuid])).status_code == 404
    assert client.get(reverse("signalering:work")).status_code == 404


def test_work_page_shows_deadline_and_logs_the_read(client, world, actor_of):
    from eenplan.signalering.services import SignalInput, signal_receive

    signal = signal_receive(
        actor=actor_of(world.regisseur),
        data=SignalInput(signal_type_code="huurachterstand", bsn=world.bsn, months_in_arrears=2),
        channel="formulier",
    ).signal
    client.force_login(world.colleague)
    before = AccessLogEntry.objects.count()
    response = client.get(reverse("signalering:work"))
    assert response.status_code == 200
    content = response.content.decode()
    assert escape(world.mother.full_name) in content
    assert signal.outreach.due_on.strftime("%d-%m-%Y") in content
    assert AccessLogEntry.objects.count() == before + 1


def test_coordinator_takes_up_records_contact_and_closes(client, world, actor_of):
    from eenplan.signalering.services import SignalInput, signal_receive

    signal = signal_receive(
        actor=actor_of(world.regisseur),
        data=SignalInput(signal_type_code="huurachterstand", bsn=world.bsn, months_in_arrears=2),
        channel="formulier",
    ).signal
    client.force_login(world.regisseur)
    detail = reverse("signalering:detail", args=[signal.uuid])
    assert client.get(detail).status_code == 200
    client.post(reverse("signalering:take_up", args=[signal.uuid]))
    client.post(
        reverse("signalering:attempt", args=[signal.uuid]),
        {"way": "huisbezoek", "reached": "ja", "note": "Thuis getroffen"},
    )
    signal.refresh_from_db()
    assert signal.status == SignalStatus.CONTACT_MADE
    response = client.post(reverse("signalering:close", args=[signal.uuid]), {"outcome": ""})
    signal.refresh_from_db()
    assert signal.status == SignalStatus.CONTACT_MADE  # no outcome: not closed
    client.post(reverse("signalering:close", args=[signal.uuid]), {"outcome": "hulp_aanvaard"})
    signal.refresh_from_db()
    assert signal.status == SignalStatus.CLOSED
    assert response.status_code == 302


def test_alerts_page_shows_who_is_involved_not_what(client, world, actor_of):
    from eenplan.signalering.services import SignalInput, signal_receive

    signal_receive(
        actor=None,
        source_organisation=world.energy,
        data=SignalInput(
            signal_type_code="energieachterstand",
            bsn=world.son_bsn,
            days_in_arrears=75,
            note="Vertrouwelijke toelichting van het energiebedrijf",
        ),
        channel="bestand",
    )
    client.force_login(world.youth_worker)
    response = client.get(reverse("signalering:alerts"))
    content = response.content.decode()
    assert Alert.objects.filter(recipient=world.youth_worker, kind=AlertKind.MATCH).exists()
    assert escape(world.energy.name) in content
    assert escape(world.regisseur.get_full_name()) in content  # who to call
    assert "Vertrouwelijke toelichting" not in content
    client.post(
        reverse("signalering:alerts_read"),
        {
            "alert": list(
                Alert.objects.filter(recipient=world.youth_worker).values_list("pk", flat=True)
            )
        },
    )
    assert not Alert.objects.filter(recipient=world.youth_worker, read_at__isnull=True).exists()


def test_household_page_lists_signals_only_for_those_who_act_on_them(client, world, actor_of):
    from eenplan.signalering.services import SignalInput, signal_receive

    signal_receive(
        actor=actor_of(world.regisseur),
        data=SignalInput(signal_type_code="huurachterstand", bsn=world.bsn, months_in_arrears=2),
        channel="formulier",
    )
    url = reverse("households:detail", args=[world.household.uuid])
    client.force_login(world.regisseur)
    assert 'id="household-signals"' in client.get(url).content.decode()
    # Youth care sees the household, and that the municipality signalled (timeline), not what.
    client.force_login(world.youth_worker)
    content = client.get(url).content.decode()
    assert 'id="household-signals"' not in content
    assert "Huurachterstand" not in content


def test_nobody_matched_so_the_regisseur_registers_the_person_and_the_signal_follows(
    client, world, actor_of
):
    from eenplan.households.models import Resident
    from eenplan.signalering.models import LinkMethod
    from eenplan.signalering.services import SignalInput, signal_receive

    signal = signal_receive(
        actor=actor_of(world.melder),
        data=SignalInput(
            signal_type_code="eenzaamheid",
            given_names="Wim",
            surname="Onbekend",
            birth_date=dt.date(1950, 2, 3),
            postcode="3554 CD",
            house_number=7,
        ),
        channel="formulier",
    ).signal
    assert signal.resident is None
    client.force_login(world.colleague)
    detail = client.get(reverse("signalering:detail", args=[signal.uuid])).content.decode()
    register_url = reverse("households:register") + f"?signaal={signal.uuid}"
    assert escape(register_url) in detail
    form = client.get(register_url).content.decode()
    assert 'value="Onbekend"' in form and 'value="03-02-1950"' in form
    response = client.post(
        register_url,
        {
            "given_names": "Wim",
            "surname": "Onbekend",
            "birth_date": "03-02-1950",
            "postcode": "3554 CD",
            "house_number": "7",
            "basis": "toestemming",
        },
    )
    assert response.status_code == 302
    signal.refresh_from_db()
    resident = Resident.objects.get(surname="Onbekend")
    assert signal.resident == resident
    assert signal.household is not None
    assert signal.link_method == LinkMethod.MANUAL
    # Someone outside the team cannot use another team's signal to prefill the form.
    client.force_login(world.outsider)
    assert client.get(register_url).status_code == 404
    assert client.get(reverse("households:register") + "?signaal=geen-uuid").status_code == 404


def test_the_navigation_counts_unread_alerts(client, world, actor_of):
    from eenplan.signalering.services import SignalInput, signal_receive

    signal_receive(
        actor=None,
        source_organisation=world.energy,
        data=SignalInput(
            signal_type_code="energieachterstand", bsn=world.son_bsn, days_in_arrears=75
        ),
        channel="bestand",
    )
    client.force_login(world.youth_worker)
    page = client.get(reverse("signalering:alerts")).content.decode()
    assert 'class="eenplan-count">1<' in page
    client.post(
        reverse("signalering:alerts_read"),
        {"alert": list(Alert.objects.values_list("pk", flat=True))},
    )
    page = client.get(reverse("signalering:alerts")).content.decode()
    assert "eenplan-count" not in page

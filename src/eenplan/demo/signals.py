"""Signals in the demo: what partners reported before the demo starts, through the real services.

Scenario 2 (the Yılmaz family's rent arrears) is left out on purpose: the walkthrough reports it.
Scenario 3's worries from the GP and the wijkagent are in, so the Overvecht team's queue and its
signaleringsoverleg have something to discuss, as are a few creditor signals from a monthly file.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from eenplan.demo.cast import Cast
from eenplan.demo.scenarios import SCENARIO_HOUSEHOLDS
from eenplan.households.models import Household, HouseholdMember
from eenplan.signalering.meetings import meeting_start
from eenplan.signalering.models import Channel
from eenplan.signalering.rules import scan_turning_eighteen
from eenplan.signalering.services import SignalInput, signal_receive

OVERVECHT_PC4 = ("3561", "3562", "3563", "3564")


def _main_member(household: Household) -> HouseholdMember:
    return household.members.filter(until__isnull=True).select_related("resident").order_by("id")[0]


def _about(household: Household, **fields: object) -> SignalInput:
    """A signal about the household's main resident, as a partner would type it."""
    resident = _main_member(household).resident
    values: dict[str, object] = {
        "given_names": resident.given_names,
        "surname_prefix": resident.surname_prefix,
        "surname": resident.surname,
        "birth_date": resident.birth_date,
        "street": household.street,
        "house_number": household.house_number,
        "house_number_suffix": household.house_number_suffix,
        "postcode": household.postcode,
        "city": household.city,
    }
    values.update(fields)
    return SignalInput(**values)  # type: ignore[arg-type]


def demo_signals_load(*, cast: Cast, rng: random.Random, today: dt.date) -> int:
    from eenplan.accounts.actor import actor_for_user

    created = 0
    verbeek = Household.objects.get(uuid=SCENARIO_HOUSEHOLDS["isolated_man"].uuid)
    for username, code, note in (
        (
            "huisarts",
            "zorgen-welzijn",
            "Komt niet meer op afspraken en neemt de telefoon niet op.",
        ),
        (
            "r.vanwijk",
            "verward-gedrag",
            "Buren melden geschreeuw 's nachts; bij aanbellen niet opengedaan.",
        ),
    ):
        receipt = signal_receive(
            actor=actor_for_user(cast.users[username]),
            data=_about(verbeek, signal_type_code=code, note=note, resident_knows="nee"),
            channel=Channel.FORM,
        )
        created += receipt.created
    # A monthly creditor file from the corporation: a few households in Overvecht, a month ago.
    candidates = list(
        Household.objects.filter(postcode__regex=r"^(" + "|".join(OVERVECHT_PC4) + ")")
        .exclude(uuid__in=[s.uuid for s in SCENARIO_HOUSEHOLDS.values()])
        .order_by("id")[:200]
    )
    for number, household in enumerate(rng.sample(candidates, min(6, len(candidates))), start=1):
        # Some came in with last month's file and are overdue by now, some with this month's.
        days_ago = 33 if number % 3 == 0 else 6
        received = timezone.make_aware(
            dt.datetime.combine(today - dt.timedelta(days=days_ago), dt.time(9))
        )
        months = rng.choice((2, 2, 3, 4))
        receipt = signal_receive(
            actor=None,
            source_organisation=cast.organisations["domstad"],
            data=_about(
                household,
                signal_type_code="huurachterstand",
                months_in_arrears=months,
                amount=Decimal(months * rng.randrange(640, 980)),
                reference=f"DS-{received:%Y%m}-{number:04d}",
                received_at=received,
            ),
            channel=Channel.FILE,
        )
        created += receipt.created
    # This week's signaleringsoverleg of the Overvecht wijkteam, with the GP, the wijkagent and
    # the corporation at the table: its agenda is the team's open signals.
    lead = cast.users["teamleider"]
    team = lead.memberships.get(role="teamleider").team
    assert team is not None  # the demo's team lead leads the Overvecht wijkteam
    meeting_start(
        actor=actor_for_user(lead),
        team=team,
        held_on=today,
        chair=lead,
        participants=[
            cast.users[name]
            for name in ("teamleider", "regisseur", "huisarts", "r.vanwijk", "woonconsulent")
        ],
    )
    scan_turning_eighteen(today=today)
    return created

"""Scenario 1's measurements for the demo: a first measurement at the start of the plan and a
later one that shows progress (a home in sight, an income, a bit more rest). For the demo loader
to call; it goes through the service like any other measurement."""

from __future__ import annotations

import datetime as dt

from eenplan.accounts.actor import Actor
from eenplan.assessments.models import Instrument, Measurement
from eenplan.assessments.services import ItemScore, measurement_record
from eenplan.households.models import Resident

# ZRM: (at the start, later), per domain.
ZRM = {
    "financien": (1, 3),
    "werk-opleiding": (2, 2),
    "tijdsbesteding": (2, 3),
    "huisvesting": (1, 3),
    "huiselijke-relaties": (2, 3),
    "geestelijke-gezondheid": (2, 3),
    "lichamelijke-gezondheid": (3, 3),
    "middelengebruik": (4, 4),
    "basale-adl": (4, 4),
    "instrumentele-adl": (3, 3),
    "sociaal-netwerk": (2, 3),
    "maatschappelijke-participatie": (2, 2),
    "justitie": (5, 5),
}
LADDER = (2, 3)
# "Wat is belangrijk": (resident, professional) at the start and later; she and her regisseur
# see her mental health differently, less so later.
WHAT_MATTERS = {
    "wonen": ((2, 2), (5, 4)),
    "werk-inkomen": ((3, 2), (5, 5)),
    "financien": ((2, 2), (4, 4)),
    "lichamelijke-gezondheid": ((6, 6), (6, 6)),
    "psychische-gezondheid": ((6, 2), (7, 4)),
    "middelengebruik": ((8, 8), (8, 8)),
    "sociaal-netwerk": ((4, 4), (5, 5)),
    "dagbesteding": ((3, 3), (5, 4)),
    "veiligheid-justitie": ((7, 7), (8, 7)),
    "gezin-kinderen": ((4, 5), (6, 6)),
    "zelfzorg": ((6, 6), (7, 7)),
}
LIFE = (4, 6)


def demo_measurements(
    *, actor: Actor, resident: Resident, first_on: dt.date, later_on: dt.date
) -> list[Measurement]:
    instruments = {i.code: i for i in Instrument.objects.prefetch_related("items__instrument")}
    recorded = []
    for index, taken_on in enumerate((first_on, later_on)):
        plans: dict[str, dict[str, int | ItemScore | None]] = {
            "zrm": {code: pair[index] for code, pair in ZRM.items()},
            "participatieladder": {"trede": LADDER[index]},
            "wat-is-belangrijk": {
                code: ItemScore(value=pairs[index][0], professional=pairs[index][1])
                for code, pairs in WHAT_MATTERS.items()
            }
            | {"leven": LIFE[index]},
        }
        for code, scores in plans.items():
            recorded.append(
                measurement_record(
                    actor=actor,
                    resident=resident,
                    instrument=instruments[code],
                    taken_on=taken_on,
                    scores=scores,
                )
            )
    return recorded

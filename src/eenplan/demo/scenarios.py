"""The six scenarios of the domain description as named demo households in Overvecht.

Their uuids are fixed (uuid5), so tests, browser tests and demo scripts can open them directly:
`SCENARIO_HOUSEHOLDS["rent_arrears"].uuid`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from eenplan.accounts.models import User
from eenplan.areas.models import Neighbourhood
from eenplan.demo.cast import Cast
from eenplan.demo.records import (
    Address,
    BsnSource,
    PendingHousehold,
    PendingInvolvement,
    PendingMember,
    PendingPlan,
)
from eenplan.households.models import LegalBasis, Relation

NAMESPACE = uuid.UUID("6f1d8c1e-3b0a-5d2e-9a57-0e5e1a2b3c4d")


@dataclass(frozen=True)
class ScenarioHousehold:
    number: int
    key: str
    name: str
    story: str

    @property
    def uuid(self) -> uuid.UUID:
        return uuid.uuid5(NAMESPACE, f"household/{self.key}")


SCENARIO_HOUSEHOLDS: dict[str, ScenarioHousehold] = {
    s.key: s
    for s in (
        ScenarioHousehold(
            1,
            "one_plan",
            "Huishouden Bouzid",
            "A woman who left her partner; homeless except when caring for their two children.",
        ),
        ScenarioHousehold(
            2,
            "rent_arrears",
            "Huishouden Yılmaz",
            "A family with two months' rent arrears and open youth care.",
        ),
        ScenarioHousehold(
            3,
            "isolated_man",
            "Huishouden Verbeek",
            "An isolated man with a psychiatric history, known to the GP and the police.",
        ),
        ScenarioHousehold(
            4,
            "cost_sharing",
            "Huishouden Jansen",
            "Parents with their disabled adult son, hit by the kostendelersnorm.",
        ),
        ScenarioHousehold(
            5,
            "young_jobseeker",
            "Huishouden Pinas",
            "A young unemployed man, to be matched with an elderly neighbour.",
        ),
        ScenarioHousehold(
            5,
            "elderly_neighbour",
            "Huishouden Van den Berg",
            "An elderly woman living alone who needs help with odd jobs.",
        ),
        ScenarioHousehold(
            6,
            "turning_eighteen",
            "Huishouden Kowalski",
            "A 17-year-old in youth care who turns 18 next month.",
        ),
    )
}


def resident_uuid(key: str, given_names: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"resident/{key}/{given_names}")


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def turning_eighteen_birth_date(today: dt.date) -> dt.date:
    """The 15th of next month, eighteen years back: 17 today, 18 next month, whenever loaded."""
    year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
    return dt.date(year - 18, month, 15)


def _born(today: dt.date, years: int, days: int = 0) -> dt.date:
    return years_before(today, years) - dt.timedelta(days=days)


def scenario_households(*, cast: Cast, bsns: BsnSource, today: dt.date) -> list[PendingHousehold]:
    """The scenario households, not yet written. Creates the `inwoner` login of scenario 1."""
    overvecht = {n.name: n for n in Neighbourhood.objects.filter(district__code="WK034403")}
    users = cast.users
    org = cast.organisations
    wijkteam = cast.wijkteams["WK034403"]
    regisseur = users["regisseur"]

    def address(street: str, number: int, postcode: str, buurt: str, suffix: str = "") -> Address:
        return Address(postcode, number, suffix, street, "Utrecht", overvecht[buurt])

    def member(
        key: str, given: str, surname: str, born: dt.date, relation: str, prefix: str = ""
    ) -> PendingMember:
        return PendingMember(
            given_names=given,
            surname_prefix=prefix,
            surname=surname,
            birth_date=born,
            relation=relation,
            bsn=bsns.next(),
            uuid=resident_uuid(key, given),
        )

    def ago(days: int) -> dt.date:
        return today - dt.timedelta(days=days)

    inwoner, _ = User.objects.get_or_create(
        username="inwoner",
        defaults={"first_name": "Naima", "last_name": "Bouzid", "password": cast.password_hash},
    )
    users["inwoner"] = inwoner

    pending: list[PendingHousehold] = []
    s = SCENARIO_HOUSEHOLDS

    # 1. One household, one plan: she is the resident who logs in as `inwoner`.
    naima = member("one_plan", "Naima", "Bouzid", _born(today, 34, 120), Relation.MAIN_RESIDENT)
    naima.user = inwoner
    pending.append(
        PendingHousehold(
            name=s["one_plan"].name,
            uuid=s["one_plan"].uuid,
            since=ago(200),
            # A postal address (briefadres) at the welfare organisation: she has no home.
            address=address("Nijldreef", 3, "3561GK", "Wolga- en Donaudreef en omgeving"),
            members=[naima],
            involvements=[
                PendingInvolvement(
                    org["gemeente"],
                    ["wonen", "psychische-gezondheid", "gezin-kinderen"],
                    LegalBasis.CONSENT,
                    ago(190),
                    wijkteam,
                    regisseur,
                ),
                PendingInvolvement(
                    org["gemeente"],
                    ["werk-inkomen", "financien"],
                    LegalBasis.LEGAL_TASK,
                    ago(165),
                    cast.teams["werk-inkomen"],
                    users["k.tahiri"],
                ),
                PendingInvolvement(
                    org["welzijn"],
                    ["sociaal-netwerk", "dagbesteding"],
                    LegalBasis.CONSENT,
                    ago(160),
                    cast.teams["welzijn-overvecht"],
                    users["l.maas"],
                ),
                # Care for her mental health, agreed at the MDO.
                PendingInvolvement(
                    org["zorg"],
                    ["psychische-gezondheid"],
                    LegalBasis.CONSENT,
                    ago(150),
                    cast.teams["zorg-ambulant"],
                    users["a.schouten"],
                ),
            ],
            plan=PendingPlan(
                started_on=ago(150),
                coordinator_professional=regisseur,
                summary=(
                    "Naima heeft een eigen woning nodig, een inkomen en rust. Om de week zorgt zij "
                    "voor haar twee kinderen in het huis van haar ex-partner. Haar bewindvoerder "
                    "meldt ernstige psychische problemen. Eerst: urgentie aanvragen en een "
                    "uitkering regelen. Daarna zorg, en later studie en werk."
                ),
            ),
        )
    )

    # 2. Rent arrears: youth care is open; the corporation is not involved yet (its signal
    # arrives later, through signalering).
    yilmaz_kids = [("Elif", 14, 30), ("Emir", 11, 200), ("Defne", 6, 90)]
    pending.append(
        PendingHousehold(
            name=s["rent_arrears"].name,
            uuid=s["rent_arrears"].uuid,
            since=ago(3650),
            address=address("Gangesdreef", 118, "3564ER", "Tigrisdreef en omgeving"),
            members=[
                member(
                    "rent_arrears", "Mehmet", "Yılmaz", _born(today, 42, 10), Relation.MAIN_RESIDENT
                ),
                member("rent_arrears", "Ayşe", "Yılmaz", _born(today, 39, 150), Relation.PARTNER),
                *(
                    member(
                        "rent_arrears", given, "Yılmaz", _born(today, years, days), Relation.CHILD
                    )
                    for given, years, days in yilmaz_kids
                ),
            ],
            involvements=[
                PendingInvolvement(
                    org["jeugd"],
                    ["gezin-kinderen"],
                    LegalBasis.LEGAL_TASK,
                    ago(240),
                    cast.teams["jeugd-noord"],
                    users["m.bos"],
                ),
                PendingInvolvement(
                    org["gemeente"],
                    ["gezin-kinderen"],
                    LegalBasis.CONSENT,
                    ago(200),
                    wijkteam,
                    regisseur,
                ),
            ],
            plan=PendingPlan(
                started_on=ago(190),
                coordinator_professional=regisseur,
                summary="Jeugdhulp voor Emir loopt. Elke maand kort contact met het gezin.",
            ),
        )
    )

    # 3. An isolated man the GP and the wijkagent worry about. No plan yet: outreach comes first.
    pending.append(
        PendingHousehold(
            name=s["isolated_man"].name,
            uuid=s["isolated_man"].uuid,
            since=ago(5000),
            address=address("Indusdreef", 27, "3563AL", "Vechtzoom-zuid", suffix="B"),
            members=[
                member(
                    "isolated_man",
                    "Gerard",
                    "Verbeek",
                    _born(today, 57, 33),
                    Relation.MAIN_RESIDENT,
                ),
            ],
            involvements=[
                PendingInvolvement(
                    org["huisarts"],
                    ["psychische-gezondheid", "lichamelijke-gezondheid"],
                    LegalBasis.CONSENT,
                    ago(900),
                    None,
                    users["huisarts"],
                ),
                PendingInvolvement(
                    org["politie"],
                    ["veiligheid-justitie"],
                    LegalBasis.LEGAL_TASK,
                    ago(120),
                    None,
                    users["r.vanwijk"],
                ),
            ],
        )
    )

    # 4. Parents and their disabled adult son: the kostendelersnorm cuts their income.
    pending.append(
        PendingHousehold(
            name=s["cost_sharing"].name,
            uuid=s["cost_sharing"].uuid,
            since=ago(9000),
            address=address("Eufraatdreef", 9, "3562BT", "Neckardreef en omgeving"),
            members=[
                member(
                    "cost_sharing", "Henk", "Jansen", _born(today, 61, 70), Relation.MAIN_RESIDENT
                ),
                member("cost_sharing", "Ria", "Jansen", _born(today, 59, 5), Relation.PARTNER),
                member("cost_sharing", "Thijs", "Jansen", _born(today, 26, 210), Relation.CHILD),
            ],
            involvements=[
                PendingInvolvement(
                    org["gemeente"],
                    ["werk-inkomen", "financien"],
                    LegalBasis.CONSENT,
                    ago(100),
                    wijkteam,
                    regisseur,
                ),
                PendingInvolvement(
                    org["gemeente"],
                    ["werk-inkomen"],
                    LegalBasis.LEGAL_TASK,
                    ago(400),
                    cast.teams["werk-inkomen"],
                    users["k.tahiri"],
                ),
                PendingInvolvement(
                    org["zorg"],
                    ["zelfzorg", "lichamelijke-gezondheid"],
                    LegalBasis.CONSENT,
                    ago(1500),
                    cast.teams["zorg-ambulant"],
                    users["a.schouten"],
                ),
                PendingInvolvement(
                    org["huisarts"],
                    ["lichamelijke-gezondheid"],
                    LegalBasis.CONSENT,
                    ago(3000),
                    None,
                    users["huisarts"],
                ),
                PendingInvolvement(
                    org["werk"],
                    ["dagbesteding", "werk-inkomen"],
                    LegalBasis.LEGAL_TASK,
                    ago(1200),
                    cast.teams["werk-noord"],
                    users["werkcoach"],
                ),
            ],
            plan=PendingPlan(
                started_on=ago(90),
                coordinator_professional=regisseur,
                summary=(
                    "Sinds Thijs 21 werd, krijgt het gezin minder bijstand door de "
                    "kostendelersnorm. Thijs wil blijven werken bij het participatiebedrijf. "
                    "Samen zoeken we een oplossing die past."
                ),
            ),
        )
    )

    # 5. A young jobseeker and, two doors away, an elderly woman: a match waiting to happen.
    pending.append(
        PendingHousehold(
            name=s["young_jobseeker"].name,
            uuid=s["young_jobseeker"].uuid,
            since=ago(400),
            address=address("Mekongdreef", 211, "3564HN", "Zambesidreef en omgeving"),
            members=[
                member(
                    "young_jobseeker",
                    "Jordy",
                    "Pinas",
                    _born(today, 20, 45),
                    Relation.MAIN_RESIDENT,
                ),
            ],
            involvements=[
                PendingInvolvement(
                    org["werk"],
                    ["werk-inkomen", "dagbesteding"],
                    LegalBasis.LEGAL_TASK,
                    ago(80),
                    cast.teams["werk-noord"],
                    users["werkcoach"],
                ),
            ],
        )
    )
    pending.append(
        PendingHousehold(
            name=s["elderly_neighbour"].name,
            uuid=s["elderly_neighbour"].uuid,
            since=ago(15000),
            address=address("Mekongdreef", 215, "3564HN", "Zambesidreef en omgeving"),
            members=[
                member(
                    "elderly_neighbour",
                    "Truus",
                    "Berg",
                    _born(today, 83, 300),
                    Relation.MAIN_RESIDENT,
                    prefix="van den",
                ),
            ],
            involvements=[
                PendingInvolvement(
                    org["welzijn"],
                    ["sociaal-netwerk", "zelfzorg"],
                    LegalBasis.CONSENT,
                    ago(150),
                    cast.teams["welzijn-overvecht"],
                    users["l.maas"],
                ),
            ],
        )
    )

    # 6. Youth care ends at 18; the Participatiewet and the Wmo take over.
    pending.append(
        PendingHousehold(
            name=s["turning_eighteen"].name,
            uuid=s["turning_eighteen"].uuid,
            since=ago(2900),
            address=address("Limpopodreef", 15, "3561KC", "Taag- en Rubicondreef en omgeving"),
            members=[
                member(
                    "turning_eighteen",
                    "Agnieszka",
                    "Kowalska",
                    _born(today, 44, 20),
                    Relation.MAIN_RESIDENT,
                ),
                member(
                    "turning_eighteen",
                    "Kacper",
                    "Kowalski",
                    turning_eighteen_birth_date(today),
                    Relation.CHILD,
                ),
                member(
                    "turning_eighteen", "Zuzanna", "Kowalska", _born(today, 12, 100), Relation.CHILD
                ),
            ],
            involvements=[
                PendingInvolvement(
                    org["jeugd"],
                    ["gezin-kinderen", "psychische-gezondheid"],
                    LegalBasis.LEGAL_TASK,
                    ago(700),
                    cast.teams["jeugd-noord"],
                    users["m.bos"],
                ),
                PendingInvolvement(
                    org["gemeente"],
                    ["gezin-kinderen", "werk-inkomen"],
                    LegalBasis.CONSENT,
                    ago(300),
                    wijkteam,
                    regisseur,
                ),
            ],
            plan=PendingPlan(
                started_on=ago(280),
                coordinator_professional=regisseur,
                summary=(
                    "Kacper wordt binnenkort 18. Dan stopt de jeugdhulp. Op tijd regelen wat "
                    "daarna komt: inkomen, begeleiding vanuit de Wmo en school."
                ),
            ),
        )
    )
    return pending

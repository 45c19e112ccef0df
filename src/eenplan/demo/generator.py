"""The demo municipality: real Utrecht buurten, fictional residents and professionals.

Households are spread over the 111 buurten in proportion to their real inhabitants; their
composition, background and problems follow each buurt's CBS figures (single-person households,
households with children, people over 65, origin, bijstand, corporation housing). Everything is
drawn from one seeded `random.Random`, so the same seed gives the same demo.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from eenplan.accounts.models import User
from eenplan.areas.importer import UTRECHT_CODE, import_utrecht_areas, kwb_rows, parse_count
from eenplan.areas.models import Municipality, Neighbourhood, PostcodeArea
from eenplan.demo import names
from eenplan.demo.cast import (
    CORPORATION_TEAM_BY_DISTRICT,
    NORTH,
    OVERVECHT,
    PARTNER_TEAMS,
    Cast,
    cast_create,
)
from eenplan.demo.records import (
    Address,
    BsnSource,
    PendingHousehold,
    PendingInvolvement,
    PendingMember,
    PendingPlan,
    WriteCounts,
    households_write,
    life_domain_ids,
)
from eenplan.demo.scenario_one import scenario_one_load
from eenplan.demo.scenarios import SCENARIO_HOUSEHOLDS, scenario_households, years_before
from eenplan.demo.signals import demo_signals_load
from eenplan.households.models import Household, LegalBasis, Relation, Resident
from eenplan.organisations.models import OrganisationKind
from eenplan.privacy.services import audit_record

DEFAULT_HOUSEHOLDS = 5000
DEFAULT_SEED = 2026
# Households built in memory before they are written: bounds memory for 100,000 households.
CHUNK_SIZE = 1000
BSN_SHARE = 0.93  # the rest were registered without a BSN (yet)
CORPORATION_BY_TEAM = {spec.key: spec.organisation for spec in PARTNER_TEAMS}


@dataclass
class BuurtProfile:
    neighbourhood: Neighbourhood
    district_code: str
    pc4: str
    city: str
    single_share: float
    children_share: float
    elderly_share: float
    non_european_share: float
    european_share: float
    bijstand_rate: float
    corporation_share: float
    streets: list[str] = field(default_factory=list)


@dataclass
class DemoResult:
    already_loaded: bool
    counts: WriteCounts = field(default_factory=WriteCounts)
    professionals: int = 0


def demo_is_loaded() -> bool:
    return Household.objects.filter(uuid=SCENARIO_HOUSEHOLDS["one_plan"].uuid).exists()


def _share(part: str, whole: str) -> float:
    numerator, denominator = parse_count(part), parse_count(whole)
    if not numerator or not denominator:
        return 0.0
    return min(1.0, numerator / denominator)


def buurt_profiles(rng: random.Random) -> list[BuurtProfile]:
    """One profile per buurt with inhabitants, from the stored neighbourhoods and the KWB file."""
    neighbourhoods = {
        n.code: n
        for n in Neighbourhood.objects.filter(
            district__municipality__code=UTRECHT_CODE
        ).select_related("district")
    }
    places = dict(PostcodeArea.objects.values_list("pc4", "place"))
    profiles = []
    for row in kwb_rows():
        neighbourhood = neighbourhoods.get(row["gwb_code"])
        if neighbourhood is None or not neighbourhood.inhabitants:
            continue
        district_code = neighbourhood.district.code
        pc4 = neighbourhood.most_common_postcode
        profile = BuurtProfile(
            neighbourhood=neighbourhood,
            district_code=district_code,
            pc4=pc4,
            city=places.get(pc4, "Utrecht"),
            single_share=_share(row["a_1p_hh"], row["a_hh"]),
            children_share=_share(row["a_hh_m_k"], row["a_hh"]),
            elderly_share=_share(row["a_65_oo"], row["a_inw"]),
            non_european_share=_share(row["a_neu_al"], row["a_inw"]),
            european_share=_share(row["a_eur_al"], row["a_inw"]),
            # People on bijstand per household: close to the share of households on bijstand.
            bijstand_rate=_share(row["a_soz_wb"], row["a_hh"]),
            corporation_share=(neighbourhood.corporation_housing_percentage or 0) / 100,
        )
        profile.streets = _streets(rng, district_code)
        profiles.append(profile)
    profiles.sort(key=lambda p: p.neighbourhood.code)
    return profiles


def _streets(rng: random.Random, district_code: str) -> list[str]:
    if district_code == OVERVECHT:  # Overvecht's streets are "dreven" named after rivers
        return [f"{river}dreef" for river in rng.sample(names.RIVERS, 5)]
    return [f"{part}{rng.choice(names.STREET_KINDS)}" for part in rng.sample(names.STREET_PARTS, 5)]


def allocate(total: int, weights: list[int]) -> list[int]:
    """Split `total` in proportion to `weights` (largest remainder): the parts add up to total."""
    weight_sum = sum(weights)
    if total <= 0 or weight_sum <= 0:
        return [0] * len(weights)
    exact = [total * w / weight_sum for w in weights]
    parts = [int(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (parts[i] - exact[i], i))
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


@dataclass(frozen=True)
class Situation:
    elderly: bool
    on_bijstand: bool
    corporation_tenant: bool


@dataclass
class Person:
    given_names: str
    prefix: str
    surname: str
    birth_date: dt.date
    relation: str


class PopulationBuilder:
    """Builds fictional households for one buurt profile at a time."""

    def __init__(self, *, rng: random.Random, cast: Cast, bsns: BsnSource, today: dt.date) -> None:
        self.rng = rng
        self.cast = cast
        self.bsns = bsns
        self.today = today
        self.addresses: set[tuple[str, int, str]] = set()
        with translation.override("nl"):
            self.name_template = gettext("Household %(surname)s")

    # --- people -------------------------------------------------------------------------------
    def background(self, profile: BuurtProfile) -> names.Background:
        draw = self.rng.random()
        if draw < profile.non_european_share:
            return self.rng.choices(
                (names.MOROCCAN, names.TURKISH, names.SURINAMESE), weights=(40, 30, 30)
            )[0]
        if draw < profile.non_european_share + profile.european_share * 0.35:
            return names.POLISH
        return names.DUTCH

    def birth_date(self, age_from: int, age_to: int) -> dt.date:
        age = self.rng.randint(age_from, age_to)
        return years_before(self.today, age) - dt.timedelta(days=self.rng.randint(0, 364))

    def person(
        self,
        background: names.Background,
        *,
        female: bool,
        age: tuple[int, int],
        relation: str,
        surname: tuple[str, str] | None = None,
    ) -> Person:
        prefix, family_name = surname or self.rng.choice(background.surnames)
        if female:
            family_name = names.feminine_surname(background, family_name)
        given = self.rng.choice(background.female if female else background.male)
        return Person(given, prefix, family_name, self.birth_date(*age), relation)

    def people(self, profile: BuurtProfile) -> tuple[list[Person], bool]:
        """The members of a new household, and whether it is an elderly household."""
        rng = self.rng
        background = self.background(profile)
        draw = rng.random()
        if draw < profile.single_share:
            kind = "single"
        elif draw < profile.single_share + profile.children_share:
            kind = "single_parent" if rng.random() < 0.25 else "family"
        else:
            kind = "couple"
        elderly = kind in {"single", "couple"} and rng.random() < min(
            0.7, profile.elderly_share * 1.6
        )
        if elderly:
            head_age = (66, 92)
        elif kind == "single":
            head_age = (19, 64) if rng.random() < 0.4 else (19, 38)
        elif kind == "couple":
            head_age = (23, 64)
        else:
            head_age = (25, 55)
        head_female = rng.random() < (0.85 if kind == "single_parent" else 0.5)
        head = self.person(
            background, female=head_female, age=head_age, relation=Relation.MAIN_RESIDENT
        )
        members = [head]
        head_years = self.today.year - head.birth_date.year
        if kind in {"couple", "family"}:
            same_sex = rng.random() < 0.04
            partner_background = background if rng.random() < 0.8 else names.DUTCH
            low = max(18, head_years - 6)
            members.append(
                self.person(
                    partner_background,
                    female=head_female if same_sex else not head_female,
                    age=(low, max(low, head_years + 4)),
                    relation=Relation.PARTNER,
                )
            )
        if kind in {"family", "single_parent"}:
            number = rng.choices((1, 2, 3, 4), weights=(38, 40, 16, 6))[0]
            eldest = max(0, min(17, head_years - 19))
            family_name = (head.prefix, head.surname)
            if head_female and background is names.POLISH:
                family_name = (head.prefix, head.surname[:-1] + "i")
            for _ in range(number):
                child_age = (0, eldest)
                if head_years >= 42 and rng.random() < 0.12:
                    child_age = (18, 24)  # adult children still living at home
                members.append(
                    self.person(
                        background,
                        female=rng.random() < 0.5,
                        age=child_age,
                        relation=Relation.CHILD,
                        surname=family_name,
                    )
                )
        return members, elderly

    # --- address ------------------------------------------------------------------------------
    def address(self, profile: BuurtProfile) -> Address:
        rng = self.rng
        while True:
            letters = rng.choice(names.POSTCODE_LETTERS) + rng.choice(names.POSTCODE_LETTERS)
            if letters in names.EXCLUDED_POSTCODE_LETTERS:
                continue
            number = rng.randint(1, 220)
            suffix = rng.choice(("A", "B", "C", "1", "2", "3")) if rng.random() < 0.15 else ""
            key = (profile.pc4 + letters, number, suffix)
            if key not in self.addresses:
                self.addresses.add(key)
                return Address(
                    postcode=profile.pc4 + letters,
                    house_number=number,
                    house_number_suffix=suffix,
                    street=rng.choice(profile.streets),
                    city=profile.city,
                    neighbourhood=profile.neighbourhood,
                )

    # --- situation ----------------------------------------------------------------------------
    def _since(self, not_before: dt.date, days: int = 900) -> dt.date:
        return max(not_before, self.today - dt.timedelta(days=self.rng.randint(7, days)))

    def situation(self, profile: BuurtProfile, elderly: bool) -> Situation:
        rng = self.rng
        on_bijstand = not elderly and rng.random() < min(0.6, profile.bijstand_rate * 1.1)
        return Situation(
            elderly=elderly,
            on_bijstand=on_bijstand,
            corporation_tenant=rng.random() < profile.corporation_share,
        )

    def _corporation(self, district: str, since: dt.date) -> PendingInvolvement:
        rng = self.rng
        team_key = CORPORATION_TEAM_BY_DISTRICT[district]
        return PendingInvolvement(
            organisation=self.cast.organisations[CORPORATION_BY_TEAM[team_key]],
            domains=["wonen", "financien"] if rng.random() < 0.5 else ["wonen"],
            basis=LegalBasis.CONSENT,
            since=since,
            team=self.cast.teams[team_key],
            professional=self.cast.team_members[team_key] if rng.random() < 0.7 else None,
        )

    def involvements(
        self, profile: BuurtProfile, members: list[Person], situation: Situation, since: dt.date
    ) -> list[PendingInvolvement]:
        """Who works with this household: likelier where bijstand and corporation housing are
        common, following the buurt's figures."""
        rng, cast = self.rng, self.cast
        org, teams, people = cast.organisations, cast.teams, cast.users
        district = profile.district_code
        north = district in NORTH
        has_children = any(m.relation == Relation.CHILD for m in members)
        head_age = self.today.year - members[0].birth_date.year
        elderly, on_bijstand = situation.elderly, situation.on_bijstand
        found: list[PendingInvolvement] = []

        def add(
            organisation_key: str,
            domains: list[str],
            basis: str,
            team_key: str | None = None,
            professional: User | None = None,
        ) -> None:
            found.append(
                PendingInvolvement(
                    organisation=org[organisation_key],
                    domains=domains,
                    basis=basis,
                    since=self._since(since),
                    team=teams[team_key] if team_key else None,
                    professional=professional,
                )
            )

        def maybe(person_key: str, chance: float) -> User | None:
            return people[person_key] if rng.random() < chance else None

        if on_bijstand:
            if rng.random() < 0.6:
                add(
                    "gemeente",
                    ["werk-inkomen", "financien"],
                    LegalBasis.LEGAL_TASK,
                    "werk-inkomen",
                    maybe("k.tahiri", 0.4),
                )
            if head_age < 60 and rng.random() < 0.25:
                team_key = "werk-noord" if north else "werk-zuid"
                add(
                    "werk",
                    ["werk-inkomen", "dagbesteding"],
                    LegalBasis.LEGAL_TASK,
                    team_key,
                    cast.team_members[team_key] if rng.random() < 0.8 else None,
                )
        if rng.random() < (0.25 if on_bijstand else 0.01):
            add("schuld", ["financien"], LegalBasis.CONSENT, None, maybe("w.dejong", 0.4))
        if situation.corporation_tenant and rng.random() < (0.3 if on_bijstand else 0.03):
            found.append(self._corporation(district, self._since(since)))
        if has_children and rng.random() < (0.18 if on_bijstand else 0.05):
            team_key = "jeugd-noord" if north else "jeugd-zuid"
            domains = ["gezin-kinderen"] + (["psychische-gezondheid"] if rng.random() < 0.3 else [])
            add(
                "jeugd",
                domains,
                LegalBasis.LEGAL_TASK if rng.random() < 0.6 else LegalBasis.CONSENT,
                team_key,
                cast.team_members[team_key] if rng.random() < 0.7 else None,
            )
        health_need = False
        if elderly and rng.random() < 0.12:
            health_need = True
            add(
                "zorg",
                ["zelfzorg", "lichamelijke-gezondheid"],
                LegalBasis.CONSENT,
                "zorg-ambulant",
                maybe("a.schouten", 0.3),
            )
        if rng.random() < (0.12 if on_bijstand else 0.03):
            health_need = True
            if rng.random() < 0.5:
                add(
                    "zorg",
                    ["psychische-gezondheid"],
                    LegalBasis.CONSENT,
                    "zorg-ambulant",
                    maybe("a.schouten", 0.3),
                )
        if health_need and district == OVERVECHT and rng.random() < 0.6:
            gp = people["huisarts"] if rng.random() < 0.7 else people["g.post"]
            add(
                "huisarts",
                ["lichamelijke-gezondheid", "psychische-gezondheid"],
                LegalBasis.CONSENT,
                None,
                gp,
            )
        lonely = elderly or (len(members) == 1 and on_bijstand)
        if lonely and rng.random() < 0.1:
            team_key = "welzijn-overvecht" if district == OVERVECHT else "welzijn-stad"
            add(
                "welzijn",
                ["sociaal-netwerk", "dagbesteding"],
                LegalBasis.CONSENT,
                team_key,
                cast.team_members[team_key] if rng.random() < 0.6 else None,
            )
        if rng.random() < (0.04 if on_bijstand else 0.005):
            add(
                "politie",
                ["veiligheid-justitie"],
                LegalBasis.LEGAL_TASK,
                None,
                people["r.vanwijk"] if district == OVERVECHT else None,
            )
        return found

    def plan(
        self,
        profile: BuurtProfile,
        members: list[Person],
        involvements: list[PendingInvolvement],
        situation: Situation,
    ) -> PendingPlan | None:
        """Several organisations involved: mostly one plan with a wijkteam regisseur."""
        rng = self.rng
        if len(involvements) >= 2:
            chance = 0.85
        elif involvements:
            chance = 0.35 if situation.on_bijstand else 0.08
        else:
            chance = 0.0
        if rng.random() >= chance:
            return None
        regisseurs = self.cast.regisseurs[profile.district_code]
        regisseur = rng.choices(
            [user for user, _ in regisseurs], weights=[weight for _, weight in regisseurs]
        )[0]
        domains = list(dict.fromkeys(code for i in involvements for code in i.domains))[:4]
        started = max(i.since for i in involvements) + dt.timedelta(days=rng.randint(0, 45))
        started = min(started, self.today)
        involvements.append(
            PendingInvolvement(
                organisation=self.cast.organisations["gemeente"],
                domains=domains,
                basis=LegalBasis.CONSENT if rng.random() < 0.85 else LegalBasis.LEGAL_TASK,
                since=started,
                team=self.cast.wijkteams[profile.district_code],
                professional=regisseur,
            )
        )
        corporation_involved = any(
            i.organisation.kind == OrganisationKind.WONINGCORPORATIE for i in involvements
        )
        if situation.corporation_tenant and not corporation_involved and rng.random() < 0.3:
            # The regisseur brings the landlord to the table.
            involvements.append(self._corporation(profile.district_code, started))
        head_age = self.today.year - members[0].birth_date.year
        if 18 <= head_age < 75 and rng.random() < 0.1:
            # 1Gezin1Plan: the resident may coordinate, with the regisseur as backup.
            return PendingPlan(
                started_on=started, coordinator_member=0, backup_professional=regisseur
            )
        return PendingPlan(started_on=started, coordinator_professional=regisseur)

    # --- household ----------------------------------------------------------------------------
    def household(self, profile: BuurtProfile) -> PendingHousehold:
        rng = self.rng
        people, elderly = self.people(profile)
        head = people[0]
        since = max(
            years_before(head.birth_date, -18),
            self.today - dt.timedelta(days=rng.randint(60, 9000)),
        )
        members = [
            PendingMember(
                given_names=p.given_names,
                surname_prefix=p.prefix,
                surname=p.surname,
                birth_date=p.birth_date,
                relation=p.relation,
                bsn=self.bsns.next() if rng.random() < BSN_SHARE else "",
            )
            for p in people
        ]
        situation = self.situation(profile, elderly)
        involvements = self.involvements(profile, people, situation, since)
        plan = self.plan(profile, people, involvements, situation)
        display_surname = " ".join(filter(None, (head.prefix, head.surname)))
        return PendingHousehold(
            name=self.name_template
            % {"surname": display_surname[:1].upper() + display_surname[1:]},
            address=self.address(profile),
            since=since,
            members=members,
            involvements=involvements,
            plan=plan,
        )


def _population(
    builder: PopulationBuilder, profiles: list[BuurtProfile], total: int
) -> Iterator[PendingHousehold]:
    counts = allocate(total, [p.neighbourhood.inhabitants or 0 for p in profiles])
    for profile, count in zip(profiles, counts, strict=True):
        for _ in range(count):
            yield builder.household(profile)


def demo_load(
    *,
    households: int = DEFAULT_HOUSEHOLDS,
    seed: int = DEFAULT_SEED,
    progress: Callable[[int], None] | None = None,
) -> DemoResult:
    """Load the demo municipality once: areas, organisations, people, scenarios, households."""
    if demo_is_loaded():
        return DemoResult(already_loaded=True)
    import_utrecht_areas()
    rng = random.Random(seed)
    today = timezone.localdate()
    result = DemoResult(already_loaded=False)
    with transaction.atomic():
        cast = cast_create()
        registered = Resident.objects.exclude(bsn_pseudonym=None).values_list(
            "bsn_pseudonym", flat=True
        )
        bsns = BsnSource(rng, taken_pseudonyms=frozenset(p for p in registered if p))
        domain_ids = life_domain_ids()
        result.counts.add(
            households_write(
                scenario_households(cast=cast, bsns=bsns, today=today),
                domain_ids=domain_ids,
                rng=rng,
            )
        )
        builder = PopulationBuilder(rng=rng, cast=cast, bsns=bsns, today=today)
        chunk: list[PendingHousehold] = []
        for pending in _population(builder, buurt_profiles(rng), households):
            chunk.append(pending)
            if len(chunk) >= CHUNK_SIZE:
                result.counts.add(households_write(chunk, domain_ids=domain_ids, rng=rng))
                chunk = []
                if progress:
                    progress(result.counts.households)
        if chunk:
            result.counts.add(households_write(chunk, domain_ids=domain_ids, rng=rng))
        result.professionals = len(cast.users) - 1  # everyone but the resident login
        demo_signals_load(cast=cast, rng=rng, today=today)
        scenario_one_load(cast=cast, today=today)
        audit_record(
            actor_user=None,
            action="demo.load",
            instance=Municipality.objects.get(code=UTRECHT_CODE),
            before=None,
            after={"seed": seed, "professionals": result.professionals, **result.counts.as_dict()},
        )
    return result

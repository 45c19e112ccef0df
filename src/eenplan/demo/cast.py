"""The organisations, teams and professionals of the demo municipality.

Everyone here is fictional, apart from the municipality itself. The demo accounts (DEMO_ACCOUNTS)
share one password so a visitor can try every role.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission

from eenplan.accounts.models import User
from eenplan.areas.models import District
from eenplan.organisations.models import Membership, Organisation, OrganisationKind, Role, Team

DEMO_PASSWORD = "demo-eenplan-2026"
DEMO_ACCOUNTS = (
    "regisseur",
    "woonconsulent",
    "werkcoach",
    "huisarts",
    "teamleider",
    "beleid",
    "privacy",
    "beheer",
    "melder",
    "inwoner",
)

OVERVECHT = "WK034403"
ALL_DISTRICTS = tuple(f"WK0344{n:02d}" for n in range(1, 11))
NORTH = ("WK034402", "WK034403", "WK034404")  # Noordwest, Overvecht, Noordoost


@dataclass(frozen=True)
class OrganisationSpec:
    key: str
    name: str
    kind: str
    domain: str  # e-mail domain; .example is reserved, so no real mailbox is ever hit
    phone: str
    may_process_bsn: bool = False


ORGANISATIONS = (
    OrganisationSpec(
        "gemeente",
        "Gemeente Utrecht",
        OrganisationKind.GEMEENTE,
        "gemeente-utrecht.example",
        "14 030",
        may_process_bsn=True,
    ),
    OrganisationSpec(
        "domstad",
        "Woonstichting Domstad",
        OrganisationKind.WONINGCORPORATIE,
        "woonstichting-domstad.example",
        "030 760 1200",
    ),
    OrganisationSpec(
        "vechtrijn",
        "Wooncorporatie Vecht & Rijn",
        OrganisationKind.WONINGCORPORATIE,
        "vecht-en-rijn.example",
        "030 760 3400",
    ),
    OrganisationSpec(
        "zorg",
        "Zorggroep Singelhof",
        OrganisationKind.ZORGAANBIEDER,
        "singelhof.example",
        "030 760 5100",
    ),
    OrganisationSpec(
        "welzijn",
        "Welzijn De Buurtbrug",
        OrganisationKind.WELZIJNSORGANISATIE,
        "buurtbrug.example",
        "030 760 6200",
    ),
    OrganisationSpec(
        "werk",
        "Participatiebedrijf Werkstad Utrecht",
        OrganisationKind.PARTICIPATIEBEDRIJF,
        "werkstad.example",
        "030 760 7300",
    ),
    OrganisationSpec(
        "huisarts",
        "Huisartsenpraktijk Het Dreefhuis",
        OrganisationKind.HUISARTSENPRAKTIJK,
        "dreefhuis.example",
        "030 760 8400",
    ),
    OrganisationSpec(
        "politie",
        "Politie basisteam Utrecht-Noord",
        OrganisationKind.POLITIE,
        "politie-noord.example",
        "0900 8844",
    ),
    OrganisationSpec(
        "jeugd",
        "Jeugdhulp Kompas",
        OrganisationKind.JEUGDHULP,
        "jeugdhulpkompas.example",
        "030 760 9500",
    ),
    OrganisationSpec(
        "schuld",
        "Schuldhulp Dom en Vecht",
        OrganisationKind.SCHULDHULPVERLENING,
        "schuldhulp-domenvecht.example",
        "030 760 9900",
    ),
    OrganisationSpec(
        "bewoners",
        "Buurtkamer Overvecht",
        OrganisationKind.BEWONERSINITIATIEF,
        "buurtkamer-overvecht.example",
        "030 760 9950",
    ),
)


@dataclass(frozen=True)
class TeamSpec:
    key: str
    organisation: str
    name: str
    districts: tuple[str, ...]


# Wijkteams ("Wijkteam <wijk>") are made per district; these are the other teams.
PARTNER_TEAMS = (
    TeamSpec("werk-inkomen", "gemeente", "Team Werk en Inkomen", ALL_DISTRICTS),
    TeamSpec("domstad-noord", "domstad", "Team Overvecht en Noordoost", ("WK034403", "WK034404")),
    TeamSpec("domstad-oost", "domstad", "Team Oost en Binnenstad", ("WK034405", "WK034406")),
    TeamSpec(
        "vechtrijn-west",
        "vechtrijn",
        "Team West en Zuid",
        ("WK034401", "WK034402", "WK034407", "WK034408"),
    ),
    TeamSpec("vechtrijn-rijn", "vechtrijn", "Team Leidsche Rijn", ("WK034409", "WK034410")),
    TeamSpec("werk-noord", "werk", "Werkfit Noord", NORTH),
    TeamSpec(
        "werk-zuid", "werk", "Werkfit Zuid", tuple(d for d in ALL_DISTRICTS if d not in NORTH)
    ),
    TeamSpec("zorg-ambulant", "zorg", "Ambulant team", ALL_DISTRICTS),
    TeamSpec("welzijn-overvecht", "welzijn", "Buurtteam Overvecht", (OVERVECHT,)),
    TeamSpec(
        "welzijn-stad",
        "welzijn",
        "Buurtteam Stad",
        tuple(d for d in ALL_DISTRICTS if d != OVERVECHT),
    ),
    TeamSpec("jeugd-noord", "jeugd", "Jeugdteam Noord", NORTH),
    TeamSpec(
        "jeugd-zuid", "jeugd", "Jeugdteam Zuid", tuple(d for d in ALL_DISTRICTS if d not in NORTH)
    ),
)

# Which corporation owns the social housing in which district (fictional split).
CORPORATION_TEAM_BY_DISTRICT = {
    "WK034403": "domstad-noord",
    "WK034404": "domstad-noord",
    "WK034405": "domstad-oost",
    "WK034406": "domstad-oost",
    "WK034401": "vechtrijn-west",
    "WK034402": "vechtrijn-west",
    "WK034407": "vechtrijn-west",
    "WK034408": "vechtrijn-west",
    "WK034409": "vechtrijn-rijn",
    "WK034410": "vechtrijn-rijn",
}


@dataclass(frozen=True)
class PersonSpec:
    username: str
    given_names: str
    prefix: str
    surname: str
    organisation: str
    role: str
    job_title: str
    team: str | None = None  # a partner team key, or "wijk:<district code>"


# fmt: off
PEOPLE = (
    # Gemeente: wijkteams. Overvecht has the most residents on bijstand, so the most regisseurs.
    PersonSpec("regisseur", "Sanne", "de", "Groot", "gemeente", Role.REGISSEUR,
               "Regisseur wijkteam", "wijk:WK034403"),
    PersonSpec("y.benali", "Youssef", "", "Benali", "gemeente", Role.REGISSEUR,
               "Regisseur wijkteam", "wijk:WK034403"),
    PersonSpec("m.vandijk", "Marieke", "van", "Dijk", "gemeente", Role.REGISSEUR,
               "Regisseur wijkteam", "wijk:WK034403"),
    PersonSpec("teamleider", "Peter", "", "Hoekstra", "gemeente", Role.TEAMLEIDER,
               "Teamleider wijkteam", "wijk:WK034403"),
    PersonSpec("l.visser", "Lotte", "", "Visser", "gemeente", Role.REGISSEUR,
               "Regisseur wijkteam", "wijk:WK034401"),
    PersonSpec("e.yildiz", "Emre", "", "Yıldız", "gemeente", Role.REGISSEUR,
               "Regisseur wijkteam", "wijk:WK034402"),
    PersonSpec("n.elkhatib", "Nadia", "", "El Khatib", "gemeente", Role.REGISSEUR,
               "Regisseur wijkteam", "wijk:WK034402"),
    PersonSpec("j.kramer", "Judith", "", "Kramer", "gemeente", Role.REGISSEUR,
               "Regisseur wijkteam", "wijk:WK034404"),
    PersonSpec("b.mulder", "Bart", "", "Mulder", "gemeente", Role.REGISSEUR,
               "Regisseur wijkteam", "wijk:WK034405"),
    PersonSpec("e.vanleeuwen", "Esther", "van", "Leeuwen", "gemeente", Role.REGISSEUR,
               "Regisseur wijkteam", "wijk:WK034406"),
    PersonSpec("r.ramdin", "Rachna", "", "Ramdin", "gemeente", Role.REGISSEUR,
               "Regisseur wijkteam", "wijk:WK034407"),
    PersonSpec("k.jacobs", "Koen", "", "Jacobs", "gemeente", Role.REGISSEUR,
               "Regisseur wijkteam", "wijk:WK034408"),
    PersonSpec("w.smit", "Wouter", "", "Smit", "gemeente", Role.REGISSEUR,
               "Regisseur wijkteam", "wijk:WK034408"),
    PersonSpec("f.deboer", "Femke", "de", "Boer", "gemeente", Role.REGISSEUR,
               "Regisseur wijkteam", "wijk:WK034409"),
    PersonSpec("t.vermeulen", "Thomas", "", "Vermeulen", "gemeente", Role.REGISSEUR,
               "Regisseur wijkteam", "wijk:WK034410"),
    PersonSpec("k.tahiri", "Karim", "", "Tahiri", "gemeente", Role.PARTNER,
               "Consulent werk en inkomen", "werk-inkomen"),
    PersonSpec("beleid", "Hanneke", "", "Brouwer", "gemeente", Role.BELEID,
               "Beleidsadviseur sociaal domein"),
    PersonSpec("privacy", "Joost", "", "Timmermans", "gemeente", Role.PRIVACY,
               "Functionaris gegevensbescherming"),
    PersonSpec("beheer", "Ilse", "", "Koster", "gemeente", Role.BEHEER, "Functioneel beheerder"),
    # Partners.
    PersonSpec("woonconsulent", "Miranda", "", "Verhoeven", "domstad", Role.PARTNER,
               "Woonconsulent", "domstad-noord"),
    PersonSpec("r.dekker", "Ruben", "", "Dekker", "domstad", Role.PARTNER,
               "Woonconsulent", "domstad-oost"),
    PersonSpec("s.linger", "Sharon", "", "Linger", "vechtrijn", Role.PARTNER,
               "Woonconsulent", "vechtrijn-west"),
    PersonSpec("j.kuipers", "Jeroen", "", "Kuipers", "vechtrijn", Role.PARTNER,
               "Woonconsulent", "vechtrijn-rijn"),
    PersonSpec("werkcoach", "Mark", "", "Jonker", "werk", Role.PARTNER, "Werkcoach", "werk-noord"),
    PersonSpec("z.aydin", "Zeynep", "", "Aydın", "werk", Role.PARTNER, "Werkcoach", "werk-zuid"),
    PersonSpec("huisarts", "Eva", "", "Hendriks", "huisarts", Role.PARTNER, "Huisarts"),
    PersonSpec("g.post", "Gerda", "", "Post", "huisarts", Role.PARTNER, "Praktijkondersteuner GGZ"),
    PersonSpec("r.vanwijk", "Rob", "van", "Wijk", "politie", Role.PARTNER, "Wijkagent Overvecht"),
    PersonSpec("a.schouten", "Anouk", "", "Schouten", "zorg", Role.PARTNER,
               "Ambulant begeleider", "zorg-ambulant"),
    PersonSpec("l.maas", "Linda", "", "Maas", "welzijn", Role.PARTNER,
               "Opbouwwerker", "welzijn-overvecht"),
    PersonSpec("d.sewnath", "Dinesh", "", "Sewnath", "welzijn", Role.PARTNER,
               "Sociaal werker", "welzijn-stad"),
    PersonSpec("m.bos", "Merel", "", "Bos", "jeugd", Role.PARTNER,
               "Jeugdhulpverlener", "jeugd-noord"),
    PersonSpec("a.kurt", "Ali", "", "Kurt", "jeugd", Role.PARTNER,
               "Jeugdhulpverlener", "jeugd-zuid"),
    PersonSpec("w.dejong", "Wilma", "de", "Jong", "schuld", Role.PARTNER, "Schuldhulpverlener"),
    # A volunteer of the residents' initiative: may report a signal, may look no one up.
    PersonSpec("melder", "Henk", "", "Bosman", "bewoners", Role.MELDER, "Vrijwilliger buurtkamer"),
)
# fmt: on

# Admin rights of the functional admin: the set-up, not the residents' files.
BEHEER_APPS = ("accounts", "organisations", "areas", "taxonomy", "signalering", "assessments")


@dataclass
class Cast:
    organisations: dict[str, Organisation] = field(default_factory=dict)
    districts: dict[str, District] = field(default_factory=dict)
    wijkteams: dict[str, Team] = field(default_factory=dict)  # district code -> team
    teams: dict[str, Team] = field(default_factory=dict)  # partner team key -> team
    users: dict[str, User] = field(default_factory=dict)
    # district code -> [(regisseur, weight)]: who coordinates plans there, and how many.
    regisseurs: dict[str, list[tuple[User, int]]] = field(default_factory=dict)
    team_members: dict[str, User] = field(default_factory=dict)  # partner team key -> person
    password_hash: str = ""


def _email(spec: PersonSpec, domain: str) -> str:
    local = f"{spec.given_names[0]}.{spec.prefix.replace(' ', '')}{spec.surname}".lower()
    return f"{local.replace(' ', '').replace('ı', 'i')}@{domain}"


def cast_create() -> Cast:
    """Create (or find) the demo organisations, teams and professionals."""
    cast = Cast(districts={d.code: d for d in District.objects.filter(code__in=ALL_DISTRICTS)})
    specs = {spec.key: spec for spec in ORGANISATIONS}
    for spec in ORGANISATIONS:
        cast.organisations[spec.key], _ = Organisation.objects.get_or_create(
            name=spec.name,
            defaults={
                "kind": spec.kind,
                "may_process_bsn": spec.may_process_bsn,
                "phone": spec.phone,
                "email": f"info@{spec.domain}",
            },
        )
    gemeente = cast.organisations["gemeente"]
    team: Team | None
    for code in ALL_DISTRICTS:
        district = cast.districts[code]
        team, _ = Team.objects.get_or_create(
            organisation=gemeente,
            name=f"Wijkteam {district.name}",
            defaults={"email": f"wijkteam.{code[-2:]}@{specs['gemeente'].domain}"},
        )
        team.districts.add(district)
        cast.wijkteams[code] = team
    for team_spec in PARTNER_TEAMS:
        team, _ = Team.objects.get_or_create(
            organisation=cast.organisations[team_spec.organisation], name=team_spec.name
        )
        team.districts.add(*(cast.districts[code] for code in team_spec.districts))
        cast.teams[team_spec.key] = team

    # Hashed once: hashing the same password thirty times would dominate the load time.
    cast.password_hash = make_password(DEMO_PASSWORD)
    for number, person in enumerate(PEOPLE):
        org_spec = specs[person.organisation]
        user, _ = User.objects.get_or_create(
            username=person.username,
            defaults={
                "first_name": person.given_names,
                "last_name": f"{person.prefix} {person.surname}".strip(),
                "email": _email(person, org_spec.domain),
                "phone": f"06 {20_000_000 + number * 7_919:08d}",
                "job_title": person.job_title,
                "password": cast.password_hash,
                "is_staff": person.role == Role.BEHEER,
            },
        )
        team = None
        if person.team and person.team.startswith("wijk:"):
            district_code = person.team.removeprefix("wijk:")
            team = cast.wijkteams[district_code]
            if person.role == Role.REGISSEUR:
                # The demo account carries the largest Overvecht caseload.
                weight = 8 if person.username == "regisseur" else 2
                cast.regisseurs.setdefault(district_code, []).append((user, weight))
        elif person.team:
            team = cast.teams[person.team]
            cast.team_members.setdefault(person.team, user)
        Membership.objects.get_or_create(
            user=user,
            organisation=cast.organisations[person.organisation],
            team=team,
            role=person.role,
        )
        cast.users[person.username] = user
    cast.users["beheer"].user_permissions.add(
        *Permission.objects.filter(content_type__app_label__in=BEHEER_APPS)
    )
    return cast

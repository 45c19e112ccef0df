"""A seeded generator of a Dutch synthetic register and of signals about its residents.

Signals carry the errors that real lists have: typing errors, day and month swapped, a birth date
one digit off, the voorvoegsel typed in the surname or left out, a married name in front of the
birth name, initials only, only the first given name, a moved address, missing fields. Households
share an address and a surname; some have twins, who share surname, birth date and address and
differ only in first name. A share of signals is about people who are not in the register.
The ground truth says which resident each signal is about.
"""

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, replace

from eenplan.households.bsn import is_valid_bsn
from eenplan.linkage.records import PersonRecord

_COMMON_SURNAMES = [
    "Jong",
    "de Vries",
    "Jansen",
    "van den Berg",
    "Bakker",
    "van Dijk",
    "Visser",
    "Janssen",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "van der Linden",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van den Heuvel",
    "van der Veen",
    "van den Broek",
    "de Bruijn",
    "de Bruin",
    "van der Heijden",
    "Schouten",
    "van Beek",
    "Willems",
    "van Vliet",
    "van de Ven",
    "Hoekstra",
    "Maas",
    "Verhoeven",
    "Koster",
    "van Dam",
    "van der Wal",
    "Prins",
    "Blom",
    "Huisman",
    "Peeters",
    "de Jonge",
    "Kuipers",
    "van Veen",
    "Post",
    "Kuiper",
    "Veenstra",
    "Kramer",
    "van den Brink",
    "Scholten",
    "van Wijk",
    "Postma",
    "Martens",
    "Vink",
    "de Ruiter",
    "Timmermans",
    "Groen",
    "Gerritsen",
    "Jonker",
    "van Loon",
    "Boer",
    "van der Velde",
    "Willemsen",
    "Smeets",
    "de Lange",
    "de Vos",
    "Bosch",
    "van Dongen",
    "Schipper",
    "de Koning",
    "van der Laan",
    "Koning",
    "van der Velden",
    "Driessen",
    "van Doorn",
    "Hermans",
    "Evers",
    "van den Bosch",
    "van der Meulen",
    "Hofman",
    "Bosman",
    "Wolters",
    "Sanders",
    "van der Horst",
    "Mol",
    "Kuijpers",
    "Molenaar",
    "van de Pol",
    "de Leeuw",
    "Verbeek",
    "Yilmaz",
    "Kaya",
    "Demir",
    "El Amrani",
    "Bouzid",
    "El Idrissi",
    "Sahin",
    "Celik",
    "Öztürk",
    "Nguyen",
    "Tahiri",
    "Ait Taleb",
    "van 't Hof",
    "ter Horst",
    "ten Brink",
    "in 't Veld",
    "Çakır",
    "Brühl",
    "Müller",
    "Pérez",
    "Gonçalves",
]
_SYLLABLES_A = [
    "Hoog",
    "Laag",
    "Groot",
    "Klein",
    "Wester",
    "Ooster",
    "Noorder",
    "Zuider",
    "Berg",
    "Veen",
    "Hout",
    "Zand",
    "Water",
    "Molen",
    "Kerk",
    "Brug",
    "Dijk",
    "Hof",
    "Wal",
    "Beek",
    "Bloem",
    "Rozen",
    "Linde",
    "Eik",
    "Wit",
    "Zwart",
    "Rood",
    "Blauw",
    "Steen",
    "Vos",
    "Wolf",
    "Haas",
    "Valk",
    "Kraai",
    "Duif",
    "Goud",
    "Zilver",
    "Koper",
    "Ijzer",
    "Lang",
    "Kort",
    "Breed",
    "Smal",
    "Nieuw",
    "Oud",
    "Heem",
    "Velt",
    "Horst",
]
_SYLLABLES_B = [
    "man",
    "mans",
    "ink",
    "inga",
    "stra",
    "sma",
    "ma",
    "inga",
    "ert",
    "hof",
    "berg",
    "veld",
    "veen",
    "dijk",
    "huis",
    "kamp",
    "beek",
    "broek",
    "kate",
    "horst",
    "laar",
    "lo",
    "dam",
    "meer",
    "gaard",
    "burg",
    "sen",
    "sma",
    "stee",
    "ens",
    "ing",
    "weg",
]
_PREFIXES_FOR_LONG_TAIL = ("", "", "", "", "", "van", "de", "van der", "van den", "ter", "ten")
_GIVEN_NAMES = [
    "Jan",
    "Johannes",
    "Pieter",
    "Petrus",
    "Cornelis",
    "Hendrik",
    "Willem",
    "Gerrit",
    "Dirk",
    "Jacobus",
    "Maria",
    "Anna",
    "Johanna",
    "Cornelia",
    "Elisabeth",
    "Wilhelmina",
    "Hendrika",
    "Geertruida",
    "Adriana",
    "Catharina",
    "Sanne",
    "Lisa",
    "Emma",
    "Julia",
    "Sophie",
    "Anouk",
    "Fleur",
    "Eva",
    "Lotte",
    "Noa",
    "Tess",
    "Sara",
    "Iris",
    "Lieke",
    "Femke",
    "Daan",
    "Sem",
    "Lucas",
    "Levi",
    "Finn",
    "Milan",
    "Jesse",
    "Thijs",
    "Bram",
    "Lars",
    "Ruben",
    "Tim",
    "Thomas",
    "Niels",
    "Stijn",
    "Joris",
    "Koen",
    "Bas",
    "Rick",
    "Mark",
    "Martijn",
    "Sander",
    "Kevin",
    "Dennis",
    "Mohamed",
    "Ahmed",
    "Youssef",
    "Ayoub",
    "Omar",
    "Bilal",
    "Fatima",
    "Naima",
    "Yasmina",
    "Khadija",
    "Salma",
    "Mehmet",
    "Mustafa",
    "Emre",
    "Elif",
    "Zeynep",
    "Ayse",
    "Priya",
    "Anil",
    "Thanh",
    "Linh",
    "Mariska",
    "Ingrid",
    "Annemieke",
    "Gert-Jan",
    "Jan-Willem",
    "Anne-Marie",
    "Marie-José",
    "Bernadette",
    "Theodorus",
    "Franciscus",
    "Antonius",
    "Gijs",
    "Wouter",
    "Joost",
    "Floor",
    "Maaike",
    "Esther",
    "Hanneke",
    "Marloes",
    "Rianne",
    "Yvonne",
    "Ilse",
    "Karin",
    "Monique",
    "Petra",
    "Ömer",
    "Çiğdem",
    "Hélène",
    "Zoë",
    "Chloë",
    "Noël",
    "René",
    "Renée",
    "José",
    "Jürgen",
    "Björn",
]
_STREETS = [
    "Dorpsstraat",
    "Kerkstraat",
    "Schoolstraat",
    "Molenweg",
    "Stationsweg",
    "Julianastraat",
    "Beatrixlaan",
    "Wilhelminastraat",
    "Nieuwstraat",
    "Marktplein",
    "Hoofdstraat",
    "Eikenlaan",
    "Beukenlaan",
    "Lindelaan",
    "Parallelweg",
    "Industrieweg",
    "Kastanjelaan",
    "Sportlaan",
    "Prinses",
    "Irenestraat",
    "Oranjestraat",
    "Burgemeester",
    "Reigerstraat",
    "Vondellaan",
    "Rembrandtlaan",
    "Vermeerstraat",
    "Amsterdamsestraatweg",
    "Kanaalweg",
    "Biltstraat",
    "Oudegracht",
    "Twijnstraat",
    "Lombokplein",
    "Kanaalstraat",
    "Overvecht",
]
_CITIES = ("Utrecht", "Nieuwegein", "Zeist", "Houten", "Maarssen", "De Bilt", "IJsselstein")
_LETTERS = "ABCDEFGHJKLMNPRSTVWXZ"


@dataclass(frozen=True)
class ErrorRates:
    surname_typo: float = 0.08
    given_typo: float = 0.06
    swap_day_month: float = 0.05
    birth_digit_off: float = 0.03
    birth_missing: float = 0.02
    prefix_in_surname: float = 0.3
    prefix_missing: float = 0.15
    married_name: float = 0.05
    initials_only: float = 0.10
    first_given_only: float = 0.5
    second_given_as_first: float = 0.03
    moved: float = 0.15
    address_missing: float = 0.02
    postcode_typo: float = 0.02
    with_bsn: float = 0.0


@dataclass
class SyntheticSet:
    register: list[PersonRecord]
    signals: list[PersonRecord]
    truth: dict[str, str | None]  # signal id -> resident id, None when not in the register

    def true_pairs(self) -> set[tuple[str, str]]:
        return {(s, r) for s, r in self.truth.items() if r is not None}


def _zipf_choice(rng: random.Random, items: tuple[str, ...] | list[str], skew: float = 1.0) -> str:
    # Index drawn from a power law: a few names very common, a long tail of rare ones.
    index = int(len(items) * (rng.random() ** (1 + skew)))
    return items[min(index, len(items) - 1)]


class _Names:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def surname(self) -> tuple[str, str]:
        rng = self.rng
        if rng.random() < 0.3:
            full = _zipf_choice(rng, _COMMON_SURNAMES, 0.5)
            words = full.split(" ")
            # The voorvoegsel is everything in lower case before the name itself.
            split = 0
            while split < len(words) - 1 and words[split][:1].islower():
                split += 1
            return " ".join(words[:split]), " ".join(words[split:])
        prefix = rng.choice(_PREFIXES_FOR_LONG_TAIL)
        name = rng.choice(_SYLLABLES_A) + rng.choice(_SYLLABLES_B)
        if rng.random() < 0.5:
            name = rng.choice(_SYLLABLES_A) + rng.choice(_SYLLABLES_B).lower() + name.lower()
            name = name[:1].upper() + name[1:]
        return prefix, name

    def given(self) -> str:
        count = self.rng.choice((1, 1, 2, 2, 2, 3))
        return " ".join(_zipf_choice(self.rng, _GIVEN_NAMES, 0.5) for _ in range(count))


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 3:
        return text
    i = rng.randrange(1, len(text) - 1)
    kind = rng.random()
    if kind < 0.3:
        return text[:i] + text[i + 1 :]
    if kind < 0.6:
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    if kind < 0.8:
        return text[:i] + rng.choice("aeioulnrst") + text[i + 1 :]
    return text[:i] + text[i] + text[i:]


def _bsns(start: int) -> Iterator[str]:
    candidate = start
    while True:
        candidate += 1
        text = f"{candidate:09d}"
        if is_valid_bsn(text):
            yield text


class _Addresses:
    """Postcodes as in the Netherlands: one per side of a street segment, about 20 addresses each."""

    def __init__(self, rng: random.Random, expected_addresses: int) -> None:
        self.rng = rng
        self.postcodes: list[tuple[str, str, str, int]] = []
        seen: set[str] = set()
        while len(self.postcodes) < max(10, expected_addresses // 15):
            code = f"{rng.randint(1000, 9999)}{rng.choice(_LETTERS)}{rng.choice(_LETTERS)}"
            if code in seen:
                continue
            seen.add(code)
            first = rng.randrange(1, 300)
            self.postcodes.append((code, rng.choice(_STREETS), rng.choice(_CITIES), first))

    def pick(self) -> dict[str, object]:
        code, street, city, first = self.postcodes[self.rng.randrange(len(self.postcodes))]
        return {
            "street": street,
            "house_number": first + 2 * self.rng.randrange(20),
            "house_number_suffix": self.rng.choice(("",) * 12 + ("A", "B", "bis", "2")),
            "postcode": code,
            "city": city,
        }


def _birth_date(rng: random.Random, young: bool = False) -> dt.date:
    start = dt.date(1990 if young else 1935, 1, 1)
    span = (dt.date(2008, 12, 31) - start).days
    return start + dt.timedelta(days=rng.randrange(span))


def generate_register(count: int, *, seed: int = 1, id_prefix: str = "R") -> list[PersonRecord]:
    """`count` residents in households of one to five at one address, with BSNs."""
    rng = random.Random(seed)
    names = _Names(rng)
    bsn = _bsns(100_000_000 + (seed * 7_000_000) % 800_000_000)
    people: list[PersonRecord] = []
    used_addresses: set[tuple[object, object, object]] = set()
    addresses = _Addresses(rng, count // 2)
    while len(people) < count:
        address = addresses.pick()
        key = (address["postcode"], address["house_number"], address["house_number_suffix"])
        if key in used_addresses:
            continue
        used_addresses.add(key)
        prefix, surname = names.surname()
        size = rng.choice((1, 1, 1, 2, 2, 2, 3, 4, 5))
        members: list[tuple[str, str, dt.date]] = []
        for index in range(size):
            if index == 1 and rng.random() < 0.7:
                # A partner with a surname of their own.
                members.append((*names.surname(), _birth_date(rng)))
            else:
                members.append((prefix, surname, _birth_date(rng, young=index > 1)))
        if size >= 3 and rng.random() < 0.1:
            # Twins: same surname, birth date and address, only the first name differs.
            members[-1] = members[-2]
        seen_given: set[str] = set()
        for member_prefix, member_surname, birth in members:
            given = names.given()
            while given.split(" ")[0] in seen_given:
                given = names.given()
            seen_given.add(given.split(" ")[0])
            people.append(
                PersonRecord(
                    id=f"{id_prefix}{len(people) + 1}",
                    bsn=next(bsn),
                    given_names=given,
                    prefix=member_prefix,
                    surname=member_surname,
                    birth_date=birth,
                    street=str(address["street"]),
                    house_number=int(address["house_number"]),  # type: ignore[call-overload]
                    house_number_suffix=str(address["house_number_suffix"]),
                    postcode=str(address["postcode"]),
                    city=str(address["city"]),
                )
            )
    return people[:count]


def distort(
    rng: random.Random,
    person: PersonRecord,
    *,
    new_id: str,
    rates: ErrorRates,
    addresses: "_Addresses",
) -> PersonRecord:
    """How another organisation might have typed this person."""
    given = person.given_names
    prefix, surname = person.prefix, person.surname
    birth = person.birth_date
    names = given.split(" ")
    if len(names) > 1 and rng.random() < rates.second_given_as_first:
        # Called by the second name: the roepnaam is not always the first given name.
        given = names[1]
    elif rng.random() < rates.first_given_only:
        given = names[0]
    if rng.random() < rates.initials_only:
        given = "".join(part[0] + "." for part in person.given_names.replace("-", " ").split())
    elif rng.random() < rates.given_typo:
        given = _typo(rng, given)
    if rng.random() < rates.married_name:
        married_prefix, married = _Names(rng).surname()
        surname = " ".join(p for p in (married_prefix, married) if p) + "-" + surname
    if prefix:
        if rng.random() < rates.prefix_in_surname:
            surname, prefix = f"{prefix} {surname}", ""
        elif rng.random() < rates.prefix_missing:
            prefix = ""
    if rng.random() < rates.surname_typo:
        surname = _typo(rng, surname)
    if birth is not None:
        if rng.random() < rates.birth_missing:
            birth = None
        elif rng.random() < rates.swap_day_month and birth.day <= 12:
            birth = dt.date(birth.year, birth.day, birth.month)
        elif rng.random() < rates.birth_digit_off:
            birth = _digit_off(rng, birth)
    address: dict[str, object] = {
        "street": person.street,
        "house_number": person.house_number,
        "house_number_suffix": person.house_number_suffix,
        "postcode": person.postcode,
        "city": person.city,
    }
    if rng.random() < rates.moved:
        address = addresses.pick()
    elif rng.random() < rates.address_missing:
        address = {k: ("" if k != "house_number" else None) for k in address}
    elif rng.random() < rates.postcode_typo and person.postcode:
        address["postcode"] = person.postcode[:5] + rng.choice(
            _LETTERS.replace(person.postcode[5], "")
        )
    return replace(
        person,
        id=new_id,
        bsn=person.bsn if rng.random() < rates.with_bsn else "",
        given_names=given,
        prefix=prefix,
        surname=surname,
        birth_date=birth,
        street=str(address["street"]),
        house_number=address["house_number"],  # type: ignore[arg-type]
        house_number_suffix=str(address["house_number_suffix"]),
        postcode=str(address["postcode"]),
        city=str(address["city"]),
    )


def _digit_off(rng: random.Random, birth: dt.date) -> dt.date:
    for _ in range(10):
        text = list(birth.isoformat())
        position = rng.choice((2, 3, 6, 8, 9))
        text[position] = str(rng.randrange(10))
        try:
            candidate = dt.date.fromisoformat("".join(text))
        except ValueError:
            continue
        if candidate != birth and candidate <= dt.date.today():
            return candidate
    return birth


def generate(
    residents: int,
    signals: int,
    *,
    seed: int = 1,
    not_in_register: float = 0.05,
    rates: ErrorRates | None = None,
) -> SyntheticSet:
    """A register of `residents` and `signals` about them (a share about outsiders)."""
    rates = rates or ErrorRates()
    register = generate_register(residents, seed=seed)
    outsiders = generate_register(max(1, int(signals * not_in_register) + 1), seed=seed + 1000)
    rng = random.Random(seed * 31 + 7)
    addresses = _Addresses(random.Random(seed * 17 + 3), residents // 2)
    result: list[PersonRecord] = []
    truth: dict[str, str | None] = {}
    for index in range(signals):
        signal_id = f"S{index + 1}"
        if rng.random() < not_in_register:
            person = outsiders[rng.randrange(len(outsiders))]
            truth[signal_id] = None
        else:
            person = register[rng.randrange(len(register))]
            truth[signal_id] = person.id
        result.append(distort(rng, person, new_id=signal_id, rates=rates, addresses=addresses))
    return SyntheticSet(register=register, signals=result, truth=truth)


def pairwise_scores(
    predicted: set[tuple[str, str]], true_pairs: set[tuple[str, str]]
) -> dict[str, float]:
    hits = len(predicted & true_pairs)
    precision = hits / len(predicted) if predicted else 1.0
    recall = hits / len(true_pairs) if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "predicted": len(predicted),
        "true": len(true_pairs),
    }

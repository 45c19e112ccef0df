"""Name parts for the fictional residents and professionals of the demo municipality.

The lists are written for this demo: common given names and surnames per background, so the
demo population looks like a Dutch city. They carry no frequencies; the generator weighs the
backgrounds per buurt from CBS figures.
"""

from __future__ import annotations

from dataclasses import dataclass

# fmt: off
# (prefix, surname). Dutch surnames often have a voorvoegsel, sorted under the surname itself.
DUTCH_SURNAMES: tuple[tuple[str, str], ...] = (
    ("", "Jansen"), ("de", "Jong"), ("de", "Vries"), ("van den", "Berg"), ("van", "Dijk"),
    ("", "Bakker"), ("", "Janssen"), ("", "Visser"), ("", "Smit"), ("", "Meijer"), ("de", "Boer"),
    ("", "Mulder"), ("de", "Groot"), ("", "Bos"), ("", "Vos"), ("", "Peters"), ("", "Hendriks"),
    ("van", "Leeuwen"), ("", "Dekker"), ("", "Brouwer"), ("de", "Wit"), ("", "Dijkstra"),
    ("", "Smits"), ("de", "Graaf"), ("van der", "Meer"), ("van der", "Linden"), ("", "Kok"),
    ("", "Jacobs"), ("de", "Haan"), ("", "Vermeulen"), ("van den", "Heuvel"), ("van der", "Veen"),
    ("van den", "Broek"), ("de", "Bruijn"), ("de", "Beer"), ("", "Schouten"), ("van", "Beek"),
    ("", "Willems"), ("van", "Vliet"), ("van de", "Ven"), ("", "Hoekstra"), ("", "Maas"),
    ("", "Verhoeven"), ("", "Koster"), ("van", "Dam"), ("van der", "Wal"), ("", "Prins"),
    ("", "Blom"), ("", "Huisman"), ("", "Peeters"), ("de", "Jonge"), ("", "Kuipers"),
    ("van", "Veen"), ("", "Post"), ("", "Kuiper"), ("", "Veenstra"), ("", "Kramer"),
    ("van den", "Brink"), ("", "Scholten"), ("van", "Wijk"), ("", "Postma"), ("", "Martens"),
    ("", "Vink"), ("de", "Ruiter"), ("", "Timmermans"), ("", "Groen"), ("", "Gerritsen"),
    ("", "Jonker"), ("van", "Loon"), ("", "Boersma"), ("van", "Rijn"), ("", "Verbeek"),
    ("", "Wouters"), ("", "Hermans"), ("van", "Doorn"), ("", "Koning"), ("van der", "Heijden"),
    ("", "Driessen"), ("van", "Schaik"), ("", "Lammers"), ("", "Molenaar"), ("van", "Wijngaarden"),
    ("", "Verweij"), ("ten", "Have"), ("", "Hoogendoorn"), ("", "Baars"), ("van", "Ommen"),
    ("", "Versteeg"), ("", "Kooij"),
)

DUTCH_MALE: tuple[str, ...] = (
    "Jan", "Peter", "Kees", "Hans", "Gerard", "Henk", "Willem", "Johan", "Bart", "Mark", "Rob",
    "Martijn", "Jeroen", "Dennis", "Sander", "Tim", "Thomas", "Daan", "Sem", "Lucas", "Bram",
    "Jesse", "Niels", "Ruben", "Stijn", "Thijs", "Luuk", "Milan", "Finn", "Noah", "Joost", "Erik",
    "Frank", "Marco", "Rick", "Jasper", "Koen", "Wouter", "Teun", "Gijs", "Ad", "Cor", "Piet",
    "Dirk", "Wim", "Arie", "Jurre", "Floris", "Siem", "Mees",
)
DUTCH_FEMALE: tuple[str, ...] = (
    "Anna", "Maria", "Johanna", "Els", "Ingrid", "Marja", "Petra", "Monique", "Sandra", "Linda",
    "Esther", "Ilse", "Marieke", "Anouk", "Femke", "Lotte", "Sanne", "Lisa", "Emma", "Julia",
    "Sophie", "Tess", "Fleur", "Eva", "Noor", "Saar", "Evi", "Lieke", "Roos", "Mila", "Wilma",
    "Ria", "Truus", "Gerda", "Annie", "Joke", "Karin", "Miranda", "Judith", "Hanneke", "Maud",
    "Isa", "Yara", "Nina", "Floor", "Merel", "Iris", "Jet", "Vera", "Liv",
)

MOROCCAN_SURNAMES: tuple[str, ...] = (
    "El Amrani", "Bouzid", "El Idrissi", "Benali", "Ouali", "El Khatib", "Boukhari", "Aziz",
    "Tahiri", "El Hamdaoui", "Amrani", "Bennani", "Chaouch", "El Haddouchi", "Azzouzi",
    "Ait Taleb", "Moussaoui", "Lamrani", "Essaidi", "Bakkali",
)
MOROCCAN_MALE: tuple[str, ...] = (
    "Mohamed", "Ahmed", "Youssef", "Said", "Mustafa", "Karim", "Hamza", "Bilal", "Anas", "Ayoub",
    "Rachid", "Mourad", "Imran", "Adam", "Ilias", "Zakaria",
)
MOROCCAN_FEMALE: tuple[str, ...] = (
    "Fatima", "Khadija", "Naima", "Samira", "Malika", "Nadia", "Hanan", "Imane", "Yasmina",
    "Salma", "Noor", "Hafsa", "Amira", "Sara", "Zineb", "Loubna",
)

TURKISH_SURNAMES: tuple[str, ...] = (
    "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın",
    "Özdemir", "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Koç", "Kurt", "Özkan",
)
TURKISH_MALE: tuple[str, ...] = (
    "Mehmet", "Ahmet", "Mustafa", "Hüseyin", "Ali", "Hasan", "İbrahim", "Emre", "Burak", "Murat",
    "Yusuf", "Kerem", "Emir", "Eren", "Can", "Arda",
)
TURKISH_FEMALE: tuple[str, ...] = (
    "Ayşe", "Fatma", "Emine", "Hatice", "Zeynep", "Elif", "Merve", "Esra", "Büşra", "Derya",
    "Selin", "Ebru", "Melek", "Hülya", "Ecrin", "Defne",
)

SURINAMESE_SURNAMES: tuple[str, ...] = (
    "Pinas", "Kartosen", "Ramdin", "Sewnath", "Biharie", "Amatsoedarsono", "Kromodimedjo",
    "Linger", "Doelwijt", "Sabajo", "Fraser", "Held", "Vreden", "Ramcharan", "Soekhai", "Monsels",
    "Rozenblad", "Kasanmoentalib",
)
SURINAMESE_MALE: tuple[str, ...] = (
    "Jordy", "Romano", "Rishi", "Sunil", "Glenn", "Ricardo", "Dinesh", "Clifton", "Marlon",
    "Orlando", "Ravi", "Quincy", "Shaquille", "Ashwin",
)
SURINAMESE_FEMALE: tuple[str, ...] = (
    "Sharon", "Shanti", "Priya", "Melissa", "Gwendolyn", "Chantal", "Rachna", "Jennifer",
    "Kimberley", "Anjali", "Naomi", "Romy", "Denise", "Sunita",
)

POLISH_SURNAMES: tuple[str, ...] = (
    "Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński",
    "Szymański", "Woźniak", "Dąbrowski", "Mazur", "Krawczyk", "Kaczmarek", "Jankowski",
)
POLISH_MALE: tuple[str, ...] = (
    "Piotr", "Krzysztof", "Tomasz", "Paweł", "Marcin", "Michał", "Kacper", "Jakub", "Łukasz",
    "Mateusz", "Szymon", "Adam",
)
POLISH_FEMALE: tuple[str, ...] = (
    "Anna", "Agnieszka", "Katarzyna", "Magdalena", "Joanna", "Monika", "Aleksandra", "Zuzanna",
    "Julia", "Natalia", "Maja", "Ewa",
)

# fmt: on


@dataclass(frozen=True)
class Background:
    key: str
    surnames: tuple[tuple[str, str], ...]
    male: tuple[str, ...]
    female: tuple[str, ...]


def _plain(names: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple(("", name) for name in names)


DUTCH = Background("dutch", DUTCH_SURNAMES, DUTCH_MALE, DUTCH_FEMALE)
MOROCCAN = Background("moroccan", _plain(MOROCCAN_SURNAMES), MOROCCAN_MALE, MOROCCAN_FEMALE)
TURKISH = Background("turkish", _plain(TURKISH_SURNAMES), TURKISH_MALE, TURKISH_FEMALE)
SURINAMESE = Background(
    "surinamese", _plain(SURINAMESE_SURNAMES), SURINAMESE_MALE, SURINAMESE_FEMALE
)
POLISH = Background("polish", _plain(POLISH_SURNAMES), POLISH_MALE, POLISH_FEMALE)


def feminine_surname(background: Background, surname: str) -> str:
    """Polish surnames in -ski/-cki/-dzki take -ska/-cka/-dzka for women."""
    if background is POLISH and surname.endswith("ki"):
        return surname[:-1] + "a"
    return surname


# fmt: off
# Street names: a first part and a kind of street, combined per buurt so streets repeat within
# a buurt but not across the city. Overvecht's streets are "dreven" named after rivers.
STREET_PARTS: tuple[str, ...] = (
    "Lijsterbes", "Meidoorn", "Vlier", "Kastanje", "Linden", "Esdoorn", "Wilgen", "Berken",
    "Hazelaar", "Acacia", "Merel", "Spreeuw", "Zwaluw", "Kievit", "Reiger", "Fazant", "Goudsbloem",
    "Klaproos", "Korenbloem", "Madelief", "Zonnebloem", "Lavendel", "Tulp", "Brink", "Molen",
    "Dijk", "Haven", "Schelp", "Sluis", "Veld", "Akker", "Weide", "Rembrandt", "Vermeer",
    "Mondriaan", "Erasmus", "Spinoza", "Huygens", "Bach", "Mozart",
)
STREET_KINDS: tuple[str, ...] = (
    "straat", "laan", "weg", "hof", "plein", "singel", "gracht", "pad", "kade", "erf",
)
RIVERS: tuple[str, ...] = (
    "Amazone", "Nijl", "Ganges", "Indus", "Eufraat", "Jordaan", "Oranje", "Limpopo", "Mekong",
    "Yangtze", "Rijn", "Moezel", "Loire", "Seine", "Theems", "Oder", "Tiber", "Dnjepr",
)

POSTCODE_LETTERS = "ABCDEFGHJKLMNPRTVWXZ"
# Letter pairs never used in Dutch postcodes.
EXCLUDED_POSTCODE_LETTERS = frozenset({"SA", "SD", "SS"})
# fmt: on

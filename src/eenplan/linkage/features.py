"""Dutch names, birth dates and addresses as features that linking compares.

Every feature is defined once as a small rule list and computed by two executors that must agree:
`person_features` in Python (one record, the real-time path) and `features_sql` in DuckDB (a million
records, the batch path). The rules stick to what both can do the same way: lower case, accents
stripped, plain substring replacement, and RE2-compatible regular expressions without
back-references.

- Voorvoegsels ("van der", "de", "'t", "el") are dropped from the surname wherever they were typed:
  in the prefix column or in front of the surname.
- A double or married name ("Jansen-de Vries", "Jansen - de Vries") gives its first and its last
  part, so a maiden name alone still agrees with it.
- Given names give the first name and the initials, so "J.P." agrees with "Jan Pieter".
- The birth date gives its day-month swapped twin, for lists that mix up the American order.
- Postcode and house number are one address key.
"""

import datetime as dt
import re
import unicodedata
from typing import Any

from eenplan.linkage.records import PersonRecord

# Longest first, so "van der" is not read as "van" followed by a surname "der ...".
VOORVOEGSELS = (
    "van",
    "de",
    "der",
    "den",
    "het",
    "t",
    "te",
    "ten",
    "ter",
    "in",
    "op",
    "aan",
    "onder",
    "uit",
    "over",
    "d",
    "l",
    "la",
    "le",
    "les",
    "du",
    "des",
    "da",
    "dos",
    "do",
    "di",
    "del",
    "della",
    "von",
    "zu",
    "vom",
    "el",
    "al",
    "ul",
    "bin",
    "ben",
    "mc",
)
_PREFIX_PATTERN = r"^((" + "|".join(VOORVOEGSELS) + r") )+"
_NOT_LETTER = r"[^a-z -]"

# The phonetic key: Dutch spellings of one sound to one letter, then the consonant skeleton.
# Applied in this order as plain substring replacements.
PHONETIC_REPLACEMENTS: tuple[tuple[str, str], ...] = (
    ("sch", "s"),
    ("ij", "y"),
    ("ei", "y"),
    ("ch", "g"),
    ("ck", "k"),
    ("ph", "f"),
    ("th", "t"),
    ("dt", "t"),
    ("c", "k"),
    ("q", "k"),
    ("x", "ks"),
    ("z", "s"),
    ("v", "f"),
    ("w", "f"),
    ("h", ""),
)
_VOWELS = "[aeiouy]"
# Doubled consonants after the vowels are gone: "janssen" and "jansen" share "jnsn".
_DOUBLES = tuple((c + c, c) for c in "bdfgjklmnprst")

FEATURE_COLUMNS = (
    "unique_id",
    "bsn_pseudonym",
    "gn_fold",
    "gn_first",
    "gn_initials",
    "gn_init1",
    "sn_all",
    "sn_main",
    "sn_last",
    "sn_phon",
    "dob",
    "dob_swap",
    "birth_year",
    "addr_full",
    "addr_pcnr",
    "addr_street_nr",
    "postcode",
)


# --------------------------------------------------------------------------------------------
# Python executor


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", (text or "").lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _letters(text: str) -> str:
    """Folded, only a-z, spaces and hyphens, hyphens without spaces around them, single spaces."""
    cleaned = re.sub(_NOT_LETTER, " ", _fold(text))
    cleaned = re.sub(r" *- *", "-", cleaned)
    return re.sub(" +", " ", cleaned).strip(" -")


def _strip_prefix(part: str) -> str:
    return re.sub(_PREFIX_PATTERN, "", part.strip()).replace(" ", "")


def phonetic_key(core: str) -> str:
    key = core
    for old, new in PHONETIC_REPLACEMENTS:
        key = key.replace(old, new)
    key = key[:1] + re.sub(_VOWELS, "", key[1:])
    for old, new in _DOUBLES:
        key = key.replace(old, new)
    return key


def _none_if_empty(value: str) -> str | None:
    return value or None


def person_features(record: PersonRecord) -> dict[str, Any]:
    """The comparison features of one record; the same values `features_sql` computes."""
    given = re.sub(" +", " ", re.sub(r"[^a-z]", " ", _fold(record.given_names))).strip()
    tokens = given.split(" ") if given else []
    first = tokens[0] if tokens and len(tokens[0]) > 1 else ""
    initials = "".join(t[0] for t in tokens)

    full_surname = _letters(f"{record.prefix} {record.surname}")
    parts = [_strip_prefix(p) for p in full_surname.split("-")] if full_surname else []
    sn_main = parts[0] if parts else ""
    sn_last = parts[-1] if parts else ""
    sn_all = "".join(parts)

    birth = record.birth_date
    dob = birth.isoformat() if birth else ""
    dob_swap = ""
    if birth and birth.day <= 12 and birth.day != birth.month:
        dob_swap = f"{birth.year:04d}-{birth.day:02d}-{birth.month:02d}"

    postcode = record.postcode or ""
    number = str(record.house_number) if record.house_number else ""
    suffix = _letters(record.house_number_suffix).replace(" ", "").replace("-", "")
    street = _letters(record.street).replace(" ", "").replace("-", "")
    return {
        "unique_id": record.id,
        "bsn_pseudonym": _none_if_empty(record.bsn_pseudonym),
        "gn_fold": _none_if_empty(given),
        "gn_first": _none_if_empty(first),
        "gn_initials": _none_if_empty(initials),
        "gn_init1": _none_if_empty(initials[:1]),
        "sn_all": _none_if_empty(sn_all),
        "sn_main": _none_if_empty(sn_main),
        "sn_last": _none_if_empty(sn_last),
        "sn_phon": _none_if_empty(phonetic_key(sn_main)),
        "dob": _none_if_empty(dob),
        "dob_swap": _none_if_empty(dob_swap),
        "birth_year": birth.year if birth else None,
        "addr_full": (postcode + number + suffix) if postcode and number else None,
        "addr_pcnr": (postcode + number) if postcode and number else None,
        "addr_street_nr": (street + number) if street and number else None,
        "postcode": _none_if_empty(postcode),
    }


# --------------------------------------------------------------------------------------------
# DuckDB executor


def _sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _sql_fold(expr: str) -> str:
    return f"strip_accents(lower(coalesce({expr}, '')))"


def _sql_letters(expr: str) -> str:
    cleaned = f"regexp_replace({_sql_fold(expr)}, '{_NOT_LETTER}', ' ', 'g')"
    cleaned = f"regexp_replace({cleaned}, ' *- *', '-', 'g')"
    cleaned = f"regexp_replace({cleaned}, ' +', ' ', 'g')"
    return f"trim({cleaned}, ' -')"


def _sql_strip_prefix(expr: str) -> str:
    return f"replace(regexp_replace(trim({expr}), '{_PREFIX_PATTERN}', ''), ' ', '')"


def _sql_phonetic(expr: str) -> str:
    key = expr
    for old, new in PHONETIC_REPLACEMENTS:
        key = f"replace({key}, {_sql_str(old)}, {_sql_str(new)})"
    key = f"(left({key}, 1) || regexp_replace(substr({key}, 2), '{_VOWELS}', '', 'g'))"
    for old, new in _DOUBLES:
        key = f"replace({key}, {_sql_str(old)}, {_sql_str(new)})"
    return key


def features_sql(table: str) -> str:
    """SELECT the feature columns from `table`.

    `table` has the columns of `PersonRecord` (`id` as text, `birth_date` a DATE,
    `house_number` an integer) plus `bsn_pseudonym`. Name and street features are computed once
    per distinct value and joined back: a million records have far fewer distinct names.
    """
    return f"""
    WITH src AS (
        SELECT
            CAST(id AS VARCHAR) AS unique_id,
            nullif(bsn_pseudonym, '') AS bsn_pseudonym,
            coalesce(given_names, '') AS gn_in,
            coalesce(prefix, '') || ' ' || coalesce(surname, '') AS sn_in,
            coalesce(street, '') AS st_in,
            coalesce(house_number_suffix, '') AS sx_in,
            birth_date,
            coalesce(postcode, '') AS pc,
            coalesce(CAST(house_number AS VARCHAR), '') AS nr
        FROM {table}
    ),
    gn AS (
        SELECT gn_in, given,
            CASE WHEN given = '' THEN [] ELSE string_split(given, ' ') END AS tokens
        FROM (
            SELECT gn_in,
                trim(regexp_replace(regexp_replace({_sql_fold("gn_in")}, '[^a-z]', ' ', 'g'),
                     ' +', ' ', 'g')) AS given
            FROM (SELECT DISTINCT gn_in FROM src)
        )
    ),
    gn_features AS (
        SELECT gn_in,
            nullif(given, '') AS gn_fold,
            CASE WHEN len(tokens) > 0 AND length(tokens[1]) > 1 THEN tokens[1] END AS gn_first,
            nullif(array_to_string(list_transform(tokens, lambda t: left(t, 1)), ''), '')
                AS gn_initials
        FROM gn
    ),
    sn AS (
        SELECT sn_in,
            CASE WHEN full_surname = '' THEN []
                 ELSE list_transform(string_split(full_surname, '-'),
                                     lambda p: {_sql_strip_prefix("p")}) END AS sn_parts
        FROM (
            SELECT sn_in, {_sql_letters("sn_in")} AS full_surname
            FROM (SELECT DISTINCT sn_in FROM src)
        )
    ),
    sn_features AS (
        SELECT sn_in,
            nullif(array_to_string(sn_parts, ''), '') AS sn_all,
            nullif(coalesce(sn_parts[1], ''), '') AS sn_main,
            nullif(coalesce(sn_parts[-1], ''), '') AS sn_last,
            nullif({_sql_phonetic("coalesce(sn_parts[1], '')")}, '') AS sn_phon
        FROM sn
    ),
    st AS (
        SELECT st_in, replace(replace({_sql_letters("st_in")}, ' ', ''), '-', '') AS street_key
        FROM (SELECT DISTINCT st_in FROM src)
    ),
    sx AS (
        SELECT sx_in, replace(replace({_sql_letters("sx_in")}, ' ', ''), '-', '') AS suffix
        FROM (SELECT DISTINCT sx_in FROM src)
    )
    SELECT
        unique_id,
        bsn_pseudonym,
        gn_fold,
        gn_first,
        gn_initials,
        left(gn_initials, 1) AS gn_init1,
        sn_all,
        sn_main,
        sn_last,
        sn_phon,
        strftime(birth_date, '%Y-%m-%d') AS dob,
        CASE WHEN day(birth_date) <= 12 AND day(birth_date) <> month(birth_date)
             THEN strftime(birth_date, '%Y-%d-%m') END AS dob_swap,
        CAST(year(birth_date) AS INTEGER) AS birth_year,
        CASE WHEN pc <> '' AND nr <> '' THEN pc || nr || suffix END AS addr_full,
        CASE WHEN pc <> '' AND nr <> '' THEN pc || nr END AS addr_pcnr,
        CASE WHEN street_key <> '' AND nr <> '' THEN street_key || nr END AS addr_street_nr,
        nullif(pc, '') AS postcode
    FROM src
    JOIN gn_features USING (gn_in)
    JOIN sn_features USING (sn_in)
    JOIN st USING (st_in)
    JOIN sx USING (sx_in)
    """  # noqa: S608


def birth_date_variants(birth: dt.date | None) -> list[dt.date]:
    """The date and its day-month swapped twin, for candidate look-ups."""
    if birth is None:
        return []
    variants = [birth]
    if birth.day <= 12 and birth.day != birth.month:
        variants.append(dt.date(birth.year, birth.day, birth.month))
    return variants

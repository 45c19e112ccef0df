"""The linkage model's comparisons, each level written twice: SQL for Splink, Python for real time.

A level's SQL and its Python test must say the same thing; `tests/test_engine.py` scores the same
pairs both ways and checks that they agree. Features come from `features.py`. The levels are tried
in order, the first that holds decides. The SQL avoids engine-specific functions except for
Jaro-Winkler, whose name differs per Splink backend. An exact surname agreement is weighed by how
common the surname is (Splink's term-frequency adjustment; `engine.score_features` mirrors it).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rapidfuzz.distance import JaroWinkler, Levenshtein

Features = dict[str, Any]
PairTest = Callable[[Features, Features], bool]


@dataclass(frozen=True)
class Level:
    label: str
    sql: str
    test: PairTest
    is_null: bool = False
    # Agreement on a rare value says more than on a common one: weigh by the value's frequency.
    tf_column: str | None = None


@dataclass(frozen=True)
class Comparison:
    name: str
    description: str
    levels: tuple[Level, ...]

    def level_of(self, left: Features, right: Features) -> Level:
        for level in self.levels:
            if level.test(left, right):
                return level
        raise AssertionError("the last level of a comparison always holds")  # pragma: no cover


def _eq(left: Any, right: Any) -> bool:
    return left is not None and right is not None and left == right


def _jw(left: str | None, right: str | None) -> float:
    if left is None or right is None:
        return 0.0
    return float(JaroWinkler.similarity(left, right))


def _lev(left: str | None, right: str | None) -> int:
    if left is None or right is None:
        return 99
    return int(Levenshtein.distance(left, right))


def _starts(longer: str | None, prefix: str | None) -> bool:
    return longer is not None and prefix is not None and longer.startswith(prefix)


def _among(name: str | None, names: str | None) -> bool:
    return name is not None and names is not None and f" {name} " in f" {names} "


def _null(*columns: str) -> PairTest:
    return lambda a, b: any(a[c] is None or b[c] is None for c in columns)


def _always(a: Features, b: Features) -> bool:
    return True


def build_comparisons(jw: str = "jaro_winkler_similarity") -> tuple[Comparison, ...]:
    """The four comparisons; `jw` is the backend's Jaro-Winkler function."""
    surname = Comparison(
        "surname",
        "surname without voorvoegsels; double and maiden names by their parts",
        (
            Level("null", "sn_all_l IS NULL OR sn_all_r IS NULL", _null("sn_all"), is_null=True),
            Level(
                "exact",
                "sn_all_l = sn_all_r",
                lambda a, b: _eq(a["sn_all"], b["sn_all"]),
                tf_column="sn_all",
            ),
            Level(
                "part",
                "sn_main_l = sn_main_r OR sn_main_l = sn_last_r OR sn_last_l = sn_main_r"
                " OR sn_last_l = sn_last_r",
                lambda a, b: (
                    _eq(a["sn_main"], b["sn_main"])
                    or _eq(a["sn_main"], b["sn_last"])
                    or _eq(a["sn_last"], b["sn_main"])
                    or _eq(a["sn_last"], b["sn_last"])
                ),
            ),
            Level(
                "jw92",
                f"{jw}(sn_all_l, sn_all_r) >= 0.92",
                lambda a, b: _jw(a["sn_all"], b["sn_all"]) >= 0.92,
            ),
            Level(
                "phonetic", "sn_phon_l = sn_phon_r", lambda a, b: _eq(a["sn_phon"], b["sn_phon"])
            ),
            Level(
                "jw80",
                f"{jw}(sn_all_l, sn_all_r) >= 0.80",
                lambda a, b: _jw(a["sn_all"], b["sn_all"]) >= 0.80,
            ),
            Level("else", "ELSE", _always),
        ),
    )
    given = Comparison(
        "given_names",
        "first name, a name among the given names, or initials only",
        (
            Level(
                "null",
                "gn_initials_l IS NULL OR gn_initials_r IS NULL",
                _null("gn_initials"),
                is_null=True,
            ),
            Level(
                "exact", "gn_first_l = gn_first_r", lambda a, b: _eq(a["gn_first"], b["gn_first"])
            ),
            Level(
                "jw90",
                f"{jw}(gn_first_l, gn_first_r) >= 0.90",
                lambda a, b: _jw(a["gn_first"], b["gn_first"]) >= 0.90,
            ),
            Level(
                "among",
                "instr(' ' || gn_fold_r || ' ', ' ' || gn_first_l || ' ') > 0"
                " OR instr(' ' || gn_fold_l || ' ', ' ' || gn_first_r || ' ') > 0",
                lambda a, b: (
                    _among(a["gn_first"], b["gn_fold"]) or _among(b["gn_first"], a["gn_fold"])
                ),
            ),
            Level(
                "initials",
                "(gn_first_l IS NULL OR gn_first_r IS NULL) AND ("
                "left(gn_initials_l, length(gn_initials_r)) = gn_initials_r"
                " OR left(gn_initials_r, length(gn_initials_l)) = gn_initials_l)",
                lambda a, b: (
                    (a["gn_first"] is None or b["gn_first"] is None)
                    and (
                        _starts(a["gn_initials"], b["gn_initials"])
                        or _starts(b["gn_initials"], a["gn_initials"])
                    )
                ),
            ),
            Level(
                "initial", "gn_init1_l = gn_init1_r", lambda a, b: _eq(a["gn_init1"], b["gn_init1"])
            ),
            Level("else", "ELSE", _always),
        ),
    )
    birth = Comparison(
        "birth_date",
        "birth date: exact, day and month swapped, one or two digits off",
        (
            Level("null", "dob_l IS NULL OR dob_r IS NULL", _null("dob"), is_null=True),
            Level("exact", "dob_l = dob_r", lambda a, b: _eq(a["dob"], b["dob"])),
            Level("swapped", "dob_l = dob_swap_r", lambda a, b: _eq(a["dob"], b["dob_swap"])),
            Level(
                "one_off",
                "levenshtein(dob_l, dob_r) <= 1",
                lambda a, b: _lev(a["dob"], b["dob"]) <= 1,
            ),
            Level(
                "two_off",
                "levenshtein(dob_l, dob_r) <= 2",
                lambda a, b: _lev(a["dob"], b["dob"]) <= 2,
            ),
            Level("else", "ELSE", _always),
        ),
    )
    address = Comparison(
        "address",
        "postcode, house number, addition and street as one comparison",
        (
            Level(
                "null",
                "(addr_pcnr_l IS NULL AND addr_street_nr_l IS NULL)"
                " OR (addr_pcnr_r IS NULL AND addr_street_nr_r IS NULL)",
                lambda a, b: (
                    (a["addr_pcnr"] is None and a["addr_street_nr"] is None)
                    or (b["addr_pcnr"] is None and b["addr_street_nr"] is None)
                ),
                is_null=True,
            ),
            Level(
                "full",
                "addr_full_l = addr_full_r",
                lambda a, b: _eq(a["addr_full"], b["addr_full"]),
            ),
            Level(
                "postcode_number",
                "addr_pcnr_l = addr_pcnr_r",
                lambda a, b: _eq(a["addr_pcnr"], b["addr_pcnr"]),
            ),
            Level(
                "street_number",
                "addr_street_nr_l = addr_street_nr_r",
                lambda a, b: _eq(a["addr_street_nr"], b["addr_street_nr"]),
            ),
            Level(
                "postcode",
                "postcode_l = postcode_r",
                lambda a, b: _eq(a["postcode"], b["postcode"]),
            ),
            Level("else", "ELSE", _always),
        ),
    )
    return (surname, given, birth, address)


COMPARISONS = build_comparisons()


def splink_comparisons(comparisons: tuple[Comparison, ...]) -> list[dict[str, Any]]:
    """The comparisons as Splink settings dictionaries (without parameters)."""
    result = []
    for comparison in comparisons:
        levels: list[dict[str, Any]] = []
        for level in comparison.levels:
            entry: dict[str, Any] = {"sql_condition": level.sql, "label_for_charts": level.label}
            if level.is_null:
                entry["is_null_level"] = True
            if level.tf_column:
                entry["tf_adjustment_column"] = level.tf_column
                entry["tf_adjustment_weight"] = 1.0
            levels.append(entry)
        result.append(
            {
                "output_column_name": comparison.name,
                "comparison_description": comparison.description,
                "comparison_levels": levels,
            }
        )
    return result

"""The batch engine: Splink on DuckDB (or Spark) with one model for Dutch persons.

- BSN: when both records carry one, equal pseudonyms link with certainty and different
  pseudonyms never link; the rest is probabilistic.
- Four comparisons (`comparisons.py`): surname, given names, birth date, and the address as one.
- Blocking rules that find a true pair through any one of: the address; the birth date (or its
  swapped twin) with the first name, the surname's sound or the birth name of a married name; the
  surname's sound with the first name and birth year, or with the initial and day and month.
  Each keeps the number of pairs near linear in the input.
- Training: u by random sampling, m by expectation maximisation with a cap on the pairs, in two
  sessions (blocked on birth date, then on surname with first name) so that every comparison is
  estimated by a session that does not block on it. Not on address: people at one address share
  a surname, and EM would learn households as matches.
- Link mode gives each left record at most its best right record above the threshold, so twins
  at one address stay apart: their first names and birth dates decide.
"""

import json
import logging
import math
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import duckdb
import pyarrow as pa

from eenplan.linkage.comparisons import COMPARISONS, Comparison, Features, splink_comparisons
from eenplan.linkage.features import features_sql
from eenplan.linkage.records import PersonRecord

logger = logging.getLogger(__name__)

DEFAULT_MODEL_PATH = Path(__file__).resolve().parent / "data" / "default_model.json"

BLOCKING_RULES = (
    "l.addr_pcnr = r.addr_pcnr",
    "l.dob = r.dob AND l.gn_first = r.gn_first",
    "l.dob = r.dob AND l.sn_phon = r.sn_phon",
    "l.dob_swap = r.dob AND l.sn_phon = r.sn_phon",
    # A married name in front of the birth name: "de Vries-Jansen" against "Jansen".
    "l.dob = r.dob AND l.sn_last = r.sn_main",
    "l.sn_phon = r.sn_phon AND l.gn_first = r.gn_first AND l.birth_year = r.birth_year",
    "l.sn_phon = r.sn_phon AND l.gn_init1 = r.gn_init1 AND right(l.dob, 5) = right(r.dob, 5)",
)
TRAINING_BLOCKS = ("l.dob = r.dob", "l.sn_all = r.sn_all AND l.gn_first = r.gn_first")
# Rules that almost only true pairs meet, to estimate how often two random records match.
DETERMINISTIC_RULES = (
    "l.sn_all = r.sn_all AND l.gn_first = r.gn_first AND l.dob = r.dob",
    "l.sn_all = r.sn_all AND l.dob = r.dob AND l.addr_pcnr = r.addr_pcnr",
)
DETERMINISTIC_RECALL = 0.8
# No agreement level may count as strong evidence against a match just because training data
# never showed it.
M_FLOOR = 0.002
# The share of signals about someone who is in the register: the prior of a link against it.
SHARE_IN_REGISTER = 0.9

Engine = Literal["duckdb", "spark"]
Progress = Callable[[str], None]


# --------------------------------------------------------------------------------------------
# Parameters


@dataclass(frozen=True)
class ModelParameters:
    """m and u per comparison level, by comparison name and level label."""

    levels: dict[str, dict[str, tuple[float, float]]]
    meta: dict[str, Any] = field(default_factory=dict)

    def bayes_factor(self, comparison: str, label: str) -> float:
        m, u = self.levels[comparison][label]
        return m / u

    def to_json(self) -> dict[str, Any]:
        return {
            "version": 1,
            "meta": self.meta,
            "comparisons": {
                name: {label: {"m": m, "u": u} for label, (m, u) in levels.items()}
                for name, levels in self.levels.items()
            },
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "ModelParameters":
        levels = {
            name: {label: (float(v["m"]), float(v["u"])) for label, v in entries.items()}
            for name, entries in data["comparisons"].items()
        }
        return cls(levels=levels, meta=dict(data.get("meta", {})))


# Hand-set starting values, for levels that a training set happens not to show.
STARTING_PARAMETERS = ModelParameters(
    levels={
        "surname": {
            "exact": (0.85, 0.004),
            "part": (0.05, 0.0005),
            "jw92": (0.05, 0.002),
            "phonetic": (0.01, 0.0005),
            "jw80": (0.01, 0.006),
            "else": (0.03, 0.98),
        },
        "given_names": {
            "exact": (0.75, 0.01),
            "jw90": (0.04, 0.003),
            "among": (0.05, 0.01),
            "initials": (0.1, 0.005),
            "initial": (0.03, 0.05),
            "else": (0.03, 0.92),
        },
        "birth_date": {
            "exact": (0.9, 0.0001),
            "swapped": (0.03, 0.00002),
            "one_off": (0.03, 0.0015),
            "two_off": (0.01, 0.015),
            "else": (0.03, 0.98),
        },
        "address": {
            "full": (0.8, 0.0001),
            "postcode_number": (0.02, 0.00002),
            "street_number": (0.01, 0.0001),
            "postcode": (0.01, 0.0003),
            "else": (0.16, 0.9995),
        },
    },
    meta={"source": "hand-set"},
)


def shipped_parameters() -> ModelParameters:
    """The model trained on the synthetic generator, committed with the package."""
    return ModelParameters.from_json(json.loads(DEFAULT_MODEL_PATH.read_text()))


def score_features(
    params: ModelParameters,
    left: Features,
    right: Features,
    *,
    prior: float,
    frequencies: Mapping[str, float] | None = None,
    comparisons: tuple[Comparison, ...] = COMPARISONS,
) -> float:
    """The match probability of one pair, as Splink would compute it with these parameters.

    `frequencies` maps a surname key (`sn_all`) to its share of the records; an exact agreement
    on it then weighs log2(u / share) instead of log2(u), as Splink's term-frequency adjustment.
    """
    log_odds = math.log2(prior / (1 - prior))
    for comparison in comparisons:
        level = comparison.level_of(left, right)
        if level.is_null:
            continue
        log_odds += math.log2(params.bayes_factor(comparison.name, level.label))
        if level.tf_column and frequencies:
            share = frequencies.get(left[level.tf_column]) or frequencies.get(
                right[level.tf_column]
            )
            if share:
                u = params.levels[comparison.name][level.label][1]
                log_odds += math.log2(u) - math.log2(share)
    return 1 / (1 + 2 ** (-log_odds))


def blend_with_labels(
    params: ModelParameters,
    pairs: Iterable[tuple[Features, Features]],
    *,
    weight: float = 200.0,
    comparisons: tuple[Comparison, ...] = COMPARISONS,
) -> ModelParameters:
    """Update m from reviewers' confirmed matches: the old m counts as `weight` pseudo-pairs."""
    counts: dict[str, dict[str, int]] = {c.name: {} for c in comparisons}
    totals = {c.name: 0 for c in comparisons}
    for left, right in pairs:
        for comparison in comparisons:
            level = comparison.level_of(left, right)
            if level.is_null:
                continue
            counts[comparison.name][level.label] = counts[comparison.name].get(level.label, 0) + 1
            totals[comparison.name] += 1
    levels: dict[str, dict[str, tuple[float, float]]] = {}
    for name, entries in params.levels.items():
        total = totals.get(name, 0)
        levels[name] = {
            label: (
                max((m * weight + counts.get(name, {}).get(label, 0)) / (weight + total), 1e-6),
                u,
            )
            for label, (m, u) in entries.items()
        }
    return ModelParameters(levels=levels, meta=dict(params.meta))


# Everything agrees but the first name, and that differs completely: twins, not one person with a
# typing error. Without this rule the model's other evidence (birth date and address, 29 bits)
# outweighs the first name (-5 bits). A person known by a different first name at the same address
# and birth date is missed; that is rarer than twins.
TWIN_RULE: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("given_names", ("else",)),
    ("birth_date", ("exact",)),
    ("address", ("full", "postcode_number")),
)


def is_twin_pattern(
    left: Features, right: Features, comparisons: tuple[Comparison, ...] = COMPARISONS
) -> bool:
    levels = {c.name: c.level_of(left, right).label for c in comparisons}
    return all(levels[name] in labels for name, labels in TWIN_RULE)


def twin_sql(params: ModelParameters) -> str:
    """The twin rule on Splink's output, which keeps each comparison's match weight (mw_*).

    A level is recognised by its weight; the rule is left out (false) when two levels of one
    comparison happen to weigh the same.
    """
    clauses = []
    for name, labels in TWIN_RULE:
        weights = {label: math.log2(m / u) for label, (m, u) in params.levels[name].items()}
        if len({round(w, 6) for w in weights.values()}) < len(weights) or 0.0 in {
            round(weights[label], 6) for label in labels
        }:
            return "false"
        clauses.append(
            "("
            + " OR ".join(f"abs(mw_{name} - ({weights[label]!r})) < 1e-6" for label in labels)
            + ")"
        )
    return " AND ".join(clauses)


# --------------------------------------------------------------------------------------------
# Input tables

_ARROW_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("bsn_pseudonym", pa.string()),
        ("given_names", pa.string()),
        ("prefix", pa.string()),
        ("surname", pa.string()),
        ("birth_date", pa.date32()),
        ("street", pa.string()),
        ("house_number", pa.int32()),
        ("house_number_suffix", pa.string()),
        ("postcode", pa.string()),
    ]
)


def records_to_arrow(records: Sequence[PersonRecord]) -> pa.Table:
    """Records as the Arrow table `features_sql` reads (the BSN only as its pseudonym)."""
    return pa.Table.from_pydict(
        {
            "id": [r.id for r in records],
            "bsn_pseudonym": [r.bsn_pseudonym for r in records],
            "given_names": [r.given_names for r in records],
            "prefix": [r.prefix for r in records],
            "surname": [r.surname for r in records],
            "birth_date": [r.birth_date for r in records],
            "street": [r.street for r in records],
            "house_number": [r.house_number for r in records],
            "house_number_suffix": [r.house_number_suffix for r in records],
            "postcode": [r.postcode for r in records],
        },
        schema=_ARROW_SCHEMA,
    )


def connect(*, threads: int | None = None, memory_limit: str | None = None) -> Any:
    con = duckdb.connect()
    if threads:
        con.execute(f"SET threads TO {int(threads)}")
    if memory_limit:
        con.execute(f"SET memory_limit = '{memory_limit}'")
    con.execute("SET preserve_insertion_order = false")
    return con


def load_features(con: Any, name: str, source: pa.Table | str) -> int:
    """Create table `name` with the features of `source` (an Arrow table or a table name)."""
    raw = f"{name}__raw"
    if isinstance(source, str):
        raw = source
    else:
        con.register(raw, source)
    con.execute(f"CREATE OR REPLACE TABLE {name} AS {features_sql(raw)}")
    if not isinstance(source, str):
        con.unregister(raw)
    return int(con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0])  # noqa: S608


# --------------------------------------------------------------------------------------------
# Splink


def _settings(
    link_type: str,
    prior: float,
    params: ModelParameters | None,
    comparisons: tuple[Comparison, ...],
) -> dict[str, Any]:
    splink_comps = splink_comparisons(comparisons)
    if params is not None:
        for comp in splink_comps:
            for level in comp["comparison_levels"]:
                if level.get("is_null_level"):
                    continue
                m, u = params.levels[comp["output_column_name"]][level["label_for_charts"]]
                level["m_probability"] = m
                level["u_probability"] = u
    return {
        "link_type": link_type,
        "unique_id_column_name": "unique_id",
        "probability_two_random_records_match": prior,
        "blocking_rules_to_generate_predictions": list(BLOCKING_RULES),
        "comparisons": splink_comps,
        "retain_matching_columns": False,
        # Each comparison's match weight (mw_*) is needed for the twin rule.
        "retain_intermediate_calculation_columns": True,
        "additional_columns_to_retain": ["bsn_pseudonym"],
    }


def _db_api(con: Any, engine: Engine, spark: Any = None) -> Any:
    if engine == "spark":
        from splink.internals.spark.database_api import SparkAPI

        return SparkAPI(spark_session=spark)
    from splink.internals.duckdb.database_api import DuckDBAPI

    return DuckDBAPI(connection=con)


def _comparisons_for(engine: Engine) -> tuple[Comparison, ...]:
    if engine == "spark":
        from eenplan.linkage.comparisons import build_comparisons

        return build_comparisons(jw="jaro_winkler")
    return COMPARISONS


def _extract(
    model: dict[str, Any], fallback: ModelParameters | None
) -> dict[str, dict[str, tuple[float, float]]]:
    levels: dict[str, dict[str, tuple[float, float]]] = {}
    for comp in model["comparisons"]:
        name = comp["output_column_name"]
        levels[name] = {}
        for level in comp["comparison_levels"]:
            if level.get("is_null_level"):
                continue
            label = level["label_for_charts"]
            old = fallback.levels[name][label] if fallback else (0.5, 0.5)
            m = level.get("m_probability")
            u = level.get("u_probability")
            m = old[0] if m is None or not math.isfinite(m) or m <= 0 else m
            u = old[1] if u is None or not math.isfinite(u) or u <= 0 else u
            # Agreement on a level is never taken as strong evidence against a match just
            # because the training data never showed it (a house number typo, say).
            floor = 1e-6 if label == "else" else M_FLOOR
            levels[name][label] = (float(max(m, floor)), float(max(u, 1e-9)))
    return levels


@dataclass
class TrainingOptions:
    u_max_pairs: float = 5e6
    em_max_pairs: float = 2e6
    seed: int | None = 42
    estimate_m: bool = True


def train(
    con: Any,
    tables: Sequence[str],
    *,
    base: ModelParameters | None = None,
    options: TrainingOptions | None = None,
    progress: Progress | None = None,
) -> ModelParameters:
    """Train on feature tables (one: dedupe, two: link). Without `estimate_m` only u is learnt."""
    from splink import Linker

    options = options or TrainingOptions()
    base = base or STARTING_PARAMETERS
    link_type = "dedupe_only" if len(tables) == 1 else "link_only"
    db_api = _db_api(con, "duckdb")
    inputs = [db_api.register(t, dataset_display_name=t) for t in tables]
    linker = Linker(
        inputs if len(inputs) > 1 else inputs[0],
        _settings(link_type, 1e-4, base, COMPARISONS),
        log_level=logging.WARNING,
    )
    if progress:
        progress("u")
    linker.training.estimate_u_using_random_sampling(
        max_pairs=options.u_max_pairs, seed=options.seed
    )
    if options.estimate_m:
        linker.training.estimate_probability_two_random_records_match(
            list(DETERMINISTIC_RULES), recall=DETERMINISTIC_RECALL
        )
        for block in TRAINING_BLOCKS:
            if progress:
                progress("m")
            linker.training.estimate_parameters_using_expectation_maximisation(
                block, max_pairs=options.em_max_pairs
            )
    model = linker.misc.save_model_to_json()
    meta = {"link_type": link_type, "trained_at": time.strftime("%Y-%m-%dT%H:%M:%S")}
    return ModelParameters(levels=_extract(model, base), meta=meta)


def estimate_prior(con: Any, tables: Sequence[str]) -> float:
    """How likely two random records match, from rules that almost only true pairs meet."""
    left, right = tables[0], tables[-1]
    n_left = int(con.execute(f"SELECT count(*) FROM {left}").fetchall()[0][0])  # noqa: S608
    n_right = int(con.execute(f"SELECT count(*) FROM {right}").fetchall()[0][0])  # noqa: S608
    dedupe = len(tables) == 1
    total = n_left * (n_left - 1) / 2 if dedupe else n_left * n_right
    if total <= 0:
        return 1e-4
    order = " AND l.unique_id < r.unique_id" if dedupe else ""
    found = max(
        int(
            con.execute(
                f"SELECT count(*) FROM {left} l JOIN {right} r ON {rule}{order}"  # noqa: S608
            ).fetchall()[0][0]
        )
        for rule in DETERMINISTIC_RULES
    )
    prior = (found / DETERMINISTIC_RECALL) / total
    return float(min(max(prior, 0.1 / total), 0.5))


@dataclass
class LinkResult:
    table: str
    pairs: int
    seconds: dict[str, float]


def link_tables(
    con: Any,
    left: str,
    right: str | None,
    params: ModelParameters,
    *,
    threshold: float,
    prior: float,
    output: str = "koppelingen",
    keep: int = 1,
    engine: Engine = "duckdb",
    spark: Any = None,
    progress: Progress | None = None,
) -> LinkResult:
    """Link feature table `left` to `right` (or dedupe `left` when `right` is None).

    Leaves table `output` (links_id, rechts_id, kans, bsn) in DuckDB; in link mode with at most
    `keep` right records per left record, best first.
    """
    from splink import Linker

    seconds: dict[str, float] = {}
    started = time.perf_counter()
    dedupe = right is None
    # 1. BSN: certain links, and the left records they settle leave the probabilistic part.
    if dedupe:
        con.execute(
            f"""CREATE OR REPLACE TABLE {output}__bsn AS
            SELECT l.unique_id AS links_id, r.unique_id AS rechts_id, 1.0::DOUBLE AS kans,
                   true AS bsn
            FROM {left} l JOIN {left} r
              ON l.bsn_pseudonym = r.bsn_pseudonym AND l.unique_id < r.unique_id"""  # noqa: S608
        )
        rest_left = left
    else:
        con.execute(
            f"""CREATE OR REPLACE TABLE {output}__bsn AS
            SELECT l.unique_id AS links_id, min(r.unique_id) AS rechts_id, 1.0::DOUBLE AS kans,
                   true AS bsn
            FROM {left} l JOIN {right} r ON l.bsn_pseudonym = r.bsn_pseudonym
            GROUP BY l.unique_id"""  # noqa: S608
        )
        rest_left = f"{left}__rest"
        con.execute(
            f"""CREATE OR REPLACE TABLE {rest_left} AS SELECT * FROM {left}
            WHERE unique_id NOT IN (SELECT links_id FROM {output}__bsn)"""  # noqa: S608
        )
    seconds["bsn"] = time.perf_counter() - started

    # 2. Splink scores the blocked pairs.
    if progress:
        progress("predict")
    started = time.perf_counter()
    comparisons = _comparisons_for(engine)
    if engine == "spark":
        from eenplan.linkage.spark import to_spark

        names = [rest_left] if dedupe else [rest_left, str(right)]
        db_api = _db_api(con, engine, spark)
        inputs = [
            db_api.register(to_spark(con, spark, n), dataset_display_name=d)
            for n, d in zip(names, ["links", "rechts"], strict=False)
        ]
    else:
        db_api = _db_api(con, engine)
        inputs = [db_api.register(rest_left, dataset_display_name="links")]
        if not dedupe:
            inputs.append(db_api.register(str(right), dataset_display_name="rechts"))
    linker = Linker(
        inputs if len(inputs) > 1 else inputs[0],
        _settings("dedupe_only" if dedupe else "link_only", prior, params, comparisons),
        log_level=logging.WARNING,
    )
    # Pairs far below the threshold are dropped early: they are never a link.
    predictions = linker.inference.predict(threshold_match_probability=min(threshold, 0.5) / 10)
    if engine == "spark":
        arrow = predictions.as_spark_dataframe().toArrow()
        con.register(f"{output}__pred_src", arrow)
        con.execute(f"CREATE OR REPLACE TABLE {output}__pred AS SELECT * FROM {output}__pred_src")  # noqa: S608
        pred_table = f"{output}__pred"
    else:
        pred_table = predictions.physical_name
    seconds["predict"] = time.perf_counter() - started

    # 3. Keep what is above the threshold; in link mode only each left record's best right one.
    started = time.perf_counter()
    # Never the same person: two different BSNs, or twins.
    different_bsn = (
        "bsn_pseudonym_l IS NOT NULL AND bsn_pseudonym_r IS NOT NULL"
        " AND bsn_pseudonym_l <> bsn_pseudonym_r"
    )
    never_same = f"({different_bsn}) OR ({twin_sql(params)})"
    if dedupe:
        con.execute(
            f"""CREATE OR REPLACE TABLE {output} AS
            SELECT links_id, rechts_id, max(kans) AS kans, bool_or(bsn) AS bsn FROM (
                SELECT least(unique_id_l, unique_id_r) AS links_id,
                       greatest(unique_id_l, unique_id_r) AS rechts_id,
                       match_probability AS kans, false AS bsn
                FROM {pred_table}
                WHERE match_probability >= {threshold} AND NOT ({never_same})
                UNION ALL SELECT * FROM {output}__bsn
            ) GROUP BY links_id, rechts_id"""  # noqa: S608
        )
    else:
        con.execute(
            f"""CREATE OR REPLACE TABLE {output} AS
            WITH oriented AS (
                SELECT
                    CASE WHEN source_dataset_l = 'links' THEN unique_id_l ELSE unique_id_r END
                        AS links_id,
                    CASE WHEN source_dataset_l = 'links' THEN unique_id_r ELSE unique_id_l END
                        AS rechts_id,
                    match_probability AS kans,
                    false AS bsn
                FROM {pred_table}
                WHERE match_probability >= {threshold} AND NOT ({never_same})
            ),
            best AS (
                SELECT * FROM oriented
                QUALIFY row_number() OVER (PARTITION BY links_id ORDER BY kans DESC, rechts_id)
                    <= {int(keep)}
            )
            SELECT * FROM best UNION ALL SELECT * FROM {output}__bsn"""  # noqa: S608
        )
    pairs = int(con.execute(f"SELECT count(*) FROM {output}").fetchall()[0][0])  # noqa: S608
    seconds["select"] = time.perf_counter() - started
    return LinkResult(table=output, pairs=pairs, seconds=seconds)

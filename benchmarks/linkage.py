"""Record-linkage benchmark: a million signals against a million residents, and one at a time.

    .venv/bin/python benchmarks/linkage.py                       # batch only (DuckDB)
    scripts/with-postgres .venv/bin/python benchmarks/linkage.py # batch and single on PostgreSQL

(`make bench-linkage` runs the second.) Steps:

1. Data: the seeded synthetic generator (`eenplan.linkage.synthetic`) writes the register, the
   signals (without BSN) and the ground truth as Parquet under `bench-results/linkage-data/`,
   once per size and seed.
2. Batch: a fresh process reads the two Parquet files into DuckDB, computes the features, and
   links with the model shipped in the package, as `link_people_batch` does. It reports its wall
   time per stage and its peak memory (the process's maximum resident set, DuckDB included).
   Pairwise precision, recall and F1 are computed against the ground truth.
3. Single (only with DATABASE_URL, a PostgreSQL database): migrate, COPY the register into
   `households_resident`, store the shipped model as the current one, then time `link_person` for
   `--single` signals one after the other and report the median, the 95th percentile and the
   number of queries per call.

Results go to `bench-results/linkage.json`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench-results"
TARGETS = {
    "wall_seconds": 45.0,
    "peak_memory_gb": 3.0,
    "precision": 0.995,
    "f1": 0.99,
    "single_p95_ms": 100.0,
}


def log(message: str) -> None:
    # stderr: the workers' stdout carries their JSON result.
    print(f"[bench-linkage {datetime.now(UTC):%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def setup_django(settings_module: str = "eenplan.settings.test") -> None:
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    import django

    django.setup()


# --------------------------------------------------------------------------------------------
# 1. Data


def data_dir(residents: int, signals: int, seed: int) -> Path:
    return RESULTS / "linkage-data" / f"r{residents}-s{signals}-seed{seed}"


def ensure_data(residents: int, signals: int, seed: int) -> Path:
    folder = data_dir(residents, signals, seed)
    if (folder / "truth.parquet").exists():
        log(f"data: reusing {folder.relative_to(ROOT)}")
        return folder
    setup_django()
    import pyarrow as pa
    import pyarrow.parquet as pq

    from eenplan.linkage import engine, synthetic

    log(f"data: generating {residents:,} residents and {signals:,} signals (seed {seed})")
    started = time.perf_counter()
    dataset = synthetic.generate(residents, signals, seed=seed)
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(engine.records_to_arrow(dataset.register), folder / "register.parquet")
    pq.write_table(engine.records_to_arrow(dataset.signals), folder / "signals.parquet")
    pq.write_table(
        pa.table(
            {
                "signal_id": list(dataset.truth.keys()),
                "resident_id": list(dataset.truth.values()),
            }
        ),
        folder / "truth.parquet",
    )
    log(f"data: written in {time.perf_counter() - started:.0f} s")
    return folder


# --------------------------------------------------------------------------------------------
# 2. Batch


def batch_worker(folder: Path, threshold: float, threads: int, memory_limit: str) -> None:
    """Runs in its own process, so that its peak memory is the linking's alone."""
    started = time.perf_counter()
    setup_django()
    from eenplan.linkage import engine

    stages: dict[str, float] = {}
    mark = time.perf_counter()
    con = engine.connect(threads=threads, memory_limit=memory_limit)
    for table, name in (("rechts", "register"), ("links", "signals")):
        path = str(folder / f"{name}.parquet").replace("'", "''")
        con.execute(f"CREATE TABLE {table}__raw AS SELECT * FROM read_parquet('{path}')")
        engine.load_features(con, table, f"{table}__raw")
        con.execute(f"DROP TABLE {table}__raw")
    stages["read_and_features"] = time.perf_counter() - mark
    residents = int(con.execute("SELECT count(*) FROM rechts").fetchall()[0][0])
    mark = time.perf_counter()
    result = engine.link_tables(
        con,
        "links",
        "rechts",
        engine.shipped_parameters(),
        threshold=threshold,
        prior=engine.SHARE_IN_REGISTER / residents,
    )
    stages.update({f"link_{k}": v for k, v in result.seconds.items()})
    mark = time.perf_counter()
    out = str(folder / "predicted.parquet").replace("'", "''")
    con.execute(f"COPY (SELECT links_id, rechts_id, kans FROM koppelingen) TO '{out}'")
    stages["write"] = time.perf_counter() - mark
    con.close()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "wall_seconds": time.perf_counter() - started,
                "stages": stages,
                "pairs": result.pairs,
                "peak_memory_gb": peak_kb / 1024 / 1024,
            }
        )
    )


def run_batch(folder: Path, threshold: float, threads: int, memory_limit: str) -> dict[str, Any]:
    log("batch: linking in a fresh process")
    started = time.perf_counter()
    output = subprocess.run(
        [
            sys.executable,
            __file__,
            "--batch-worker",
            str(folder),
            "--threshold",
            str(threshold),
            "--threads",
            str(threads),
            "--memory-limit",
            memory_limit,
        ],
        check=True,
        text=True,
        stdout=subprocess.PIPE,
    ).stdout
    report: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    report["process_wall_seconds"] = time.perf_counter() - started
    report.update(quality(folder))
    return report


def quality(folder: Path) -> dict[str, float]:
    import duckdb

    con = duckdb.connect()
    predicted = str(folder / "predicted.parquet").replace("'", "''")
    truth = str(folder / "truth.parquet").replace("'", "''")
    hits, predicted_count, true_count = con.execute(
        f"""SELECT
            (SELECT count(*) FROM read_parquet('{predicted}') p
             JOIN read_parquet('{truth}') t
               ON p.links_id = t.signal_id AND p.rechts_id = t.resident_id),
            (SELECT count(*) FROM read_parquet('{predicted}')),
            (SELECT count(*) FROM read_parquet('{truth}') WHERE resident_id IS NOT NULL)"""
    ).fetchall()[0]
    con.close()
    precision = hits / predicted_count if predicted_count else 1.0
    recall = hits / true_count if true_count else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "true_pairs": true_count,
        "predicted_pairs": predicted_count,
    }


# --------------------------------------------------------------------------------------------
# 3. Single signals on PostgreSQL


def single_worker(folder: Path, count: int, seed: int) -> None:
    setup_django("eenplan.settings.base")
    import random
    import uuid

    import pyarrow.parquet as pq
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from eenplan.households.normalise import search_name
    from eenplan.linkage import engine
    from eenplan.linkage.realtime import link_person
    from eenplan.linkage.records import PersonRecord
    from eenplan.linkage.services import linkage_model_store

    call_command("migrate", verbosity=0)
    register = pq.read_table(folder / "register.parquet").to_pylist()
    log(f"single: COPY {len(register):,} residents into PostgreSQL")
    started = time.perf_counter()
    now = timezone.now()
    uuids = [uuid.uuid4() for _ in register]
    columns = (
        "uuid, given_names, surname_prefix, surname, birth_date, bsn_encrypted, bsn_pseudonym, "
        "phone, email, prefers_plain_language, search_name, postcode, house_number, "
        "house_number_suffix, street, city, created_at, updated_at"
    )
    with connection.cursor() as cursor:
        with cursor.connection.cursor().copy(
            f"COPY households_resident ({columns}) FROM STDIN"
        ) as copy:
            for row, row_uuid in zip(register, uuids, strict=True):
                copy.write_row(
                    (
                        row_uuid,
                        row["given_names"],
                        row["prefix"],
                        row["surname"],
                        row["birth_date"],
                        "",
                        row["bsn_pseudonym"] or None,
                        "",
                        "",
                        True,
                        search_name(row["given_names"], row["prefix"], row["surname"]),
                        row["postcode"],
                        row["house_number"],
                        row["house_number_suffix"],
                        row["street"],
                        "",
                        now,
                        now,
                    )
                )
        # What autovacuum does on a live database: statistics and the visibility map, so that
        # counting by an index need not visit the table.
        cursor.execute("VACUUM ANALYZE households_resident")
        cursor.execute("SELECT id, uuid FROM households_resident")
        by_uuid = {u: row["id"] for u, row in zip(uuids, register, strict=True)}
        record_of_pk = {pk: by_uuid[u] for pk, u in cursor.fetchall()}
    del by_uuid
    truth = {
        t["signal_id"]: t["resident_id"]
        for t in pq.read_table(folder / "truth.parquet").to_pylist()
    }
    log(f"single: loaded in {time.perf_counter() - started:.0f} s")
    linkage_model_store(
        parameters=engine.shipped_parameters().to_json(), record_count=len(register)
    )
    signals = pq.read_table(folder / "signals.parquet").to_pylist()
    rng = random.Random(seed)
    sample = rng.sample(signals, min(count, len(signals)))
    records = [
        PersonRecord(
            id=row["id"],
            given_names=row["given_names"],
            prefix=row["prefix"],
            surname=row["surname"],
            birth_date=row["birth_date"],
            street=row["street"],
            house_number=row["house_number"],
            house_number_suffix=row["house_number_suffix"],
            postcode=row["postcode"],
        )
        for row in sample
    ]
    for record in records[:20]:  # warm-up: connection, model cache, PostgreSQL buffers
        link_person(record)
    timings: list[float] = []
    queries: list[int] = []
    decisions: dict[str, int] = {}
    linked = correct = 0
    for record in records:
        with CaptureQueriesContext(connection) as captured:
            mark = time.perf_counter()
            outcome = link_person(record)
            timings.append((time.perf_counter() - mark) * 1000)
        queries.append(len(captured.captured_queries))
        decisions[outcome.decision] = decisions.get(outcome.decision, 0) + 1
        if outcome.decision == "link":
            linked += 1
            correct += record_of_pk.get(outcome.resident_id) == truth.get(record.id)
    in_register = sum(1 for r in records if truth.get(r.id) is not None)
    timings.sort()
    print(
        json.dumps(
            {
                "signals": len(records),
                "register": len(register),
                "p50_ms": statistics.median(timings),
                "p95_ms": timings[int(len(timings) * 0.95) - 1],
                "max_ms": timings[-1],
                "queries_max": max(queries),
                "decisions": decisions,
                "link_precision": correct / linked if linked else 1.0,
                "link_recall": correct / in_register if in_register else 1.0,
            }
        )
    )


def run_single(folder: Path, count: int, seed: int) -> dict[str, Any]:
    output = subprocess.run(
        [sys.executable, __file__, "--single-worker", str(folder), "--single", str(count)],
        check=True,
        text=True,
        stdout=subprocess.PIPE,
    ).stdout
    result: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    return result


# --------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--residents", type=int, default=1_000_000)
    parser.add_argument("--signals", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threshold", type=float, default=0.8, help="as EENPLAN_LINK_THRESHOLD")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--memory-limit", default="2.5GB")
    parser.add_argument("--single", type=int, default=1000, help="signals to time one at a time")
    parser.add_argument("--skip-batch", action="store_true")
    parser.add_argument("--batch-worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--single-worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.batch_worker:
        batch_worker(args.batch_worker, args.threshold, args.threads, args.memory_limit)
        return
    if args.single_worker:
        single_worker(args.single_worker, args.single, args.seed)
        return

    folder = ensure_data(args.residents, args.signals, args.seed)
    report: dict[str, Any] = {
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "residents": args.residents,
        "signals": args.signals,
        "seed": args.seed,
        "threshold": args.threshold,
        "targets": TARGETS,
    }
    if not args.skip_batch:
        report["batch"] = run_batch(folder, args.threshold, args.threads, args.memory_limit)
        batch = report["batch"]
        log(
            f"batch: {batch['wall_seconds']:.1f} s wall, peak {batch['peak_memory_gb']:.2f} GB, "
            f"precision {batch['precision']:.4f}, recall {batch['recall']:.4f}, "
            f"F1 {batch['f1']:.4f}"
        )
    if os.environ.get("DATABASE_URL", "").startswith("postgres") and args.single:
        report["single"] = run_single(folder, args.single, args.seed)
        single = report["single"]
        log(
            f"single: p50 {single['p50_ms']:.1f} ms, p95 {single['p95_ms']:.1f} ms, "
            f"at most {single['queries_max']} queries per signal"
        )
    else:
        log("single: skipped (no PostgreSQL in DATABASE_URL; use scripts/with-postgres)")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "linkage.json").write_text(json.dumps(report, indent=2) + "\n")
    log(f"results in {(RESULTS / 'linkage.json').relative_to(ROOT)}")


if __name__ == "__main__":
    main()

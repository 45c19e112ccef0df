"""Both engines give the same links. Runs with `make test-spark`; skipped without pyspark."""

import logging

import pytest

from eenplan.linkage import engine, synthetic

pytestmark = pytest.mark.spark


def links(con, *, which: str, spark=None) -> set[tuple[str, str]]:
    result = engine.link_tables(
        con,
        "links",
        "rechts",
        engine.shipped_parameters(),
        threshold=0.8,
        prior=engine.SHARE_IN_REGISTER / 500,
        output=f"koppelingen_{which}",
        engine=which,  # type: ignore[arg-type]
        spark=spark,
    )
    rows = con.execute(f"SELECT links_id, rechts_id, kans FROM {result.table}").fetchall()
    return {(a, b, round(k, 6)) for a, b, k in rows}


def test_duckdb_and_spark_give_the_same_links():
    pytest.importorskip("pyspark")
    from eenplan.linkage.spark import spark_session

    dataset = synthetic.generate(500, 400, seed=17)
    con = engine.connect()
    engine.load_features(con, "links", engine.records_to_arrow(dataset.signals))
    engine.load_features(con, "rechts", engine.records_to_arrow(dataset.register))
    duckdb_links = links(con, which="duckdb")
    spark = spark_session("local[2]")
    try:
        spark_links = links(con, which="spark", spark=spark)
    finally:
        spark.stop()
        # py4j says goodbye at interpreter exit, when pytest has closed the log stream already.
        logging.getLogger("py4j").setLevel(logging.WARNING)
    assert len(duckdb_links) > 300
    assert {(a, b) for a, b, _ in spark_links} == {(a, b) for a, b, _ in duckdb_links}
    by_pair = {(a, b): k for a, b, k in duckdb_links}
    for a, b, k in spark_links:
        assert k == pytest.approx(by_pair[(a, b)], abs=1e-4)

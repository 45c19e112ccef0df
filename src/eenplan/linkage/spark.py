"""The Spark engine: the same Splink model on a Spark cluster, for lists too big for one machine.

pyspark is an optional extra (`requirements/spark.in`); nothing else imports this module. Features
are still computed in DuckDB (the same SQL as the DuckDB engine), then handed to Spark as Arrow.
"""

import atexit
import shutil
import tempfile
from typing import Any


def spark_session(master: str, checkpoint_dir: str | None = None) -> Any:
    """A Spark session with Splink's jar of similarity functions (Jaro-Winkler and friends).

    Splink checkpoints intermediate tables to cut Spark's lineage; on a cluster `checkpoint_dir`
    must be storage every worker reaches (HDFS, S3), locally a temporary folder will do.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError as error:  # pragma: no cover - depends on the optional extra
        raise RuntimeError(
            "pyspark is not installed: pip install -r requirements/spark.txt"
        ) from error
    from splink.backends.spark import similarity_jar_location

    session = (
        SparkSession.builder.master(master)
        .appName("eenplan-koppel")
        .config("spark.jars", similarity_jar_location())
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    if checkpoint_dir is None:
        checkpoint_dir = tempfile.mkdtemp(prefix="eenplan-spark-")
        # A local temporary folder is ours to remove when the process ends.
        atexit.register(shutil.rmtree, checkpoint_dir, ignore_errors=True)
    session.sparkContext.setCheckpointDir(checkpoint_dir)
    return session


def to_spark(con: Any, spark: Any, table: str) -> Any:
    """A DuckDB table as a Spark DataFrame, through Arrow."""
    arrow = con.sql(f"SELECT * FROM {table}").to_arrow_table()  # noqa: S608 (internal table name)
    return spark.createDataFrame(arrow)

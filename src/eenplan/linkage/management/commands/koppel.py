"""`eenplan koppel`: find the same people in two lists, or twice in one list."""

import sys
import time
from pathlib import Path
from typing import Any, cast

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from tqdm import tqdm

from eenplan.linkage import engine
from eenplan.linkage.csvfiles import ReadResult, count_lines, read_people
from eenplan.linkage.selectors import linkage_model_current

# Below this many records training says little; the current model is used as it is.
MIN_RECORDS_TO_TRAIN = 1000


class Command(BaseCommand):
    # Lazy, so `eenplan help` shows it in the active language.
    help = cast(
        str,
        gettext_lazy(
            "Link two person lists (LINKS.csv RECHTS.csv), or find duplicates in one (--ontdubbel). "
            "Writes links_id,rechts_id,kans."
        ),
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "files", nargs="+", metavar="BESTAND", help=_("one or two CSV files with person lists")
        )
        parser.add_argument(
            "--uit", required=True, metavar="UITVOER.csv", help=_("where to write the links")
        )
        parser.add_argument(
            "--ontdubbel",
            action="store_true",
            help=_("find pairs of records about the same person within one file"),
        )
        parser.add_argument(
            "--drempel",
            type=float,
            default=None,
            metavar="KANS",
            help=_("lowest match probability (0-1) to write; default EENPLAN_LINK_THRESHOLD"),
        )
        parser.add_argument(
            "--engine",
            choices=["duckdb", "spark"],
            default="duckdb",
            help=_("duckdb on this machine (default) or spark on a cluster"),
        )
        parser.add_argument(
            "--spark-master",
            default="local[2]",
            help=_("the Spark master URL, e.g. spark://host:7077 (with --engine spark)"),
        )
        parser.add_argument(
            "--trainen",
            action="store_true",
            help=_("also learn the m probabilities from these files (expectation maximisation)"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        files = [Path(f) for f in options["files"]]
        dedupe = options["ontdubbel"]
        if dedupe and len(files) != 1:
            raise CommandError(_("--ontdubbel takes exactly one file."))
        if not dedupe and len(files) != 2:
            raise CommandError(_("Give two files to link, or one file with --ontdubbel."))
        for path in files:
            if not path.is_file():
                raise CommandError(_("File not found: %(file)s") % {"file": path})
        threshold = options["drempel"]
        if threshold is None:
            threshold = float(settings.EENPLAN_LINK_THRESHOLD)
        if not 0 < threshold <= 1:
            raise CommandError(_("--drempel must be a probability above 0 and at most 1."))
        quiet = options["verbosity"] < 1
        started = time.perf_counter()

        con = engine.connect(memory_limit=settings.EENPLAN_LINK_MEMORY_LIMIT)
        tables = []
        record_count = 0
        for path, table in zip(files, ["links", "rechts"], strict=False):
            read = self._read(path, quiet=quiet)
            if not read.records:
                raise CommandError(_("%(file)s has no usable rows.") % {"file": path.name})
            record_count += engine.load_features(con, table, engine.records_to_arrow(read.records))
            tables.append(table)

        model = linkage_model_current()
        params = model.parameters
        if record_count >= MIN_RECORDS_TO_TRAIN:
            self._say(_("Learning from the files..."), quiet)
            params = engine.train(
                con,
                tables,
                base=params,
                options=engine.TrainingOptions(estimate_m=options["trainen"]),
            )
        prior = engine.estimate_prior(con, tables)

        spark = None
        if options["engine"] == "spark":
            from eenplan.linkage.spark import spark_session

            spark = spark_session(options["spark_master"])
        self._say(_("Comparing records..."), quiet)
        try:
            result = engine.link_tables(
                con,
                "links",
                None if dedupe else "rechts",
                params,
                threshold=threshold,
                prior=prior,
                engine=options["engine"],
                spark=spark,
            )
        finally:
            if spark is not None:
                spark.stop()
        out = Path(options["uit"])
        escaped = str(out).replace("'", "''")
        con.execute(
            f"""COPY (SELECT links_id, rechts_id, round(kans, 6) AS kans FROM {result.table}
                ORDER BY links_id, rechts_id) TO '{escaped}' (HEADER, DELIMITER ',')"""  # noqa: S608
        )
        con.close()
        self._say(
            _("%(pairs)d links written to %(file)s in %(seconds).1f s.")
            % {"pairs": result.pairs, "file": out, "seconds": time.perf_counter() - started},
            quiet,
        )

    def _read(self, path: Path, *, quiet: bool) -> ReadResult:
        with tqdm(
            total=count_lines(path),
            desc=path.name,
            unit=_("rows"),
            disable=quiet,
            file=sys.stderr,
            mininterval=0.5,
        ) as bar:
            result = read_people(path, tick=lambda: bar.update(1))
        for warning in result.warnings:
            self.stderr.write(
                _("Warning: %(file)s %(warning)s; treated as missing.")
                % {"file": path.name, "warning": warning}
            )
        for error in result.errors:
            self.stderr.write(_("Error: %(file)s %(error)s") % {"file": path.name, "error": error})
        return result

    def _say(self, message: str, quiet: bool) -> None:
        if not quiet:
            self.stderr.write(message)

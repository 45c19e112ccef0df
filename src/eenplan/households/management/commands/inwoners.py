"""`eenplan inwoners import FILE`: import an extract of the population register.

See `eenplan.households.register_import` for the columns, and how a person already known is
recognised (so the same file twice creates nothing new).
"""

from __future__ import annotations

import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from tqdm import tqdm

from eenplan.households.register_import import RegisterFileError, read_csv, register_import


class Command(BaseCommand):
    help = "Import residents and households from a population-register extract (CSV)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        importer = actions.add_parser(
            "import",
            help="Import a CSV with the columns id, bsn, voornamen, voorvoegsel, achternaam, "
            "geboortedatum, straat, huisnummer, toevoeging, postcode, woonplaats, huishouden.",
        )
        importer.add_argument("file", metavar="FILE", help="The CSV file (; or , separated).")
        importer.add_argument(
            "--geen-voortgang",
            dest="quiet",
            action="store_true",
            help="No progress bar.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["file"]
        started = time.monotonic()
        try:
            rows = read_csv(path)
        except OSError as exc:
            raise CommandError(
                _("Cannot open %(file)s: %(error)s") % {"file": path, "error": exc.strerror}
            ) from exc
        except RegisterFileError as exc:
            raise CommandError(str(exc)) from exc
        with tqdm(
            total=len(rows.rows),
            unit=_("rows"),
            file=sys.stderr,
            disable=options["quiet"] or None,
            dynamic_ncols=True,
        ) as bar:
            try:
                report = register_import(source=rows, progress=bar.update)
            except RegisterFileError as exc:
                raise CommandError(str(exc)) from exc
        for problem in report.problems:
            self.stderr.write(str(problem))
        self.stdout.write(
            _(
                "%(rows)d rows in %(seconds).1f s: %(created)d new residents in "
                "%(households)d new households, %(existing)d already known, %(bad)d bad rows."
            )
            % {
                "rows": report.rows,
                "seconds": time.monotonic() - started,
                "created": report.created,
                "households": report.households_created,
                "existing": report.existing,
                "bad": report.bad,
            }
        )
        if report.rows and report.bad == report.rows:
            raise CommandError(_("No row of the file could be read."), returncode=1)

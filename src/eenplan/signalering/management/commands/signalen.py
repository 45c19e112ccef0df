"""`eenplan signalen import FILE --bron ORGANISATIE`: import a creditor's early-signalling file.

The columns and the rules are in `eenplan.signalering.file_import`. Every bad row is reported on
stderr with its line number; the summary goes to stdout. The exit code is 1 only when nothing
could be read: the file cannot be opened, lacks columns, or every row in it is bad.
"""

from __future__ import annotations

import sys
import uuid
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from tqdm import tqdm

from eenplan.organisations.models import Organisation
from eenplan.signalering.file_import import (
    CreditorFileError,
    creditor_file_import,
    read_creditor_file,
)


def organisation_named(name_or_uuid: str) -> Organisation:
    """The organisation with this uuid, or else with exactly this name (case does not matter)."""
    text = name_or_uuid.strip()
    try:
        found = Organisation.objects.filter(uuid=uuid.UUID(text)).first()
    except ValueError:
        found = None
    if found is not None:
        return found
    matches = list(Organisation.objects.filter(name__iexact=text)[:2])
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise CommandError(
            _("More than one organisation is called %(name)s; give its uuid.") % {"name": text}
        )
    raise CommandError(_("No organisation is called %(name)s.") % {"name": text})


class Command(BaseCommand):
    help = "Import signals from a creditor's early-signalling file (CSV)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        importer = actions.add_parser(
            "import", help="Import a creditor file; the same file again creates nothing new."
        )
        importer.add_argument("file", metavar="FILE", help="The CSV file (; or , separated).")
        importer.add_argument(
            "--bron",
            required=True,
            metavar="ORGANISATIE",
            help="The organisation that delivers the file: its name or uuid.",
        )
        importer.add_argument(
            "--geen-voortgang", dest="quiet", action="store_true", help="No progress bar."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source = organisation_named(options["bron"])
        path = options["file"]
        try:
            rows = read_creditor_file(path)
        except OSError as exc:
            raise CommandError(
                _("Cannot open %(file)s: %(error)s") % {"file": path, "error": exc.strerror}
            ) from exc
        except CreditorFileError as exc:
            raise CommandError(str(exc)) from exc
        with tqdm(
            total=len(rows.rows),
            unit=_("rows"),
            file=sys.stderr,
            disable=options["quiet"] or None,
            dynamic_ncols=True,
        ) as bar:
            report = creditor_file_import(
                source=rows, source_organisation=source, progress=bar.update
            )
        for warning in report.warnings:
            self.stderr.write(warning)
        for problem in report.problems:
            self.stderr.write(str(problem))
        self.stdout.write(
            _(
                "%(rows)d rows from %(source)s: %(created)d new signals (%(linked)d linked to a "
                "household), %(existing)d already received, %(bad)d bad rows."
            )
            % {
                "rows": report.rows,
                "source": source.name,
                "created": report.created,
                "linked": report.linked,
                "existing": report.existing,
                "bad": report.bad_lines,
            }
        )
        if report.rows and report.bad_lines == report.rows:
            raise CommandError(_("No row of the file could be read."), returncode=1)

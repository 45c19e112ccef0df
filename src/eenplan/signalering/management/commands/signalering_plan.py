"""`eenplan signalering-plan`: make sure the nightly signal work (retention, turning 18) is queued.

Safe to run at every start: when a run is already waiting, it adds nothing. `--nu` also runs the
work once right away in this process, without a worker.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.signalering.tasks import daily_schedule, signalering_daily_run


class Command(BaseCommand):
    help = "Queue the daily signal task (retention and the turning-18 scan) unless it is queued."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--nu",
            action="store_true",
            help="Also run the daily work now, in this process.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["nu"]:
            now = timezone.now()
            result = signalering_daily_run(today=timezone.localdate(now), now=now)
            self.stdout.write(
                _("Signals hidden: %(hidden)d. Turning-18 tasks: %(turning)d.")
                % {"hidden": result["hidden"], "turning": result["turning_eighteen"]}
            )
        if daily_schedule():
            self.stdout.write(_("The daily signal task is queued."))
        else:
            self.stdout.write(_("The daily signal task was already queued."))

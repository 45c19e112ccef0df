"""`eenplan herinneringen-plan`: make sure the daily reminder run is queued.

Safe to run at every start: when a run is already waiting, it adds nothing. `--nu` also runs the
work once right away in this process, without a worker.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.reminders.tasks import daily_schedule, reminders_daily_run


class Command(BaseCommand):
    help = "Queue the daily reminder task (overdue actions, meetings, important days)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--nu",
            action="store_true",
            help="Also run the daily work now, in this process.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["nu"]:
            now = timezone.now()
            result = reminders_daily_run(today=timezone.localdate(now), now=now)
            self.stdout.write(
                _("Reminders created: %(created)d. E-mails sent: %(emailed)d.")
                % {"created": result["created"], "emailed": result["emailed"]}
            )
        if daily_schedule():
            self.stdout.write(_("The daily reminder task is queued."))
        else:
            self.stdout.write(_("The daily reminder task was already queued."))

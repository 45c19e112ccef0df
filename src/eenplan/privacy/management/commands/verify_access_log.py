"""`eenplan verify-access-log`: check the access log's hash chain; exit code 1 on any break."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from eenplan.privacy.verification import verify_access_log


class Command(BaseCommand):
    help = "Check that no access-log entry was changed, inserted or deleted."

    def handle(self, *args: Any, **options: Any) -> None:
        result = verify_access_log()
        if result.ok:
            self.stdout.write(self.style.SUCCESS(f"OK: {result.checked} entries"))
            return
        for problem in result.problems:
            self.stderr.write(str(problem))
        raise CommandError(
            _("%(count)d problem(s) in %(checked)d entries")
            % {"count": len(result.problems), "checked": result.checked},
            returncode=1,
        )

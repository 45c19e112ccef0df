"""`eenplan koppelmodel train`: retrain the linkage model on the register and review labels."""

from typing import Any, cast

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eenplan.linkage.training import MIN_REGISTER, TooFewResidentsError, linkage_model_train


class Command(BaseCommand):
    # Lazy, so `eenplan help` shows it in the active language.
    help = cast(
        str,
        gettext_lazy(
            "Manage the record-linkage model. 'train' learns from the residents in the register and "
            "from the reviewers' decisions, and makes the result the current model."
        ),
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        train = sub.add_parser("train", help=_("train on the register and the review labels"))
        train.add_argument(
            "--gebruiker", metavar="GEBRUIKERSNAAM", help=_("who trains (for the audit trail)")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = None
        if options.get("gebruiker"):
            user = get_user_model().objects.filter(username=options["gebruiker"]).first()
            if user is None:
                raise CommandError(_("No user %(name)s.") % {"name": options["gebruiker"]})
        quiet = options["verbosity"] < 1
        steps = {"u": _("Counting chance agreements in the register..."), "m": _("Learning...")}

        def progress(step: str) -> None:
            if not quiet:
                self.stderr.write(steps.get(step, step))

        try:
            model = linkage_model_train(trained_by=user, progress=progress)
        except TooFewResidentsError as error:
            raise CommandError(
                _("The register has %(count)s residents; training needs at least %(min)s.")
                % {"count": error.args[0], "min": MIN_REGISTER}
            ) from error
        self.stdout.write(
            _(
                "Model trained on %(records)d residents and %(labels)d review labels; it is now current."
            )
            % {"records": model.record_count, "labels": model.label_count}
        )

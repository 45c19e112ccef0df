"""`eenplan api-token USERNAME`: print the user's API token, creating it the first time."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from eenplan.api.services import api_token_get_or_create


class Command(BaseCommand):
    help = "Print the API token of a user (send it as 'Authorization: Token <key>'); "
    help += "creates one when the user has none."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"]
        try:
            user = get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(
                _("There is no user %(username)s.") % {"username": username}
            ) from exc
        if not user.is_active:
            raise CommandError(
                _("User %(username)s is not active; activate the account first.")
                % {"username": username}
            )
        token, _created = api_token_get_or_create(user=user)
        self.stdout.write(token.key)

"""`eenplan import-areas`: load gemeente Utrecht's wijken, buurten and PC4 areas from CBS data."""

from typing import Any

from django.core.management.base import BaseCommand

from eenplan.areas.importer import import_utrecht_areas


class Command(BaseCommand):
    help = "Import Utrecht's districts, neighbourhoods and postcode areas (CBS). Safe to repeat."

    def handle(self, *args: Any, **options: Any) -> None:
        result = import_utrecht_areas()
        self.stdout.write(
            self.style.SUCCESS(
                f"Utrecht: {result.districts} districts, {result.neighbourhoods} neighbourhoods, "
                f"{result.postcodes} postcode areas ({result.postcodes_linked} linked to a "
                "neighbourhood)."
            )
        )

"""`eenplan load-demo`: the demo municipality (Utrecht's real buurten, fictional residents)."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from eenplan.demo.cast import DEMO_ACCOUNTS, DEMO_PASSWORD
from eenplan.demo.generator import DEFAULT_HOUSEHOLDS, DEFAULT_SEED, demo_load


class Command(BaseCommand):
    help = (
        "Load the demo municipality: Utrecht's districts and neighbourhoods, organisations, "
        "professionals, the six scenario households and N fictional households. Runs once; a "
        "second run changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--households",
            type=int,
            default=DEFAULT_HOUSEHOLDS,
            help=f"Fictional households besides the scenarios (default {DEFAULT_HOUSEHOLDS}).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"Random seed: the same seed gives the same demo (default {DEFAULT_SEED}).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        result = demo_load(
            households=max(0, options["households"]),
            seed=options["seed"],
            progress=self._progress if options["verbosity"] > 1 else None,
        )
        if result.already_loaded:
            self.stdout.write("The demo is already loaded; nothing was changed.")
            return
        counts = result.counts
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo loaded in {time.monotonic() - started:.1f} s: {counts.households} "
                f"households, {counts.residents} residents, {counts.involvements} involvements, "
                f"{counts.plans} active plans, {result.professionals} professionals."
            )
        )
        self.stdout.write(
            f"Demo accounts ({', '.join(DEMO_ACCOUNTS)}) all use the password {DEMO_PASSWORD}."
        )

    def _progress(self, households: int) -> None:
        self.stdout.write(f"  {households} households written")

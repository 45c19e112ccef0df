"""Benchmark-only settings: the demo settings plus one trivial view as the baseline.

Never used outside `make bench`.
"""

from eenplan.settings.base import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
DEBUG = False

"""The README documents every environment variable eenplan reads (all go through `eenplan.env`)."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[3]
README = SRC.parent / "README.md"

# Imports every settings module in a fresh interpreter (production needs its required variables and
# a PostgreSQL URL) and prints what `eenplan.env.config` collected.
COLLECT = """
import importlib, json, pkgutil
import eenplan.settings
from eenplan.env import ENV_VARS
for module in pkgutil.iter_modules(eenplan.settings.__path__):
    importlib.import_module("eenplan.settings." + module.name)
print(json.dumps(sorted(ENV_VARS)))
"""


def _environment_variables() -> list[str]:
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(SRC),
        "SECRET_KEY": "x" * 60,
        "EENPLAN_BSN_ENCRYPTION_KEY": "ZGVtby1vbmx5LWJzbi1lbmNyeXB0aW9uLWtleS0wMDA=",
        "EENPLAN_BSN_PSEUDONYM_KEY": "readme-check",
        "ALLOWED_HOSTS": "eenplan.example.nl",
        "DATABASE_URL": "postgres://eenplan@127.0.0.1:9/eenplan",
    }
    result = subprocess.run(
        [sys.executable, "-c", COLLECT],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_every_environment_variable_is_documented_in_the_readme():
    names = _environment_variables()
    readme = README.read_text(encoding="utf-8")
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", readme))

    assert len(names) >= 10, names
    assert [name for name in names if name not in documented] == []


def test_the_readme_starts_with_the_two_commands():
    readme = README.read_text(encoding="utf-8")
    head = readme[:1500]

    assert "make demo" in head
    assert "make test" in head

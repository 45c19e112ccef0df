"""Every environment variable eenplan reads goes through `config()`, so the README can list them all.

`ENV_VARS` collects name, default and help text as settings are imported; a test checks that the
README documents each of them.
"""

import os
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class EnvVar:
    name: str
    default: Any
    help: str


ENV_VARS: dict[str, EnvVar] = {}

_TRUE = {"1", "true", "yes", "on", "ja"}
_FALSE = {"0", "false", "no", "off", "nee", ""}


def config(name: str, default: Any = None, *, help: str, cast: type | None = None) -> Any:
    """Read `name` from the environment, cast to the type of `default` unless `cast` says otherwise."""
    ENV_VARS[name] = EnvVar(name, default, help)
    raw = os.environ.get(name)
    if raw is None:
        return default
    target = cast or (type(default) if default is not None else str)
    if target is bool:
        lowered = raw.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ValueError(f"{name} must be true or false, not {raw!r}")
    if target is list:
        return [item.strip() for item in raw.split(",") if item.strip()]
    return target(raw)

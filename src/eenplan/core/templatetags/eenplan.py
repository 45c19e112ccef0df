from __future__ import annotations

from typing import Any

from django import template
from django.utils.http import urlencode

register = template.Library()


@register.simple_tag
def query(params: dict[str, Any], **changes: Any) -> str:
    """`?q=...&sort=...` from the current parameters with some changed; empty ones left out."""
    merged = {**params, **changes}
    return "?" + urlencode({k: v for k, v in merged.items() if v not in (None, "")})


@register.simple_tag
def lockout_policy() -> dict[str, int]:
    """How many failed logins lock an account, and for how many minutes (django-axes settings)."""
    from django.conf import settings

    cooloff = settings.AXES_COOLOFF_TIME
    hours = cooloff.total_seconds() / 3600 if hasattr(cooloff, "total_seconds") else float(cooloff)
    return {"attempts": int(settings.AXES_FAILURE_LIMIT), "minutes": round(hours * 60)}

"""`{% plain_language_advice text %}`: the plain-language report under a text meant for a resident.

For the pages that show a plan, a letter or a meeting summary before it goes to the resident.
"""

from __future__ import annotations

from typing import Any

from django import template

from eenplan.core.plainlanguage import check_text

register = template.Library()


@register.inclusion_tag("includes/plain_language.html")
def plain_language_advice(text: str | None) -> dict[str, Any]:
    return {"report": check_text(text or "")}

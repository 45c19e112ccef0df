"""`{% meetings_card household may_plan %}`: the meetings card on the household page (no queries:
links only, the list is one click away)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("meetings/_card.html")
def meetings_card(household: Any, may_plan: bool = False) -> dict[str, Any]:
    return {"household": household, "may_plan": may_plan}

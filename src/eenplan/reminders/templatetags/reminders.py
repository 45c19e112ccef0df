"""`{% important_days_card household %}`: the important-days card on the household page."""

from __future__ import annotations

from typing import Any

from django import template

from eenplan.reminders.selectors import important_days_on_household_page

register = template.Library()


@register.inclusion_tag("reminders/_important_days_card.html", takes_context=True)
def important_days_card(context: template.Context, household: Any) -> dict[str, Any]:
    actor = context.get("actor")
    days = important_days_on_household_page(actor=actor, household=household) if actor else []
    return {"household": household, "days": days}

"""The "Metingen" card on the household page."""

from __future__ import annotations

from typing import Any

from django import template

from eenplan.assessments.selectors import household_domains_not_asked
from eenplan.households.models import Household

register = template.Library()


@register.inclusion_tag("assessments/_household_card.html")
def measurements_card(household: Household, members: list[dict[str, Any]]) -> dict[str, Any]:
    """`household` and `members` come from the household page, which has scoped and logged them."""
    return {
        "residents": [row["member"].resident for row in members],
        "not_asked": household_domains_not_asked(household=household),
    }

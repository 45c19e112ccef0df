"""`{% meetings_card household may_plan %}`: the meetings card on the household page, with the next
planned meeting (one query; the whole list is one click away)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from eenplan.meetings.models import Meeting, MeetingStatus

register = template.Library()


@register.inclusion_tag("meetings/_card.html")
def meetings_card(household: Any, may_plan: bool = False) -> dict[str, Any]:
    # The household page has already checked and logged that the reader may see this household.
    upcoming = (
        Meeting.objects.filter(
            household=household, status=MeetingStatus.PLANNED, ends_at__gte=timezone.now()
        )
        .order_by("starts_at", "id")
        .first()
    )
    return {"household": household, "may_plan": may_plan, "upcoming": upcoming}

"""The goals and actions in the "Plan and coordinator" card of the household page."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from eenplan.accounts.actor import actor_from_request
from eenplan.households.models import Household
from eenplan.plans.models import Plan
from eenplan.plans.selectors import household_follow_ups, plan_goals_by_domain
from eenplan.plans.services import may_write_plan

register = template.Library()


@register.inclusion_tag("plans/_goals.html", takes_context=True)
def plan_goals(context: template.Context, plan: Plan) -> dict[str, Any]:
    """`plan` comes from the household page, which has scoped and logged the read."""
    actor = actor_from_request(context["request"])
    domains = plan_goals_by_domain(plan=plan)
    may_write = may_write_plan(actor=actor, plan=plan)
    for group in domains:
        for goal in group.goals:
            for action in goal.action_list:  # type: ignore[attr-defined]
                # The same rule as `may_update_action`, without a query per action.
                action.may_update = may_write or action.owner_professional_id == actor.user.pk
    return {
        "plan": plan,
        "household": plan.household,
        "domains": domains,
        "may_write": may_write,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("plans/_follow_ups.html")
def plan_follow_ups(household: Household) -> dict[str, Any]:
    """Closed plans and follow-up measurements that are due. `household` comes from the household
    page, which has scoped and logged the read."""
    found = household_follow_ups(household_id=household.pk, today=timezone.localdate())
    return {"household": household, "due": found.due, "closed_plans": found.closed_plans}

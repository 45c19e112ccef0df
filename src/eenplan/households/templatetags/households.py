from django import template

from eenplan.households.models import TimelineEvent
from eenplan.households.timeline import timeline_sentence as _timeline_sentence

register = template.Library()


@register.filter
def timeline_sentence(event: TimelineEvent) -> str:
    return _timeline_sentence(event)

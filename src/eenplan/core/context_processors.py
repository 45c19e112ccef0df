from typing import Any

from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The acting role, for the navigation bar. Cheap: the actor is built once per request."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    from eenplan.accounts.actor import actor_from_request

    return {"actor": actor_from_request(request)}

"""Who may open a page. A page that is not for your role does not exist for you (404)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse

from eenplan.accounts.actor import actor_from_request


def role_required(
    *roles: str,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Anonymous users go to the login page; logged-in users without one of `roles` get a 404."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not actor_from_request(request).roles & set(roles):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def resident_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Only for a logged-in resident (who is not also a professional); others get a 404."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not actor_from_request(request).is_resident:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper

"""Professionals must pass a second factor when the settings require it."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

# Paths a logged-in but not yet verified professional may still reach.
_OPEN_PREFIXES = ("/account/", "/static/", "/health", "/i18n/")


class RequireSecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.EENPLAN_REQUIRE_SECOND_FACTOR
            and request.user.is_authenticated
            and not request.user.is_verified()  # type: ignore[union-attr]
            and request.user.memberships.exists()  # type: ignore[union-attr]
            and not request.path.startswith(_OPEN_PREFIXES)
            and not request.path.startswith("/api/")
        ):
            return redirect("accounts:second_factor")
        return self.get_response(request)

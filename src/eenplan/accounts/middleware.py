"""Professionals must pass a second factor when the settings require it."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

# Paths a logged-in but not yet verified professional may still reach.
_OPEN_PREFIXES = ("/account/", "/static/", "/health", "/i18n/")


def user_is_verified(user: object) -> bool:
    # django-otp's OTPMiddleware adds is_verified() to the user of every request.
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


class RequireSecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.EENPLAN_REQUIRE_SECOND_FACTOR
            and request.user.is_authenticated
            and not user_is_verified(request.user)
            and request.user.memberships.exists()  # type: ignore[union-attr]
            and not request.path.startswith(_OPEN_PREFIXES)
            and not request.path.startswith("/api/")
        ):
            return redirect("accounts:second_factor")
        return self.get_response(request)

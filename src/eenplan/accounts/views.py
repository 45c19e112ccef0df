"""Logging in with a password and, for professionals who have set it up, a TOTP code.

The password alone does not log in a user with a confirmed TOTP device: the session remembers who
passed the first step (for a few minutes) and the login happens once the code is right.
"""

from __future__ import annotations

import base64
import time
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LogoutView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from eenplan.accounts.forms import LoginForm, TokenForm
from eenplan.accounts.middleware import user_is_verified

PENDING_SESSION_KEY = "eenplan_pending_second_factor"
PENDING_SECONDS = 5 * 60


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _confirmed_devices(user: Any) -> list[TOTPDevice]:
    return list(TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id"))


def _is_professional(user: Any) -> bool:
    return user.memberships.filter(active=True).exists()


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and request.method == "GET":
        return redirect(_next_url(request))
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request=request,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
        )
        if user is None:
            # Axes answers with its lock-out page itself when this was one attempt too many.
            form.add_error(None, _("The username or password is not correct."))
        elif _confirmed_devices(user):
            request.session.cycle_key()
            request.session[PENDING_SESSION_KEY] = {
                "user_id": user.pk,
                "backend": user.backend,  # type: ignore[attr-defined]
                "since": time.time(),
                "next": _next_url(request),
            }
            return redirect("accounts:second_factor")
        else:
            auth_login(request, user)
            if settings.EENPLAN_REQUIRE_SECOND_FACTOR and _is_professional(user):
                return redirect("accounts:second_factor_setup")
            return redirect(_next_url(request))
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": request.POST.get("next") or request.GET.get("next", "")},
    )


def _pending_user(request: HttpRequest) -> tuple[Any, dict[str, Any]] | tuple[None, None]:
    pending = request.session.get(PENDING_SESSION_KEY)
    if not pending or time.time() - pending.get("since", 0) > PENDING_SECONDS:
        request.session.pop(PENDING_SESSION_KEY, None)
        return None, None
    user = get_user_model().objects.filter(pk=pending["user_id"], is_active=True).first()
    return user, pending


def _verify(devices: list[TOTPDevice], token: str) -> TOTPDevice | None:
    for device in devices:
        # verify_token throttles repeated failures per device (django-otp).
        if device.verify_token(token):
            return device
    return None


@sensitive_post_parameters("token")
@csrf_protect
@never_cache
def second_factor(request: HttpRequest) -> HttpResponse:
    """Step two: the TOTP code, after the password (or for a logged-in, unverified professional)."""
    user, pending = _pending_user(request)
    if user is None:
        if not request.user.is_authenticated:
            return redirect("accounts:login")
        if user_is_verified(request.user):
            return redirect(_next_url(request))
        user = request.user
    devices = _confirmed_devices(user)
    if not devices:
        if request.user.is_authenticated:
            return redirect("accounts:second_factor_setup")
        return redirect("accounts:login")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = _verify(devices, form.cleaned_data["token"])
        if device is None:
            form.add_error(
                "token", _("This code is not correct. Enter the code your app shows now.")
            )
        else:
            next_url = pending["next"] if pending else _next_url(request)
            if pending:
                request.session.pop(PENDING_SESSION_KEY, None)
                auth_login(request, user, backend=pending["backend"])
            otp_login(request, device)
            return redirect(next_url)
    return render(request, "accounts/second_factor.html", {"form": form})


def _secret_text(device: TOTPDevice) -> str:
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@login_required
@sensitive_post_parameters("token")
@never_cache
def second_factor_setup(request: HttpRequest) -> HttpResponse:
    """Link an authenticator app: scan the QR code (or type the secret), confirm with a code."""
    user = request.user
    if _confirmed_devices(user) and not user_is_verified(user):
        return redirect("accounts:second_factor")
    if _confirmed_devices(user):
        return render(request, "accounts/second_factor_done.html")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by(
        "-id"
    ).first() or TOTPDevice.objects.create(user=user, name="eenplan", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            otp_login(request, device)
            messages.success(
                request, _("The second step is set up. From now on you log in with a code.")
            )
            return redirect("core:home")
        form.add_error("token", _("This code is not correct. Enter the code your app shows now."))
    qr_svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5,
        title=_("QR code for your authenticator app"),
        dark="#000",
        light="#fff",
        omitsize=True,
    )
    return render(
        request,
        "accounts/second_factor_setup.html",
        {"form": form, "qr_svg": qr_svg, "secret": _secret_text(device)},
    )


class SignOutView(LogoutView):
    """POST only (Django's LogoutView refuses GET): a link cannot log anyone out."""

    http_method_names = ["post", "options"]


logout_view = SignOutView.as_view()

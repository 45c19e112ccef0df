"""Security settings that protect every page: headers, idle sessions, login throttling, deploy check."""

import base64
import os
import secrets
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from eenplan.organisations.tests.factories import UserFactory

SRC = Path(__file__).resolve().parents[3]
PASSWORD = "correct-horse-battery"


@pytest.mark.django_db
def test_pages_carry_the_protective_headers(client):
    response = client.get(reverse("accounts:login"))

    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def _stored_session(client) -> Session:
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


@pytest.mark.django_db
def test_every_request_moves_the_idle_expiry_forward(client):
    client.force_login(UserFactory())
    session = _stored_session(client)
    session.expire_date = timezone.now() + timedelta(minutes=1)
    session.save()

    client.get(reverse("core:home"))

    renewed = _stored_session(client).expire_date
    expected = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert abs(renewed - expected) < timedelta(seconds=30)
    assert settings.SESSION_COOKIE_AGE <= 60 * 60, "idle sessions must end within an hour"


@pytest.mark.django_db
def test_an_idle_session_ends_and_sends_the_user_to_login(client):
    client.force_login(UserFactory())
    session = _stored_session(client)
    session.expire_date = timezone.now() - timedelta(seconds=1)
    session.save()

    response = client.get(reverse("core:home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_a_session_cookie_does_not_outlive_the_browser(client):
    client.force_login(UserFactory())

    response = client.get(reverse("core:home"))

    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == ""
    assert cookie["max-age"] == ""
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


@pytest.mark.django_db
def test_repeated_wrong_passwords_lock_the_login(client):
    user = UserFactory(username="regisseur-test", password=PASSWORD)
    url = reverse("accounts:login")

    limit = settings.AXES_FAILURE_LIMIT
    statuses = [
        client.post(url, {"username": user.username, "password": "wrong-password"}).status_code
        for _ in range(limit + 1)
    ]
    # Even the right password does not get in while the lock holds.
    still_locked = client.post(url, {"username": user.username, "password": PASSWORD})

    # The form answers the first failures; the attempt that reaches the limit is locked out.
    assert statuses[: limit - 1] == [200] * (limit - 1)
    assert statuses[limit - 1 :] == [429, 429]
    assert still_locked.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_lock_is_per_account_not_for_everyone(client):
    victim = UserFactory(username="target", password=PASSWORD)
    other = UserFactory(username="colleague", password=PASSWORD)
    url = reverse("accounts:login")
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        client.post(url, {"username": victim.username, "password": "wrong-password"})

    response = client.post(url, {"username": other.username, "password": PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(other.pk)


def _production_environment(**overrides: str) -> dict[str, str]:
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(SRC),
        "DJANGO_SETTINGS_MODULE": "eenplan.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "EENPLAN_BSN_ENCRYPTION_KEY": base64.urlsafe_b64encode(os.urandom(32)).decode(),
        "EENPLAN_BSN_PSEUDONYM_KEY": secrets.token_urlsafe(32),
        "ALLOWED_HOSTS": "eenplan.example.nl",
        # Nothing listens on port 9 (discard): the check must not need the database.
        "DATABASE_URL": "postgres://eenplan@127.0.0.1:9/eenplan",
    }
    environment.update(overrides)
    return environment


def _eenplan(*args: str, environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "eenplan", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deploy_check():
    result = _eenplan(
        "check", "--deploy", "--fail-level", "WARNING", environment=_production_environment()
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_its_secrets():
    environment = _production_environment()
    del environment["SECRET_KEY"]

    result = _eenplan("check", environment=environment)

    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr


def test_production_refuses_sqlite():
    result = _eenplan(
        "check", environment=_production_environment(DATABASE_URL="sqlite:///eenplan.sqlite3")
    )

    assert result.returncode != 0
    assert "Production runs on PostgreSQL" in result.stderr

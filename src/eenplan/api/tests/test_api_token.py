"""`eenplan api-token USERNAME`: prints the token, makes it once, fails clearly otherwise."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from eenplan.api.management.commands.api_token import Command
from eenplan.organisations.tests.factories import UserFactory, professional
from eenplan.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("api_token", *args, stdout=out)
    return out.getvalue().strip()


def test_prints_a_new_token_once_and_the_same_one_after():
    user = professional(username="werkcoach")
    first = run("werkcoach")
    assert first == Token.objects.get(user=user).key
    assert run("werkcoach") == first
    audit = AuditEvent.objects.filter(action="api_token.create")
    assert audit.count() == 1
    assert first not in str(audit.get().after) and audit.get().object_id == str(user.pk)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {first}")
    assert client.get("/api/v1/huishoudens").status_code == 200


def test_unknown_user_is_a_clear_error():
    with pytest.raises(CommandError, match="niemand"):
        run("niemand")
    assert Token.objects.count() == 0


def test_unknown_user_exits_with_code_1(capsys):
    with pytest.raises(SystemExit) as exit_info:
        Command().run_from_argv(["eenplan", "api_token", "niemand"])
    assert exit_info.value.code == 1
    assert "niemand" in capsys.readouterr().err


def test_inactive_user_gets_no_token():
    UserFactory(username="vertrokken", is_active=False)
    with pytest.raises(CommandError):
        run("vertrokken")
    assert Token.objects.count() == 0

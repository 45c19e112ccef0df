"""Shared fixtures. App-specific factories live in each app's tests/factories.py."""

import pytest
from django.conf import settings
from django.utils import translation

from eenplan.accounts.actor import Actor, actor_for_user
from eenplan.core.tests.browser import browser_page  # noqa: F401  (a fixture for every app)


@pytest.fixture
def actor_of():
    """actor_of(user) -> the Actor a request by `user` would have."""

    def build(user, **kwargs) -> Actor:  # type: ignore[no-untyped-def]
        return actor_for_user(user, ip_address=kwargs.pop("ip_address", "127.0.0.1"), **kwargs)

    return build


@pytest.fixture(autouse=True)
def default_language_afterwards():
    """A request in English (through the language cookie) leaves English active in this thread;
    the next test expects the default language, as a fresh request would have it."""
    yield
    translation.activate(settings.LANGUAGE_CODE)

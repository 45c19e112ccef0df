"""Shared fixtures. App-specific factories live in each app's tests/factories.py."""

import pytest

from eenplan.accounts.actor import Actor, actor_for_user
from eenplan.core.tests.browser import browser_page  # noqa: F401  (a fixture for every app)


@pytest.fixture
def actor_of():
    """actor_of(user) -> the Actor a request by `user` would have."""

    def build(user, **kwargs) -> Actor:  # type: ignore[no-untyped-def]
        return actor_for_user(user, ip_address=kwargs.pop("ip_address", "127.0.0.1"), **kwargs)

    return build

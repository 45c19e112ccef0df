"""Writes of the API app: its tokens. A token is a credential, so creating one is audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from rest_framework.authtoken.models import Token

from eenplan.privacy.services import audit_record


@transaction.atomic
def api_token_get_or_create(*, user: Any, actor_user: Any = None) -> tuple[Token, bool]:
    """The user's API token, made the first time it is asked for. `actor_user` is who asked
    (None: the console, recorded as "system")."""
    token, created = Token.objects.get_or_create(user=user)
    if created:
        # Recorded against the user: the token's primary key is the secret itself.
        audit_record(
            actor_user=actor_user,
            action="api_token.create",
            instance=user,
            before=None,
            after={"token_created": token.created.isoformat()},
        )
    return token, created

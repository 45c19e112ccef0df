"""Production: PostgreSQL, HTTPS, a second factor for every professional, secrets required."""

import os

from django.core.exceptions import ImproperlyConfigured

from eenplan.settings.base import *  # noqa: F403
from eenplan.settings.base import DATABASES

for required in (
    "SECRET_KEY",
    "EENPLAN_BSN_ENCRYPTION_KEY",
    "EENPLAN_BSN_PSEUDONYM_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
):
    if not os.environ.get(required):
        raise ImproperlyConfigured(f"{required} must be set in production.")

if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("Production runs on PostgreSQL: set DATABASE_URL to postgres://…")

DEBUG = False
EENPLAN_REQUIRE_SECOND_FACTOR = True
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"

"""Settings for every environment. `production.py` tightens them; `test.py` speeds them up.

Every value that differs per installation is read through `eenplan.env.config`, which is also the
list the README documents.
"""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from eenplan.env import config

SRC_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = SRC_DIR.parent.parent
DATA_DIR = Path(
    config(
        "EENPLAN_DATA_DIR",
        str(PROJECT_DIR / "var"),
        help="Folder for the embedded SQLite database and other local state.",
    )
)

DEBUG = config("DEBUG", False, help="Django debug pages. Never on in production.")
SECRET_KEY = config(
    "SECRET_KEY",
    "demo-only-insecure-secret-key-change-me-in-production-0123456789",
    help="Django's secret key: signs sessions and tokens. Required in production.",
)
ALLOWED_HOSTS = config(
    "ALLOWED_HOSTS",
    ["127.0.0.1", "localhost", "[::1]", "testserver"],
    help="Comma-separated host names this server answers to.",
    cast=list,
)
CSRF_TRUSTED_ORIGINS = config(
    "CSRF_TRUSTED_ORIGINS",
    [],
    help="Comma-separated origins (https://eenplan.example.nl) trusted for forms behind a proxy.",
    cast=list,
)

# BSN protection: encrypted at rest (Fernet, AES-128-CBC + HMAC) and pseudonymised with a keyed
# HMAC-SHA256 for matching, so matching never needs the plain number. Two keys, rotated separately.
BSN_ENCRYPTION_KEY = config(
    "EENPLAN_BSN_ENCRYPTION_KEY",
    "ZGVtby1vbmx5LWJzbi1lbmNyeXB0aW9uLWtleS0wMDA=",
    help="Fernet key (urlsafe base64, 32 bytes) that encrypts BSNs. Required in production.",
)
BSN_PSEUDONYM_KEY = config(
    "EENPLAN_BSN_PSEUDONYM_KEY",
    "demo-only-bsn-pseudonym-key",
    help="Secret for the keyed BSN pseudonym (HMAC-SHA256). Required in production.",
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "eenplan.core",
    "eenplan.accounts",
    "eenplan.organisations",
    "eenplan.areas",
    "eenplan.taxonomy",
    "eenplan.households",
    "eenplan.plans",
    "eenplan.assessments",
    "eenplan.meetings",
    "eenplan.reminders",
    "eenplan.linkage",
    "eenplan.signalering",
    "eenplan.privacy",
    "eenplan.portal",
    "eenplan.api",
    "eenplan.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "eenplan.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "eenplan.accounts.middleware.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "eenplan.api.middleware.ApiVersionMiddleware",
    # Axes last: it inspects the outcome of authentication attempts.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "eenplan.urls"
WSGI_APPLICATION = "eenplan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "eenplan.core.context_processors.navigation",
                "eenplan.reminders.context_processors.unread_reminders",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        config(
            "DATABASE_URL",
            f"sqlite:///{DATA_DIR / 'eenplan.sqlite3'}",
            help="Database URL. postgres://user:password@host:5432/eenplan in production; "
            "the default is an embedded SQLite file in EENPLAN_DATA_DIR.",
        ),
        conn_max_age=config(
            "DATABASE_CONN_MAX_AGE", 60, help="Seconds a database connection is reused."
        ),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The caseload starts from a few hundred household ids and looks them up by primary key; with
    # PostgreSQL's default cost for random reads (4, tuned for spinning disks) the planner scans
    # every household instead. 1.1 is the usual value for SSD or RAM-cached data.
    random_page_cost = config(
        "EENPLAN_PG_RANDOM_PAGE_COST",
        1.1,
        help="PostgreSQL random_page_cost for eenplan's connections (1.1 suits SSDs).",
    )
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c random_page_cost={random_page_cost}"
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    # WAL lets the demo's web server and background worker read while the other writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Second factor (TOTP). The demo lets professionals skip it; production requires it.
OTP_TOTP_ISSUER = "eenplan"
EENPLAN_REQUIRE_SECOND_FACTOR = config(
    "EENPLAN_REQUIRE_SECOND_FACTOR",
    False,
    help="Require a TOTP second factor for every professional (always on in production settings).",
)

# Login throttling: lock an account+address after repeated failures.
AXES_FAILURE_LIMIT = config("AXES_FAILURE_LIMIT", 5, help="Failed logins before a lock-out.")
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

# Sessions end after a period without activity: every request renews the expiry.
SESSION_COOKIE_AGE = config(
    "SESSION_IDLE_TIMEOUT",
    30 * 60,
    help="Seconds of inactivity after which a session ends (default 1800).",
)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [SRC_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PROJECT_DIR / "build" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = config(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend",
    help="Django e-mail backend; smtp is django.core.mail.backends.smtp.EmailBackend.",
)
EMAIL_HOST = config("EMAIL_HOST", "localhost", help="SMTP server.")
EMAIL_PORT = config("EMAIL_PORT", 25, help="SMTP port.")
EMAIL_HOST_USER = config("EMAIL_HOST_USER", "", help="SMTP user name.")
EMAIL_HOST_PASSWORD = config("EMAIL_HOST_PASSWORD", "", help="SMTP password.")
EMAIL_USE_TLS = config("EMAIL_USE_TLS", False, help="Use STARTTLS for SMTP.")
DEFAULT_FROM_EMAIL = config(
    "DEFAULT_FROM_EMAIL", "eenplan <noreply@eenplan.invalid>", help="Sender of e-mail."
)
# Reminder e-mails only link to the app; this is the address they link to.
EENPLAN_SITE_URL = config(
    "EENPLAN_SITE_URL",
    "http://127.0.0.1:8000",
    help="Public address of eenplan, for links in e-mails (no trailing slash).",
)
EENPLAN_REMINDER_MEETING_DAYS = config(
    "EENPLAN_REMINDER_MEETING_DAYS",
    2,
    help="Days ahead that participants are reminded of a meeting with a household.",
)

# Break-the-glass grants last this long; the privacy officer reviews each one.
BREAK_THE_GLASS_HOURS = config(
    "EENPLAN_BREAK_THE_GLASS_HOURS",
    4,
    help="Hours an emergency access (break-the-glass) grant stays valid.",
)
# Aggregates with fewer cases than this are shown as "< N" so nobody can be singled out.
SMALL_NUMBER_THRESHOLD = config(
    "EENPLAN_SMALL_NUMBER_THRESHOLD",
    10,
    help="Counts below this are suppressed in aggregate figures.",
)

# Record linkage: at or above the link threshold a signal links to a resident by itself; between
# the two a person reviews the proposal; below it a new person is proposed.
EENPLAN_LINK_THRESHOLD = config(
    "EENPLAN_LINK_THRESHOLD",
    0.8,
    help="Match probability (0-1) at or above which a signal links to a resident without review.",
)
EENPLAN_REVIEW_THRESHOLD = config(
    "EENPLAN_REVIEW_THRESHOLD",
    0.2,
    help="Match probability (0-1) at or above which a proposed link goes to the review queue.",
)
EENPLAN_LINK_MEMORY_LIMIT = config(
    "EENPLAN_LINK_MEMORY_LIMIT",
    "2.5GB",
    help="Memory DuckDB may use for batch linking; beyond it, it spills to disk.",
)

# Background work (retention, daily scans) runs through the tasks framework: queued in the
# database, run by `eenplan db_worker` next to the web server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

REST_FRAMEWORK = {
    # Token first: its WWW-Authenticate challenge turns "not logged in" into a 401, not a 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": config(
            "EENPLAN_API_THROTTLE_ANON", "60/minute", help="API requests per anonymous address."
        ),
        "user": config(
            "EENPLAN_API_THROTTLE_USER", "600/minute", help="API requests per logged-in user."
        ),
    },
    "EXCEPTION_HANDLER": "eenplan.api.errors.problem_exception_handler",
    "UNAUTHENTICATED_USER": None,
}
API_VERSION = "1.0.0"
SPECTACULAR_SETTINGS = {
    "TITLE": "eenplan API",
    "DESCRIPTION": (
        "Eén huishouden, één plan, één contactpersoon. The households, residents and "
        "organisations of eenplan, for the professionals who work with them. Need-to-know "
        "decides what you see; every read of a resident's data is written to the access log."
    ),
    "VERSION": API_VERSION,
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "CONTACT": {
        "name": "eenplan",
        "url": "https://eenplan.invalid",
        "email": "api@eenplan.invalid",
    },
    "LICENSE": {"name": "EUPL-1.2"},
    "SERVERS": [{"url": "/api/v1", "description": "This installation"}],
    "ENUM_NAME_OVERRIDES": {
        "CoordinatorKindEnum": "eenplan.api.serializers.COORDINATOR_KINDS",
        "OrganisationKindEnum": "eenplan.organisations.models.OrganisationKind",
        "PlanStatusEnum": "eenplan.plans.models.PlanStatus",
        "SignalStatusEnum": "eenplan.signalering.models.SignalStatus",
        "GoalStatusEnum": "eenplan.plans.models.GoalStatus",
        "ActionStatusEnum": "eenplan.plans.models.ActionStatus",
        "ActionOwnerKindEnum": "eenplan.api.plans.OWNER_KINDS",
        "MeetingKindEnum": "eenplan.meetings.models.MeetingKind",
        "MeetingStatusEnum": "eenplan.meetings.models.MeetingStatus",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "eenplan.api.schema.add_nl_api_conventions",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": config("LOG_LEVEL", "INFO", help="Log level.")},
    # WeasyPrint reports every layout step of every PDF at INFO.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}

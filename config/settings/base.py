"""Settings shared by every environment; values come from the environment (contract.md)."""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

SECRET_KEY = env("ENKELT_SECRET_KEY", default="insecure-development-key-change-me-in-production")
DEBUG = env.bool("ENKELT_DEBUG", default=False)
ALLOWED_HOSTS = env.list("ENKELT_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
ENKELT_DEMO = env.bool("ENKELT_DEMO", default=False)
# Only `make bench` sets this: it adds the bare floor view at /bench/floor.
ENKELT_BENCH = env.bool("ENKELT_BENCH", default=False)
# Map tiles for public maps, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png; empty: no map.
ENKELT_MAP_TILE_URL = env("ENKELT_MAP_TILE_URL", default="")
ENKELT_MAP_ATTRIBUTION = env("ENKELT_MAP_ATTRIBUTION", default="")
# Reports of the same category closer than this many metres are offered as duplicates.
ENKELT_DUPLICATE_RADIUS_M = env.float("ENKELT_DUPLICATE_RADIUS_M", default=50.0)
# Submissions per sender (IP address or account) as `<count>/<period>`, e.g. 5/10m.
ENKELT_SUBMISSION_RATE = env("ENKELT_SUBMISSION_RATE", default="5/10m")
# GDPR: days after closing (or rejection) until a submitter's personal data is erased.
ENKELT_RETENTION_DAYS = env.int("ENKELT_RETENTION_DAYS", default=365)
# Seconds an anonymous visitor's copy of a busy public page is reused (0: never).
ENKELT_PUBLIC_PAGE_CACHE_SECONDS = env.int("ENKELT_PUBLIC_PAGE_CACHE_SECONDS", default=15)
# Hours one full-time employee works in a year: burden hours → FTE (Standard Cost Model).
ENKELT_ANNUAL_NORM_HOURS = env.float("ENKELT_ANNUAL_NORM_HOURS", default=1924.0)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Project apps first: their templates override the third-party ones.
    "enkelt.core",
    "enkelt.tenants",
    "enkelt.accounts",
    "enkelt.audit",
    "enkelt.submissions",
    "enkelt.open311",
    "enkelt.regulations",
    "enkelt.simplification",
    "enkelt.strategy",
    "enkelt.goals",
    "enkelt.outcomes",
    "enkelt.catalog",
    "enkelt.dashboards",
    "enkelt.ideas",
    "enkelt.surveys",
    "enkelt.api",
    "enkelt.demo",
    "django.forms",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "enkelt.core.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "enkelt.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "enkelt.accounts.middleware.RequireAdministratorMFAMiddleware",
]
if ENKELT_BENCH:  # bench/README.md: the server time of each request as a Server-Timing header
    MIDDLEWARE.insert(0, "enkelt.core.middleware.ServerTimingMiddleware")

# Database sessions whose save keeps a lost connection a 503 (enkelt/core/sessions.py).
SESSION_ENGINE = "enkelt.core.sessions"

FORM_RENDERER = "enkelt.core.forms.DKFDSFormRenderer"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "enkelt.core.context_processors.shell",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'enkelt.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", 0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the production-like server read while a worker writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = 60
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache"),
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "staff_home_redirect"
LOGOUT_REDIRECT_URL = "instance_home"

# django-allauth: username log-in (the demo users have usernames), e-mail for resets.
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/m/ip,5/5m/key",
    "reset_password": "5/m/ip,3/m/key",
    "signup": "5/h/ip",
}
ACCOUNT_ADAPTER = "enkelt.accounts.adapter.AccountAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Enkelt"

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "enkelt" / "core" / "static_build"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("ENKELT_MEDIA_ROOT", default=str(VAR_DIR / "media")))

EMAIL_CONFIG = env.email_url("ENKELT_EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("ENKELT_DEFAULT_FROM_EMAIL", default="Enkelt <noreply@enkelt.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "enkelt.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "enkelt.api.errors.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_THROTTLE_RATES": {"token": "10/min"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Enkelt API",
    "DESCRIPTION": "REST API of Enkelt. Every resource is scoped to the caller's municipality.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a `kind`; name the submissions' choice set explicitly.
    "ENUM_NAME_OVERRIDES": {
        "SubmissionKindEnum": "enkelt.submissions.models.Kind",
        "RuleKindEnum": "enkelt.regulations.models.registry.RuleKind",
        "RuleStatusEnum": "enkelt.regulations.models.registry.RuleStatus",
        "SubmissionStatusEnum": "enkelt.submissions.pipeline.Status",
        "ReviewDecisionEnum": "enkelt.strategy.models.reviews.Decision",
        "AssessmentKindEnum": "enkelt.outcomes.models.Kind",
        "InitiativeStatusEnum": "enkelt.strategy.models.portfolio.Initiative.Status",
        "ExampleOutcomeEnum": "enkelt.catalog.models.ExampleOutcome",
        "CaseOutcomeEnum": "enkelt.simplification.models.cases.Outcome",
        "ExampleRelationEnum": "enkelt.catalog.models.Relation",
        "ExampleStrategyTypeEnum": "enkelt.catalog.models.StrategyType",
        "IdeaStageEnum": "enkelt.ideas.models.Stage",
        "SurveyPurposeEnum": "enkelt.surveys.models.Purpose",
        "SurveyAudienceEnum": "enkelt.surveys.models.Audience",
        "SurveyQuestionKindEnum": "enkelt.surveys.models.QuestionKind",
        "SurveyRoundStateEnum": "enkelt.surveys.models.RoundState",
    },
}


def _tile_origin(url: str) -> list[str]:
    """The scheme and host of the tile server, which the map may load images from."""
    if "://" not in url:
        return []
    scheme, rest = url.split("://", 1)
    host = rest.split("/", 1)[0].replace("{s}.", "*.")
    return [f"{scheme}://{host}"]


# Content Security Policy (django-csp 4): no inline scripts; the only third-party
# origin is the configured map tile server (images only).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_tile_origin(ENKELT_MAP_TILE_URL)],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
    },
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["stdout"], "level": env("ENKELT_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "django.request": {"level": "WARNING"},
    },
}

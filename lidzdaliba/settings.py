"""Settings for every deployment, driven by environment variables.

One module on purpose (see STYLE.md, "Settings"): the embedded default (`make run`: SQLite,
local files, a worker on a local SQLite queue, mails on the console) applies whenever a
variable is unset; production sets `LIDZDALIBA_DEPLOYMENT=production` plus the variables
listed in README "Running in production". Nothing exists only in a production file.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("LIDZDALIBA_VAR_DIR", BASE_DIR / "var"))


def env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = env(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_count(name: str, default: int) -> int:
    """A whole number ≥ 0; anything else stops start-up with a message naming the variable."""
    value = env(name)
    if value is None:
        return default
    try:
        number = int(value.strip())
    except ValueError:
        number = -1
    if number < 0:
        raise ImproperlyConfigured(f"{name} must be a whole number, 0 or more (not {value!r}).")
    return number


DEPLOYMENT = env("LIDZDALIBA_DEPLOYMENT", "embedded")
if DEPLOYMENT not in {"embedded", "production"}:
    raise ImproperlyConfigured("LIDZDALIBA_DEPLOYMENT must be 'embedded' or 'production'.")
PRODUCTION = DEPLOYMENT == "production"
TESTING = "pytest" in sys.modules or env_bool("LIDZDALIBA_TESTING")

# TRUSTED_PROXY_COUNT has no production default on purpose: 0 behind a proxy keys every rate
# limit on the proxy's address (one client locks everyone out), 1 without a proxy lets
# clients choose their address. Only the operator knows which is true.
PRODUCTION_REQUIRED = (
    "SECRET_KEY",
    "DATABASE_URL",
    "ALLOWED_HOSTS",
    "REDIS_URL",
    "EMAIL_HOST",
    "TRUSTED_PROXY_COUNT",
)
if PRODUCTION:
    missing = [name for name in PRODUCTION_REQUIRED if not env(name)]
    if env("STORAGE_BACKEND", "local") == "s3":
        missing += [name for name in ("AWS_STORAGE_BUCKET_NAME",) if not env(name)]
    if missing:
        raise ImproperlyConfigured(
            "Production settings need these environment variables: "
            + ", ".join(missing)
            + ". See README, 'Running in production'."
            + (
                " TRUSTED_PROXY_COUNT is the number of reverse proxies in front of the app"
                " that add the client's address to X-Forwarded-For: 1 behind the nginx of"
                " deploy/nginx.conf, 0 when clients connect to the app directly."
                if "TRUSTED_PROXY_COUNT" in missing
                else ""
            )
        )
    if len(env("SECRET_KEY", "")) < 50:
        raise ImproperlyConfigured("SECRET_KEY must be at least 50 random characters.")

SECRET_KEY = env("SECRET_KEY", "embedded-only-insecure-key-change-me-0123456789abcdef")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")
# The platform's name in pages and e-mails (the same in every language: it is a name).
SITE_NAME = "Līdzdalība"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # its widget templates, for FORM_RENDERER below
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "huey.contrib.djhuey",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.mfa",
    "allauth.usersessions",
    "csp",
    "django_prometheus",
    "ninja",
    "lidzdaliba.core",
    "lidzdaliba.accounts",
    "lidzdaliba.institutions",
    "lidzdaliba.audit",
    "lidzdaliba.consultations",
    "lidzdaliba.councils",
    "lidzdaliba.initiatives",
    "lidzdaliba.surveys",
    "lidzdaliba.notifications",
    "lidzdaliba.search",
    "lidzdaliba.moderation",
    "lidzdaliba.monitoring",
    "lidzdaliba.api",
    "lidzdaliba.web",
    "lidzdaliba.demo",
]

BENCH_VIEWS = env_bool("LIDZDALIBA_BENCH_VIEWS", False)
if BENCH_VIEWS:
    INSTALLED_APPS.append("lidzdaliba.benchsupport")

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "lidzdaliba.core.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "lidzdaliba.core.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "lidzdaliba.core.middleware.ReadReplicaMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lidzdaliba.accounts.middleware.SessionTimeoutMiddleware",
    "lidzdaliba.accounts.middleware.PreferredLanguageMiddleware",
    "lidzdaliba.core.middleware.UnreadableQueryMiddleware",
    "lidzdaliba.core.middleware.RateLimitedMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "lidzdaliba.accounts.middleware.RequireOfficerMfaMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "lidzdaliba.web.page_cache.PublicPageCacheMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "lidzdaliba.urls"
WSGI_APPLICATION = "lidzdaliba.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "lidzdaliba" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lidzdaliba.web.context_processors.site",
            ],
        },
    },
]

# Form widgets render with the project's templates, so lidzdaliba/templates/django/forms/
# can override Django's: a select renders its options inline instead of two template
# includes per option (the filter form's selects were half the list page's render time).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# --- Database -------------------------------------------------------------------------------
# Embedded: SQLite in WAL mode with IMMEDIATE transactions, so concurrent writers wait for the
# lock instead of failing half-way. Production: DATABASE_URL (PostgreSQL).
_database_url = env("DATABASE_URL")
if _database_url:
    DATABASES = {
        "default": dj_database_url.parse(
            _database_url,
            conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
            conn_health_checks=True,
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("SQLITE_PATH", str(VAR_DIR / "lidzdaliba.sqlite3")),
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
# A read replica (PostgreSQL streaming replica) serves the reads of safe public requests;
# everything else, and everything inside a transaction, goes to the primary.
_replica_url = env("DATABASE_REPLICA_URL")
if _replica_url:
    DATABASES["replica"] = dj_database_url.parse(_replica_url, conn_max_age=60)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
# Parameters bound by the server, and a statement PostgreSQL has parsed and planned five
# times on a connection is kept prepared: the token and consultation reads of the opinion
# API cost the server a quarter to a half as much (bench/README.md). Off (=0) behind a
# pooler in transaction mode that cannot keep prepared statements.
if env_bool("DATABASE_PREPARED_STATEMENTS", True):
    for _database in DATABASES.values():
        if _database["ENGINE"] == "django.db.backends.postgresql":
            _database.setdefault("OPTIONS", {}).update(
                server_side_binding=True, prepare_threshold=5
            )
DATABASE_ROUTERS = ["lidzdaliba.core.db_router.ReadReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
_redis_url = env("REDIS_URL")
# Rate-limit counters (core/ratelimits.py) live here too; in memory without it.
REDIS_URL = _redis_url
if _redis_url:
    CACHES = {
        "default": {
            # Django's own Redis backend. It builds a redis-py client object per cache call
            # (~0.05–0.15 ms of CPU); bench/README.md says what that costs the write path.
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _redis_url,
            "KEY_PREFIX": "lidzdaliba",
            # Passed to redis-py's connection pool: a Redis that stops answering fails the
            # request after a few seconds instead of holding a server thread for ever.
            "OPTIONS": {"socket_connect_timeout": 5, "socket_timeout": 5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Background jobs ------------------------------------------------------------------------
# One task interface (lidzdaliba.core.tasks) over huey: a SQLite-file queue in the embedded
# default, Redis in production, run inline while testing.
if _redis_url and not TESTING:
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": env("JOBS_QUEUE_NAME", "lidzdaliba"),
        "url": _redis_url,
        "immediate": False,
        "consumer": {"workers": int(env("WORKER_THREADS", "4")), "worker_type": "thread"},
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "lidzdaliba",
        "filename": str(VAR_DIR / "jobs.sqlite3"),
        "immediate": TESTING or env_bool("JOBS_IMMEDIATE", False),
        "consumer": {"workers": 2, "worker_type": "thread"},
    }

# --- Authentication -------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
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
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "web:home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_SIGNUP_FORM_CLASS = "lidzdaliba.accounts.forms.SignupExtraForm"
ACCOUNT_ADAPTER = "lidzdaliba.accounts.adapters.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
# allauth's own limiter is off: every limit, sign-in included, is one of the project's
# (core/ratelimits.py), called from allauth's documented hooks (the adapter, the forms
# below and its signals), so a password sent to the API and to the sign-in form counts
# against the same numbers. Failed sign-ins: at most 5 in 5 minutes per account, 10 a
# minute per client.
ACCOUNT_RATE_LIMITS = False
ACCOUNT_FORMS = {
    "change_password": "lidzdaliba.accounts.allauth_forms.ChangePasswordForm",
    "reset_password": "lidzdaliba.accounts.allauth_forms.ResetPasswordForm",
}
MFA_FORMS = {
    "authenticate": "lidzdaliba.accounts.allauth_forms.MfaAuthenticateForm",
    "reauthenticate": "lidzdaliba.accounts.allauth_forms.MfaReauthenticateForm",
    "add_webauthn": "lidzdaliba.accounts.allauth_forms.AddWebAuthnForm",
    "edit_webauthn": "lidzdaliba.accounts.allauth_forms.EditWebAuthnForm",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = SITE_NAME
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not PRODUCTION
# Officers, managers, coordinators and administrators must use a second factor
# (TOTP or a passkey). The embedded demo leaves it off so the demo logins work at once.
REQUIRE_OFFICER_MFA = env_bool("REQUIRE_OFFICER_MFA", PRODUCTION)
# eID sign-in through OpenID Connect (Latvia's state authentication service, or a bank's or
# Smart-ID/eParaksts link behind it): on only when the issuer, client id and secret are all
# set. The personal code arrives as a claim (its name is configurable); it is kept only as a
# keyed hash (EID_HASH_KEY: one identity, one account, one signature) and encrypted
# (EID_ENCRYPTION_KEYS: Fernet keys, newest first, so keys can be rotated with
# `manage.py rotate_eid_keys`). See README, "eID sign-in".
EID_ISSUER_URL = env("EID_ISSUER_URL", "")
EID_CLIENT_ID = env("EID_CLIENT_ID", "")
EID_CLIENT_SECRET = env("EID_CLIENT_SECRET", "")
EID_SCOPES = env_list("EID_SCOPES", ["openid", "profile"])
EID_CLAIM_PERSONAL_CODE = env("EID_CLAIM_PERSONAL_CODE", "personal_code")
EID_CLAIM_BIRTHDATE = env("EID_CLAIM_BIRTHDATE", "birthdate")
# Citizenship and declared municipality, when the provider vouches for them (a dotted name
# reads inside an object claim, e.g. "address.region"); absent claims are declared instead.
EID_CLAIM_CITIZENSHIP = env("EID_CLAIM_CITIZENSHIP", "nationalities")
EID_CLAIM_MUNICIPALITY = env("EID_CLAIM_MUNICIPALITY", "municipality")
EID_ENABLED = bool(EID_ISSUER_URL and EID_CLIENT_ID and EID_CLIENT_SECRET)
if EID_ENABLED and PRODUCTION and not (env("EID_HASH_KEY") and env("EID_ENCRYPTION_KEYS")):
    raise ImproperlyConfigured("eID needs EID_HASH_KEY and EID_ENCRYPTION_KEYS in production.")
# Outside production the keys default to ones derived from SECRET_KEY (accounts/identity.py).
EID_HASH_KEY = env("EID_HASH_KEY", "")
EID_ENCRYPTION_KEYS = env_list("EID_ENCRYPTION_KEYS", [])
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "APPS": (
            [
                {
                    "provider_id": "eid",
                    "name": "eID",
                    "client_id": EID_CLIENT_ID,
                    "secret": EID_CLIENT_SECRET,
                    "settings": {
                        "server_url": EID_ISSUER_URL,
                        "oauth_pkce_enabled": True,
                        "scope": EID_SCOPES,
                    },
                }
            ]
            if EID_ENABLED
            else []
        ),
    }
}
SOCIALACCOUNT_ADAPTER = "lidzdaliba.accounts.eid.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
# The provider vouches for the person, not for an e-mail address: a new account confirms its
# address like any other.
SOCIALACCOUNT_EMAIL_VERIFICATION = "mandatory"
SOCIALACCOUNT_STORE_TOKENS = False
# Sessions are listed (/accounts/sessions/) with where and when they signed in; the last
# address and time of every request are not tracked: that was a database write on every
# signed-in page, and is personal data the service does not need.
USERSESSIONS_TRACK_ACTIVITY = False
# Session data is read from the cache (Redis in production) and written through to the
# database: a signed-in page costs no session query.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Sessions end 12 hours after sign-in, or after 30 idle minutes.
SESSION_COOKIE_AGE = 12 * 3600
SESSION_IDLE_TIMEOUT = int(env("SESSION_IDLE_TIMEOUT", str(30 * 60)))

# --- E-mail ---------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Līdzdalība <no-reply@lidzdaliba.lv>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_HOST = env("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(env("EMAIL_PORT", "25"))
    EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
    EMAIL_TIMEOUT = 20
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# --- Languages ------------------------------------------------------------------------------
LANGUAGE_CODE = "lv"
LANGUAGES = [("lv", _("Latvian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "lidzdaliba" / "locale"]
LANGUAGE_COOKIE_NAME = "lidzdaliba_language"
TIME_ZONE = "Europe/Riga"
USE_I18N = True
USE_TZ = True

# --- Files ----------------------------------------------------------------------------------
# Uploads live outside the web root and are only ever served by a view that checks
# permission and sends them as attachments.
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "uploads")))
MEDIA_URL = "/uploads-not-served/"
STORAGE_BACKEND = env("STORAGE_BACKEND", "local")
if STORAGE_BACKEND == "s3":
    # S3-compatible object storage (AWS, MinIO, Ceph…): private objects, never overwritten,
    # only ever read by the download views, which check permission every time.
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL"),
            "region_name": env("AWS_S3_REGION_NAME"),
            "access_key": env("AWS_ACCESS_KEY_ID"),
            "secret_key": env("AWS_SECRET_ACCESS_KEY"),
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
            "location": env("AWS_LOCATION", "uploads"),
        },
    }
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
# whitenoise's documented default list, plus source maps: only browser developer tools fetch
# them, and compressing their 5.5 MB (twice, hashed and plain) with Brotli — which WeasyPrint
# brings in — was most of collectstatic's CPU time.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (
    *("jpg", "jpeg", "png", "gif", "webp", "zip", "gz", "tgz", "bz2", "tbz", "xz", "br"),
    *("swf", "flv", "woff", "woff2", "3gp", "3gpp", "asf", "avi", "m4v", "mov", "mp4", "mpeg"),
    *("mpg", "webm", "wmv", "map"),
)
if not PRODUCTION:
    # The embedded default keeps everything under var/; whitenoise warns if the folder is absent.
    Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)
UPLOAD_MAX_BYTES = int(env("UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * UPLOAD_MAX_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# --- Security -------------------------------------------------------------------------------
# No inline scripts or styles anywhere: every script is a file from this site.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# --- Abuse and retention ---------------------------------------------------------------------
# Anonymous forms: seconds a person needs at least between seeing a form and sending it (0: off).
ANTI_AUTOMATION_MIN_SECONDS = int(env("ANTI_AUTOMATION_MIN_SECONDS", "3"))
# Reverse proxies in front of the app that add to X-Forwarded-For (0: use REMOTE_ADDR).
# Rate limits key on the address it selects (core/antiautomation.client_ip, allauth);
# required in production (see PRODUCTION_REQUIRED).
TRUSTED_PROXY_COUNT = env_count("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
# Months after which personal data in logs is anonymised (apply_retention, daily 03:00 UTC).
RETENTION_MONTHS = int(env("RETENTION_MONTHS", "6"))

# API tokens live this many days; an account keeps at most this many live tokens (a new
# one beyond that revokes the oldest).
API_TOKEN_DAYS = int(env("API_TOKEN_DAYS", "90"))
API_TOKENS_PER_ACCOUNT = 10

# --- Product rules --------------------------------------------------------------------------
# Days after a consultation closes within which every opinion should be answered.
ANSWER_DEADLINE_DAYS = int(env("ANSWER_DEADLINE_DAYS", "30"))
PAGE_SIZE = 20
# How long a cached signature count of an initiative may be served while people keep
# signing (lidzdaliba/initiatives/counts.py); once signing stops, counts are exact after it.
SIGNATURE_COUNT_STALE_SECONDS = float(env("SIGNATURE_COUNT_STALE_SECONDS", "5"))
# Public pages seen by anonymous readers are cached this long at most (changes show at once:
# see lidzdaliba/web/page_cache.py). 0 turns the cache off.
PUBLIC_PAGE_CACHE_SECONDS = int(env("PUBLIC_PAGE_CACHE_SECONDS", "60"))
API_PAGE_SIZE_MAX = 100

# --- Observability -------------------------------------------------------------------------
# Logs are JSON lines in production (text on the console otherwise), without personal data:
# e-mail addresses and secret tokens are masked by a filter on every record.
LOG_FORMAT = env("LOG_FORMAT", "json" if PRODUCTION else "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"personal_data": {"()": "lidzdaliba.core.logging.MaskPersonalData"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["personal_data"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "mail.log": {"level": "WARNING"},
        # WeasyPrint logs every step of every PDF export at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
# /metrics (Prometheus) answers only with `Authorization: Bearer <METRICS_TOKEN>`; without a
# token configured it is not served at all.
METRICS_TOKEN = env("METRICS_TOKEN", "")
PROMETHEUS_EXPORT_MIGRATIONS = False

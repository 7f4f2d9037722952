"""Django settings for motcua.

Everything a deployment changes comes from the environment:
  DATABASE_URL       PostgreSQL (or any dj-database-url URL); unset = embedded SQLite
  MOTCUA_HOME        data directory for the embedded database and uploads (default ~/.motcua)
  MOTCUA_SECRET_KEY  secret key (a development key is used when unset)
  MOTCUA_DEBUG       "1" to enable Django's debug mode
  MOTCUA_PERIOD_CALENDAR  "calendar" (default) or "cutoff" (Bộ Nội vụ's cut-off dates)
"""

import datetime as dt
import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("MOTCUA_HOME", Path.home() / ".motcua")).expanduser()

SECRET_KEY = os.environ.get("MOTCUA_SECRET_KEY", "motcua-development-key-change-me-in-production")
DEBUG = os.environ.get("MOTCUA_DEBUG", "") == "1"
ALLOWED_HOSTS = os.environ.get("MOTCUA_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "motcua.core",
    "motcua.units",
    "motcua.accounts",
    "motcua.catalog",
    "motcua.workdays",
    "motcua.dossiers",
    "motcua.exchange",
    "ninja",
    "motcua.api",
    "motcua.reports",
    "motcua.forms",
    "motcua.portal",
    "motcua.feedback",
    "motcua.reform",
    "motcua.desk",
    "motcua.administration",
    "motcua.jobs",
    "motcua.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "motcua.core.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "motcua.urls"
WSGI_APPLICATION = "motcua.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "motcua.core.navigation.navigation",
            ],
        },
    },
]


def _database_config():
    url = os.environ.get("DATABASE_URL")
    if url:
        return dj_database_url.parse(url, conn_max_age=60)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(DATA_DIR / "motcua.sqlite3"),
        # WAL lets the web server read while a load runs; IMMEDIATE avoids
        # "database is locked" upgrades when two writers meet.
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }


DATABASES = {"default": _database_config()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# Django's validators, for every password set through the pages (administrators' and "Đổi mật khẩu").
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# Compiled from motcua/locale/*/LC_MESSAGES/*.po at start-up (motcua/core/catalogs.py).
LOCALE_PATHS = [DATA_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Only production deployments collect static files; the finders serve them otherwise.
STATIC_ROOT = os.environ.get("MOTCUA_STATIC_ROOT") or None
MEDIA_ROOT = DATA_DIR / "media"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

EMAIL_BACKEND = os.environ.get("MOTCUA_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

# Which reporting-period calendar reports use: "calendar" quarters or Bộ Nội vụ's cut-off dates.
MOTCUA_PERIOD_CALENDAR = os.environ.get("MOTCUA_PERIOD_CALENDAR", "calendar")
# Base URL printed on receipts (QR code to the public status page).
MOTCUA_PUBLIC_URL = os.environ.get("MOTCUA_PUBLIC_URL", "http://127.0.0.1:8000")

LOGIN_URL = "/dang-nhap/"
LOGIN_REDIRECT_URL = "/can-bo/"
LOGOUT_REDIRECT_URL = "/dang-nhap/"
# Staff sessions end with the browser and after 10 idle hours (one working day).
SESSION_COOKIE_AGE = 10 * 3600
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Behind HTTPS (production) cookies travel only over TLS.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = os.environ.get("MOTCUA_SECURE_COOKIES", "") == "1"

# Requests per client IP on public pages (status lookup, online submission).
MOTCUA_PUBLIC_RATE_LIMIT = os.environ.get("MOTCUA_PUBLIC_RATE_LIMIT", "30/minute")
# Largest attachment accepted, in megabytes.
MOTCUA_MAX_UPLOAD_MB = float(os.environ.get("MOTCUA_MAX_UPLOAD_MB", "20"))

# Background jobs (motcua/jobs): "1" runs them synchronously in the request (tests, debugging);
# otherwise at most MOTCUA_JOBS_THREADS run at once in daemon threads of the web process.
MOTCUA_JOBS_INLINE = os.environ.get("MOTCUA_JOBS_INLINE", "") == "1"
MOTCUA_JOBS_THREADS = int(os.environ.get("MOTCUA_JOBS_THREADS", "2"))
# An active job from another live process that reported nothing for this long is taken as dead.
MOTCUA_JOBS_STALE_MINUTES = float(os.environ.get("MOTCUA_JOBS_STALE_MINUTES", "120"))

# The PKCS#12 certificate the report page signs PDF reports with (blank = no signed download);
# its password comes from the MOTCUA_SIGN_PASSWORD environment variable, as for `motcua report build --sign`.
MOTCUA_SIGN_P12 = os.environ.get("MOTCUA_SIGN_P12", "")

# --- security: login --- (django-axes: failed sign-ins counted in the database, so across workers)
INSTALLED_APPS += ["axes"]
# Last, as django-axes asks: it turns a locked-out attempt into the lockout page.
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
# Wrong passwords in a row for one user name from one address before sign-in is refused for a while.
MOTCUA_LOGIN_FAILURE_LIMIT = int(os.environ.get("MOTCUA_LOGIN_FAILURE_LIMIT", "5"))
MOTCUA_LOGIN_COOLOFF_MINUTES = float(os.environ.get("MOTCUA_LOGIN_COOLOFF_MINUTES", "15"))
AXES_FAILURE_LIMIT = MOTCUA_LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = dt.timedelta(minutes=MOTCUA_LOGIN_COOLOFF_MINUTES)
# Per user name *and* address: a stranger's guesses lock the stranger's address, not the owner everywhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "motcua.core.accounts.locked_out"
# REMOTE_ADDR only, as the public pages' limits (motcua/portal/ratelimit.py).
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
AXES_VERBOSE = False

# --- security: shared counters --- (public rate limits and the 4-digit check count in the
# database cache, or in Redis when MOTCUA_REDIS_URL is set: every worker process sees one count)
MOTCUA_REDIS_URL = os.environ.get("MOTCUA_REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": MOTCUA_REDIS_URL, "KEY_PREFIX": "motcua"}
        if MOTCUA_REDIS_URL
        # The table is made by motcua/core/migrations; incr is atomic there (motcua/core/cache.py).
        # Room for many clients' counters: past MAX_ENTRIES Django culls live rows too, resetting counts.
        else {
            "BACKEND": "motcua.core.cache.AtomicDatabaseCache",
            "LOCATION": "motcua_cache",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    )
}
# Wrong answers to the 4-digit check one address may give for one dossier, and in all, per window.
MOTCUA_PUBLIC_CHECK_LIMIT = os.environ.get("MOTCUA_PUBLIC_CHECK_LIMIT", "10/hour")
MOTCUA_PUBLIC_CHECK_CLIENT_LIMIT = os.environ.get("MOTCUA_PUBLIC_CHECK_CLIENT_LIMIT", "30/hour")

"""Django settings for motcua.

Everything a deployment changes comes from the environment:
  DATABASE_URL       PostgreSQL (or any dj-database-url URL); unset = embedded SQLite
  MOTCUA_HOME        data directory for the embedded database and uploads (default ~/.motcua)
  MOTCUA_SECRET_KEY  secret key (a development key is used when unset)
  MOTCUA_DEBUG       "1" to enable Django's debug mode
  MOTCUA_PERIOD_CALENDAR  "calendar" (default) or "cutoff" (Bộ Nội vụ's cut-off dates)
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("MOTCUA_HOME", Path.home() / ".motcua")).expanduser()

SECRET_KEY = os.environ.get("MOTCUA_SECRET_KEY", "motcua-development-key-change-me-in-production")
DEBUG = os.environ.get("MOTCUA_DEBUG", "") == "1"
ALLOWED_HOSTS = os.environ.get("MOTCUA_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "motcua.core.admin_site.SuperusersOnlyAdminConfig",  # Django's admin, superusers only
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
    "motcua.privacy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "motcua.core.middleware.VietnameseFirstLocaleMiddleware",
    # Before anything reads the body (CSRF, uploads): a body over MOTCUA_MAX_REQUEST_MB is a 413.
    "motcua.core.request_limits.RequestBodyCapMiddleware",
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

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
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

# --- security: uploads and privacy ---
# Largest request body accepted, in megabytes: larger requests get 413 before their body is read.
MOTCUA_MAX_REQUEST_MB = float(os.environ.get("MOTCUA_MAX_REQUEST_MB", "100"))
# On SQLite (one write lock for the whole database) a load of more lines than this is refused: use PostgreSQL (0 = no cap).
MOTCUA_SQLITE_MAX_LOAD_LINES = int(os.environ.get("MOTCUA_SQLITE_MAX_LOAD_LINES", "50000"))
# Online submission: a one-time code (6 digits, MOTCUA_PROOF_MINUTES valid) to the applicant's phone or e-mail first;
# at most MOTCUA_ONLINE_DAILY_PER_IP codes a day per client address and MOTCUA_ONLINE_DAILY_PER_CONTACT per phone/e-mail.
MOTCUA_ONLINE_DAILY_PER_IP = int(os.environ.get("MOTCUA_ONLINE_DAILY_PER_IP", "20"))
MOTCUA_ONLINE_DAILY_PER_CONTACT = int(os.environ.get("MOTCUA_ONLINE_DAILY_PER_CONTACT", "5"))
MOTCUA_PROOF_MINUTES = int(os.environ.get("MOTCUA_PROOF_MINUTES", "10"))
# The class that sends SMS codes (send(phone, text)); the console one prints them.
MOTCUA_SMS_BACKEND = os.environ.get("MOTCUA_SMS_BACKEND", "motcua.portal.senders.ConsoleSmsSender")

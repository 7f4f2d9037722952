"""Django settings for motcua: the one place every setting is declared.

Everything a deployment changes comes from a `MOTCUA_*` environment variable
(and `DATABASE_URL`), read here once with its type and default and documented
in the README's environment table; the code reads `settings.MOTCUA_…`, never
a `getattr` with a default of its own, and never the environment itself.
"""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


def _env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def _env_bool(name: str) -> bool:
    return _env(name) == "1"


def _env_number(name: str, default, kind, minimum=0):
    text = _env(name, str(default))
    try:
        value = kind(text)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={text!r} không phải số") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={text!r} phải từ {minimum} trở lên")
    return value


def _env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = _env(name, default)
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} phải là một trong: {', '.join(choices)}")
    return value


BASE_DIR = Path(__file__).resolve().parent
# The data directory: the embedded database, uploads, compiled catalogs, the generated key.
DATA_DIR = Path(_env("MOTCUA_HOME") or Path.home() / ".motcua").expanduser()


def _generated_secret_key(path: Path) -> str:
    """Return the random key stored (0600) in the data directory, creating it once.

    Only for commands that are not the production server (tests, the CLI, the
    demo): `motcua serve` refuses to start without MOTCUA_SECRET_KEY. There is
    no public default key in the code.
    """
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    from django.core.management.utils import get_random_secret_key

    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(get_random_secret_key() + "\n")
    try:
        # link() never replaces: of two processes starting at once, one key wins and both read it.
        os.link(temporary, path)
    except FileExistsError:
        pass
    finally:
        os.unlink(temporary)
    return path.read_text().strip()


# The file holding the generated key, or None when MOTCUA_SECRET_KEY gives it.
SECRET_KEY_FILE = None if _env("MOTCUA_SECRET_KEY") else DATA_DIR / "secret_key"
SECRET_KEY = _env("MOTCUA_SECRET_KEY") or _generated_secret_key(SECRET_KEY_FILE)
DEBUG = _env_bool("MOTCUA_DEBUG")
ALLOWED_HOSTS = [h.strip() for h in _env("MOTCUA_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h.strip()]

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
    "motcua.payments",
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
    "motcua.ops",
    "motcua.demo",
    "django_tasks",
    "django_tasks_db",
    "motcua.privacy",
    "motcua.notices",
    "motcua.index766",
    "motcua.tallies",
    "motcua.nationalportal",
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
    url = _env("DATABASE_URL")
    if url:
        config = dj_database_url.parse(url, conn_max_age=60)
        if config["ENGINE"].endswith("postgresql"):
            # No JIT compilation: compiling the QĐ 766 index's one pass of some twenty conditions cost about
            # 1.1 s of a province's year, more than it saved (benchmarks/index766.py); motcua's other queries
            # are short. A `?options=…` in DATABASE_URL comes after and may set jit again.
            options = config.setdefault("OPTIONS", {})
            options["options"] = " ".join(filter(None, ["-c jit=off", options.get("options", "")]))
        return config
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
STATIC_ROOT = _env("MOTCUA_STATIC_ROOT") or None
MEDIA_ROOT = DATA_DIR / "media"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

EMAIL_BACKEND = _env("MOTCUA_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# Mail to citizens (motcua/notices, one-time codes): the SMTP server of django.core.mail.backends.smtp.EmailBackend.
EMAIL_HOST = _env("MOTCUA_EMAIL_HOST", "localhost")
EMAIL_PORT = _env_number("MOTCUA_EMAIL_PORT", 587, int, minimum=1)
EMAIL_HOST_USER = _env("MOTCUA_EMAIL_USER")
EMAIL_HOST_PASSWORD = _env("MOTCUA_EMAIL_PASSWORD")
EMAIL_USE_TLS = _env_bool("MOTCUA_EMAIL_TLS")
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = _env("MOTCUA_EMAIL_FROM", "motcua@localhost")
# django.core.mail.backends.filebased.EmailBackend (the demo) writes each message here.
EMAIL_FILE_PATH = DATA_DIR / "mail"

# Which reporting-period calendar reports use: "calendar" quarters or Bộ Nội vụ's cut-off dates.
MOTCUA_PERIOD_CALENDAR = _env_choice("MOTCUA_PERIOD_CALENDAR", "calendar", ("calendar", "cutoff"))
# Base URL printed on receipts (QR code to the public status page).
MOTCUA_PUBLIC_URL = _env("MOTCUA_PUBLIC_URL", "http://127.0.0.1:8000")
# The payment gateway of online fees (motcua.payments.gateway): its base URL ("" = no online payment),
# the key both sides sign requests and callbacks with (HMAC-SHA256), and how long a call may take.
# `motcua payment-sim` serves a local simulator at http://127.0.0.1:8765.
MOTCUA_PAYMENT_GATEWAY_URL = _env("MOTCUA_PAYMENT_GATEWAY_URL", "").rstrip("/")
MOTCUA_PAYMENT_GATEWAY_SECRET = _env("MOTCUA_PAYMENT_GATEWAY_SECRET", "")
MOTCUA_PAYMENT_GATEWAY_TIMEOUT = _env_number("MOTCUA_PAYMENT_GATEWAY_TIMEOUT", 10, float)

LOGIN_URL = "/dang-nhap/"
LOGIN_REDIRECT_URL = "/can-bo/"
LOGOUT_REDIRECT_URL = "/dang-nhap/"
# Staff sessions end with the browser and after 10 idle hours (one working day).
SESSION_COOKIE_AGE = 10 * 3600
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Behind HTTPS (production) cookies travel only over TLS.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = _env_bool("MOTCUA_SECURE_COOKIES")
# Behind a reverse proxy that terminates HTTPS and sets X-Forwarded-Proto: requests count as secure
# (CSRF's origin check compares https:// origins with https:// requests).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if _env_bool("MOTCUA_HTTPS_PROXY") else None

# Requests per client IP on public pages (status lookup, online submission).
MOTCUA_PUBLIC_RATE_LIMIT = _env("MOTCUA_PUBLIC_RATE_LIMIT", "30/minute")
# Wrong answers to the 4-digit check one dossier takes, from any address, per window.
MOTCUA_PUBLIC_CHECK_LIMIT = _env("MOTCUA_PUBLIC_CHECK_LIMIT", "10/hour")
# Largest attachment accepted, in megabytes.
MOTCUA_MAX_UPLOAD_MB = _env_number("MOTCUA_MAX_UPLOAD_MB", 20, float)
# Largest JSON Lines file an administrator may load from the web, in megabytes.
MOTCUA_MAX_LOAD_MB = _env_number("MOTCUA_MAX_LOAD_MB", 200, float)

# --- worker --- (motcua/jobs, `motcua worker`)
# Long work (report reading, loads, the due-soon sweep) is queued in the database through
# Django's task framework (the django-tasks backport, django-tasks-db backend) and run by
# `motcua worker` processes, never in the web process.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# How often each worker writes its heartbeat row, in seconds.
MOTCUA_WORKER_BEAT_SECONDS = _env_number("MOTCUA_WORKER_BEAT_SECONDS", 5, float)
# A worker silent this long is taken as gone: its running jobs fail, /healthz says "late".
MOTCUA_WORKER_STALE_SECONDS = _env_number("MOTCUA_WORKER_STALE_SECONDS", 60, float)
# The workers queue the due-soon/overdue sweep this often, in minutes (0 = never; `motcua sweep` by hand).
MOTCUA_SWEEP_MINUTES = _env_number("MOTCUA_SWEEP_MINUTES", 10, float)
# The workers store the monthly tallies of months over this often, in minutes (0 = never; `motcua tallies refresh`
# by hand): a report then reads past months from them instead of counting the dossiers (motcua.tallies).
MOTCUA_TALLIES_REFRESH_MINUTES = _env_number("MOTCUA_TALLIES_REFRESH_MINUTES", 60, float)

# --- national portal --- (motcua/nationalportal; national-portal.md)
# Where the workers deliver each dossier's state changes (POST {url}/dossiers); blank = messages wait in the outbox.
MOTCUA_PORTAL_URL = _env("MOTCUA_PORTAL_URL").rstrip("/")
# The bearer token of motcua's account on the portal.
MOTCUA_PORTAL_TOKEN = _env("MOTCUA_PORTAL_TOKEN")
# Attempts of one message before it is marked failed (listed for administrators, re-queueable).
MOTCUA_PORTAL_RETRIES = _env_number("MOTCUA_PORTAL_RETRIES", 20, int, minimum=1)
# Seconds one attempt may take (connecting and answering) before it counts as failed.
MOTCUA_PORTAL_TIMEOUT = _env_number("MOTCUA_PORTAL_TIMEOUT", 10, float)
# The wait after the first failed attempt, doubled after each next one up to the maximum (seconds): 5 s … 6 h.
MOTCUA_PORTAL_RETRY_SECONDS = _env_number("MOTCUA_PORTAL_RETRY_SECONDS", 5, float)
MOTCUA_PORTAL_RETRY_MAX_SECONDS = _env_number("MOTCUA_PORTAL_RETRY_MAX_SECONDS", 21600, float)

# The PKCS#12 certificate the report page signs PDF reports with (blank = no signed download);
# its password comes from the MOTCUA_SIGN_PASSWORD environment variable, as for `motcua report build --sign`.
MOTCUA_SIGN_P12 = _env("MOTCUA_SIGN_P12")

# --- Operations (motcua/ops): the production server and logging ---------------------------
# `motcua serve`: gunicorn bound to this address, with this many worker processes of this many
# threads each; a request running longer than the timeout (seconds) gets its worker restarted.
MOTCUA_SERVE_ADDR = _env("MOTCUA_SERVE_ADDR", "127.0.0.1:8000")
MOTCUA_SERVE_WORKERS = _env_number("MOTCUA_SERVE_WORKERS", 2, int, minimum=1)
MOTCUA_SERVE_THREADS = _env_number("MOTCUA_SERVE_THREADS", 4, int, minimum=1)
MOTCUA_SERVE_TIMEOUT = _env_number("MOTCUA_SERVE_TIMEOUT", 120, int, minimum=1)

# Logs go to standard error, one line per record: plain text, or one JSON object per line.
MOTCUA_LOG_LEVEL = _env_choice("MOTCUA_LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"))
MOTCUA_LOG_FORMAT = _env_choice("MOTCUA_LOG_FORMAT", "text", ("text", "json"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {"()": "motcua.ops.logs.JsonLinesFormatter"},
    },
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": MOTCUA_LOG_FORMAT}},
    "root": {"handlers": ["stderr"], "level": MOTCUA_LOG_LEVEL},
}

# --- security: login --- (django-axes: failed sign-ins counted in the database, so across workers)
INSTALLED_APPS += ["axes"]
# Last, as django-axes asks: it turns a locked-out attempt into the lockout page.
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
# Wrong passwords in a row for one user name from one address before sign-in is refused for a while.
MOTCUA_LOGIN_FAILURE_LIMIT = _env_number("MOTCUA_LOGIN_FAILURE_LIMIT", 5, int, minimum=1)
MOTCUA_LOGIN_COOLOFF_MINUTES = _env_number("MOTCUA_LOGIN_COOLOFF_MINUTES", 15, float)
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
MOTCUA_REDIS_URL = _env("MOTCUA_REDIS_URL")
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
MOTCUA_PUBLIC_CHECK_CLIENT_LIMIT = _env("MOTCUA_PUBLIC_CHECK_CLIENT_LIMIT", "30/hour")

# --- security: uploads and privacy ---
# Largest request body accepted, in megabytes: larger requests get 413 before their body is read.
MOTCUA_MAX_REQUEST_MB = _env_number("MOTCUA_MAX_REQUEST_MB", 100, float)
# On SQLite (one write lock for the whole database) a load of more lines than this is refused: use PostgreSQL (0 = no cap).
MOTCUA_SQLITE_MAX_LOAD_LINES = _env_number("MOTCUA_SQLITE_MAX_LOAD_LINES", 50000, int)
# Online submission: a one-time code (6 digits, MOTCUA_PROOF_MINUTES valid) to the applicant's phone or e-mail first;
# at most MOTCUA_ONLINE_DAILY_PER_IP codes a day per client address and MOTCUA_ONLINE_DAILY_PER_CONTACT per phone/e-mail.
MOTCUA_ONLINE_DAILY_PER_IP = _env_number("MOTCUA_ONLINE_DAILY_PER_IP", 20, int)
MOTCUA_ONLINE_DAILY_PER_CONTACT = _env_number("MOTCUA_ONLINE_DAILY_PER_CONTACT", 5, int)
MOTCUA_PROOF_MINUTES = _env_number("MOTCUA_PROOF_MINUTES", 10, int, minimum=1)
# The class that sends SMS codes (send(phone, text)); the console one prints them.
MOTCUA_SMS_BACKEND = _env("MOTCUA_SMS_BACKEND", "motcua.portal.senders.ConsoleSmsSender")
# motcua.notices.sms.HttpSmsSender: the gateway's URL (a JSON POST {"to", "text"}), its bearer token, the wait for an answer.
MOTCUA_SMS_HTTP_URL = _env("MOTCUA_SMS_HTTP_URL")
MOTCUA_SMS_HTTP_TOKEN = _env("MOTCUA_SMS_HTTP_TOKEN")
MOTCUA_SMS_HTTP_TIMEOUT = _env_number("MOTCUA_SMS_HTTP_TIMEOUT", 10, float)
# Notices to citizens (motcua/notices): tries per notice before it is marked failed, and the wait after
# the first failed try in seconds (doubled after each further one).
MOTCUA_NOTICE_ATTEMPTS = _env_number("MOTCUA_NOTICE_ATTEMPTS", 5, int, minimum=1)
MOTCUA_NOTICE_RETRY_SECONDS = _env_number("MOTCUA_NOTICE_RETRY_SECONDS", 60, float)
# The workers look this often, in minutes, for notices whose worker died mid-try, and queue them again (0 = never).
MOTCUA_NOTICE_RESCUE_MINUTES = _env_number("MOTCUA_NOTICE_RESCUE_MINUTES", 10, float)

# --- Citizen sign-in through OpenID Connect (VNeID) --- (mozilla-django-oidc; motcua/accounts/oidc.py)
# Off unless a client id is set. The provider's endpoints, this site's client id and secret at the provider,
# the ID token's signing algorithm (RS256: checked with the provider's JWKS) and the scopes asked for.
MOTCUA_OIDC_CLIENT_ID = _env("MOTCUA_OIDC_CLIENT_ID")
MOTCUA_OIDC_CLIENT_SECRET = _env("MOTCUA_OIDC_CLIENT_SECRET")
MOTCUA_OIDC_AUTHORIZATION_URL = _env("MOTCUA_OIDC_AUTHORIZATION_URL")
MOTCUA_OIDC_TOKEN_URL = _env("MOTCUA_OIDC_TOKEN_URL")
MOTCUA_OIDC_USERINFO_URL = _env("MOTCUA_OIDC_USERINFO_URL")
MOTCUA_OIDC_JWKS_URL = _env("MOTCUA_OIDC_JWKS_URL")
MOTCUA_OIDC_SIGN_ALGO = _env_choice("MOTCUA_OIDC_SIGN_ALGO", "RS256", ("RS256", "ES256", "HS256"))
MOTCUA_OIDC_SCOPES = _env("MOTCUA_OIDC_SCOPES", "openid profile")
# The claim (ID token first, then userinfo) holding the citizen's 12-digit personal ID number (CCCD),
# which their dossiers are matched on: "sub" when the provider's subject is the ID number.
MOTCUA_OIDC_ID_CLAIM = _env("MOTCUA_OIDC_ID_CLAIM", "sub")
# Staff may sign in through the same provider too ("1"; off by default): the claim `preferred_username`
# must name an existing active staff account, which is never created, and citizens stay citizens.
MOTCUA_OIDC_STAFF = _env_bool("MOTCUA_OIDC_STAFF")
# The library's own names, from ours.
OIDC_RP_CLIENT_ID = MOTCUA_OIDC_CLIENT_ID
OIDC_RP_CLIENT_SECRET = MOTCUA_OIDC_CLIENT_SECRET
OIDC_OP_AUTHORIZATION_ENDPOINT = MOTCUA_OIDC_AUTHORIZATION_URL
OIDC_OP_TOKEN_ENDPOINT = MOTCUA_OIDC_TOKEN_URL
OIDC_OP_USER_ENDPOINT = MOTCUA_OIDC_USERINFO_URL
OIDC_OP_JWKS_ENDPOINT = MOTCUA_OIDC_JWKS_URL or None
OIDC_RP_SIGN_ALGO = MOTCUA_OIDC_SIGN_ALGO
OIDC_RP_SCOPES = MOTCUA_OIDC_SCOPES
OIDC_USE_PKCE = True
LOGIN_REDIRECT_URL_FAILURE = "/cong-dan/dang-nhap/?loi=1"
# Inert unless configured; it only ever answers the OIDC callback, and never with a staff account.
AUTHENTICATION_BACKENDS += ["motcua.accounts.oidc.CitizenOIDCBackend"]

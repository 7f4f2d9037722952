"""Settings of the test-only OpenID Connect provider: django-oidc-provider, its own SQLite file, nothing of motcua.

Run by tests/oidc_provider/run.py in a subprocess; the database path comes from OIDC_TEST_PROVIDER_DB.
"""

import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
SECRET_KEY = "test-only-oidc-provider-key-not-a-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oidc_provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
ROOT_URLCONF = "tests.oidc_provider.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [HERE / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["OIDC_TEST_PROVIDER_DB"]}}
USE_TZ = True
# Same host as the site under test, another port: cookies of their own names, so neither overwrites the other's.
SESSION_COOKIE_NAME = "op_sessionid"
CSRF_COOKIE_NAME = "op_csrftoken"
LOGIN_URL = "/login/"
# The subject is the user name, which the tests make the citizen's 12-digit ID number (CCCD).
OIDC_IDTOKEN_SUB_GENERATOR = "tests.oidc_provider.claims.sub"
OIDC_USERINFO = "tests.oidc_provider.claims.userinfo"

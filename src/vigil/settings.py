"""Django settings for Vigil, read from the environment with safe defaults.

Production differs from a laptop only by environment variables (docs/configuration.md):
VIGIL_DATA_DIR, DATABASE_URL, VIGIL_SECRET_KEY, VIGIL_DEBUG, VIGIL_ALLOWED_HOSTS, VIGIL_HTTPS.
"""

import os
import secrets
from pathlib import Path

import dj_database_url

from vigil.datadir import data_dir


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def _list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key(data_dir: Path, name: str = "secret_key") -> str:
    """Return VIGIL_SECRET_KEY, else a key made once and kept in the data directory (mode 0600)."""
    if name == "secret_key" and os.environ.get("VIGIL_SECRET_KEY"):
        return os.environ["VIGIL_SECRET_KEY"]
    path = data_dir / name
    if not path.exists():
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as out:
            out.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = data_dir()
DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
ARCHIVE_DIR = DATA_DIR / "archive"
# The keys of the encrypted fields: VIGIL_FIELD_KEYS, else this file (made 0600 on first use).
FIELD_KEYS_FILE = Path(os.environ.get("VIGIL_FIELD_KEYS_FILE") or DATA_DIR / "field-keys")

SECRET_KEY = _secret_key(DATA_DIR)
# Keys the pseudonyms of people who did not consent to be named (vigil.publish.pseudonyms): kept
# apart from SECRET_KEY, which an operator may rotate, since a partner's pseudonyms must stay stable.
PSEUDONYM_KEY = os.environ.get("VIGIL_PSEUDONYM_KEY") or _secret_key(DATA_DIR, name="pseudonym_key")
DEBUG = _flag("VIGIL_DEBUG")
ALLOWED_HOSTS = _list("VIGIL_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = _list("VIGIL_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "vigil.accounts.apps.VigilAdminConfig",  # Django's admin, behind Vigil's login and second factor
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "vigil.accounts",
    "vigil.records",
    "vigil.workspace",
    "vigil.publish",
    "vigil.audit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "vigil.accounts.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "vigil.accounts.sessions.SessionExpiryMiddleware",
    "vigil.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "vigil.urls"
WSGI_APPLICATION = "vigil.wsgi.application"

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
            ],
        },
    },
]

# SQLite (WAL, a busy timeout, write transactions taken at BEGIN so that concurrent writers
# queue instead of failing) unless DATABASE_URL names another database.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_health_checks=True)}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(DATA_DIR / "vigil.sqlite3")}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-vigil.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "workspace:login"
LOGIN_REDIRECT_URL = "workspace:inbox"
LOGOUT_REDIRECT_URL = "workspace:login"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ru", "Русский")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["vigil.formats"]
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# An upload larger than 2.5 MB is spooled to disk while read: into the data directory (mode 0700),
# never a shared /tmp, and readable by Vigil's user alone; an article may be 10 MB at most.
FILE_UPLOAD_TEMP_DIR = DATA_DIR / "uploads"
FILE_UPLOAD_TEMP_DIR.mkdir(mode=0o700, exist_ok=True)
FILE_UPLOAD_PERMISSIONS = 0o600
MAX_REQUEST_BYTES = 12 * 1024 * 1024  # `vigil serve` refuses a larger request before Django reads it

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"  # `vigil manage collectstatic` fills it for a front web server
STATIC_ROOT.mkdir(exist_ok=True)
# Every asset is served by Vigil itself (no CDN: some users work where foreign hosts are
# blocked). WhiteNoise serves the apps' static files straight from the installed package.
WHITENOISE_USE_FINDERS = True

# Logins (vigil.accounts): a lockout after repeated failures, per user name and per client address;
# X-Forwarded-For is believed only from the proxies named here (addresses or CIDR ranges).
VIGIL_LOCKOUT_ATTEMPTS = int(os.environ.get("VIGIL_LOCKOUT_ATTEMPTS", "5"))
VIGIL_LOCKOUT_ADDRESS_ATTEMPTS = int(os.environ.get("VIGIL_LOCKOUT_ADDRESS_ATTEMPTS", "20"))
VIGIL_LOCKOUT_MINUTES = int(os.environ.get("VIGIL_LOCKOUT_MINUTES", "15"))
VIGIL_TRUSTED_PROXIES = _list("VIGIL_TRUSTED_PROXIES", "")
OTP_TOTP_ISSUER = "Vigil"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # no administrator can read another user's TOTP secret in the admin
# Sessions end after this long idle, and this long after the login whatever happens; and when the
# browser closes. A shared or seized laptop then holds no open session for long.
VIGIL_SESSION_IDLE_MINUTES = int(os.environ.get("VIGIL_SESSION_IDLE_MINUTES", "30"))
VIGIL_SESSION_MAX_HOURS = int(os.environ.get("VIGIL_SESSION_MAX_HOURS", "12"))
SESSION_COOKIE_AGE = VIGIL_SESSION_MAX_HOURS * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Content-Security-Policy: scripts and styles from Vigil's own static files only, nothing inline.
VIGIL_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True  # no script reads it: forms carry the token
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if _flag("VIGIL_HTTPS"):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Entering the browsers' preload list binds the whole domain to HTTPS for months, past any
    # undo: the domain's owner opts in with VIGIL_HSTS_PRELOAD; until then check --deploy is told so.
    SECURE_HSTS_PRELOAD = _flag("VIGIL_HSTS_PRELOAD")
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    if _flag("VIGIL_BEHIND_PROXY"):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("VIGIL_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

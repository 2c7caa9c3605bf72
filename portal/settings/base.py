"""Settings shared by every environment; everything site-specific comes from the environment."""

import os
import shutil
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "portal"
VAR_DIR = Path(os.environ.get("DANCU_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no flag from the environment ('1', 'true', 'yes', 'on' are true)."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated list from the environment."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from error


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Client address: the socket peer unless the request came through one of these proxies.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
# Salt for the hash of client addresses (defaults to one derived from SECRET_KEY).
VISITOR_HASH_SALT = os.environ.get("VISITOR_HASH_SALT", "")

INSTALLED_APPS = [
    "portal.core",
    "portal.images",
    "portal.home",
    "portal.news",
    "portal.importer",
    "portal.comments",
    "portal.links",
    "portal.ratings",
    "portal.polls",
    "captcha",
    "portal.legal_documents",
    "portal.agencies",
    "portal.workcalendar",
    "portal.oversight",
    "portal.visits",
    "portal.search",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "portal.core.visitors.VisitorMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# Database: SQLite (WAL, busy timeout) unless DATABASE_URL says otherwise.
SQLITE_PATH = VAR_DIR / "dancu.sqlite3"
DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
                ),
            },
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command",
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
    )

# Cache: Redis when REDIS_URL is set (shared by several app servers), else a local cache.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "dancu"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "dancu",
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese first.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["portal.formats"]
LOCALE_PATHS = [PROJECT_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME", "Đoàn ĐBQH và HĐND thành phố")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "images.PortalImage"
WAGTAILDOCS_DOCUMENT_MODEL = "images.PortalDocument"
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"

LOGIN_URL = "wagtailadmin_login"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Verification code ("mã xác thực") for public forms: five digits, each valid once. Pages take
# codes from a pool (no write per page view) that `refill_captcha_pool` keeps at
# CAPTCHA_POOL_SIZE; a code lives CAPTCHA_TIMEOUT minutes and is handed out only while at least
# CAPTCHA_GET_FROM_POOL_TIMEOUT minutes remain. The spoken alternative needs espeak-ng
# (Vietnamese voice) or flite; without either, none is offered.
CAPTCHA_CHALLENGE_FUNCT = "portal.comments.captcha.digits_challenge"
CAPTCHA_LENGTH = 5
CAPTCHA_GET_FROM_POOL = env_bool("CAPTCHA_GET_FROM_POOL", True)
CAPTCHA_TIMEOUT = 60
CAPTCHA_GET_FROM_POOL_TIMEOUT = 20
CAPTCHA_POOL_SIZE = env_int("CAPTCHA_POOL_SIZE", 2000)
CAPTCHA_FONT_SIZE = 30
CAPTCHA_LETTER_ROTATION = (-20, 20)
CAPTCHA_TEST_MODE = False


def _captcha_speaker() -> str | None:
    """The program simple-captcha runs to speak a code: Vietnamese espeak-ng, else flite."""
    explicit = os.environ.get("CAPTCHA_SPEAKER_PATH", "").strip()
    if explicit:
        return explicit
    if shutil.which("espeak-ng"):
        return str(PROJECT_DIR / "comments" / "bin" / "captcha-speak")
    return shutil.which("flite")


CAPTCHA_FLITE_PATH = _captcha_speaker()
# Comments: at most COMMENTS_RATE_LIMIT submissions per visitor (and COMMENTS_RATE_LIMIT_PER_ADDRESS
# per client address, shared by everyone behind one NAT) per COMMENTS_RATE_WINDOW seconds.
COMMENTS_RATE_LIMIT = env_int("COMMENTS_RATE_LIMIT", 5)
COMMENTS_RATE_LIMIT_PER_ADDRESS = env_int("COMMENTS_RATE_LIMIT_PER_ADDRESS", 30)
COMMENTS_RATE_WINDOW = env_int("COMMENTS_RATE_WINDOW", 600)
CAPTCHA_AUDIO_RATE_LIMIT = env_int("CAPTCHA_AUDIO_RATE_LIMIT", 20)
CAPTCHA_AUDIO_RATE_WINDOW = env_int("CAPTCHA_AUDIO_RATE_WINDOW", 600)


# Public writes (ratings, votes, comments): hits per window, per visitor key and per client
# address hash; over the limit → 429. "hits/seconds" in the environment.
def env_rate(name: str, default: str) -> tuple[int, int]:
    value = os.environ.get(name, "").strip() or default
    hits, _, seconds = value.partition("/")
    try:
        return int(hits), int(seconds or 60)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must look like 10/60, got {value!r}") from error


RATE_LIMITS = {
    "default": {
        "visitor": env_rate("RATE_LIMIT_VISITOR", "10/60"),
        "address": env_rate("RATE_LIMIT_ADDRESS", "600/60"),
    },
}
CSRF_FAILURE_VIEW = "portal.core.views.csrf_failure"

# Commands `run_scheduler` runs periodically (`make run` starts it next to the server).
SCHEDULED_COMMANDS = ["publish_scheduled", "refill_captcha_pool"]

# Visit statistics (portal.visits): views are buffered (Redis, else per process) and flushed in
# batches every VISITS_FLUSH_SECONDS or every VISITS_FLUSH_EVERY views (0 turns either off).
VISITS_FLUSH_SECONDS = env_int("VISITS_FLUSH_SECONDS", 10)
VISITS_FLUSH_EVERY = env_int("VISITS_FLUSH_EVERY", 500)
SCHEDULED_COMMANDS += ["flush_visits"]

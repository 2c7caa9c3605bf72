"""Settings shared by every environment; everything site-specific comes from the environment."""

import json
import os
import shutil
from datetime import timedelta
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


def env_float(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return float(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a number, got {value!r}") from error


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
    "portal.accounts",
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
    "portal.petitions",
    "portal.demo",
    "portal.notices",
    "portal.opendata",
    "rest_framework",
    "drf_spectacular",
    "corsheaders",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
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
    "django.contrib.sitemaps",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    # /healthz and /readyz: before everything (no session, no cookie, no host check).
    "portal.core.middleware.HealthCheckMiddleware",
    "portal.core.middleware.HeadWithoutBodyMiddleware",
    "portal.core.security.TrustedProxySSLMiddleware",
    # Outside everything else: it sees every cookie the session, CSRF and visitor middleware set,
    # and keeps the final response, security headers included (pagecache.py).
    "portal.core.pagecache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portal.core.security.PortalCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "portal.accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "portal.core.visitors.VisitorMiddleware",
    # Last, so it sees the login view's outcome and answers a lockout (portal.accounts).
    "axes.middleware.AxesMiddleware",
    # Last, so it sees a view's exception first: unwritable database or disk → 503, not 500.
    "portal.core.middleware.StorageFaultMiddleware",
]

ROOT_URLCONF = "portal.urls"

# Content-Security-Policy (django-csp, portal.core.security): public pages run only the
# portal's own script files — cached pages cannot carry per-request nonces, so no inline
# script at all. Style attributes stay allowed (poll bars, charts). The Wagtail admin gets its
# own policy on /admin/ only; documents and media files are sandboxed.
_CSP_COMMON = {
    "default-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **_CSP_COMMON,
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "frame-src": ["'none'"],
        "frame-ancestors": ["'none'"],
    }
}
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **_CSP_COMMON,
        # Wagtail's admin templates still carry inline scripts and handlers.
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        # The page preview is an admin URL shown in an admin iframe.
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
CONTENT_SECURITY_POLICY_FILES = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "img-src": ["'self'"],
        "style-src": ["'unsafe-inline'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "sandbox": [""],
    }
}

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

# Database: SQLite (WAL, busy timeout) unless DATABASE_URL says otherwise. A sqlite:// URL
# gets the same options as the default file.
SQLITE_PATH = VAR_DIR / "dancu.sqlite3"
SQLITE_OPTIONS = {
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
}
DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
if DATABASE_URL:
    # Health checks: a connection the server dropped (restart, failover) is replaced, not a 500.
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
    }
else:
    DATABASES = {"default": {"ENGINE": "portal.core.sqlite", "NAME": SQLITE_PATH}}
if DATABASES["default"]["ENGINE"] in {"django.db.backends.sqlite3", "portal.core.sqlite"}:
    # Django's backend, able to serve reads from a database it cannot write (portal.core.sqlite).
    DATABASES["default"]["ENGINE"] = "portal.core.sqlite"
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}

# Cache: Redis when REDIS_URL is set (shared by several app servers), else a local cache.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    # Redis refused, black-holed or flushed must not take the site down: short socket timeouts
    # and a circuit breaker turn its failures into cache misses (portal.core.cache).
    CACHES = {
        "default": {
            "BACKEND": "portal.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "dancu"),
            "OPTIONS": {
                "socket_connect_timeout": env_float("REDIS_SOCKET_TIMEOUT", 0.3),
                "socket_timeout": env_float("REDIS_SOCKET_TIMEOUT", 0.3),
                "breaker_cooldown": env_float("REDIS_RETRY_SECONDS", 5.0),
            },
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
# The app serves uploaded images under MEDIA_URL unless a front server does (deploy/ nginx).
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
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
# Every document is a download (never rendered in the portal's origin), under a sandbox policy.
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Nothing in the admin calls third parties (the CSP would refuse them anyway): no update
# check against wagtail.io, no Gravatar avatars.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"

LOGIN_URL = "wagtailadmin_login"

# The admin door (portal.accounts). django-axes throttles logins per account and per client
# address in the database (shared by every process and server) and refuses a locked login
# before any password is hashed; AXES_CLIENT_IP_CALLABLE ignores forged X-Forwarded-For.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "portal.accounts.services.login_address"
AXES_LOCKOUT_CALLABLE = "portal.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = True
# Two-factor authentication (django-otp): required for these groups and for superusers,
# available to everyone in Admin → Xác thực hai lớp.
TWO_FACTOR_REQUIRED_GROUPS = ["Quản trị", "Lãnh đạo duyệt"]
OTP_TOTP_ISSUER = os.environ.get("SITE_NAME", "Đoàn ĐBQH và HĐND thành phố")

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


def env_rate_limits(name: str, defaults: dict) -> dict:
    """RATE_LIMITS from the environment, merged over the defaults.

    JSON in the shape of the setting, e.g. RATE_LIMITS='{"comments": {"visitor": "3/600"}}'.
    """
    raw = os.environ.get(name, "").strip()
    merged = {scope: dict(kinds) for scope, kinds in defaults.items()}
    if not raw:
        return merged
    try:
        given = json.loads(raw)
        for scope, kinds in given.items():
            for kind, value in kinds.items():
                hits, _, seconds = str(value).partition("/")
                int(hits), int(seconds or 60)
                merged.setdefault(scope, {})[kind] = str(value)
    except (ValueError, AttributeError, TypeError) as error:
        raise ImproperlyConfigured(
            f'{name} must be JSON like {{"comments": {{"visitor": "5/600"}}}}, got {raw!r}'
        ) from error
    return merged


# Every rate limit, one shape: {scope: {"visitor": "hits/seconds", "address": "hits/seconds"}},
# counted per visitor key and per client-address hash over a sliding window, in Redis when
# REDIS_URL is set, else in the database (portal.core.ratelimit); "0/60" turns one off; over
# the limit → 429. Overrides: the RATE_LIMITS environment variable (JSON of the same shape).
RATE_LIMITS = env_rate_limits(
    "RATE_LIMITS",
    {
        "default": {"visitor": "10/60", "address": "600/60"},
        "ratings": {"visitor": "10/60", "address": "600/60"},
        "polls": {"visitor": "10/60", "address": "600/60"},
        "comments": {"visitor": "5/600", "address": "30/600"},
        # Verification-code images and refreshes (a page view loads one or two).
        "captcha": {"visitor": "120/600", "address": "1200/600"},
        # The spoken code starts a speech process per request.
        "captcha-audio": {"visitor": "20/600", "address": "80/600"},
        # The open-data API (portal.opendata): anonymous and cookie-less, so per address only.
        "api": {"visitor": "0/60", "address": "300/60"},
    },
)
# One person, one vote behind a shared address: counted ratings per article and counted votes
# per poll from one client address per VOTES_PER_ADDRESS_PERIOD seconds; beyond it votes are
# kept and flagged for editors but not counted (portal.core.allowance). 0 turns it off.
VOTES_PER_ADDRESS_ALLOWANCE = env_int("VOTES_PER_ADDRESS_ALLOWANCE", 10)
VOTES_PER_ADDRESS_PERIOD = env_int("VOTES_PER_ADDRESS_PERIOD", 24 * 3600)
CSRF_FAILURE_VIEW = "portal.core.views.csrf_failure"

# Commands `run_scheduler` runs periodically (`make run` starts it next to the server).
SCHEDULED_COMMANDS = [
    "publish_scheduled",
    "refill_captcha_pool",
    "flush_visits",
    "follow_up_petitions",
    "export_datasets",  # open-data bulk downloads, when their content changed
    "check_notices",  # refresh cached pages when a maintenance notice starts/stops showing
]

# Visit statistics (portal.visits): views are buffered (Redis, else — and while Redis fails — an
# append-only spool file per process in VISITS_SPOOL_DIR, which must be on local disk) and flushed
# in batches every VISITS_FLUSH_SECONDS or every VISITS_FLUSH_EVERY views (0 turns either off).
VISITS_SPOOL_DIR = Path(os.environ.get("VISITS_SPOOL_DIR", VAR_DIR / "spool" / "visits"))
VISITS_FLUSH_SECONDS = env_int("VISITS_FLUSH_SECONDS", 10)
VISITS_FLUSH_EVERY = env_int("VISITS_FLUSH_EVERY", 500)

# Voters' petitions (portal.petitions): working days allowed when no DeadlineRule applies
# (editors set rules in the admin) and the provinces whose communes are loaded as localities
# (official codes, "01" = Hà Nội). `follow_up_petitions` is in SCHEDULED_COMMANDS above.
PETITIONS_FORWARD_DAYS = env_int("PETITIONS_FORWARD_DAYS", 10)
PETITIONS_ANSWER_DAYS = env_int("PETITIONS_ANSWER_DAYS", 30)
PETITIONS_PROVINCES = env_list("PETITIONS_PROVINCES", "01")

# Pages every visitor shares (portal.core.pagecache): a shared cache (the nginx front) keeps an
# anonymous page PAGE_CACHE_SHARED_SECONDS, then revalidates (a 304 when nothing changed); the
# application keeps its own copy PAGE_CACHE_APP_SECONDS (0: off); counts printed in pages refresh
# at least every PAGE_CACHE_BUCKET_SECONDS.
PAGE_CACHE_SHARED_SECONDS = env_int("PAGE_CACHE_SHARED_SECONDS", 1)
PAGE_CACHE_APP_SECONDS = env_int("PAGE_CACHE_APP_SECONDS", 300)
PAGE_CACHE_BUCKET_SECONDS = env_int("PAGE_CACHE_BUCKET_SECONDS", 60)
# The WSGI short-cut (portal.wsgi) reads the content version at most this often per process: a
# change made on another server reaches its answers within that time.
PAGE_CACHE_VERSION_SECONDS = env_float("PAGE_CACHE_VERSION_SECONDS", 0.5)
# How many pages each app server process also keeps in its own memory (the short-cut's LRU; a
# page's key carries the content version, so a copy is never staler than the shared one).
PAGE_CACHE_LOCAL_ENTRIES = env_int("PAGE_CACHE_LOCAL_ENTRIES", 200)
# An uncached page reuses the parts every page shows (header, navigation, sidebar, footer) and an
# article's body, cached under the same content version and bucket (portal.core.fragments).
FRAGMENT_CACHE = env_bool("FRAGMENT_CACHE", True)
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 3600)
# What one visitor's page script asks /ca-nhan/ for: each app answers for its own widget.
VISITOR_STATE_PROVIDERS = [
    "portal.ratings.selectors.visitor_state",
    "portal.polls.selectors.visitor_state",
    "portal.visits.selectors.visitor_state",
]

# The open-data API (portal.opendata): read-only, anonymous, under /api/v1/; its limit is
# RATE_LIMITS["api"]. The old variable must not be ignored silently where it is still set.
if os.environ.get("API_RATE_LIMIT"):
    raise ImproperlyConfigured(
        'API_RATE_LIMIT is gone: set RATE_LIMITS=\'{"api": {"address": "300/60"}}\' instead.'
    )
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_THROTTLE_CLASSES": ["portal.opendata.plumbing.ApiRateThrottle"],
    "DEFAULT_PAGINATION_CLASS": "portal.opendata.plumbing.CursorPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "portal.opendata.plumbing.problem_exception_handler",
    "UNAUTHENTICATED_USER": None,
    "DATE_FORMAT": "iso-8601",
}
SPECTACULAR_SETTINGS = {
    "OAS_VERSION": "3.1.0",
    "TITLE": "API dữ liệu mở – Trang thông tin điện tử Đoàn ĐBQH và HĐND",
    "DESCRIPTION": (
        "API chỉ đọc, không cần đăng nhập: tin bài, chuyên mục, văn bản pháp lý và trích dẫn, "
        "thông báo bảo trì. Dữ liệu theo giấy phép CC BY 4.0."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
    "GET_LIB_DOC_EXCLUDES": "portal.opendata.plumbing.doc_excludes",
    "PREPROCESSING_HOOKS": ["portal.opendata.plumbing.only_open_data_paths"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "portal.opendata.plumbing.add_problem_responses",
    ],
    "LICENSE": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/deed.vi"},
}
# CORS: any origin may read the API (GET/HEAD/OPTIONS only, no credentials); nothing else.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["Link", "ETag", "Last-Modified", "Retry-After"]
# Bulk downloads (CSV + Table Schema) regenerated by the scheduler (export_datasets).
OPENDATA_DIR = Path(os.environ.get("OPENDATA_DIR", MEDIA_ROOT / "opendata"))

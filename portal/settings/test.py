"""Test settings: the same code as production, fast password hashing, known captcha."""

import atexit
import os
import shutil
import tempfile
import warnings
from pathlib import Path

from .base import *  # noqa: F403
from .base import CACHES, DATABASES, env_bool, env_int

SECRET_KEY = os.environ.get("SECRET_KEY") or "test-only-key"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if DATABASES["default"]["ENGINE"] == "portal.core.sqlite":
    # ":memory:" spelled out: pytest-django (under xdist) would otherwise make a per-worker name
    # from NAME, since it recognises only Django's own engine path as SQLite.
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("SQLITE_TEST_NAME") or ":memory:"}

# simple-captcha accepts "PASSED" as the answer (tests only; production keeps it False).
CAPTCHA_TEST_MODE = True
# simple-captcha warns about exactly that whenever DEBUG is off; here it is intended.
warnings.filterwarnings("ignore", message="CAPTCHA_TEST_MODE is enabled", category=RuntimeWarning)
LOGGING = {
    **LOGGING,  # noqa: F405
    "loggers": {
        "captcha.conf.settings": {"level": "CRITICAL"},
        # "Couldn't get a captcha from pool": tests start with an empty pool on purpose.
        "captcha.models": {"level": "CRITICAL"},
    },
}
# Each test process spools views in its own directory (xdist workers must not flush each other's
# spools into their own test databases); live portals get theirs from DANCU_VAR_DIR.
if not os.environ.get("DANCU_VAR_DIR") and not os.environ.get("VISITS_SPOOL_DIR"):
    VISITS_SPOOL_DIR = Path(tempfile.mkdtemp(prefix="dancu-spool-"))
    atexit.register(shutil.rmtree, VISITS_SPOOL_DIR, ignore_errors=True)
# Unit tests flush explicitly; live tests (running_portal) turn the background flush on by env.
VISITS_FLUSH_SECONDS = env_int("VISITS_FLUSH_SECONDS", 0)
VISITS_FLUSH_EVERY = env_int("VISITS_FLUSH_EVERY", 0)
# Unit tests render every request (they check figures right after a write, inside one
# transaction where no purge fires); tests of the page cache turn it on themselves.
PAGE_CACHE_APP_SECONDS = env_int("PAGE_CACHE_APP_SECONDS", 0)
# The same for the cached parts of pages: tests of rendering cost and of their purge turn them on.
FRAGMENT_CACHE = env_bool("FRAGMENT_CACHE", False)

# xdist workers of one pass share one Redis database: each keeps its keys (page cache, visit
# buffer, rate counts) under its own prefix, so one's cache.clear() or flush is not another's.
_worker = os.environ.get("PYTEST_XDIST_WORKER")
if _worker and "KEY_PREFIX" in CACHES["default"] and not os.environ.get("CACHE_KEY_PREFIX"):
    CACHES["default"]["KEY_PREFIX"] = f"dancu-{_worker}"

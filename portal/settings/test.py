"""Test settings: the same code as production, fast password hashing, known captcha."""

import os
import warnings

from .base import *  # noqa: F403
from .base import DATABASES, env_int

SECRET_KEY = os.environ.get("SECRET_KEY") or "test-only-key"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("SQLITE_TEST_NAME") or None}

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
# Unit tests flush explicitly; live tests (running_portal) turn the background flush on by env.
VISITS_FLUSH_SECONDS = env_int("VISITS_FLUSH_SECONDS", 0)
VISITS_FLUSH_EVERY = env_int("VISITS_FLUSH_EVERY", 0)
# Unit tests render every request (they check figures right after a write, inside one
# transaction where no purge fires); tests of the page cache turn it on themselves.
PAGE_CACHE_APP_SECONDS = env_int("PAGE_CACHE_APP_SECONDS", 0)

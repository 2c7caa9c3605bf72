"""Test settings: the same code as production, fast password hashing, known captcha."""

import os

from .base import *  # noqa: F403
from .base import DATABASES, env_int

SECRET_KEY = os.environ.get("SECRET_KEY") or "test-only-key"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("SQLITE_TEST_NAME") or None}

# Unit tests flush explicitly; live tests (running_portal) turn the background flush on by env.
VISITS_FLUSH_SECONDS = env_int("VISITS_FLUSH_SECONDS", 0)
VISITS_FLUSH_EVERY = env_int("VISITS_FLUSH_EVERY", 0)

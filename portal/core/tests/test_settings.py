"""Settings come from the environment; production passes Django's deployment checks."""

import json
import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[3]
REAL_KEY = "k3Jx9-vQ2mZ8pL4tR7wN1sB6yH0cF5gD3aE8uI2oP9qW4eT7rY1"

PRINT_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
db = settings.DATABASES["default"]
print(json.dumps({
    "debug": settings.DEBUG,
    "allowed_hosts": settings.ALLOWED_HOSTS,
    "engine": db["ENGINE"],
    "db_name": str(db["NAME"]),
    "db_host": db.get("HOST", ""),
    "sqlite_options": db.get("OPTIONS", {}),
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_location": settings.CACHES["default"].get("LOCATION", ""),
    "trusted_proxies": settings.TRUSTED_PROXIES,
    "secret_key": settings.SECRET_KEY,
}))
"""


def _env(**overrides: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DATABASE_URL",
            "REDIS_URL",
            "DEBUG",
            "ALLOWED_HOSTS",
            "SECRET_KEY",
            "TRUSTED_PROXIES",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env.update(overrides)
    return env


def _settings(module: str, **overrides: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=BASE_DIR,
        env=_env(DJANGO_SETTINGS_MODULE=module, **overrides),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


class SettingsFromEnvironmentTests:
    def test_default_is_sqlite_in_wal_mode_with_a_busy_timeout(self, tmp_path):
        values = _settings("portal.settings.dev", DANCU_VAR_DIR=str(tmp_path))
        assert values["engine"] == "portal.core.sqlite"  # Django's, plus read-only fallback
        assert values["db_name"] == str(tmp_path / "dancu.sqlite3")
        assert "journal_mode=WAL" in values["sqlite_options"]["init_command"]
        assert values["sqlite_options"]["timeout"] >= 5
        assert values["cache"].endswith("LocMemCache")

    def test_database_and_redis_urls_switch_the_backends(self):
        values = _settings(
            "portal.settings.dev",
            DATABASE_URL="postgresql://portal:secret@db.example:5432/dancu",
            REDIS_URL="redis://cache.example:6379/2",
        )
        assert values["engine"] == "django.db.backends.postgresql"
        assert values["db_name"] == "dancu"
        assert values["db_host"] == "db.example"
        assert values["cache"] == "portal.core.cache.ResilientRedisCache"
        assert values["cache_location"] == "redis://cache.example:6379/2"

    def test_hosts_debug_proxies_and_key(self):
        values = _settings(
            "portal.settings.production",
            SECRET_KEY=REAL_KEY,
            ALLOWED_HOSTS="dbqh.example.vn, www.dbqh.example.vn",
            DEBUG="0",
            TRUSTED_PROXIES="10.0.0.1,10.0.0.2",
        )
        assert values["allowed_hosts"] == ["dbqh.example.vn", "www.dbqh.example.vn"]
        assert values["debug"] is False
        assert values["trusted_proxies"] == ["10.0.0.1", "10.0.0.2"]
        assert values["secret_key"] == REAL_KEY

    def test_production_refuses_to_start_without_a_real_secret_key(self):
        result = subprocess.run(
            [sys.executable, "-c", PRINT_SETTINGS],
            cwd=BASE_DIR,
            env=_env(DJANGO_SETTINGS_MODULE="portal.settings.production", SECRET_KEY="short"),
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode != 0
        assert "SECRET_KEY" in result.stderr


class DeploymentCheckTests:
    def test_production_settings_pass_check_deploy_without_warnings(self, tmp_path):
        result = subprocess.run(
            [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
            cwd=BASE_DIR,
            env=_env(
                DJANGO_SETTINGS_MODULE="portal.settings.production",
                SECRET_KEY=REAL_KEY,
                ALLOWED_HOSTS="dbqh.example.vn",
                DANCU_VAR_DIR=str(tmp_path),
            ),
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert "no issues" in result.stdout

"""CI cannot pass without the scale configuration: no PostgreSQL or Redis is an error there.

The services are faked as down with stand-in `pg_isready`/`redis-cli` (and `sleep`, so the
wait loop of .ci/run is instant) first on PATH; nothing here starts or stops a real server.
"""

import os
import subprocess
import tempfile
from pathlib import Path

from django.test import SimpleTestCase

import pytest

pytestmark = pytest.mark.engine_independent  # stand-in services on PATH, no database

ROOT = Path(__file__).resolve().parents[1]
DOWN = "#!/bin/sh\nexit 1\n"
FINE = "#!/bin/sh\nexit 0\n"


class CIRequiresPostgresAndRedis(SimpleTestCase):
    def fake_path(self, tmp: Path, scripts: dict[str, str]) -> dict:
        for name, body in scripts.items():
            script = tmp / name
            script.write_text(body)
            script.chmod(0o755)
        env = {k: v for k, v in os.environ.items() if k != "CI"}
        env["PATH"] = f"{tmp}:{env['PATH']}"
        return env

    def run_in(self, args: list[str], env: dict) -> subprocess.CompletedProcess:
        return subprocess.run(  # noqa: S603 - fixed arguments
            args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
        )

    def test_make_test_postgres_fails_under_ci_and_only_warns_elsewhere(self):
        with tempfile.TemporaryDirectory() as tmp:
            env = self.fake_path(Path(tmp), {"pg_isready": DOWN, "redis-cli": DOWN})
            local = self.run_in(["make", "--no-print-directory", "test-postgres"], env)
            self.assertEqual(local.returncode, 0, local.stdout + local.stderr)
            self.assertIn("bỏ qua", local.stdout)
            ci = self.run_in(
                ["make", "--no-print-directory", "test-postgres"], {**env, "CI": "true"}
            )
            self.assertNotEqual(ci.returncode, 0, ci.stdout + ci.stderr)
            self.assertIn("bắt buộc", ci.stdout)

    def test_ci_run_stops_before_the_suite_when_a_service_stays_down(self):
        with tempfile.TemporaryDirectory() as tmp:
            # PostgreSQL "starts" but never answers; Redis answers. `make` must not be reached.
            env = self.fake_path(
                Path(tmp),
                {
                    "pg_isready": DOWN,
                    "pg_ctlcluster": FINE,
                    "redis-cli": FINE,
                    "sleep": FINE,
                    "ls": "#!/bin/sh\necho 15\n",
                    "make": "#!/bin/sh\necho MAKE-REACHED\nexit 0\n",
                },
            )
            result = self.run_in(["bash", ".ci/run"], env)
            self.assertNotEqual(result.returncode, 0, result.stdout + result.stderr)
            self.assertIn("PostgreSQL is not running", result.stderr)
            self.assertNotIn("MAKE-REACHED", result.stdout)

"""The models and the migrations agree: moving a field between a base and its concrete models
(as source_document moved from core's AppendOnlyEvent to the registers' events) changes no table.

In a process of its own: test modules register throw-away models (core's SampleEvent)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_makemigrations_finds_no_change(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    env["DANCU_VAR_DIR"] = str(tmp_path)
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout

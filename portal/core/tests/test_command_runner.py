"""A live portal's management commands run in forks of one prepared process, and give what a
fresh `manage.py` process gives: output, errors, exit status, a timeout."""

import json
import os
import subprocess
import time

import pytest

from portal.core.testing import BASE_DIR
from portal.core.testing.commands import CommandRunner

pytestmark = pytest.mark.engine_independent


@pytest.fixture
def runner(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    env["DANCU_VAR_DIR"] = str(tmp_path / "var")
    env.pop("PYTEST_CURRENT_TEST", None)
    (tmp_path / "var").mkdir()
    commands = CommandRunner(env, BASE_DIR)
    yield commands
    commands.remove()


def _server_pid(runner: CommandRunner) -> int:
    return runner._server.pid


def test_output_errors_and_exit_status_are_the_commands(runner):
    printed = runner.run(["shell", "-v", "0", "-c", "print('Xin chào, cử tri')"], timeout=120)
    assert (printed.returncode, printed.stdout.strip()) == (0, "Xin chào, cử tri")
    first = _server_pid(runner)

    failed = runner.run(["shell", "-v", "0", "-c", "import sys; sys.exit(3)"], timeout=60)
    assert failed.returncode == 3

    refused = runner.run(["restore", "/khong-co/thu-muc-nay"], timeout=60)
    assert refused.returncode == 1
    assert refused.stderr.startswith("CommandError: Khôi phục sẽ thay thế"), refused.stderr
    assert "--yes" in refused.stderr

    crashed = runner.run(["shell", "-v", "0", "-c", "raise ValueError('hỏng')"], timeout=60)
    assert crashed.returncode == 1
    assert "ValueError: hỏng" in crashed.stderr
    # One prepared process served all four; each command was a process of its own.
    assert _server_pid(runner) == first
    pids = runner.run(["shell", "-v", "0", "-c", "import os; print(os.getpid())"], timeout=60)
    assert int(pids.stdout) not in {first, os.getpid()}


def test_a_command_past_its_timeout_is_killed_and_the_next_one_runs(runner):
    with pytest.raises(subprocess.TimeoutExpired):
        runner.run(["shell", "-v", "0", "-c", "import time; time.sleep(60)"], timeout=3)
    after = runner.run(["shell", "-v", "0", "-c", "print('vẫn chạy')"], timeout=60)
    assert after.stdout.strip() == "vẫn chạy"


def test_a_changed_environment_gets_a_new_prepared_process(runner):
    runner.run(["shell", "-v", "0", "-c", "pass"], timeout=120)
    first = _server_pid(runner)
    runner.env = {**runner.env, "SITE_NAME": "Cổng thử nghiệm"}
    named = runner.run(
        [
            "shell",
            "-v",
            "0",
            "-c",
            "from django.conf import settings; print(settings.WAGTAIL_SITE_NAME)",
        ],
        timeout=120,
    )
    assert named.stdout.strip() == "Cổng thử nghiệm"
    assert _server_pid(runner) != first


def test_both_reply_lines_are_read_when_they_arrive_together(runner, tmp_path):
    """A command that ends before the caller reads puts both its reply lines in the pipe at
    once (a loaded machine, a command that fails at once): neither may wait for the timeout."""
    runner.run(["shell", "-v", "0", "-c", "pass"], timeout=120)  # the prepared process is up
    server = runner._prepared()
    request = {
        "args": ["khong-co-lenh-nay"],
        "stdout": str(tmp_path / "o"),
        "stderr": str(tmp_path / "e"),
    }
    server.stdin.write(json.dumps(request).encode() + b"\n")
    server.stdin.flush()
    time.sleep(3)  # the command has ended: both lines are waiting
    started = time.monotonic()
    assert "pid" in runner._reply(server, started + 10)
    assert runner._reply(server, started + 10) == {"code": 1}
    assert time.monotonic() - started < 5
    assert "Unknown command: 'khong-co-lenh-nay'" in (tmp_path / "e").read_text()

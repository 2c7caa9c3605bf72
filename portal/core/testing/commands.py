"""Management commands for a live portal, each run by a fork of one prepared process.

A `manage.py …` process spends ~2 s of CPU importing Django and Wagtail and setting up the apps
before its command starts, and the live tests run about seventy of them per pass. A LivePortal
instead starts, on its first command, one process with the portal's own environment that runs
`django.setup()` and nothing more (it opens no connection: the first query would be the
command's). Each command then runs in a fork of it, as gunicorn's workers are forks of a
preloaded master, with stdin from /dev/null, its own stdout and stderr and its exit status: what
`subprocess.run([python, "manage.py", …])` gives, without the start-up.

    python -m portal.core.testing.commands   # the prepared process: one JSON request a line
"""

import atexit
import contextlib
import json
import logging
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

__all__ = ["CommandRunner"]


class CommandRunner:
    """Runs `manage.py` commands for one environment through a prepared process (started on
    the first command, restarted if the environment changes or the process is gone)."""

    def __init__(self, env: dict[str, str], cwd: Path):
        self.env = env
        self.cwd = cwd
        self._server: subprocess.Popen | None = None
        self._server_env: dict[str, str] | None = None
        self._pending = b""  # reply bytes read but not yet used
        self._lock = threading.Lock()
        self._outputs = Path(tempfile.mkdtemp(prefix="dancu-commands-"))

    def run(self, args: list[str], timeout: float) -> subprocess.CompletedProcess:
        if not self._lock.acquire(blocking=False):
            # Another thread's command is running in the prepared process: start this one anew.
            return subprocess.run(
                [sys.executable, "manage.py", *args],
                cwd=self.cwd,
                env=self.env,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        try:
            return self._run_prepared(args, timeout)
        finally:
            self._lock.release()

    def _run_prepared(self, args: list[str], timeout: float) -> subprocess.CompletedProcess:
        server = self._prepared()
        stdout, stderr = self._outputs / "stdout", self._outputs / "stderr"
        request = {"args": args, "stdout": str(stdout), "stderr": str(stderr)}
        server.stdin.write(json.dumps(request).encode() + b"\n")
        server.stdin.flush()
        deadline = time.monotonic() + timeout
        child = self._reply(server, deadline)["pid"]
        try:
            code = self._reply(server, deadline)["code"]
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGKILL)
            self._reply(server, time.monotonic() + 30)
            raise subprocess.TimeoutExpired(["manage.py", *args], timeout) from None
        return subprocess.CompletedProcess(
            ["manage.py", *args],
            code,
            stdout.read_text(encoding="utf-8", errors="replace"),
            stderr.read_text(encoding="utf-8", errors="replace"),
        )

    def _prepared(self) -> subprocess.Popen:
        if self._server is not None and (
            self._server.poll() is not None or self._server_env != self.env
        ):
            self.close()
        if self._server is None:
            self._server_env = dict(self.env)
            with open(self._outputs / "server.log", "w") as log:
                self._server = subprocess.Popen(
                    [sys.executable, "-m", "portal.core.testing.commands"],
                    cwd=self.cwd,
                    env=self._server_env,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=log,
                )
            self._pending = b""
        return self._server

    def _reply(self, server: subprocess.Popen, deadline: float) -> dict:
        """The next reply line. Read from the pipe itself, not a buffered file: both of a fast
        command's lines arrive at once, and a buffer would hide the second from select()."""
        while b"\n" not in self._pending:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise subprocess.TimeoutExpired("manage.py", 0)
            ready, _, _ = select.select([server.stdout], [], [], remaining)
            if ready:
                data = os.read(server.stdout.fileno(), 65536)
                if not data:
                    log = (self._outputs / "server.log").read_text(errors="replace")
                    raise RuntimeError(f"the prepared command process ended:\n{log}")
                self._pending += data
        line, _, self._pending = self._pending.partition(b"\n")
        return json.loads(line)

    def close(self) -> None:
        if self._server is not None:
            with contextlib.suppress(OSError):
                self._server.stdin.close()
            try:
                self._server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._server.kill()
                self._server.wait()
            self._server = None

    def remove(self) -> None:
        """Stop the prepared process and remove the command outputs."""
        self.close()
        shutil.rmtree(self._outputs, ignore_errors=True)


def _serve() -> None:
    """The prepared process: set up Django, then fork once per request read from stdin."""
    replies = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)  # whatever set-up prints goes to the log, never into the replies
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django

    django.setup()
    from django.db import connections

    connections.close_all()
    for line in sys.stdin:
        request = json.loads(line)
        sys.stdout.flush()
        sys.stderr.flush()
        child = os.fork()
        if child == 0:
            _run_command(request)  # never returns
        replies.write(json.dumps({"pid": child}) + "\n")
        replies.flush()
        _, status = os.waitpid(child, 0)
        replies.write(json.dumps({"code": os.waitstatus_to_exitcode(status)}) + "\n")
        replies.flush()


def _run_command(request: dict) -> None:
    code = 1
    try:
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
        os.dup2(os.open(request["stdout"], flags, 0o600), 1)
        os.dup2(os.open(request["stderr"], flags, 0o600), 2)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        from django.core.management import execute_from_command_line

        sys.argv = ["manage.py", *request["args"]]
        execute_from_command_line(sys.argv)
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        if isinstance(stop.code, str):
            print(stop.code, file=sys.stderr)
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        # What a normal interpreter exit does, then leave without the parent's other state.
        with contextlib.suppress(BaseException):
            atexit._run_exitfuncs()
        with contextlib.suppress(BaseException):
            logging.shutdown()
        with contextlib.suppress(BaseException):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


if __name__ == "__main__":
    _serve()

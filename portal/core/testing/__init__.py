"""Test support shared by every app: a real portal in real processes.

`running_portal()` gives each portal a fresh database (a SQLite file, or a new PostgreSQL database
when DATABASE_URL points at PostgreSQL) holding the migrated schema and the demo content, and
serves it with gunicorn and several worker processes on a free loopback port — the
configuration counters must survive. The schema and demo content are built once per test
run by the real commands (migrate, setup_editorial, load_demo_content) and then copied: the
SQLite file and media by file copy, PostgreSQL by CREATE DATABASE … TEMPLATE. Under
pytest-xdist the processes of one run share it (the first to need it builds it, under a file
lock); the controller removes it when the run ends (`remove_shared_templates`).
"""

import atexit
import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .commands import CommandRunner

__all__ = [
    "LiveFront",
    "LivePortal",
    "free_port",
    "prepared_sqlite_var_dir",
    "remove_shared_templates",
    "running_front",
    "running_portal",
]

BASE_DIR = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LivePortal:
    url: str
    env: dict[str, str]
    process: subprocess.Popen
    log_path: Path
    extra: dict = field(default_factory=dict)
    commands: CommandRunner | None = field(default=None, repr=False)

    def manage(self, *args: str, timeout: float = 300) -> str:
        """Run a management command against the live portal's database; return its stdout.

        Run by a fork of a process that has set Django up with this portal's environment
        (portal.core.testing.commands), which spares each command the ~2 s of start-up."""
        if self.commands is None:
            self.commands = CommandRunner(self.env, BASE_DIR)
        self.commands.env = self.env
        result = self.commands.run(list(args), timeout)
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
        return result.stdout

    def shell(self, code: str) -> str:
        """Run Python in a Django shell against the live database; return what it printed."""
        return self.manage("shell", "-v", "0", "-c", code).strip()

    def close_commands(self) -> None:
        if self.commands is not None:
            self.commands.remove()
            self.commands = None

    def stop(self) -> None:
        """Stop gracefully (SIGTERM, as an init system would) and wait for the workers."""
        self.close_commands()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def _postgres_database(url: str, template: str | None = None) -> tuple[str, str, str]:
    """Create a fresh database next to the one in url (a copy of `template` if given);
    return (new url, admin url, name)."""
    import psycopg

    base, _, _ = url.rpartition("/")
    name = f"dancu_live_{uuid.uuid4().hex[:10]}"
    copy = f' TEMPLATE "{template}"' if template else ""
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"{copy}')
    return f"{base}/{name}", f"{base}/postgres", name


def _drop_postgres_database(admin_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name]
        )
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def _prepare_database(env: dict[str, str], *, demo_content: bool) -> None:
    """What every portal starts from, by the commands an operator runs."""
    commands = [["migrate", "--noinput", "-v", "0"], ["setup_editorial"]]
    if demo_content:
        commands.append(["load_demo_content"])
    runner = CommandRunner(env, BASE_DIR)
    try:
        for command in commands:
            result = runner.run(command, timeout=600)
            if result.returncode != 0:
                raise subprocess.CalledProcessError(
                    result.returncode, ["manage.py", *command], result.stdout, result.stderr
                )
    finally:
        runner.remove()


@dataclass(frozen=True)
class _Template:
    var_dir: Path  # the SQLite file (when on SQLite) and the media the demo content wrote
    postgres_name: str | None  # the template database, when on PostgreSQL


_templates: dict[tuple, _Template] = {}
_templates_lock = threading.Lock()
_SHARED_PREFIX = "dancu-template-"


def _template(env: dict[str, str], *, demo_content: bool) -> _Template:
    """The prepared database for env's engine and settings (built on first use).

    Shared by the processes of one pytest-xdist run, else kept by this process.
    """
    database_url = env.get("DATABASE_URL", "")
    key = (env["DJANGO_SETTINGS_MODULE"], database_url, demo_content)
    with _templates_lock:
        if key not in _templates:
            run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
            _templates[key] = (
                _shared_template(env, key, run, demo_content=demo_content)
                if run
                else _build_template(env, demo_content=demo_content, cleanup=True)
            )
        return _templates[key]


def _shared_template(env: dict[str, str], key: tuple, run: str, *, demo_content: bool) -> _Template:
    digest = hashlib.blake2b(repr(key).encode(), digest_size=6).hexdigest()
    directory = Path(tempfile.gettempdir()) / f"{_SHARED_PREFIX}{run}-{digest}"
    with open(f"{directory}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the other processes wait for the first build
        ready = directory / "template.json"
        if not ready.exists():
            built = _build_template(env, demo_content=demo_content, cleanup=False)
            directory.mkdir()
            built.var_dir.rename(directory / "var")
            admin_url = f"{_database_url_base(env.get('DATABASE_URL', ''))}/postgres"
            ready.write_text(json.dumps({"postgres": built.postgres_name, "admin": admin_url}))
        recorded = json.loads(ready.read_text())
    return _Template(var_dir=directory / "var", postgres_name=recorded["postgres"])


def _database_url_base(url: str) -> str:
    return url.rpartition("/")[0]


def remove_shared_templates(run: str) -> None:
    """Remove what the processes of run `run` shared (the controller calls it at the end)."""
    for directory in Path(tempfile.gettempdir()).glob(f"{_SHARED_PREFIX}{run}-*"):
        if directory.suffix == ".lock":
            directory.unlink(missing_ok=True)
            continue
        recorded = directory / "template.json"
        if recorded.exists():
            template = json.loads(recorded.read_text())
            if template["postgres"]:
                with contextlib.suppress(Exception):
                    _drop_postgres_database(template["admin"], template["postgres"])
        shutil.rmtree(directory, ignore_errors=True)


def _build_template(env: dict[str, str], *, demo_content: bool, cleanup: bool) -> _Template:
    database_url = env.get("DATABASE_URL", "")
    var_dir = Path(tempfile.mkdtemp(prefix="dancu-build-"))
    if cleanup:
        atexit.register(shutil.rmtree, var_dir, ignore_errors=True)
    build_env = {**env, "DANCU_VAR_DIR": str(var_dir)}
    if build_env.get("REDIS_URL"):
        build_env["CACHE_KEY_PREFIX"] = f"tpl{uuid.uuid4().hex[:8]}"
    postgres_name = None
    if database_url.startswith(("postgres://", "postgresql://")):
        build_env["DATABASE_URL"], admin_url, postgres_name = _postgres_database(database_url)
        if cleanup:
            atexit.register(_drop_postgres_database, admin_url, postgres_name)
    _prepare_database(build_env, demo_content=demo_content)
    # Nothing a process left behind (spooled views, locks) belongs in every copy.
    shutil.rmtree(var_dir / "spool", ignore_errors=True)
    return _Template(var_dir=var_dir, postgres_name=postgres_name)


def prepared_sqlite_var_dir(var_dir: Path) -> None:
    """Fill `var_dir` with the migrated SQLite database and the media holding the demo content
    (for a test that runs the portal's commands itself, under other settings)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    for name in ("DATABASE_URL", "REDIS_URL", "PYTEST_CURRENT_TEST", "DANCU_VAR_DIR"):
        env.pop(name, None)
    template = _template(env, demo_content=True)
    shutil.copytree(template.var_dir, var_dir, dirs_exist_ok=True)


@contextlib.contextmanager
def running_portal(
    tmp_path: Path,
    *,
    workers: int = 4,
    env: dict[str, str] | None = None,
    settings_module: str = "portal.settings.test",
    demo_content: bool = True,
    start_timeout: float = 60,
    command_prefix: list[str] | None = None,
    from_template: bool = True,
) -> Iterator[LivePortal]:
    """Serve a freshly prepared portal with gunicorn; stop it (gracefully) on exit.

    `command_prefix` runs gunicorn through another program (e.g. `setpriv` dropping root's
    power to ignore file permissions, to test a read-only database as root).
    `from_template=False` runs the preparing commands themselves against this portal's
    environment (a test that they start while a service is down).
    """
    port = free_port()
    run_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DANCU_VAR_DIR": str(tmp_path / "var"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        **(env or {}),
    }
    run_env.pop("PYTEST_CURRENT_TEST", None)
    dropper = None
    database_url = run_env.get("DATABASE_URL", "")
    template = None
    # Other settings (the bench's production settings) need the caller's own environment to
    # start at all: those portals run the commands themselves.
    if from_template and settings_module == "portal.settings.test":
        # Built in the suite's own environment, not this test's (which may point at a broken
        # Redis or carry limits meant for one test); only the engine and settings are shared.
        template_env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings_module}
        template_env.pop("PYTEST_CURRENT_TEST", None)
        template_env.pop("DANCU_VAR_DIR", None)
        if database_url:
            template_env["DATABASE_URL"] = database_url
        template = _template(template_env, demo_content=demo_content)
        shutil.copytree(template.var_dir, tmp_path / "var", dirs_exist_ok=True)
    if database_url.startswith(("postgres://", "postgresql://")):
        new_url, admin_url, name = _postgres_database(
            database_url, template.postgres_name if template else None
        )
        run_env["DATABASE_URL"] = new_url
        dropper = (admin_url, name)
    if run_env.get("REDIS_URL"):
        run_env["CACHE_KEY_PREFIX"] = f"live{uuid.uuid4().hex[:8]}"
    (tmp_path / "var").mkdir(parents=True, exist_ok=True)
    log_path = tmp_path / "gunicorn.log"
    process = portal = None
    try:
        if template is None:
            _prepare_database(run_env, demo_content=demo_content)
        with open(log_path, "w") as log:
            process = subprocess.Popen(
                [
                    *(command_prefix or []),
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "portal.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    str(workers),
                    "--worker-class",
                    "gthread",
                    "--threads",
                    "4",
                    "--graceful-timeout",
                    "30",
                    # Portals started side by side must not share gunicorn's control socket.
                    "--no-control-socket",
                    "--config",
                    "python:portal.gunicorn_conf",
                ],
                cwd=BASE_DIR,
                env=run_env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + start_timeout
        while True:
            try:
                with urllib.request.urlopen(url + "/", timeout=5) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start:\n{log_path.read_text()}")
            time.sleep(0.3)
        portal = LivePortal(url=url, env=run_env, process=process, log_path=log_path)
        yield portal
    finally:
        if portal is not None:
            portal.close_commands()
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
        if dropper:
            _drop_postgres_database(*dropper)


@dataclass
class LiveFront:
    """The production shape: nginx (deploy/nginx) in front of two app servers."""

    url: str
    portal: LivePortal  # the first app server; .manage()/.shell() reach the shared database
    app_urls: list[str]
    nginx: subprocess.Popen
    prefix: Path

    def manage(self, *args: str, timeout: float = 300) -> str:
        return self.portal.manage(*args, timeout=timeout)

    def shell(self, code: str) -> str:
        return self.portal.shell(code)

    def nginx_log(self) -> str:
        path = self.prefix / "logs" / "error.log"
        return path.read_text(errors="replace") if path.exists() else ""


@contextlib.contextmanager
def running_front(
    tmp_path: Path,
    *,
    workers: int = 2,
    env: dict[str, str] | None = None,
    settings_module: str = "portal.settings.test",
    start_timeout: float = 120,
) -> Iterator[LiveFront]:
    """running_portal() plus a second app server on the same database and cache, behind nginx.

    nginx's configuration is the one `make serve` renders (portal.core.front); the app servers
    trust only its X-Forwarded-For (TRUSTED_PROXIES=127.0.0.1).
    """
    from portal.core.front import (
        gunicorn_command,
        start_nginx,
        stop_process,
        wait_for_http,
        write_nginx_config,
    )

    # The caches as production has them (the test settings turn them off for in-process tests,
    # whose transactions never commit): the app's page cache and the cached page parts.
    run_env = {
        "TRUSTED_PROXIES": "127.0.0.1",
        "PAGE_CACHE_APP_SECONDS": "300",
        "FRAGMENT_CACHE": "1",
        **(env or {}),
    }
    with running_portal(
        tmp_path / "app1",
        workers=workers,
        env=run_env,
        settings_module=settings_module,
        start_timeout=start_timeout,
    ) as portal:
        portal.manage("collectstatic", "--noinput", "-v", "0")
        var_dir = Path(portal.env["DANCU_VAR_DIR"])
        (var_dir / "media").mkdir(exist_ok=True)
        second_bind = f"127.0.0.1:{free_port()}"
        second_log = tmp_path / "gunicorn-2.log"
        second = nginx = None
        try:
            with open(second_log, "w") as log:
                second = subprocess.Popen(
                    gunicorn_command(second_bind, workers=workers),
                    cwd=BASE_DIR,
                    env=portal.env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            wait_for_http(f"http://{second_bind}/", timeout=start_timeout, processes=[second])
            prefix = tmp_path / "front"
            port = free_port()
            apps = [portal.url.removeprefix("http://"), second_bind]
            config = write_nginx_config(
                prefix,
                port=port,
                apps=apps,
                static_root=var_dir / "static",
                media_root=var_dir / "media",
                workers=2,
            )
            nginx = start_nginx(prefix, config)
            url = f"http://127.0.0.1:{port}"
            wait_for_http(url + "/", timeout=30, processes=[nginx])
            yield LiveFront(
                url=url,
                portal=portal,
                app_urls=[f"http://{app}" for app in apps],
                nginx=nginx,
                prefix=prefix,
            )
        finally:
            stop_process(nginx, sig=signal.SIGQUIT, timeout=15)
            stop_process(second, timeout=60)

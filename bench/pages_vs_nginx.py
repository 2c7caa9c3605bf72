"""Page rendering vs static nginx (`make bench` runs it first; `python -m bench pages_vs_nginx`).

Environment: BENCH_DURATION (seconds per page, 10), BENCH_CONNECTIONS (32), BENCH_WARMUP
(seconds of warm-up per page, 2), BENCH_WORKERS (gunicorn workers, 2 × CPUs + 1),
BENCH_SCALE (auto | 1 | 0: the second pass on PostgreSQL + Redis; auto runs it when both answer),
BENCH_DATABASE_URL / BENCH_REDIS_URL (the servers of that pass; a fresh database is created and
dropped next to the one named), BENCH_VERBOSE=1 (print wrk's own reports).
"""

import contextlib
import datetime
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from portal.core.front import start_nginx, stop_process, wait_for_http, write_nginx_config
from portal.core.testing import BASE_DIR, LivePortal, free_port, running_portal

from .machine import load_average, machine_info, versions
from .nginx import nginx_binary, serving_static_file
from .pages import ARTICLE, PAGES, Measurement, check_production_serving, fetch, measure
from .report import Row, format_table
from .wrk import WrkError, wrk_binary

THREADS = 2
# Seconds for gunicorn to answer its first request: generous, the machine may be busy.
START_TIMEOUT = 300
SQLITE_CONFIGURATION = "app alone: SQLite, its own page cache (local memory)"
SCALE_CONFIGURATION = "app alone: PostgreSQL, its own page cache (Redis)"


@dataclass(frozen=True)
class Settings:
    duration: int
    connections: int
    warmup: int
    workers: int
    verbose: bool


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def production_env() -> dict[str, str]:
    """Production settings as a deployment would set them, minus HTTPS (wrk speaks plain HTTP)."""
    return {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "LOG_LEVEL": "WARNING",
    }


def _scale_servers() -> tuple[str, str, str | None]:
    """(database URL, Redis URL, why they cannot be used or None)."""
    database_url = os.environ.get(
        "BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/dancu"
    )
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        import psycopg

        base, _, _ = database_url.rpartition("/")
        with psycopg.connect(f"{base}/postgres", connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except Exception as error:
        return database_url, redis_url, f"PostgreSQL does not answer ({error})"
    try:
        import redis

        redis.Redis.from_url(redis_url, socket_connect_timeout=3).ping()
    except Exception as error:
        return database_url, redis_url, f"Redis does not answer ({error})"
    return database_url, redis_url, None


def _server_versions(database_url: str, redis_url: str) -> dict[str, str]:
    import psycopg
    import redis

    base, _, _ = database_url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", connect_timeout=3) as conn:
        postgres = conn.execute("SHOW server_version").fetchone()[0]
    info = redis.Redis.from_url(redis_url, socket_connect_timeout=3).info("server")
    return {"PostgreSQL": str(postgres).split()[0], "Redis": str(info.get("redis_version"))}


def _drop_cache_keys(redis_url: str, prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(redis_url, socket_connect_timeout=3)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
    if keys:
        client.delete(*keys)


def start_portal(
    stack: contextlib.ExitStack, directory: Path, env: dict[str, str], workers: int
) -> LivePortal:
    """collectstatic, then running_portal() (migrate, setup_editorial, load_demo_content, gunicorn)."""
    directory.mkdir(parents=True)
    run_env = {
        **os.environ,
        **env,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DANCU_VAR_DIR": str(directory / "var"),
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=BASE_DIR,
        env=run_env,
        check=True,
        timeout=600,
    )
    # The access log counts the responses gunicorn served (CPU per response, see measure()).
    access_log = directory / "access.log"
    env = {**env, "GUNICORN_CMD_ARGS": f"--access-logfile {access_log}"}
    manager = running_portal(
        directory,
        workers=workers,
        env=env,
        settings_module="portal.settings.production",
        start_timeout=START_TIMEOUT,
    )
    portal = manager.__enter__()
    stack.push(manager)
    if env.get("REDIS_URL"):
        stack.callback(_drop_cache_keys, env["REDIS_URL"], portal.env["CACHE_KEY_PREFIX"])
    return portal


def _count_lines(path: Path) -> int:
    with open(path, "rb") as file:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: file.read(1 << 20), b""))


def _progress(name: str, measured: Measurement, settings: Settings) -> None:
    print(
        f"   {name:<15} {measured.result.requests_per_sec:>10,.1f} req/s, "
        f"server CPU {measured.cpu_ms_per_request:,.2f} ms/request"
    )
    if settings.verbose:
        print("     " + measured.output.rstrip().replace("\n", "\n     "))


# wrk: every request for the same path with a query string of its own.
VARYING_QUERY_SCRIPT = """
local counter = 0
init = function(args)
    -- each thread its own sequence: seeded from the address of a table of its own Lua state
    math.randomseed(tonumber(string.match(tostring({}), "0x(%x+)") or "0", 16) % 2147483647)
end
request = function()
    counter = counter + 1
    return wrk.format("GET", wrk.path .. "?lan=" .. counter .. "-" .. math.random(1000000000))
end
"""


def measure_front(portal: LivePortal, settings: Settings) -> list[Row]:
    """The pages through the shipped nginx front (deploy/nginx), cache warm; the counting beacon."""
    var_dir = Path(portal.env["DANCU_VAR_DIR"])
    prefix = var_dir / "front"
    port = free_port()
    config = write_nginx_config(
        prefix,
        port=port,
        apps=[portal.url.removeprefix("http://")],
        static_root=var_dir / "static",
        media_root=var_dir / "media",
        access_log=False,
    )
    nginx = start_nginx(prefix, config)
    url = f"http://127.0.0.1:{port}"
    rows = []
    try:
        wait_for_http(url + "/", timeout=30, processes=[nginx])
        for page in PAGES:
            measured = measure(
                url + page.path,
                server_pid=nginx.pid,
                duration=settings.duration,
                connections=settings.connections,
                threads=THREADS,
                warmup=settings.warmup,
            )
            _progress(f"{page.name} (front)", measured, settings)
            rows.append(Row(page.name, "nginx front, cache warm", measured.result, None))
        _, _, html = fetch(url + ARTICLE.path)
        beacon = re.search(rb'data-visit-beacon="([^"]+)"', html).group(1).decode()
        measured = measure(
            url + beacon.replace("&amp;", "&"),
            server_pid=portal.process.pid,
            duration=settings.duration,
            connections=settings.connections,
            threads=THREADS,
            warmup=settings.warmup,
        )
        _progress("counting request", measured, settings)
        rows.append(Row("counting request (beacon)", "nginx front → app", measured.result, None))
    finally:
        stop_process(nginx, sig=signal.SIGQUIT, timeout=15)
    return rows


def measure_portal(
    portal: LivePortal, configuration: str, settings: Settings, *, with_static: bool
) -> tuple[list[Row], Row | None, bytes]:
    """Check the portal serves as in production, load each page; optionally the nginx baseline."""
    print(f"\n== {configuration} ({portal.url})")
    for finding in check_production_serving(portal.url):
        print(f"   ok: {finding}")
    rows = []
    for page in PAGES:
        measured = measure(
            portal.url + page.path,
            server_pid=portal.process.pid,
            duration=settings.duration,
            connections=settings.connections,
            threads=THREADS,
            warmup=settings.warmup,
            served=lambda: _count_lines(portal.log_path.with_name("access.log")),
        )
        _progress(page.name, measured, settings)
        rows.append(Row(page.name, configuration, measured.result, measured.cpu_ms_per_request))
    # The same article rendered for every request: a session cookie (no such session) makes the
    # request one the page cache must not answer — the uncached CPU cost.
    measured = measure(
        portal.url + ARTICLE.path,
        server_pid=portal.process.pid,
        duration=settings.duration,
        connections=settings.connections,
        threads=THREADS,
        warmup=settings.warmup,
        served=lambda: _count_lines(portal.log_path.with_name("access.log")),
        headers={"Cookie": "sessionid=bench-uncached"},
    )
    _progress("article uncached", measured, settings)
    rows.append(
        Row("article uncached", configuration, measured.result, measured.cpu_ms_per_request)
    )
    # A page the page cache has not got (a new query string each request: a new cache key and
    # ETag), rendered for anonymous visitors, so the parts every page shares are cached: what a
    # page costs when its copy expired or it is asked for the first time since a change.
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(VARYING_QUERY_SCRIPT)
    try:
        measured = measure(
            portal.url + ARTICLE.path,
            server_pid=portal.process.pid,
            duration=settings.duration,
            connections=settings.connections,
            threads=THREADS,
            warmup=settings.warmup,
            served=lambda: _count_lines(portal.log_path.with_name("access.log")),
            script=script.name,
        )
    finally:
        os.unlink(script.name)
    _progress("article, parts warm", measured, settings)
    rows.append(
        Row(
            "article, page not cached, shared parts warm",
            configuration,
            measured.result,
            measured.cpu_ms_per_request,
        )
    )
    if with_static:
        rows.extend(measure_front(portal, settings))
    if "Traceback" in portal.log():
        raise WrkError(f"the portal logged errors during the run:\n{portal.log()[-5000:]}")
    status, _, article_html = fetch(portal.url + ARTICLE.path)
    if status != 200:
        raise WrkError(f"{ARTICLE.path} answered {status}")
    static = None
    if with_static:
        with serving_static_file(article_html) as server:
            measured = measure(
                server.url,
                server_pid=server.pid,
                duration=settings.duration,
                connections=settings.connections,
                threads=THREADS,
                warmup=min(settings.warmup, 1),
            )
        _progress("nginx static", measured, settings)
        static = Row(
            "article as a static file",
            "nginx",
            measured.result,
            measured.cpu_ms_per_request,
        )
    return rows, static, article_html


def main() -> int:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    settings = Settings(
        duration=_env_int("BENCH_DURATION", 10),
        connections=_env_int("BENCH_CONNECTIONS", 32),
        warmup=_env_int("BENCH_WARMUP", 2),
        workers=_env_int("BENCH_WORKERS", 2 * (cpus or 1) + 1),
        verbose=os.environ.get("BENCH_VERBOSE", "").strip().lower() in {"1", "yes", "true", "on"},
    )
    scale = os.environ.get("BENCH_SCALE", "auto").strip().lower()
    started = time.monotonic()
    when = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")

    facts = {**machine_info(), **versions(nginx_binary(), wrk_binary())}
    print(f"Dancu bench — {when}")
    print(
        f"wrk: {settings.duration} s per page after {settings.warmup} s warm-up, "
        f"{settings.connections} connections, {THREADS} threads; gunicorn: {settings.workers} "
        "gthread workers × 4 threads, portal.settings.production (DEBUG off)"
    )

    database_url, redis_url, unavailable = _scale_servers()
    run_scale = scale in {"1", "yes", "true", "on"} or (scale == "auto" and unavailable is None)
    if run_scale and unavailable:
        print(f"!! BENCH_SCALE={scale} but {unavailable}", file=sys.stderr)
        return 1
    passes = [(SQLITE_CONFIGURATION, {"DATABASE_URL": "", "REDIS_URL": ""})]
    if run_scale:
        facts.update(_server_versions(database_url, redis_url))
        passes.append((SCALE_CONFIGURATION, {"DATABASE_URL": database_url, "REDIS_URL": redis_url}))

    rows: list[Row] = []
    static: Row | None = None
    try:
        with (
            tempfile.TemporaryDirectory(prefix="dancu-bench-") as tmp,
            contextlib.ExitStack() as stack,
        ):
            # Both portals are prepared side by side (migrations are single-threaded), then
            # measured one after the other while the other one idles.
            print("\nmigrate, setup_editorial, load_demo_content, collectstatic, gunicorn …")
            with ThreadPoolExecutor(max_workers=len(passes)) as pool:
                futures = [
                    pool.submit(
                        start_portal,
                        stack,
                        Path(tmp) / f"pass{index}",
                        {**production_env(), **env},
                        settings.workers,
                    )
                    for index, (_, env) in enumerate(passes)
                ]
                portals = [future.result() for future in futures]
            print(f"   ready after {time.monotonic() - started:.0f} s")
            load_before = load_average()
            for index, ((configuration, _), portal) in enumerate(zip(passes, portals, strict=True)):
                pass_rows, pass_static, article_html = measure_portal(
                    portal, configuration, settings, with_static=index == 0
                )
                rows.extend(pass_rows)
                if pass_static is not None:
                    static = pass_static
                    facts["article HTML size"] = f"{len(article_html):,} bytes"
            facts["load average before / after measuring"] = f"{load_before} / {load_average()}"
    except (WrkError, subprocess.CalledProcessError, RuntimeError) as error:
        print(f"\n!! BENCH FAILED: {error}", file=sys.stderr)
        return 1

    assert static is not None
    print(f"\n## Page rendering vs static nginx — {when}\n")
    print(format_table([*rows, static], static.result))
    print(
        "\nserver CPU = user + system CPU time of the gunicorn (or nginx) processes from idle "
        "before the measured run to idle after it, per response served (gunicorn's access log);"
        "\nPostgreSQL's and Redis's own processes are not included."
    )
    if not run_scale:
        print(f"(PostgreSQL + Redis pass skipped: {unavailable or 'BENCH_SCALE=0'})")
    print()
    for key, value in facts.items():
        print(f"- {key}: {value}")
    print(f"\nbench total: {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

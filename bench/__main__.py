"""`python -m bench` (`make bench`): see bench/__init__.py and BENCHMARKS.md.

Environment: BENCH_DURATION (seconds per page, 10), BENCH_CONNECTIONS (32), BENCH_WARMUP
(seconds of warm-up per page, 2), BENCH_WORKERS (gunicorn workers, 2 × CPUs + 1),
BENCH_SCALE (auto | 1 | 0: the second pass on PostgreSQL + Redis; auto runs it when both answer),
BENCH_DATABASE_URL / BENCH_REDIS_URL (the servers of that pass; a fresh database is created and
dropped next to the one named), BENCH_VERBOSE=1 (print wrk's own reports).
"""

import datetime
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from portal.core.testing import BASE_DIR, running_portal

from .machine import load_average, machine_info, versions
from .nginx import nginx_binary, serving_static_file
from .pages import ARTICLE, PAGES, check_production_serving, fetch, measure
from .report import Row, format_table
from .wrk import WrkError, WrkResult, wrk_binary

THREADS = 2
SQLITE_CONFIGURATION = "SQLite, local-memory cache"
SCALE_CONFIGURATION = "PostgreSQL + Redis cache"


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _verbose(output: str) -> None:
    if os.environ.get("BENCH_VERBOSE", "").strip() in {"1", "yes", "true", "on"}:
        print("     " + output.rstrip().replace("\n", "\n     "))


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


def run_pass(
    directory: Path,
    configuration: str,
    env: dict[str, str],
    *,
    workers: int,
    duration: int,
    connections: int,
    warmup: int,
    with_static: bool,
) -> tuple[list[Row], WrkResult | None, dict[str, str]]:
    """Start a production-like portal, check it, load each page; optionally the nginx baseline."""
    started = time.monotonic()
    directory.mkdir(parents=True)
    run_env = {
        **os.environ,
        **env,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DANCU_VAR_DIR": str(directory / "var"),
    }
    print(f"\n== {configuration}: migrate, setup_editorial, load_demo_content, collectstatic …")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=BASE_DIR,
        env=run_env,
        check=True,
        timeout=600,
    )
    rows: list[Row] = []
    static: WrkResult | None = None
    with running_portal(
        directory,
        workers=workers,
        env=env,
        settings_module="portal.settings.production",
    ) as portal:
        print(f"   gunicorn up at {portal.url} after {time.monotonic() - started:.0f} s")
        for finding in check_production_serving(portal.url):
            print(f"   ok: {finding}")
        for page in PAGES:
            result, output = measure(
                portal.url + page.path,
                duration=duration,
                connections=connections,
                threads=THREADS,
                warmup=warmup,
            )
            print(f"   {page.name:<15} {result.requests_per_sec:>10,.1f} req/s")
            _verbose(output)
            rows.append(Row(page.name, configuration, result))
        status, _, article_html = fetch(portal.url + ARTICLE.path)
        assert status == 200
        log = portal.log()
        if "Traceback" in log:
            raise WrkError(f"the portal logged errors during the run:\n{log[-5000:]}")
        if with_static:
            with serving_static_file(article_html) as static_url:
                static, output = measure(
                    static_url,
                    duration=duration,
                    connections=connections,
                    threads=THREADS,
                    warmup=1 if warmup else 0,
                )
                print(f"   {'nginx static':<15} {static.requests_per_sec:>10,.1f} req/s")
                _verbose(output)
        if env.get("REDIS_URL"):
            _drop_cache_keys(env["REDIS_URL"], portal.env.get("CACHE_KEY_PREFIX", ""))
    return rows, static, {"article HTML size": f"{len(article_html):,} bytes"}


def main() -> int:
    duration = _env_int("BENCH_DURATION", 10)
    connections = _env_int("BENCH_CONNECTIONS", 32)
    warmup = _env_int("BENCH_WARMUP", 2)
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    workers = _env_int("BENCH_WORKERS", 2 * (cpus or 1) + 1)
    scale = os.environ.get("BENCH_SCALE", "auto").strip().lower()
    started = time.monotonic()
    when = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")

    facts = {**machine_info(), **versions(nginx_binary(), wrk_binary())}
    print(f"Dancu bench — {when}")
    print(
        f"wrk: {duration} s per page after {warmup} s warm-up, {connections} connections, "
        f"{THREADS} threads; gunicorn: {workers} gthread workers × 4 threads, "
        "portal.settings.production (DEBUG off)"
    )
    load_before = load_average()

    database_url, redis_url, unavailable = _scale_servers()
    run_scale = scale in {"1", "yes", "true", "on"} or (scale == "auto" and unavailable is None)
    if run_scale and unavailable:
        print(f"!! BENCH_SCALE={scale} but {unavailable}", file=sys.stderr)
        return 1

    common = {
        "workers": workers,
        "duration": duration,
        "connections": connections,
        "warmup": warmup,
    }
    try:
        with tempfile.TemporaryDirectory(prefix="dancu-bench-") as tmp:
            rows, static, extra = run_pass(
                Path(tmp) / "sqlite",
                SQLITE_CONFIGURATION,
                {**production_env(), "DATABASE_URL": "", "REDIS_URL": ""},
                with_static=True,
                **common,
            )
            facts.update(extra)
            if run_scale:
                facts.update(_server_versions(database_url, redis_url))
                scale_rows, _, _ = run_pass(
                    Path(tmp) / "scale",
                    SCALE_CONFIGURATION,
                    {**production_env(), "DATABASE_URL": database_url, "REDIS_URL": redis_url},
                    with_static=False,
                    **common,
                )
                rows.extend(scale_rows)
    except (WrkError, subprocess.CalledProcessError, RuntimeError) as error:
        print(f"\n!! BENCH FAILED: {error}", file=sys.stderr)
        return 1

    assert static is not None
    print(f"\n## Page rendering vs static nginx — {when}\n")
    print(format_table(rows, static))
    print(
        f"\nstatic nginx (the article HTML as a file): {static.requests_per_sec:,.1f} req/s, "
        f"p50 {static.p50_ms:,.2f} ms, p99 {static.p99_ms:,.2f} ms"
    )
    if not run_scale:
        print(f"(PostgreSQL + Redis pass skipped: {unavailable or 'BENCH_SCALE=0'})")
    print()
    facts["load average before / after"] = f"{load_before} / {load_average()}"
    for key, value in facts.items():
        print(f"- {key}: {value}")
    print(f"\nbench total: {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The production stack on one machine: the nginx front, app servers (gunicorn), the scheduler.

`make serve` runs `python -m portal.core.front serve`; the live tests (portal.core.testing
.running_front) and the benchmark start the same pieces with the same nginx configuration,
rendered from deploy/nginx/*.template. `python -m portal.core.front site --listen 80
--app 127.0.0.1:8001 --app 127.0.0.1:8002` prints the site part for a production nginx.
Standard library only: this module runs before anything is installed but Python.
"""

import argparse
import getpass
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path

__all__ = [
    "BASE_DIR",
    "gunicorn_command",
    "nginx_binary",
    "render_nginx_conf",
    "render_site",
    "start_nginx",
    "stop_process",
    "wait_for_http",
]

BASE_DIR = Path(__file__).resolve().parents[2]
DEPLOY_DIR = BASE_DIR / "deploy"
MIME_TYPES = Path("/etc/nginx/mime.types")


def nginx_binary() -> str:
    path = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if not path:
        raise RuntimeError(
            "nginx chưa được cài (gói Debian 'nginx-light'): chạy `make system-deps`."
        )
    return path


def _fill(template: str, **values: str) -> str:
    """Replace ${NAME} placeholders; nginx's own $variables are left alone."""
    for name, value in values.items():
        template = template.replace("${" + name + "}", value)
    if "${" in template:
        raise ValueError(
            f"unfilled placeholder in nginx template: {template[template.index('${') :][:40]}"
        )
    return template


def render_site(
    *,
    listen: str,
    apps: Sequence[str],
    static_root: Path | str,
    media_root: Path | str,
    cache_dir: Path | str,
    server_name: str = "_",
) -> str:
    """The http-context part: cache zone, upstream of app servers, the server block."""
    template = (DEPLOY_DIR / "nginx" / "site.conf.template").read_text()
    servers = "\n".join(f"    server {app} max_fails=3 fail_timeout=5s;" for app in apps)
    return _fill(
        template,
        LISTEN=listen,
        SERVER_NAME=server_name,
        UPSTREAM_SERVERS=servers,
        STATIC_ROOT=str(static_root).rstrip("/"),
        MEDIA_ROOT=str(media_root).rstrip("/"),
        CACHE_DIR=str(cache_dir),
    )


def render_nginx_conf(*, prefix: Path, workers: int | str = "auto", access_log: bool = True) -> str:
    """A whole nginx.conf running as the current user with everything under prefix."""
    template = (DEPLOY_DIR / "nginx" / "nginx.conf.template").read_text()
    user_line = f"user {getpass.getuser()};" if os.geteuid() == 0 else ""
    return _fill(
        template,
        USER_LINE=user_line,
        WORKERS=str(workers),
        PREFIX=str(prefix),
        MIME_TYPES=str(MIME_TYPES),
        ACCESS_LOG=f"{prefix}/logs/access.log" if access_log else "off",
    )


def write_nginx_config(
    prefix: Path,
    *,
    port: int,
    apps: Sequence[str],
    static_root: Path,
    media_root: Path,
    host: str = "127.0.0.1",
    workers: int | str = "auto",
    access_log: bool = True,
) -> Path:
    """Write prefix/nginx.conf and prefix/site.conf; return the former."""
    for sub in (
        "logs",
        "cache",
        "tmp/client_body",
        "tmp/proxy",
        "tmp/fastcgi",
        "tmp/uwsgi",
        "tmp/scgi",
    ):
        (prefix / sub).mkdir(parents=True, exist_ok=True)
    (prefix / "site.conf").write_text(
        render_site(
            listen=f"{host}:{port}",
            apps=apps,
            static_root=static_root,
            media_root=media_root,
            cache_dir=prefix / "cache",
        )
    )
    config = prefix / "nginx.conf"
    config.write_text(render_nginx_conf(prefix=prefix, workers=workers, access_log=access_log))
    return config


def start_nginx(prefix: Path, config: Path, *, log=None) -> subprocess.Popen:
    """nginx in the foreground (daemon off), so stopping the process stops the front."""
    check = subprocess.run(
        [
            nginx_binary(),
            "-t",
            "-p",
            str(prefix),
            "-e",
            str(prefix / "logs" / "error.log"),
            "-c",
            str(config),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if check.returncode != 0:
        raise RuntimeError(f"nginx configuration rejected:\n{check.stderr}")
    return subprocess.Popen(
        [
            nginx_binary(),
            "-p",
            str(prefix),
            "-e",
            str(prefix / "logs" / "error.log"),
            "-c",
            str(config),
        ],
        stdout=log or subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )


def gunicorn_command(
    bind: str, *, workers: int | None = None, python: str = sys.executable
) -> list[str]:
    """One app server; workers and threads default to portal/gunicorn_conf.py (CPU count)."""
    command = [
        python,
        "-m",
        "gunicorn",
        "portal.wsgi:application",
        "--config",
        "python:portal.gunicorn_conf",
        "--bind",
        bind,
        # Several app servers on one machine must not share gunicorn's control socket.
        "--no-control-socket",
    ]
    if workers:
        command += ["--workers", str(workers)]
    return command


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def wait_for_http(url: str, *, timeout: float, processes: Sequence[subprocess.Popen] = ()) -> None:
    """Until url answers (any HTTP status), a process dies, or timeout."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            # A cold first render on a busy machine can take a while: wait for it.
            with urllib.request.urlopen(url, timeout=60):
                return
        except urllib.error.HTTPError:
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        for process in processes:
            if process.poll() is not None:
                raise RuntimeError(f"{process.args[:4]} exited with {process.returncode}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")
        time.sleep(0.3)


def stop_process(
    process: subprocess.Popen | None, *, sig: int = signal.SIGTERM, timeout: float = 30
) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(sig)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _serve_env(var_dir: Path, port: int) -> dict[str, str]:
    """Production settings on plain HTTP behind the local front."""
    key_file = var_dir / "serve-secret-key.txt"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(60))
        key_file.chmod(0o600)
    env = {
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": key_file.read_text().strip(),
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{port},http://localhost:{port}",
        # Only the front's forwarded address is believed.
        "TRUSTED_PROXIES": "127.0.0.1",
        # Plain HTTP on the loopback: no HTTPS redirect, cookies without the Secure flag.
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
    }
    return {**env, **{name: value for name, value in os.environ.items() if name in env and value}}


def serve(port: int, app_ports: Sequence[int], host: str = "127.0.0.1") -> int:
    """`make serve`: nginx on host:port in front of app servers and the scheduler; Ctrl-C stops all."""
    var_dir = Path(os.environ.get("DANCU_VAR_DIR", BASE_DIR / "var"))
    var_dir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, **_serve_env(var_dir, port)}
    python = sys.executable
    manage = [python, str(BASE_DIR / "manage.py")]
    subprocess.run(
        [*manage, "collectstatic", "--noinput", "-v", "0"], env=env, cwd=BASE_DIR, check=True
    )
    static_root = Path(os.environ.get("STATIC_ROOT", var_dir / "static"))
    media_root = Path(os.environ.get("MEDIA_ROOT", var_dir / "media"))
    media_root.mkdir(parents=True, exist_ok=True)
    prefix = var_dir / "front"
    apps = [f"127.0.0.1:{app_port}" for app_port in app_ports]
    config = write_nginx_config(
        prefix, port=port, apps=apps, static_root=static_root, media_root=media_root, host=host
    )
    processes: list[subprocess.Popen] = []
    stopping = False

    def stop(*_args) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        for app in apps:
            processes.append(
                subprocess.Popen(gunicorn_command(app, python=python), env=env, cwd=BASE_DIR)
            )
        processes.append(subprocess.Popen([*manage, "run_scheduler"], env=env, cwd=BASE_DIR))
        for app in apps:
            wait_for_http(f"http://{app}/", timeout=600, processes=processes)
        nginx = start_nginx(prefix, config)
        processes.append(nginx)
        wait_for_http(f"http://{host}:{port}/", timeout=30, processes=processes)
        print(
            f"Cổng thông tin (nginx → {len(apps)} máy chủ ứng dụng {', '.join(apps)}): "
            f"http://{host}:{port}/  —  quản trị: http://{host}:{port}/admin/  —  Ctrl-C để dừng.",
            flush=True,
        )
        while not stopping:
            if any(process.poll() is not None for process in processes):
                print("!! Một tiến trình đã dừng; dừng toàn bộ.", file=sys.stderr, flush=True)
                return 1
            time.sleep(0.5)
        return 0
    finally:
        for process in reversed(processes):
            stop_process(
                process, sig=signal.SIGQUIT if process.args[0] == nginx_binary() else signal.SIGTERM
            )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m portal.core.front")
    commands = parser.add_subparsers(dest="command", required=True)
    serve_parser = commands.add_parser("serve", help="nginx + app servers + scheduler (make serve)")
    serve_parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    serve_parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8080")))
    serve_parser.add_argument(
        "--app-ports",
        default=os.environ.get("APP_PORTS", ""),
        help="comma-separated app server ports (default: two free ports)",
    )
    site_parser = commands.add_parser("site", help="print the nginx site configuration")
    site_parser.add_argument("--listen", default="80")
    site_parser.add_argument("--server-name", default="_")
    site_parser.add_argument(
        "--app", action="append", default=[], help="host:port of an app server"
    )
    site_parser.add_argument("--static-root", default="/srv/dancu/var/static")
    site_parser.add_argument("--media-root", default="/srv/dancu/var/media")
    site_parser.add_argument("--cache-dir", default="/var/cache/nginx/dancu")
    args = parser.parse_args(argv)
    if args.command == "site":
        print(
            render_site(
                listen=args.listen,
                apps=args.app or ["127.0.0.1:8001", "127.0.0.1:8002"],
                static_root=args.static_root,
                media_root=args.media_root,
                cache_dir=args.cache_dir,
                server_name=args.server_name,
            )
        )
        return 0
    ports = [int(port) for port in args.app_ports.split(",") if port.strip()]
    while len(set(ports)) < 2:
        ports = sorted({*ports, free_port()})
    return serve(args.port, ports, host=args.host)


if __name__ == "__main__":
    sys.exit(main())

"""A throw-away nginx (Debian's nginx-light) serving one HTML file: the static baseline."""

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from portal.core.testing import free_port

__all__ = ["StaticServer", "nginx_binary", "render_config", "serving_static_file"]

CONFIG_TEMPLATE = """\
daemon off;
worker_processes {workers};
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;

events {{
    worker_connections 1024;
}}

http {{
    access_log off;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    types {{
        text/html html;
    }}
    default_type application/octet-stream;
    charset utf-8;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;

    server {{
        listen 127.0.0.1:{port};
        root {root};
        location / {{
            try_files /{filename} =404;
        }}
    }}
}}
"""


class StaticServer(NamedTuple):
    url: str
    pid: int  # the master process; its workers are its children


def nginx_binary() -> str:
    path = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if not path:
        raise RuntimeError("nginx is not installed (Debian package 'nginx-light')")
    return path


def render_config(*, prefix: Path, root: Path, filename: str, port: int, workers: int) -> str:
    return CONFIG_TEMPLATE.format(
        prefix=prefix, root=root, filename=filename, port=port, workers=workers
    )


@contextlib.contextmanager
def serving_static_file(html: bytes, *, workers: int | None = None) -> Iterator[StaticServer]:
    """Serve `html` on every path of a free loopback port."""
    # Its own temporary directory: run as root, nginx's workers drop to `nobody`, so the file
    # and every directory above it must be world-readable (mkdtemp makes 0700 directories).
    prefix = Path(tempfile.mkdtemp(prefix="dancu-bench-nginx-"))
    prefix.chmod(0o755)
    root = prefix / "www"
    root.mkdir(mode=0o755)
    for sub in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (prefix / sub).mkdir()
    (root / "page.html").write_bytes(html)
    (root / "page.html").chmod(0o644)
    port = free_port()
    config = prefix / "nginx.conf"
    config.write_text(
        render_config(
            prefix=prefix,
            root=root,
            filename="page.html",
            port=port,
            workers=workers or os.cpu_count() or 1,
        )
    )
    log = open(prefix / "stdout.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [nginx_binary(), "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(config)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.read() == html:
                        break
                    raise RuntimeError("nginx serves something else than the page")
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                errors = (prefix / "error.log").read_text(errors="replace")
                raise RuntimeError(f"nginx did not start:\n{errors[-3000:]}")
            time.sleep(0.1)
        yield StaticServer(url, process.pid)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGQUIT)  # graceful shutdown
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()
        shutil.rmtree(prefix, ignore_errors=True)

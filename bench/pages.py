"""The pages measured, the checks that the portal serves them as in production, and the runs."""

import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

from .cpu import process_tree_cpu_seconds
from .wrk import WrkError, WrkResult, run_wrk

__all__ = [
    "ARTICLE",
    "PAGES",
    "Measurement",
    "Page",
    "check_production_serving",
    "fetch",
    "measure",
]


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    marker: str  # text the rendered page must contain (the right page, not an error page)


ARTICLE = Page(
    "article (seed)",
    "/tin-tuc-su-kien/doan-kiem-tra-so-2-lam-viec-voi-quan-uy-hoan-kiem/",
    "Đoàn kiểm tra số 2 của Ban Thường vụ Thành ủy",
)
PAGES = [
    ARTICLE,
    Page("home", "/", 'class="featured"'),
    Page("section", "/tin-tuc-su-kien/", 'class="section-title"'),
]


@dataclass(frozen=True)
class Measurement:
    result: WrkResult
    cpu_ms_per_request: float  # CPU of the server's processes (not wrk's, not the database's)
    output: str  # wrk's own report


STYLESHEET = re.compile(r'href="(/static/css/portal\.[0-9a-f]{12}\.css)"')


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """GET url; return (status, headers, body) — error statuses included, never raised."""
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError(f"the bench only talks to loopback servers, not {url!r}")
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - checked above
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, dict(response.headers.items()), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers.items()), error.read()


def check_production_serving(base_url: str) -> list[str]:
    """Check pages, DEBUG off and hashed static files with far-future caching; return the findings."""
    findings = []
    for page in PAGES:
        status, _, body = fetch(base_url + page.path)
        text = body.decode("utf-8", errors="replace")
        if status != 200 or page.marker not in text:
            raise WrkError(f"{page.path} answered {status} without {page.marker!r}:\n{text[:2000]}")
    status, _, body = fetch(base_url + "/khong-co-trang-nay-bench/")
    if status != 404 or b"URLconf" in body or b"DEBUG = True" in body:
        raise WrkError(f"a missing page answered {status} with a debug page (is DEBUG on?)")
    findings.append("DEBUG off: a missing page is a plain 404")

    _, _, home = fetch(base_url + "/")
    match = STYLESHEET.search(home.decode("utf-8", errors="replace"))
    if not match:
        raise WrkError("the home page links no hashed stylesheet: manifest storage not in use")
    status, headers, _ = fetch(base_url + match[1], {"Accept-Encoding": "gzip"})
    headers = {key.lower(): value for key, value in headers.items()}
    cache_control = headers.get("cache-control", "")
    max_age = re.search(r"max-age=(\d+)", cache_control)
    if status != 200 or not max_age or int(max_age[1]) < 365 * 24 * 3600:
        raise WrkError(
            f"{match[1]} answered {status} with Cache-Control {cache_control!r}: "
            "static files must be served with far-future caching"
        )
    encoding = headers.get("content-encoding", "identity")
    if encoding != "gzip":
        raise WrkError(f"{match[1]} was not served compressed (Content-Encoding {encoding!r})")
    findings.append(
        f"static: {match[1]} → {status}, Cache-Control: {cache_control}, Content-Encoding: {encoding}"
    )
    return findings


def _wait_until_idle(server_pid: int, *, settle: float = 0.5, limit: float = 30.0) -> float:
    """Wait until the server has finished what it was doing; return its CPU seconds so far."""
    deadline = time.monotonic() + limit
    used = process_tree_cpu_seconds(server_pid)
    while time.monotonic() < deadline:
        time.sleep(settle)
        now = process_tree_cpu_seconds(server_pid)
        if now - used < 0.02 * settle:  # under 2 % of a core: idle
            return now
        used = now
    return used


def measure(
    url: str,
    *,
    server_pid: int,
    duration: int,
    connections: int,
    threads: int,
    warmup: int,
    served: Callable[[], int] | None = None,
    headers: dict[str, str] | None = None,
    script: str | None = None,
) -> Measurement:
    """A short warm-up run, then the measured one; any failed response fails the bench.

    CPU per response: the server's CPU time from idle before the run to idle after it, divided
    by the responses it served meanwhile (`served()`, e.g. its access log's line count) — wrk's
    own count misses the requests still in flight when it stops.
    """
    if warmup > 0:
        result, output = run_wrk(
            url,
            duration=warmup,
            connections=connections,
            threads=threads,
            headers=headers,
            script=script,
        )
        failures = result.non_2xx_3xx or result.socket_errors
        if failures:
            raise WrkError(f"warm-up of {url}: {'; '.join(result.problems())}\n{output}")
    cpu_before = _wait_until_idle(server_pid) if served else process_tree_cpu_seconds(server_pid)
    served_before = served() if served else 0
    result, output = run_wrk(
        url,
        duration=duration,
        connections=connections,
        threads=threads,
        headers=headers,
        script=script,
    )
    if served:
        cpu_used = _wait_until_idle(server_pid) - cpu_before
        responses = served() - served_before
    else:
        cpu_used = process_tree_cpu_seconds(server_pid) - cpu_before
        responses = result.requests
    if result.problems():
        raise WrkError(f"{url}: {'; '.join(result.problems())}\n{output}")
    return Measurement(result, cpu_used * 1000 / max(responses, 1), output)

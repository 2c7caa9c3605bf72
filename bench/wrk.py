"""Driving wrk and reading its `--latency` report (the parsing is pure and tested)."""

import re
import shutil
import subprocess
from dataclasses import dataclass

__all__ = [
    "WrkError",
    "WrkResult",
    "parse_duration_ms",
    "parse_wrk_output",
    "ratio",
    "run_wrk",
    "wrk_binary",
]

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_DURATION = re.compile(r"^(?P<number>\d+(?:\.\d+)?)(?P<unit>us|ms|s|m|h)$")


class WrkError(RuntimeError):
    """wrk failed, or reported errors (non-2xx/3xx responses, socket errors)."""


@dataclass(frozen=True)
class WrkResult:
    requests: int
    seconds: float
    requests_per_sec: float
    p50_ms: float
    p75_ms: float
    p90_ms: float
    p99_ms: float
    non_2xx_3xx: int = 0
    connect_errors: int = 0
    read_errors: int = 0
    write_errors: int = 0
    timeouts: int = 0

    @property
    def socket_errors(self) -> int:
        return self.connect_errors + self.read_errors + self.write_errors + self.timeouts

    def problems(self) -> list[str]:
        """What makes this run untrustworthy (empty when every response was a success)."""
        found = []
        if self.non_2xx_3xx:
            found.append(f"{self.non_2xx_3xx} non-2xx/3xx responses")
        if self.socket_errors:
            found.append(
                f"socket errors: connect {self.connect_errors}, read {self.read_errors}, "
                f"write {self.write_errors}, timeout {self.timeouts}"
            )
        if self.requests == 0:
            found.append("no request completed")
        return found


def parse_duration_ms(text: str) -> float:
    """wrk's latency notation ('812.00us', '4.51ms', '1.02s', '2.00m') in milliseconds."""
    match = _DURATION.match(text.strip())
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match["number"]) * _UNITS_MS[match["unit"]]


def _search(pattern: str, text: str, what: str) -> re.Match:
    match = re.search(pattern, text, re.MULTILINE)
    if not match:
        raise ValueError(f"wrk output has no {what}:\n{text}")
    return match


def parse_wrk_output(text: str) -> WrkResult:
    """The numbers of a `wrk --latency` report."""
    percentiles = {}
    distribution = _search(r"^\s*Latency Distribution\s*$", text, "latency distribution")
    for line in text[distribution.end() :].splitlines():
        match = re.match(r"^\s*(\d+)%\s+(\S+)\s*$", line)
        if not match:
            if percentiles:
                break
            continue
        percentiles[int(match[1])] = parse_duration_ms(match[2])
    missing = {50, 75, 90, 99} - set(percentiles)
    if missing:
        raise ValueError(f"wrk output lacks the percentiles {sorted(missing)}:\n{text}")
    totals = _search(
        r"^\s*(\d+) requests in (\d+(?:\.\d+)?(?:us|ms|s|m|h)),", text, "request count"
    )
    rate = _search(r"^Requests/sec:\s+(\d+(?:\.\d+)?)\s*$", text, "Requests/sec line")
    non_2xx = re.search(r"^\s*Non-2xx or 3xx responses:\s+(\d+)", text, re.MULTILINE)
    sockets = re.search(
        r"^\s*Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
        text,
        re.MULTILINE,
    )
    return WrkResult(
        requests=int(totals[1]),
        seconds=parse_duration_ms(totals[2]) / 1000.0,
        requests_per_sec=float(rate[1]),
        p50_ms=percentiles[50],
        p75_ms=percentiles[75],
        p90_ms=percentiles[90],
        p99_ms=percentiles[99],
        non_2xx_3xx=int(non_2xx[1]) if non_2xx else 0,
        connect_errors=int(sockets[1]) if sockets else 0,
        read_errors=int(sockets[2]) if sockets else 0,
        write_errors=int(sockets[3]) if sockets else 0,
        timeouts=int(sockets[4]) if sockets else 0,
    )


def ratio(requests_per_sec: float, static_requests_per_sec: float) -> float:
    """A page's throughput as a fraction of nginx serving the same HTML as a file."""
    if static_requests_per_sec <= 0:
        raise ValueError("the static baseline must have a positive request rate")
    return requests_per_sec / static_requests_per_sec


def wrk_binary() -> str:
    path = shutil.which("wrk")
    if not path:
        raise WrkError("wrk is not installed (Debian package 'wrk'; `make bench` installs it)")
    return path


def run_wrk(
    url: str,
    *,
    duration: int,
    connections: int,
    threads: int = 2,
    timeout_s: int = 30,
    headers: dict[str, str] | None = None,
    script: str | None = None,
) -> tuple[WrkResult, str]:
    """Load url for `duration` seconds; return the parsed report and wrk's raw output.

    `script`: a wrk Lua script (a path), e.g. one that varies each request's query string."""
    extra = [arg for name, value in (headers or {}).items() for arg in ("-H", f"{name}: {value}")]
    if script:
        extra += ["-s", script]
    command = [
        wrk_binary(),
        "--latency",
        "-t",
        str(threads),
        "-c",
        str(max(connections, threads)),
        "-d",
        f"{duration}s",
        "--timeout",
        f"{timeout_s}s",
        *extra,
        url,
    ]
    completed = subprocess.run(
        command, capture_output=True, text=True, timeout=duration + timeout_s + 60, check=False
    )
    if completed.returncode != 0:
        raise WrkError(f"wrk exited with {completed.returncode}:\n{completed.stderr}")
    return parse_wrk_output(completed.stdout), completed.stdout

"""What the numbers were measured on: the machine and the versions of what served them."""

import os
import platform
import re
import sqlite3
import subprocess
from pathlib import Path

__all__ = ["load_average", "machine_info", "versions"]


def _cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return platform.processor() or "unknown"
    match = re.search(r"^model name\s*:\s*(.+)$", text, re.MULTILINE)
    return match[1].strip() if match else (platform.processor() or "unknown")


def _memory() -> str:
    try:
        text = Path("/proc/meminfo").read_text()
    except OSError:
        return "unknown"
    match = re.search(r"^MemTotal:\s+(\d+) kB", text, re.MULTILINE)
    return f"{int(match[1]) / 1024 / 1024:.1f} GiB" if match else "unknown"


def load_average() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "unknown"
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def machine_info() -> dict[str, str]:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "CPUs (nproc)": str(cpus),
        "CPU model": _cpu_model(),
        "memory": _memory(),
        "kernel": f"{platform.system()} {platform.release()}",
    }


def _command_version(command: list[str], pattern: str) -> str:
    try:
        completed = subprocess.run(command, capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "not found"
    match = re.search(pattern, completed.stdout + completed.stderr)
    return match[1] if match else "unknown"


def versions(nginx: str, wrk: str) -> dict[str, str]:
    import django

    import wagtail

    import gunicorn

    return {
        "Python": platform.python_version(),
        "Django": django.get_version(),
        "Wagtail": wagtail.__version__,
        "gunicorn": gunicorn.__version__,
        "SQLite": sqlite3.sqlite_version,
        "nginx": _command_version([nginx, "-v"], r"nginx/(\S+)"),
        "wrk": _command_version([wrk, "--version"], r"^wrk (\S+)"),
    }

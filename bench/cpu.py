"""CPU time used by a server's processes: cost per request, which other load on the machine
disturbs far less than requests per second."""

import os
from pathlib import Path

__all__ = ["parse_proc_stat", "process_tree_cpu_seconds"]

_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def parse_proc_stat(line: str) -> tuple[int, float]:
    """(parent pid, CPU seconds) from a /proc/<pid>/stat line.

    The seconds are the process's own user + system time plus those of the children it has
    reaped: a gunicorn worker recycled during a run (max_requests) takes its time out of the
    tree when it exits, and the master's cutime/cstime gives it back.
    """
    # The command name (field 2) is in parentheses and may contain spaces or parentheses.
    fields = line[line.rindex(")") + 2 :].split()
    parent = int(fields[1])
    utime, stime, cutime, cstime = (int(value) for value in fields[11:15])
    return parent, (utime + stime + cutime + cstime) / _TICKS


def _all_processes() -> dict[int, tuple[int, float]]:
    processes = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            processes[int(entry.name)] = parse_proc_stat((entry / "stat").read_text())
        except (OSError, ValueError, IndexError):
            continue  # the process ended meanwhile
    return processes


def process_tree_cpu_seconds(pid: int) -> float:
    """CPU seconds used so far by pid and its descendants, running or reaped (Linux only)."""
    processes = _all_processes()
    children: dict[int, list[int]] = {}
    for child, (parent, _) in processes.items():
        children.setdefault(parent, []).append(child)
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        if current in processes:
            total += processes[current][1]
        todo.extend(children.get(current, []))
    return total

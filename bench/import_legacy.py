"""Import 1,000 generated legacy dumps into a fresh SQLite portal and time it.

`python -m bench import_legacy` (BENCH_IMPORT_COUNT=N to change the 1,000). The import runs in its own process
(`manage.py import_legacy`), as an operator would run it; the time excludes the setup
(migrate, demo content) and the generation of the dumps.
"""

import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_COUNT = 1000


def _manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(count: int | None = None) -> dict[str, float]:
    count = count or int(os.environ.get("BENCH_IMPORT_COUNT") or DEFAULT_COUNT)
    sys.path.insert(0, str(BASE_DIR))
    from portal.importer.tests.factories import write_dumps

    with tempfile.TemporaryDirectory(prefix="dancu-bench-import-") as tmp:
        env = {
            **os.environ,
            "DANCU_VAR_DIR": tmp,
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DEBUG": "0",
        }
        env.pop("DATABASE_URL", None)
        _manage(env, "migrate", "--noinput", "-v0")
        _manage(env, "load_demo_content")
        dumps = Path(tmp) / "dumps"
        write_dumps(dumps, count, seed=1)

        cpu_before = _children_cpu()
        started = time.perf_counter()
        report = _manage(env, "import_legacy", str(dumps), "--no-progress")
        elapsed = time.perf_counter() - started
        cpu = _children_cpu() - cpu_before
        summary = report.strip().splitlines()[-1]
        created = int(re.search(r"đã tạo: (\d+)", summary).group(1))

        started = time.perf_counter()
        again = _manage(env, "import_legacy", str(dumps), "--no-progress")
        elapsed_again = time.perf_counter() - started
        unchanged = int(re.search(r"không đổi: (\d+)", again).group(1))

    assert created == count, summary
    assert unchanged == count, again.strip().splitlines()[-1]
    figures = {
        "files": count,
        "seconds": elapsed,
        "files_per_second": count / elapsed,
        "ms_per_file": 1000 * elapsed / count,
        "cpu_seconds": cpu,
        "reimport_seconds": elapsed_again,
    }
    print(
        f"import_legacy: {count} dumps in {elapsed:.1f} s "
        f"({figures['files_per_second']:.1f} files/s, {figures['ms_per_file']:.0f} ms/file, "
        f"SQLite, one process; CPU {cpu:.1f} s = {1000 * cpu / count:.0f} ms/file); "
        f"re-import (all unchanged) in {elapsed_again:.1f} s"
    )
    return figures


if __name__ == "__main__":
    main()

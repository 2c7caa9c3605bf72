"""Search benchmark: index generated Vietnamese articles and time mixed queries, per engine.

`python -m bench search` runs each engine in its own process on a scratch database (a SQLite file
under var/bench-search/, a PostgreSQL database created next to SEARCH_BENCH_DATABASE_URL's) and
prints indexing time and p50/p95/p99 query latency. A query is what the results page does: count
the matches and fetch, rank and highlight the first ten.

Environment: SEARCH_BENCH_ARTICLES (100000), SEARCH_BENCH_QUERIES (300), SEARCH_BENCH_ENGINES
(sqlite,postgresql), SEARCH_BENCH_DATABASE_URL (postgresql://postgres@127.0.0.1:5432/dancu_search_bench).
"""

import datetime
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
WORK_DIR = BASE_DIR / "var" / "bench-search"
DEFAULT_PG_URL = "postgresql://postgres@127.0.0.1:5432/dancu_search_bench"
CHUNK = 2000

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Phan",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
MIDDLE = ["Văn", "Thị", "Ngọc", "Quang", "Minh", "Hồng", "Đức", "Thanh", "Hữu", "Thu"]
GIVEN = [
    "Tuấn",
    "Hợp",
    "Phong",
    "Hà",
    "Lan",
    "Đức",
    "Thủy",
    "Hòa",
    "Khuê",
    "Châu",
    "Dũng",
    "Hùng",
    "Yến",
    "Trang",
    "Sơn",
]
PLACES = [
    "Hoàn Kiếm",
    "Ba Đình",
    "Đống Đa",
    "Hai Bà Trưng",
    "Cầu Giấy",
    "Tây Hồ",
    "Long Biên",
    "Hoàng Mai",
    "Thanh Xuân",
    "Hà Đông",
    "Đông Anh",
    "Gia Lâm",
    "Sóc Sơn",
    "Mê Linh",
    "Ba Vì",
    "Thạch Thất",
    "Ứng Hòa",
    "Mỹ Đức",
    "Chương Mỹ",
    "Sơn Tây",
    "Thủy Khuê",
    "Hòa Lạc",
    "Đồng Xuân",
]
SYMBOL_CODES = [
    "QĐ/TW",
    "QĐ/TƯ",
    "NQ/TW",
    "KL/TW",
    "CT/TW",
    "CTr/TU",
    "KH/TU",
    "NQ-HĐND",
    "NĐ-CP",
    "QĐ-UBND",
]


def _texts() -> list[str]:
    from portal.demo.articles import ARTICLES
    from portal.search.tests import corpus

    texts = [(BASE_DIR / "portal/demo/seed_article.txt").read_text(encoding="utf-8")]
    for row in ARTICLES:
        texts.extend([row[2], row[3], *row[8]])
    texts.extend(f"{title}. {body}" for *_, title, body in corpus.ARTICLES)
    texts.extend(f"{kind} {title}." for _, _, kind, _, _, title in corpus.DOCUMENTS)
    return texts


class Generator:
    """Vietnamese-looking articles from a word chain trained on the portal's own texts."""

    def __init__(self, seed: int = 20220509):
        self.rng = random.Random(seed)
        self.next_words: dict[str, list[str]] = {}
        self.starts: list[str] = []
        for text in _texts():
            tokens = re.findall(r"[^\W_]+|[.,;]", text)
            for current, following in zip(tokens, tokens[1:], strict=False):
                self.next_words.setdefault(current, []).append(following)
                if current == "." and following[0].isalpha():
                    self.starts.append(following)

    def _person(self) -> str:
        rng = self.rng
        return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"

    def _symbol(self) -> str:
        rng = self.rng
        code = rng.choice(SYMBOL_CODES)
        if "-" in code.split("/")[0] or code.startswith(("NQ-", "NĐ-", "QĐ-")):
            return f"{rng.randint(1, 300)}/{rng.randint(2010, 2026)}/{code}"
        return f"{rng.randint(1, 300)}-{code}"

    def sentence(self, low: int, high: int) -> str:
        rng = self.rng
        word = rng.choice(self.starts)
        out = [word]
        for _ in range(rng.randint(low, high)):
            word = rng.choice(self.next_words.get(word) or self.starts)
            if word == ".":
                word = rng.choice(self.starts)
            out.append(word)
        extra = rng.random()
        if extra < 0.25:
            out.insert(rng.randrange(1, len(out)), f"đồng chí {self._person()},")
        elif extra < 0.45:
            out.insert(rng.randrange(1, len(out)), f"quận {rng.choice(PLACES)}")
        elif extra < 0.55:
            out.insert(rng.randrange(1, len(out)), f"Quy định số {self._symbol()}")
        text = " ".join(out).replace(" ,", ",").replace(" ;", ";").strip(" ,;")
        return text[0].upper() + text[1:] + "."

    def article(self, index: int) -> dict:
        rng = self.rng
        paragraphs = [
            " ".join(self.sentence(12, 30) for _ in range(rng.randint(2, 4)))
            for _ in range(rng.randint(3, 8))
        ]
        title = self.sentence(7, 16).rstrip(".")
        day = datetime.date(2010, 1, 1) + datetime.timedelta(days=rng.randrange(6200))
        section = rng.choice(
            ["tin-tuc-su-kien", "hoat-dong-giam-sat", "ky-hop-hdnd", "tiep-xuc-cu-tri"]
        )
        return {
            "title": title,
            "body": "\n\n".join(paragraphs),
            "url": f"/{section}/bai-{index}/",
            "section": section,
            "section_label": section,
            "date": day,
        }

    def queries(self, count: int, sample: list[dict]) -> list[tuple[str, str]]:
        from portal.core.text import fold

        rng = self.rng
        out: list[tuple[str, str]] = []
        common = [
            "giám sát",
            "cử tri",
            "ngân sách",
            "kiểm tra",
            "đảng viên",
            "hội đồng nhân dân",
            "cán bộ",
            "kỳ họp",
        ]
        while len(out) < count:
            kind = rng.choice(
                ["common", "folded", "exact", "person", "place", "symbol", "phrase", "none"]
            )
            words = re.findall(r"[^\W_]+", rng.choice(sample)["title"])
            start = rng.randrange(max(1, len(words) - 3))
            if kind == "common":
                query = rng.choice(common)
            elif kind == "folded":
                query = fold(" ".join(words[start : start + rng.randint(2, 3)]))
            elif kind == "exact":
                query = " ".join(words[start : start + 2])
            elif kind == "person":
                query = fold(self._person()) if rng.random() < 0.5 else self._person()
            elif kind == "place":
                place = rng.choice(PLACES)
                query = f"kiem tra {fold(place)}" if rng.random() < 0.5 else f"quận {place}"
            elif kind == "symbol":
                symbol = self._symbol()
                query = (
                    fold(symbol).replace("-", " ").replace("/", " ")
                    if rng.random() < 0.5
                    else symbol
                )
            elif kind == "phrase":
                query = '"' + " ".join(words[start : start + 2]) + '"'
            else:
                query = f"xyzzy {rng.randint(1, 10**6)} qwrtp"
            out.append((kind, query))
        return out


def _setup_django(engine: str, reuse: bool) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.pop("REDIS_URL", None)
    if reuse:
        if engine == "sqlite":
            os.environ.pop("DATABASE_URL", None)
            os.environ["DANCU_VAR_DIR"] = str(WORK_DIR / "sqlite")
        else:
            os.environ["DATABASE_URL"] = os.environ.get("SEARCH_BENCH_DATABASE_URL", DEFAULT_PG_URL)
    elif engine == "sqlite":
        os.environ.pop("DATABASE_URL", None)
        shutil.rmtree(WORK_DIR / "sqlite", ignore_errors=True)
        (WORK_DIR / "sqlite").mkdir(parents=True)
        os.environ["DANCU_VAR_DIR"] = str(WORK_DIR / "sqlite")
    else:
        import psycopg

        url = os.environ.get("SEARCH_BENCH_DATABASE_URL", DEFAULT_PG_URL)
        base, _, name = url.rpartition("/")
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = url
    import django

    django.setup()


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def run_engine(engine: str) -> dict:
    """In this process: migrate a scratch database, index, query; return the figures.

    With SEARCH_BENCH_REUSE=1 the index of the previous run is kept (its indexing figures are
    reported again) and only the queries are measured: for changes to the query code."""
    reuse = os.environ.get("SEARCH_BENCH_REUSE", "") == "1"
    previous_path = WORK_DIR / f"results-{engine}.json"
    previous = json.loads(previous_path.read_text()) if reuse and previous_path.exists() else None
    reuse = previous is not None
    _setup_django(engine, reuse)
    from django.core.management import call_command
    from django.db import connection

    from portal.search.backends import backend
    from portal.search.selectors import search_entries
    from portal.search.services import search_index_store_many

    if not reuse:
        call_command("migrate", verbosity=0)
    total = (
        previous["articles"] if reuse else int(os.environ.get("SEARCH_BENCH_ARTICLES", "100000"))
    )
    query_count = int(os.environ.get("SEARCH_BENCH_QUERIES", "300"))
    generator = Generator()
    sample: list[dict] = []
    generating = indexing = finishing = 0.0
    started = time.perf_counter()
    next_id = total + 1 if reuse else 1
    if reuse:
        sample = [generator.article(i) for i in range(200)]
    while next_id <= total:
        size = min(CHUNK, total - next_id + 1)
        tick = time.perf_counter()
        items = [(next_id + i, generator.article(next_id + i)) for i in range(size)]
        generating += time.perf_counter() - tick
        if len(sample) < 2000:
            sample.extend(entry for _, entry in items[:50])
        tick = time.perf_counter()
        search_index_store_many(kind="article", items=items, batch_size=500)
        indexing += time.perf_counter() - tick
        next_id += size
        if (next_id - 1) % 20000 == 0:
            print(f"   {engine}: {next_id - 1} indexed, {indexing:.0f} s", flush=True)
    if not reuse:
        tick = time.perf_counter()
        backend().optimize()
        finishing = time.perf_counter() - tick
    wall = time.perf_counter() - started

    queries = generator.queries(query_count, sample)
    for _, text in queries[:30]:  # warm-up: caches, prepared plans
        results = search_entries(text)
        results.count()
        list(results[0:10])
    timings: list[float] = []
    by_kind: dict[str, list[float]] = {}
    for kind, text in queries:
        tick = time.perf_counter()
        results = search_entries(text)
        results.count()
        list(results[0:10])
        elapsed = (time.perf_counter() - tick) * 1000
        timings.append(elapsed)
        by_kind.setdefault(kind, []).append(elapsed)
    size = None
    if engine == "sqlite":
        size = Path(connection.settings_dict["NAME"]).stat().st_size
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            size = cursor.fetchone()[0]
    figures = {
        "engine": engine,
        "articles": total,
        "generate_s": round(generating, 1),
        "index_s": round(indexing, 1),
        "finish_s": round(finishing, 1),
        "wall_s": round(wall, 1),
        "db_mb": round(size / 1024 / 1024),
        "queries": len(timings),
        "p50": round(_percentile(timings, 0.50), 1),
        "p95": round(_percentile(timings, 0.95), 1),
        "p99": round(_percentile(timings, 0.99), 1),
        "mean": round(statistics.fmean(timings), 1),
        "p95_by_kind": {k: round(_percentile(v, 0.95), 1) for k, v in sorted(by_kind.items())},
        "reused_index": reuse,
    }
    if reuse:
        for key in ("generate_s", "index_s", "finish_s", "wall_s"):
            figures[key] = previous[key]
    else:
        previous_path.parent.mkdir(parents=True, exist_ok=True)
        previous_path.write_text(json.dumps(figures))
    return figures


def _format(rows: list[dict]) -> str:
    lines = [
        "| engine | articles | indexing (s) | optimize/analyze (s) | DB size (MB) | queries | p50 (ms) | p95 (ms) | p99 (ms) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['engine']} | {row['articles']:,} | {row['index_s']} | {row['finish_s']} | "
            f"{row['db_mb']} | {row['queries']} | {row['p50']} | {row['p95']} | {row['p99']} |"
        )
    lines.append("")
    lines.append("p95 by query kind (ms):")
    for row in rows:
        lines.append(
            f"- {row['engine']}: " + ", ".join(f"{k} {v}" for k, v in row["p95_by_kind"].items())
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--engine"]:
        print(json.dumps(run_engine(argv[1])), flush=True)
        return
    engines = os.environ.get("SEARCH_BENCH_ENGINES", "sqlite,postgresql").split(",")
    rows = []
    for engine in [name.strip() for name in engines if name.strip()]:
        print(f"-- search on {engine}", flush=True)
        process = subprocess.run(
            [sys.executable, "-m", "bench.search", "--engine", engine],
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
            check=False,
        )
        sys.stderr.write(process.stderr[-4000:])
        lines = [line for line in process.stdout.splitlines() if line.startswith("{")]
        for line in process.stdout.splitlines():
            if not line.startswith("{"):
                print(line)
        if process.returncode or not lines:
            print(f"   {engine}: failed (exit {process.returncode})")
            continue
        rows.append(json.loads(lines[-1]))
    print(_format(rows))
    (WORK_DIR).mkdir(parents=True, exist_ok=True)
    (WORK_DIR / "results.json").write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()

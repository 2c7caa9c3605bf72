"""Write path benchmark: distinct visitors rate the seed article and vote in the sidebar poll.

`run_write_path(base_url, clients, seconds)` keeps `clients` threads busy for `seconds`; each
iteration is a new visitor (own cookie jar): GET the poll page (visitor + CSRF cookies), POST a
rating and a vote as the page's script does (JSON). Afterwards the counts shown by the portal
must have grown by exactly the number of accepted writes. Serve the portal without the
per-address rate limit and vote allowance (every bench visitor is 127.0.0.1).
"""

import json
import os
import re
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

__all__ = ["SEED_ARTICLE_PATH", "main", "run_write_path"]

BASE_DIR = Path(__file__).resolve().parent.parent

SEED_ARTICLE_PATH = "/tin-tuc-su-kien/doan-kiem-tra-so-2-lam-viec-voi-quan-uy-hoan-kiem/"
RATING_COUNT = re.compile(r"data-rating-count>([\d.]+)<")
TOTAL_VOTERS = re.compile(r"<strong>([\d.]+)</strong> người đã bình chọn")


def _number(pattern: re.Pattern, text: str) -> int:
    match = pattern.search(text)
    if not match:
        raise RuntimeError(f"pattern {pattern.pattern!r} not found")
    return int(match.group(1).replace(".", ""))


def _targets(base_url: str, article_path: str) -> tuple[str, str, list[str]]:
    page = httpx.get(base_url + article_path, timeout=60).text
    rating = re.search(r'<form id="rating-form"[^>]* action="([^"]+)"', page)
    poll = re.search(r'<form id="poll-form"[^>]* action="([^"]+)"', page)
    if not rating or not poll:
        raise RuntimeError("the article page has no rating form or no open poll in the sidebar")
    options = re.findall(r'name="option" id="[^"]+" value="(\d+)"', page)
    return rating.group(1), poll.group(1), options


def _counts(base_url: str, article_path: str, poll_action: str) -> tuple[int, int]:
    ratings = _number(RATING_COUNT, httpx.get(base_url + article_path, timeout=60).text)
    results = httpx.get(f"{base_url}{poll_action}ket-qua/", timeout=60).text
    return ratings, _number(TOTAL_VOTERS, results)


def run_write_path(
    base_url: str, clients: int, seconds: float, *, article_path: str = SEED_ARTICLE_PATH
) -> dict:
    """Post ratings and votes as distinct visitors for a while; check the counts are exact."""
    base_url = base_url.rstrip("/")
    rating_action, poll_action, options = _targets(base_url, article_path)
    ratings_before, votes_before = _counts(base_url, article_path, poll_action)
    statuses: Counter = Counter()
    accepted = Counter()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker(number: int) -> None:
        iteration = 0
        while time.monotonic() < deadline:
            iteration += 1
            with httpx.Client(base_url=base_url, timeout=60) as client:
                try:
                    client.get(poll_action).raise_for_status()
                    token = client.cookies.get("csrftoken", "")
                    headers = {"Accept": "application/json", "X-CSRFToken": token}
                    stars = str((number + iteration) % 5 + 1)
                    rated = client.post(rating_action, data={"stars": stars}, headers=headers)
                    option = options[(number + iteration) % len(options)]
                    voted = client.post(poll_action, data={"option": option}, headers=headers)
                except httpx.HTTPError as error:
                    with lock:
                        statuses[f"error:{type(error).__name__}"] += 1
                    continue
            with lock:
                statuses[f"rating:{rated.status_code}"] += 1
                statuses[f"vote:{voted.status_code}"] += 1
                if rated.status_code == 200 and rated.json().get("created"):
                    accepted["ratings"] += 1
                if voted.status_code == 200:
                    accepted["votes"] += 1

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    elapsed = time.monotonic() - started
    ratings_after, votes_after = _counts(base_url, article_path, poll_action)
    writes = accepted["ratings"] + accepted["votes"]
    return {
        "clients": clients,
        "seconds": round(elapsed, 2),
        "ratings_accepted": accepted["ratings"],
        "votes_accepted": accepted["votes"],
        "writes_per_second": round(writes / elapsed, 1) if elapsed else 0.0,
        "ratings_exact": ratings_after - ratings_before == accepted["ratings"],
        "votes_exact": votes_after - votes_before == accepted["votes"],
        "statuses": dict(sorted(statuses.items())),
    }


def main(clients: int | None = None, seconds: float | None = None) -> dict:
    """`make bench`: serve a fresh portal with gunicorn (4 workers) and run the write path."""
    clients = clients or int(os.environ.get("BENCH_WRITE_CLIENTS") or 16)
    seconds = seconds or float(os.environ.get("BENCH_WRITE_SECONDS") or 20)
    sys.path.insert(0, str(BASE_DIR))
    from portal.core.testing import running_portal

    # Every bench visitor comes from 127.0.0.1: lift the per-address limit and allowance.
    env = {
        "RATE_LIMITS": json.dumps(
            {scope: {"address": "0/60"} for scope in ("default", "ratings", "polls")}
        ),
        "VOTES_PER_ADDRESS_ALLOWANCE": "0",
    }
    with (
        tempfile.TemporaryDirectory(prefix="dancu-bench-write-") as tmp,
        running_portal(Path(tmp), workers=4, env=env) as portal,
    ):
        figures = run_write_path(portal.url, clients, seconds)
    assert figures["ratings_exact"] and figures["votes_exact"], figures
    print(json.dumps(figures, ensure_ascii=False, indent=2), flush=True)
    return figures


if __name__ == "__main__":
    if len(sys.argv) > 1:  # against a portal that is already running
        print(json.dumps(run_write_path(sys.argv[1], clients=8, seconds=10), indent=2))
    else:
        main()

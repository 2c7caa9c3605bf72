"""Outages on a real portal (gunicorn, 4 workers): Redis faults, an unwritable database, kill -9.

Every test here failed on the portal before it learnt to degrade: Redis refused or black-holed
gave 500 on every public page, a read-only database directory 500 on every page, and `kill -9`
lost the views a worker had buffered in memory.
"""

import contextlib
import html
import itertools
import os
import re
import shutil
import signal
import statistics
import subprocess
import threading
import time
import urllib.parse
from pathlib import Path

import httpx
import pytest

from portal.core.testing import running_portal
from portal.core.testing.faults import FaultyRedis
from portal.core.testing.figures import record_figure
from portal.core.testing.visitors import LOOPBACK_TLS, WebVisitor, run_concurrently

pytestmark = pytest.mark.live

ARTICLE = "/tin-tuc-su-kien/doan-kiem-tra-so-2-lam-viec-voi-quan-uy-hoan-kiem/"
MISSING = "/khong-co-trang-nay/"
AGENT = {"User-Agent": "Mozilla/5.0 (dancu-outage-test)"}
ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
ARTICLE_STATS = (
    "from portal.news.models import ArticlePage\n"
    "from portal.ratings.models import Rating\n"
    "from portal.visits.models import PageViewCount\n"
    "a = ArticlePage.objects.get(url_path__endswith='/doan-kiem-tra-so-2-lam-viec-voi-quan-uy-hoan-kiem/')\n"
    "v = PageViewCount.objects.filter(page=a).first()\n"
    "print(v.views if v else 0, Rating.objects.filter(article_id=a.pk).count())"
)


def _upstream_redis() -> tuple[str, tuple[str, int]] | None:
    """A real Redis to stand behind the proxy (REDIS_URL, else the usual local one)."""
    url = os.environ.get("REDIS_URL") or os.environ.get(
        "TEST_REDIS_URL", "redis://127.0.0.1:6379/15"
    )
    parts = urllib.parse.urlsplit(url)
    address = (parts.hostname or "127.0.0.1", parts.port or 6379)
    try:
        import redis

        redis.Redis(host=address[0], port=address[1], socket_timeout=1).ping()
    except Exception:
        return None
    return url, address


def _article_stats(portal) -> tuple[int, int]:
    views, ratings = portal.shell(ARTICLE_STATS).split()
    return int(views), int(ratings)


def _beacon(client: httpx.Client) -> str:
    page = client.get(ARTICLE, headers=AGENT).text
    return html.unescape(re.search(r'data-visit-beacon="([^"]+)"', page).group(1))


def _timed(send) -> tuple[int, float]:
    start = time.monotonic()
    try:
        status = send().status_code
    except httpx.HTTPError as error:
        status = type(error).__name__
    return status, time.monotonic() - start


def _rate(portal, address: str) -> int:
    """One rating by a new visitor (its own forwarded address: the front is trusted here)."""
    visitor = WebVisitor(portal.url)
    visitor.client.headers["X-Forwarded-For"] = address
    try:
        visitor.open(ARTICLE)
        action = visitor.form_action("rating-form")
        return visitor.post(action, {"stars": "4"}, as_json=True).status_code
    finally:
        visitor.close()


def _no_tracebacks(portal) -> None:
    log = portal.log()
    assert "Traceback" not in log, log[-4000:]
    assert "Internal Server Error" not in log, log[-4000:]


def _sample(portal, rounds: int, counter: dict) -> dict[str, list]:
    results = {"home": [], "article": [], "404": [], "beacon": []}
    with httpx.Client(base_url=portal.url, timeout=30, verify=LOOPBACK_TLS) as client:
        beacon = _beacon(client)
        for _ in range(rounds):
            results["home"].append(_timed(lambda: client.get("/", headers=AGENT)))
            results["article"].append(_timed(lambda: client.get(ARTICLE, headers=AGENT)))
            results["404"].append(_timed(lambda: client.get(MISSING, headers=AGENT)))
            status, seconds = _timed(lambda: client.post(beacon, headers=AGENT))
            results["beacon"].append((status, seconds))
            counter["views"] += status == 204
    return results


def _summary(results: dict[str, list]) -> str:
    parts = []
    for name, samples in results.items():
        codes = sorted({str(status) for status, _ in samples})
        times = [seconds for _, seconds in samples]
        parts.append(
            f"{name} {'/'.join(codes)} "
            f"{statistics.median(times) * 1000:.0f}/{max(times) * 1000:.0f} ms"
        )
    return ", ".join(parts)


def test_public_site_stays_up_when_redis_is_refused_black_holed_or_flushed(tmp_path):
    upstream = _upstream_redis()
    proxy = FaultyRedis(upstream[1] if upstream else None, mode="refuse")
    db = urllib.parse.urlsplit(upstream[0]).path if upstream else "/0"
    env = {
        "REDIS_URL": f"redis://127.0.0.1:{proxy.port}{db}",
        "REDIS_RETRY_SECONDS": "2",
        "TRUSTED_PROXIES": "127.0.0.1",
        "VISITS_FLUSH_SECONDS": "2",
    }
    counter = {"views": 0}
    engine = "PostgreSQL" if ON_POSTGRES else "SQLite"
    try:
        # Started with Redis refused: migrate, load_demo_content and gunicorn all come up.
        with running_portal(
            tmp_path, workers=4, env=env, start_timeout=180, from_template=False
        ) as portal:
            phases = ["refused", "black-holed"]
            if upstream:
                phases = ["normal", "refused", "black-holed", "flushed", "recovered"]
            medians = {}
            votes = 0
            for number, phase in enumerate(phases):
                proxy.set_mode(
                    {"refused": "refuse", "black-holed": "blackhole"}.get(phase, "forward")
                )
                if phase == "flushed":
                    portal.manage("flush_visits")  # what Redis buffered is in the database
                    import redis

                    client = redis.Redis(*upstream[1], db=int(db.strip("/") or 0))
                    keys = list(client.scan_iter(match=f"{portal.env['CACHE_KEY_PREFIX']}:*"))
                    if keys:
                        client.delete(*keys)
                if phase in {"normal", "recovered"}:
                    time.sleep(2.5)  # past the breaker's cooldown
                results = _sample(portal, 8, counter)
                for name, expected in (("home", 200), ("article", 200), ("404", 404)):
                    assert {s for s, _ in results[name]} == {expected}, (phase, results)
                assert {s for s, _ in results["beacon"]} == {204}, (phase, results)
                assert _rate(portal, f"198.51.100.{number + 1}") == 200, phase
                votes += 1
                page = httpx.get(
                    portal.url + "/", headers=AGENT, timeout=30, verify=LOOPBACK_TLS
                ).text
                online = re.search(r"data-visit-online>([^<]*)<", page).group(1)
                if phase in {"refused", "black-holed"}:
                    assert online == "—", (phase, online)
                else:
                    assert online.replace(".", "").isdigit(), (phase, online)
                medians[phase] = statistics.median(
                    seconds for name in ("home", "article") for _, seconds in results[name]
                )
                record_figure(f"Redis {phase} ({engine}, 4 workers): {_summary(results)}")
            usual = medians.get("normal", min(medians.values()))
            for phase, median in medians.items():
                assert median <= usual + 1.0, (phase, medians)
            portal.stop()
            views, ratings = _article_stats(portal)
            assert ratings == votes
            # Every acknowledged view, including those spooled while Redis was away.
            assert views == counter["views"], (views, counter)
            log = portal.log()
            assert "Traceback" not in log, log[-4000:]
            assert log.count("Redis cache") <= 4 * 2 * len(phases), log[-4000:]  # once per outage
    finally:
        proxy.close()


def _setpriv() -> list[str]:
    """Run as root without the power to ignore file permissions (tests run as root)."""
    prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]
    probe = subprocess.run([*prefix, "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.fail(f"setpriv cannot drop capabilities here: {probe.stderr!r}")
    return prefix


def _vote_json(portal, address: str) -> httpx.Response:
    visitor = WebVisitor(portal.url)
    visitor.client.headers["X-Forwarded-For"] = address
    try:
        visitor.open(ARTICLE)
        action = visitor.form_action("rating-form")
        return visitor.post(action, {"stars": "5"}, as_json=True)
    finally:
        visitor.close()


def _vote_form(portal, address: str) -> httpx.Response:
    visitor = WebVisitor(portal.url)
    visitor.client.headers["X-Forwarded-For"] = address
    try:
        visitor.open(ARTICLE)
        action = visitor.form_action("rating-form")
        return visitor.post(action, {"stars": "5"})
    finally:
        visitor.close()


@pytest.mark.skipif(ON_POSTGRES, reason="the PostgreSQL variant is the read-only-transaction test")
def test_read_only_sqlite_file_and_directory_keep_reads_and_refuse_writes_in_vietnamese(tmp_path):
    env = {"TRUSTED_PROXIES": "127.0.0.1", "VISITS_FLUSH_SECONDS": "2"}
    with running_portal(
        tmp_path, workers=2, env=env, command_prefix=_setpriv(), start_timeout=180
    ) as portal:
        var = tmp_path / "var"
        database = var / "dancu.sqlite3"
        assert _vote_json(portal, "203.0.113.1").status_code == 200
        try:
            for number, (fault, paths) in enumerate(
                (("file", [database]), ("directory", [database, var])), start=2
            ):
                for path in paths:
                    path.chmod(0o444 if path.is_file() else 0o555)
                for page in ("/", ARTICLE):
                    assert (
                        httpx.get(portal.url + page, timeout=30, verify=LOOPBACK_TLS).status_code
                        == 200
                    ), fault
                assert (
                    httpx.get(portal.url + MISSING, timeout=30, verify=LOOPBACK_TLS).status_code
                    == 404
                ), fault
                scripted = _vote_json(portal, f"203.0.113.{number}")
                assert scripted.status_code == 503, (fault, scripted.text[:500])
                assert scripted.headers["Retry-After"]
                assert "không ghi được dữ liệu" in scripted.json()["error"]
                plain = _vote_form(portal, f"203.0.113.{number + 10}")
                assert plain.status_code == 503, fault
                assert "không ghi được dữ liệu" in plain.text
                assert "Traceback" not in plain.text
                record_figure(
                    f"SQLite read-only {fault}: pages 200, 404 404, vote 503 "
                    f"(JSON and HTML, Retry-After {scripted.headers['Retry-After']} s)"
                )
        finally:
            var.chmod(0o755)
            database.chmod(0o644)
        # The fault is over: the next write goes through, nothing restarted.
        assert _vote_json(portal, "203.0.113.50").status_code == 200
        assert _article_stats(portal)[1] == 2
        _no_tracebacks(portal)


@pytest.mark.skipif(not ON_POSTGRES, reason="PostgreSQL only")
def test_read_only_postgresql_keeps_reads_and_refuses_writes_in_vietnamese(tmp_path):
    import psycopg

    env = {"TRUSTED_PROXIES": "127.0.0.1"}
    with running_portal(tmp_path, workers=2, env=env, start_timeout=180) as portal:
        url = portal.env["DATABASE_URL"]
        name = url.rsplit("/", 1)[1]
        admin = url.rsplit("/", 1)[0] + "/postgres"

        def read_only(on: bool) -> None:
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(
                    f'ALTER DATABASE "{name}" SET default_transaction_read_only = '
                    f"{'on' if on else 'off'}"
                )
                conn.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                    [name],
                )

        assert _vote_json(portal, "203.0.113.1").status_code == 200
        read_only(True)
        try:
            for page in ("/", ARTICLE):
                assert (
                    httpx.get(portal.url + page, timeout=30, verify=LOOPBACK_TLS).status_code == 200
                )
            scripted = _vote_json(portal, "203.0.113.2")
            assert scripted.status_code == 503, scripted.text[:500]
            assert "không ghi được dữ liệu" in scripted.json()["error"]
            assert _vote_form(portal, "203.0.113.3").status_code == 503
            record_figure("PostgreSQL read-only: pages 200, vote 503 (JSON and HTML)")
        finally:
            read_only(False)
        assert _vote_json(portal, "203.0.113.4").status_code == 200
        _no_tracebacks(portal)


def _worker_pids(master: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError):
                stat = (entry / "stat").read_text()
                if int(stat.rsplit(")", 1)[1].split()[1]) == master:
                    pids.append(int(entry.name))
    return pids


def test_views_answered_before_kill_9_of_every_worker_are_all_counted(tmp_path):
    env = {"VISITS_FLUSH_SECONDS": "3", "VISITS_FLUSH_EVERY": "200"}
    redis = "Redis" if os.environ.get("REDIS_URL") else "no Redis"
    with running_portal(tmp_path, workers=4, env=env, start_timeout=180) as portal:
        with httpx.Client(base_url=portal.url, timeout=30, verify=LOOPBACK_TLS) as client:
            beacon = _beacon(client)
        acked = threading.Semaphore(0)
        counts = {"acked": 0, "sent": 0}
        lock = threading.Lock()

        def view(_: int) -> None:
            with lock:
                counts["sent"] += 1
            try:
                response = httpx.post(
                    portal.url + beacon, headers=AGENT, timeout=30, verify=LOOPBACK_TLS
                )
            except httpx.HTTPError:
                return  # never answered: not acknowledged
            if response.status_code == 204:
                with lock:
                    counts["acked"] += 1
                acked.release()

        killed = []

        def killer() -> None:
            for _ in range(300):  # mid-storm: after 300 acknowledged views
                acked.acquire(timeout=60)
            for pid in _worker_pids(portal.process.pid):
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)

        thread = threading.Thread(target=killer)
        thread.start()
        run_concurrently(view, range(1200), threads=16)
        thread.join(timeout=120)
        assert len(killed) == 4
        portal.manage("flush_visits")  # also takes the spools of the killed workers
        portal.stop()
        views = _article_stats(portal)[0]
        lost = max(0, counts["acked"] - views)
        record_figure(
            f"kill -9 of all 4 workers mid-storm ({'PostgreSQL' if ON_POSTGRES else 'SQLite'}, "
            f"{redis}): {counts['acked']} views answered 204, {views} counted, {lost} lost"
        )
        assert counts["acked"] <= views <= counts["sent"]


def _pg_or_sqlite_counts(portal) -> dict[str, int]:
    out = portal.shell(
        "from django.apps import apps\n"
        "for m in sorted(apps.get_models(), key=lambda m: m._meta.label):\n"
        "    if m._meta.managed and not m._meta.proxy:\n"
        "        print(m._meta.label, m._default_manager.count())"
    )
    return {line.split()[0]: int(line.split()[1]) for line in out.splitlines()}


def _content_version(portal) -> int:
    return int(
        portal.shell(
            "from portal.core.pagecache import content_version; print(content_version()[0])"
        )
    )


def _media_hashes(root: Path) -> dict[str, str]:
    import hashlib

    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


ADD_IMAGE_AND_COMMENT = """
import io
from PIL import Image
from django.core.files.images import ImageFile
from portal.images.models import PortalImage
from portal.comments.models import Comment
from portal.news.models import ArticlePage
buf = io.BytesIO()
Image.new("RGB", (64, 48), (200, 30, 30)).save(buf, "PNG")
image = PortalImage.objects.create(title="Ảnh sao lưu", file=ImageFile(buf, name="sao-luu.png"))
image.get_rendition("width-32")
article = ArticlePage.objects.live().first()
Comment.objects.create(article=article, name="Cử tri", text="Ý kiến trước khi sao lưu", visitor_hash="x" * 64)
print(image.pk)
"""


def test_backup_while_voting_then_restore_brings_back_counts_and_files(tmp_path):
    env = {"TRUSTED_PROXIES": "127.0.0.1"}
    with running_portal(tmp_path, workers=2, env=env, start_timeout=180) as portal:
        portal.shell(ADD_IMAGE_AND_COMMENT)
        media_root = tmp_path / "var" / "media"
        for number in range(10):
            assert _rate(portal, f"192.0.2.{number + 1}") == 200
        # A backup taken while votes keep arriving is one consistent moment.
        stop = threading.Event()
        cast = []
        numbers = itertools.count(1)

        def storm() -> None:
            for _ in range(150):
                if stop.is_set():
                    return
                number = next(numbers)
                cast.append(_rate(portal, f"198.18.{number // 250}.{number % 250 + 1}"))

        voters = [threading.Thread(target=storm) for _ in range(2)]
        for voter in voters:
            voter.start()
        try:
            time.sleep(1)
            during = tmp_path / "backup-during-votes"
            portal.manage("backup", str(during))
        finally:
            stop.set()
            for voter in voters:
                voter.join(timeout=120)
        assert set(cast) == {200}, cast
        # Quiet now: a second backup, the reference for the round trip.
        before = _pg_or_sqlite_counts(portal)
        files_before = _media_hashes(media_root)
        assert any(name.startswith("original_images/") for name in files_before)
        backup = tmp_path / "backup"
        output = portal.manage("backup", str(backup))
        assert "Đã sao lưu" in output
        # Life goes on, then something goes badly wrong.
        for number in range(5):
            assert _rate(portal, f"192.0.2.{number + 100}") == 200
        portal.shell("from portal.comments.models import Comment; Comment.objects.all().delete()")
        shutil.rmtree(media_root / "original_images")
        with pytest.raises(RuntimeError, match="--yes"):
            portal.manage("restore", str(backup))
        served = _content_version(portal)
        portal.manage("restore", str(backup), "--yes")
        assert _pg_or_sqlite_counts(portal) == before
        # Above every version served before: no kept page of the old timeline passes for new.
        assert _content_version(portal) > served
        assert _media_hashes(media_root) == files_before
        assert httpx.get(portal.url + ARTICLE, timeout=30, verify=LOOPBACK_TLS).status_code == 200
        # The backup taken under votes restores too, with summaries equal to their rows.
        portal.manage("restore", str(during), "--yes")
        consistent = portal.shell(
            "from portal.ratings.models import Rating\n"
            "from portal.ratings.selectors import article_rating_stats\n"
            "ids = set(Rating.objects.values_list('article_id', flat=True))\n"
            "print(all(article_rating_stats(i).count == Rating.objects.filter(article_id=i)"
            ".count() for i in ids), Rating.objects.count())"
        )
        ok, ratings = consistent.split()
        assert ok == "True"
        assert 10 <= int(ratings) <= 10 + len(cast)
        record_figure(
            f"backup/restore ({'PostgreSQL' if ON_POSTGRES else 'SQLite'}): {len(before)} tables "
            f"and {len(files_before)} media files identical after restore; backup under "
            f"{len(cast)} votes held {int(ratings) - 10} of them, summaries = rows"
        )
        _no_tracebacks(portal)


SUMMARIES_EQUAL_ROWS = """
from portal.news.models import ArticlePage
from portal.polls.models import Poll, Vote
from portal.polls.selectors import poll_results
from portal.ratings.models import Rating
from portal.ratings.selectors import article_rating_stats
a = ArticlePage.objects.get(url_path__endswith='/doan-kiem-tra-so-2-lam-viec-voi-quan-uy-hoan-kiem/')
ok = article_rating_stats(a.pk).count == Rating.objects.filter(article_id=a.pk).count()
for poll in Poll.objects.all():
    for option in poll_results(poll).options:
        ok = ok and option.votes == Vote.objects.filter(option_id=option.id).count()
print(ok, Rating.objects.filter(article_id=a.pk).count(), Vote.objects.count())
"""


def test_rating_and_poll_summaries_equal_their_rows_after_kill_9_during_a_vote_storm(tmp_path):
    env = {"TRUSTED_PROXIES": "127.0.0.1"}
    with running_portal(tmp_path, workers=4, env=env, start_timeout=180) as portal:
        answered = threading.Semaphore(0)
        killed = []

        def vote(number: int) -> tuple:
            visitor = WebVisitor(portal.url)
            visitor.client.headers["X-Forwarded-For"] = f"100.64.{number // 250}.{number % 250 + 1}"
            try:
                visitor.open(ARTICLE)
                rating = visitor.post(
                    visitor.form_action("rating-form"), {"stars": str(number % 5 + 1)}, as_json=True
                ).status_code
                poll = visitor.form_action("poll-form")
                option = re.search(r'name="option"[^>]* value="(\d+)"', visitor.page).group(1)
                ballot = visitor.post(poll, {"option": option}, as_json=True).status_code
            except httpx.HTTPError:
                return ("dropped",)
            finally:
                visitor.close()
            answered.release()
            return rating, ballot

        def killer() -> None:
            for _ in range(60):
                answered.acquire(timeout=120)
            for pid in _worker_pids(portal.process.pid):
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)

        thread = threading.Thread(target=killer)
        thread.start()
        results = run_concurrently(vote, range(200), threads=16)
        thread.join(timeout=180)
        assert len(killed) == 4
        ok, ratings, votes = portal.shell(SUMMARIES_EQUAL_ROWS).split()
        record_figure(
            f"kill -9 of all 4 workers during a vote storm "
            f"({'PostgreSQL' if ON_POSTGRES else 'SQLite'}): {ratings} ratings, {votes} poll "
            f"votes stored, {results.count(('dropped',))} requests cut; summaries = rows: {ok}"
        )
        assert ok == "True"
        assert int(ratings) >= sum(1 for result in results if result[0] == 200)
        _no_tracebacks(portal)

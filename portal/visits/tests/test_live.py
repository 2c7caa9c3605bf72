"""Real gunicorn workers, real concurrent HTTP: every page view counted exactly, none lost."""

import html
import re
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from portal.core.testing import running_portal
from portal.demo.content import SEED_SLUG

ARTICLE = f"/tin-tuc-su-kien/{SEED_SLUG}/"
AGENT = "dancu-live-test/1.0"
THREADS = 50
STATS = (
    "from portal.visits.models import PageViewCount, VisitTotal, DailyVisits;"
    "from portal.visits.selectors import online_count;"
    "from portal.news.models import ArticlePage;"
    f"a = ArticlePage.objects.get(slug='{SEED_SLUG}');"
    "v = PageViewCount.objects.filter(page=a).first();"
    "t = VisitTotal.objects.first();"
    "print(v.views if v else 0, t.total if t else 0, online_count(),"
    " sum(d.page_views for d in DailyVisits.objects.all()))"
)

pytestmark = pytest.mark.live


def request(url: str, *, cookie: str = "", method: str = "GET") -> tuple[int, bytes, str]:
    headers = {"User-Agent": AGENT}
    if cookie:
        headers["Cookie"] = cookie
    req = urllib.request.Request(url, method=method, headers=headers)  # noqa: S310
    with urllib.request.urlopen(req, timeout=60) as response:  # noqa: S310
        set_cookie = response.headers.get("Set-Cookie", "")
        return response.status, response.read(), set_cookie


def page_view(base: str, cookie: str, *, rendered: bool = True) -> tuple[int, int]:
    """What a browser does: load the article (rendered, or as from a cache), send its beacon."""
    global _beacon
    status = 200
    if rendered or not _beacon:
        status, body, _ = request(base + ARTICLE, cookie=cookie)
        found = re.search(r'data-visit-beacon="([^"]+)"', body.decode()).group(1)
        _beacon = html.unescape(found)
    beacon_status, _, _ = request(base + _beacon, cookie=cookie, method="POST")
    return status, beacon_status


_beacon = ""


def new_visitors(base: str, count: int) -> list[str]:
    cookies = []
    for _ in range(count):
        # Shared pages set no cookie; the page script's per-visitor request does.
        _, _, set_cookie = request(base + "/ca-nhan/")
        cookies.append(set_cookie.split(";", 1)[0])
    assert all(cookie.startswith("dancu_visitor=") for cookie in cookies)
    return cookies


def stats(portal) -> tuple[int, int, int, int]:
    views, total, online, daily_views = (int(x) for x in portal.shell(STATS).split())
    return views, total, online, daily_views


def wait_for_views(portal, expected: int, timeout: float = 120) -> tuple[int, int, int, int]:
    deadline = time.monotonic() + timeout
    while True:
        current = stats(portal)
        if current[0] >= expected or time.monotonic() > deadline:
            return current
        time.sleep(2)


def test_concurrent_page_views_from_several_workers_are_counted_exactly(tmp_path):
    global _beacon
    _beacon = ""
    env = {"VISITS_FLUSH_SECONDS": "2", "VISITS_FLUSH_EVERY": "100"}
    with running_portal(tmp_path, workers=4, env=env) as portal:
        visitors = new_visitors(portal.url, 40)
        with ThreadPoolExecutor(THREADS) as pool:
            results = list(
                pool.map(
                    # One view in ten renders the article; the others are as if a full-page
                    # cache served it (only the beacon reaches Django), 2 cores being shared.
                    lambda n: page_view(portal.url, visitors[n % 40], rendered=n % 10 == 0),
                    range(2000),
                )
            )
        assert results.count((200, 204)) == 2000
        views, total, online, daily_views = wait_for_views(portal, 2000)
        assert views == 2000
        assert total == 40  # 40 visitors, each one visit, whichever worker served them
        assert online == 40
        assert daily_views == 2000
        time.sleep(5)  # more flushes add nothing twice
        assert stats(portal)[:2] == (2000, 40)
        portal.stop()
        assert stats(portal)[:2] == (2000, 40)
        assert "Traceback" not in portal.log()


def test_graceful_stop_flushes_every_buffered_view(tmp_path):
    global _beacon
    _beacon = ""
    env = {"VISITS_FLUSH_SECONDS": "0", "VISITS_FLUSH_EVERY": "0"}  # nothing flushes by itself
    with running_portal(tmp_path, workers=4, env=env) as portal:
        visitors = new_visitors(portal.url, 10)
        with ThreadPoolExecutor(THREADS) as pool:
            results = list(
                pool.map(
                    lambda n: page_view(portal.url, visitors[n % 10], rendered=n % 4 == 0),
                    range(400),
                )
            )
        assert results.count((200, 204)) == 400
        assert stats(portal)[0] == 0  # still buffered: no database write per view
        portal.stop()  # SIGTERM: each worker's exit hook flushes
        views, total, _, daily_views = stats(portal)
        assert (views, total, daily_views) == (400, 10, 400)
        assert "Traceback" not in portal.log()

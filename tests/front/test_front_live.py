"""The shipped nginx front before two app servers: shared pages cached, purged, counted exactly.

Each test starts the stack `make serve` runs (portal.core.testing.running_front): real nginx with
deploy/nginx's configuration, two gunicorn app servers on one database and cache.
"""

import html
import http.client
import json
import re
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie

import pytest

from portal.core.testing import running_front
from portal.core.testing.figures import FIGURES

pytestmark = pytest.mark.live

SEED_SLUG = "doan-kiem-tra-so-2-lam-viec-voi-quan-uy-hoan-kiem"
ARTICLE = f"/tin-tuc-su-kien/{SEED_SLUG}/"
BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0 Safari/537.36"
)
BOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


class Answer:
    def __init__(self, response: http.client.HTTPResponse):
        self.status = response.status
        self.headers = response.headers
        self.body = response.read()
        self.cookies = {}
        for header in response.headers.get_all("Set-Cookie") or []:
            parsed = SimpleCookie()
            parsed.load(header)
            self.cookies.update({name: morsel.value for name, morsel in parsed.items()})

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.body)


class Browser:
    """A minimal client: keeps cookies, speaks from a chosen loopback address."""

    def __init__(self, base: str, *, source: str = "127.0.0.1", agent: str = BROWSER):
        parts = urllib.parse.urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.source = source
        self.agent = agent
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, *, body=None, headers=None) -> Answer:
        connection = http.client.HTTPConnection(
            self.host, self.port, timeout=120, source_address=(self.source, 0)
        )
        all_headers = {"User-Agent": self.agent, "Host": f"{self.host}:{self.port}"}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if isinstance(body, dict):
            body = urllib.parse.urlencode(body)
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        all_headers.update(headers or {})
        try:
            connection.request(method, path, body=body, headers=all_headers)
            answer = Answer(connection.getresponse())
        finally:
            connection.close()
        self.cookies.update(answer.cookies)
        return answer

    def get(self, path: str, **headers) -> Answer:
        return self.request("GET", path, headers=headers)

    def page_view(self, path: str) -> Answer:
        """What a browser does: the page, its per-visitor request, then its beacon."""
        page = self.get(path, **{"Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document"})
        beacon = html.unescape(re.search(r'data-visit-beacon="([^"]+)"', page.text).group(1))
        state = self.get("/ca-nhan/?bai-viet=1", **{"Sec-Fetch-Mode": "cors"})
        assert state.status == 200
        counted = self.request("POST", beacon, headers={"Sec-Fetch-Mode": "no-cors"})
        assert counted.status == 204
        return page


def test_shared_pages_are_cache_hits_without_cookies_and_editors_bypass(tmp_path):
    # An hour's time bucket: a minute boundary inside the test would rightly change the ETag.
    with running_front(tmp_path, env={"PAGE_CACHE_BUCKET_SECONDS": "3600"}) as front:
        anonymous = Browser(front.url)
        statuses = []
        for _ in range(10):  # the first fills the cache; the next one, within a second, hits
            answer = anonymous.get(ARTICLE)
            assert answer.status == 200
            assert not answer.cookies, answer.headers.get_all("Set-Cookie")
            assert "public" in answer.headers["Cache-Control"]
            statuses.append(answer.headers["X-Cache-Status"])
            if answer.headers["X-Cache-Status"] == "HIT":
                break
        assert statuses[0] in ("MISS", "EXPIRED")
        assert "HIT" in statuses, statuses

        # After the shared second, nginx revalidates: Django answers 304, nginx serves its copy.
        time.sleep(1.5)
        assert anonymous.get(ARTICLE).headers["X-Cache-Status"] in ("REVALIDATED", "HIT")

        # Static files and compression come from nginx itself.
        script = anonymous.get("/static/js/visitor.js", **{"Accept-Encoding": "gzip"})
        assert script.status == 200
        assert script.headers["X-Cache-Status"] == "STATIC"
        assert script.headers["Content-Encoding"] == "gzip"

        # Per-visitor answers are never kept.
        first = Browser(front.url).get("/ca-nhan/")
        second = Browser(front.url).get("/ca-nhan/")
        assert first.headers["Cache-Control"] == "private, no-store"
        assert first.json()["csrf_token"] != second.json()["csrf_token"]
        assert first.cookies["dancu_visitor"] != second.cookies["dancu_visitor"]

        # An editor: their page (with the userbar) is neither served from nor written to the cache.
        front.shell(
            "from django.contrib.auth import get_user_model;"
            "get_user_model().objects.create_superuser('bientap', password='mat-khau-1')"
        )
        editor = Browser(front.url)
        login = editor.get("/admin/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
        editor.request(
            "POST",
            "/admin/login/",
            body={"username": "bientap", "password": "mat-khau-1", "csrfmiddlewaretoken": token},
            headers={"Referer": front.url + "/admin/login/", "Origin": front.url},
        )
        assert "sessionid" in editor.cookies
        for _ in range(3):
            mine = editor.get(ARTICLE)
            assert "wagtail-userbar" in mine.text
            assert mine.headers["X-Cache-Status"] == "BYPASS"
            assert "no-store" in mine.headers["Cache-Control"]
        for _ in range(3):
            shared = Browser(front.url).get(ARTICLE)
            assert "wagtail-userbar" not in shared.text
            assert "bientap" not in shared.text
        assert "Traceback" not in front.portal.log()


def test_a_change_made_through_one_app_server_is_served_fresh_through_the_front(tmp_path):
    with running_front(tmp_path) as front:
        reader = Browser(front.url)
        for path in ("/", ARTICLE, "/tin-tuc-su-kien/"):
            reader.get(path)
            assert reader.get(path).headers["X-Cache-Status"] in ("HIT", "REVALIDATED", "MISS")
        # Publish an edit in another process (as an editor's request on either app server does).
        front.shell(
            "from portal.news.models import ArticlePage;"
            f"a = ArticlePage.objects.get(slug='{SEED_SLUG}');"
            "a.title = 'Đoàn kiểm tra số 2 — bản đã sửa';"
            "a.save_revision().publish()"
        )
        # Any request sent 2 s after the commit gets the new page, however long rendering takes
        # on a busy machine (nginx keeps a page 1 s, then revalidates; the ETag has changed).
        time.sleep(2.0)
        for path in (ARTICLE, "/", "/tin-tuc-su-kien/"):
            answer = reader.get(path)
            assert "bản đã sửa" in answer.text, (path, answer.headers["X-Cache-Status"])
        FIGURES.append("front purge: an edit published elsewhere is served through nginx 2 s later")
        # Every app server and every nginx worker now serves the new version.
        for _ in range(6):
            assert "bản đã sửa" in reader.get(ARTICLE).text
        for app in front.app_urls:
            assert "bản đã sửa" in Browser(app).get(ARTICLE).text

        # Unpublishing: gone through the front too.
        front.shell(
            "from portal.news.models import ArticlePage;"
            f"ArticlePage.objects.get(slug='{SEED_SLUG}').unpublish()"
        )
        time.sleep(2.0)
        assert reader.get(ARTICLE).status == 404


def _stats(front) -> tuple[int, int, int]:
    out = front.shell(
        "from portal.visits.models import PageViewCount, VisitTotal, DailyVisits;"
        "from portal.news.models import ArticlePage;"
        f"a = ArticlePage.objects.get(slug='{SEED_SLUG}');"
        "v = PageViewCount.objects.filter(page=a).first();"
        "t = VisitTotal.objects.first();"
        "print(v.views if v else 0, t.total if t else 0,"
        " sum(d.visits for d in DailyVisits.objects.all()))"
    )
    return tuple(int(x) for x in out.split())


def test_views_through_the_front_are_counted_exactly_hit_or_miss(tmp_path):
    n = 60
    with running_front(tmp_path, env={"VISITS_FLUSH_SECONDS": "1"}) as front:
        front.manage("flush_visits")
        before = _stats(front)
        statuses = []

        def one(number: int) -> str:
            return Browser(front.url).page_view(ARTICLE).headers["X-Cache-Status"]

        with ThreadPoolExecutor(12) as pool:
            statuses = list(pool.map(one, range(n)))
        for _ in range(10):  # bots are served but not counted
            Browser(front.url, agent=BOT).page_view(ARTICLE)
        assert "HIT" in statuses or "REVALIDATED" in statuses or "UPDATING" in statuses
        assert any(status in ("MISS", "EXPIRED") for status in statuses)
        deadline = time.monotonic() + 120
        while True:
            front.manage("flush_visits")
            after = _stats(front)
            if after[0] - before[0] >= n or time.monotonic() > deadline:
                break
            time.sleep(1)
        assert after[0] - before[0] == n  # the article's views
        assert after[1] - before[1] == n  # the visit total: n distinct browsers
        assert after[2] - before[2] == n  # the day's visits
        time.sleep(2)
        front.manage("flush_visits")
        assert _stats(front) == after  # nothing counted twice
        FIGURES.append(
            f"front counting: {n} browser views ({statuses.count('HIT')} nginx HIT) → +{n} exactly"
        )


def _voter(front, number: int, article_id: int, poll_id: int, option_ids: list[int]) -> int:
    # Each voter speaks from its own loopback address, as distinct people would.
    source = f"127.0.{1 + number // 200}.{1 + number % 200}"
    voter = Browser(front.url, source=source)
    state = voter.get(f"/ca-nhan/?bai-viet={article_id}&binh-chon={poll_id}").json()
    headers = {"Accept": "application/json", "X-CSRFToken": state["csrf_token"]}
    rated = voter.request(
        "POST",
        f"/danh-gia/bai-viet/{article_id}/",
        body={"stars": str(1 + number % 5)},
        headers=headers,
    )
    voted = voter.request(
        "POST",
        f"/binh-chon/{poll_id}/",
        body={"option": str(option_ids[number % len(option_ids)])},
        headers=headers,
    )
    return rated.status * 1000 + voted.status


def test_four_hundred_voters_over_two_app_servers_count_exactly(tmp_path):
    with running_front(tmp_path, workers=2) as front:
        ids = front.shell(
            "from portal.news.models import ArticlePage;from portal.polls.selectors import shown_poll;"
            f"a = ArticlePage.objects.get(slug='{SEED_SLUG}');p = shown_poll();"
            "print(a.pk, p.pk, *p.options.values_list('pk', flat=True))"
        ).split()
        article_id, poll_id, options = int(ids[0]), int(ids[1]), [int(x) for x in ids[2:]]
        with ThreadPoolExecutor(40) as pool:
            outcomes = list(
                pool.map(lambda n: _voter(front, n, article_id, poll_id, options), range(400))
            )
        assert outcomes.count(200200) == 400, {o: outcomes.count(o) for o in set(outcomes)}
        counts = front.shell(
            "from portal.ratings.models import Rating, RatingSummary;"
            "from portal.polls.models import Vote, PollOptionTally;"
            f"s = RatingSummary.objects.get(article_id={article_id});"
            f"print(Rating.objects.filter(article_id={article_id}).count(), s.count,"
            f" Vote.objects.filter(poll_id={poll_id}).count(),"
            f" *[Vote.objects.filter(option_id=o).count() for o in {options}],"
            f" *[PollOptionTally.objects.get(option_id=o).votes for o in {options}])"
        ).split()
        ratings, summary, votes = int(counts[0]), int(counts[1]), int(counts[2])
        per_option = [int(x) for x in counts[3 : 3 + len(options)]]
        tallies = [int(x) for x in counts[3 + len(options) :]]
        assert (ratings, summary, votes) == (400, 400, 400)
        assert per_option == tallies
        assert per_option == [
            sum(1 for n in range(400) if n % len(options) == i) for i in range(len(options))
        ]
        # Everyone sees the exact totals on the next per-visitor request, whichever server.
        state = Browser(front.url).get(f"/ca-nhan/?bai-viet={article_id}&binh-chon={poll_id}")
        assert state.json()["rating"]["count"] == 400
        assert state.json()["poll"]["total"] == 400


def test_two_app_servers_share_rate_limits_and_verification_codes(tmp_path):
    # Shared through Redis when REDIS_URL is set, else through the one database both servers use.
    limits = json.dumps({"ratings": {"visitor": "6/600"}})
    with running_front(tmp_path, env={"RATE_LIMITS": limits}) as front:
        article_id = int(
            front.shell(
                "from portal.news.models import ArticlePage;"
                f"print(ArticlePage.objects.get(slug='{SEED_SLUG}').pk)"
            )
        )
        one, two = (Browser(app) for app in front.app_urls)
        state = one.get("/ca-nhan/").json()
        two.cookies = dict(one.cookies)  # the same visitor, whichever server answers
        headers = {"Accept": "application/json", "X-CSRFToken": state["csrf_token"]}
        statuses = []
        for number in range(8):
            server = one if number % 2 else two
            answer = server.request(
                "POST", f"/danh-gia/bai-viet/{article_id}/", body={"stars": "3"}, headers=headers
            )
            statuses.append(answer.status)
            two.cookies.update(one.cookies)
            one.cookies.update(two.cookies)
        assert statuses[:6] == [200] * 6
        assert statuses[6:] == [429, 429]

        # A verification code used through one server is spent for the other.
        fresh = Browser(front.url)
        code = fresh.get("/captcha/refresh/", **{"X-Requested-With": "XMLHttpRequest"}).json()
        answer = front.shell(
            "from captcha.models import CaptchaStore;"
            f"print(CaptchaStore.objects.get(hashkey='{code['key']}').response)"
        )
        token = fresh.get("/ca-nhan/").json()["csrf_token"]
        comment = {
            "name": "Dân",
            "text": "Một ý kiến",
            "captcha_0": code["key"],
            "captcha_1": answer,
            "csrfmiddlewaretoken": token,
        }
        first = Browser(front.app_urls[0])
        first.cookies = dict(fresh.cookies)
        second = Browser(front.app_urls[1])
        second.cookies = dict(fresh.cookies)
        assert first.request("POST", f"/binh-luan/{article_id}/gui/", body=comment).status == 302
        reused = second.request("POST", f"/binh-luan/{article_id}/gui/", body=comment)
        assert reused.status == 400
        assert "Mã xác thực không đúng" in reused.text

"""Ratings under real concurrent HTTP against several gunicorn workers (SQLite or PostgreSQL)."""

import random
from decimal import ROUND_HALF_UP, Decimal

import httpx
import pytest

from portal.core.testing import running_portal
from portal.core.testing.fixtures import live_portal
from portal.core.testing.visitors import LOOPBACK_TLS, WebVisitor, run_concurrently

pytestmark = pytest.mark.live

ARTICLE_PATH = "/tin-tuc-su-kien/doan-kiem-tra-so-2-lam-viec-voi-quan-uy-hoan-kiem/"


# Every visitor here comes from 127.0.0.1: the per-address allowance is off so that exact
# counting under concurrency is what is tested (tests/abuse/ tests the allowance).
portal = live_portal("ratings-live", workers=4, env={"VOTES_PER_ADDRESS_ALLOWANCE": "0"})


def _stats(portal, article_id: int) -> tuple[int, str, int]:
    """(summary count, summary average, rating rows) read straight from the database."""
    out = portal.shell(
        "from portal.ratings.models import Rating\n"
        "from portal.ratings.selectors import article_rating_stats\n"
        f"s = article_rating_stats({article_id})\n"
        f"print(s.count, s.average, Rating.objects.filter(article_id={article_id}).count())"
    )
    count, average, rows = out.split()
    return int(count), average, int(rows)


def _article_id(portal) -> int:
    visitor = WebVisitor(portal.url)
    visitor.open(ARTICLE_PATH)
    action = visitor.form_action("rating-form")
    visitor.close()
    return int(action.rstrip("/").rsplit("/", 1)[1])


def _no_server_errors(portal) -> None:
    log = portal.log()
    # Django logs every 500 as "Internal Server Error"; gunicorn its own crashes.
    assert "Internal Server Error" not in log, log[-3000:]
    assert "Error handling request" not in log, log[-3000:]


def test_400_distinct_visitors_rating_at_once_are_counted_exactly(portal):
    rng = random.Random(400)
    stars = [rng.randint(1, 5) for _ in range(400)]
    visitors = [WebVisitor(portal.url) for _ in stars]
    try:
        run_concurrently(lambda v: v.open(ARTICLE_PATH), visitors, threads=50)
        action = visitors[0].form_action("rating-form")
        # Half post the plain form (303 back to the article), half like the script (JSON).
        responses = run_concurrently(
            lambda pair: pair[1].post(action, {"stars": str(pair[2])}, as_json=pair[0] % 2 == 0),
            [
                (index, visitor, value)
                for index, (visitor, value) in enumerate(zip(visitors, stars, strict=True))
            ],
            threads=100,
        )
    finally:
        for visitor in visitors:
            visitor.close()
    statuses = sorted({response.status_code for response in responses})
    assert statuses == [200, 303], statuses
    expected = (Decimal(sum(stars)) / 400).quantize(Decimal("0.1"), ROUND_HALF_UP)
    article_id = int(action.rstrip("/").rsplit("/", 1)[1])
    assert _stats(portal, article_id) == (400, str(expected), 400)
    page = WebVisitor(portal.url).open(ARTICLE_PATH)
    assert "lượt đánh giá: <span data-rating-count>400</span>" in page
    shown = str(expected).replace(".", ",")
    assert f"trung bình: <span data-rating-average>{shown}</span>" in page
    _no_server_errors(portal)


def test_one_visitor_rating_50_times_at_once_counts_once(portal):
    article_id = _article_id(portal)
    before = _stats(portal, article_id)[0]
    visitor = WebVisitor(portal.url)
    visitor.open(ARTICLE_PATH)
    action = visitor.form_action("rating-form")
    try:
        responses = run_concurrently(
            lambda n: visitor.post(action, {"stars": str(n % 5 + 1)}, as_json=True),
            range(50),
            threads=50,
        )
    finally:
        visitor.close()
    codes = [response.status_code for response in responses]
    assert set(codes) <= {200, 429}, codes
    # The default limit is 10 a minute per visitor; even counted per worker, some are refused.
    assert codes.count(429) >= 10
    refused = next(r for r in responses if r.status_code == 429)
    assert "thao tác quá nhanh" in refused.json()["error"]
    assert _stats(portal, article_id)[0] == before + 1
    _no_server_errors(portal)


def test_forged_forwarded_addresses_without_cookies_count_once(portal):
    article_id = _article_id(portal)
    before = _stats(portal, article_id)[0]
    probe = WebVisitor(portal.url)
    probe.open(ARTICLE_PATH)
    token = probe.csrf_token
    probe.close()

    def rate(number: int) -> httpx.Response:
        # Only the CSRF cookie, never the visitor cookie: the identity is the address hash.
        with httpx.Client(
            base_url=portal.url, cookies={"csrftoken": token}, timeout=60, verify=LOOPBACK_TLS
        ) as client:
            return client.post(
                f"/danh-gia/bai-viet/{article_id}/",
                data={"stars": "3"},
                headers={"X-CSRFToken": token, "X-Forwarded-For": f"198.51.100.{number}"},
            )

    responses = run_concurrently(rate, range(50), threads=25)
    codes = [response.status_code for response in responses]
    assert set(codes) <= {303, 429}, codes
    assert _stats(portal, article_id)[0] == before + 1
    keys = portal.shell(
        "from portal.ratings.models import Rating\n"
        f"print(Rating.objects.filter(article_id={article_id}, visitor_key__startswith='a:').count())"
    )
    assert keys == "1"
    _no_server_errors(portal)


def test_posts_without_csrf_are_refused_in_vietnamese(portal):
    article_id = _article_id(portal)
    before = _stats(portal, article_id)[0]
    visitor = WebVisitor(portal.url)
    visitor.open(ARTICLE_PATH)
    try:
        bare = visitor.client.post(f"/danh-gia/bai-viet/{article_id}/", data={"stars": "5"})
        scripted = visitor.client.post(
            f"/danh-gia/bai-viet/{article_id}/",
            data={"stars": "5"},
            headers={"Accept": "application/json", "X-CSRFToken": "forged" * 8},
        )
    finally:
        visitor.close()
    assert bare.status_code == 403
    # Not counted: the form comes back to confirm, with a fresh token (the no-JS path).
    assert "Xác nhận gửi" in bare.text
    assert scripted.status_code == 403
    assert "tải lại trang" in scripted.json()["error"]
    assert _stats(portal, article_id)[0] == before


def test_oversized_and_malformed_posts_get_clear_errors_and_no_server_error(portal):
    article_id = _article_id(portal)
    before = _stats(portal, article_id)[0]
    visitor = WebVisitor(portal.url)
    visitor.open(ARTICLE_PATH)
    path = f"/danh-gia/bai-viet/{article_id}/"
    try:
        big = visitor.post(path, {"stars": "5", "x": "y" * 100_000}, as_json=True)
        huge = visitor.client.post(
            path,
            content=b"stars=5&x=" + b"y" * (6 * 1024 * 1024),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "X-CSRFToken": visitor.csrf_token,
            },
        )
        garbage = visitor.client.post(
            path,
            content=bytes(range(256)) * 8,
            headers={
                "Content-Type": "multipart/form-data; boundary=nope",
                "X-CSRFToken": visitor.csrf_token,
                "Accept": "application/json",
            },
        )
        words = visitor.post(path, {"stars": "năm"}, as_json=True)
        missing = visitor.post(path, {}, as_json=False)
    finally:
        visitor.close()
    assert big.status_code == 400 and "quá lớn" in big.json()["error"]
    assert huge.status_code == 400 and "không hợp lệ" in huge.text
    assert garbage.status_code == 400
    assert words.status_code == 400 and "sao" in words.json()["error"]
    assert missing.status_code == 400 and "Vui lòng chọn số sao" in missing.text
    assert _stats(portal, article_id)[0] == before
    _no_server_errors(portal)


def test_behind_a_trusted_proxy_each_forwarded_client_is_its_own_visitor(tmp_path):
    env = {"TRUSTED_PROXIES": "127.0.0.1"}
    with running_portal(tmp_path, workers=2, env=env) as proxied:
        article_id = _article_id(proxied)
        probe = WebVisitor(proxied.url)
        probe.open(ARTICLE_PATH)
        token = probe.csrf_token
        probe.close()

        def rate(number: int) -> httpx.Response:
            cookies = {"csrftoken": token}
            with httpx.Client(
                base_url=proxied.url, cookies=cookies, timeout=60, verify=LOOPBACK_TLS
            ) as client:
                return client.post(
                    f"/danh-gia/bai-viet/{article_id}/",
                    data={"stars": "4"},
                    headers={"X-CSRFToken": token, "X-Forwarded-For": f"198.51.100.{number}"},
                )

        responses = run_concurrently(rate, range(20), threads=10)
        assert {response.status_code for response in responses} == {303}
        assert _stats(proxied, article_id) == (20, "4.0", 20)
        _no_server_errors(proxied)

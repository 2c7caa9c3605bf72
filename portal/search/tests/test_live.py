"""Search under real concurrent HTTP against several gunicorn workers (SQLite or PostgreSQL):
every answer is a page, never a server error, and every worker ranks alike."""

import html
import re
import unicodedata

import httpx
import pytest

from portal.core.testing.fixtures import live_portal
from portal.core.testing.visitors import LOOPBACK_TLS, run_concurrently

pytestmark = pytest.mark.live

SEED = "Đoàn kiểm tra số 2 của Ban Thường vụ Thành ủy"
DOCUMENT = "Quy định số 55-QĐ/TW"
# (query as typed, the first result's title); None: no results.
QUERIES = [
    ("kiem tra quan uy hoan kiem", SEED),
    (unicodedata.normalize("NFD", "KIỂM TRA QUẬN ỦY HOÀN KIẾM"), SEED),
    ('"kiểm tra" quận ủy Hoàn Kiếm', SEED),
    ("55 qd tw", DOCUMENT),
    ("55-QĐ/TƯ", DOCUMENT),
    ("xyzzy qwrtp", None),
]
# Typed by visitors, FTS syntax included: a page with a message, never an error.
# (Very long: as long as gunicorn's request line allows; the page reads the first 200 characters.)
ODD_QUERIES = [
    '"',
    "NEAR(a b) OR * ^",
    "a AND (b",
    "kiem tra " * 400,
    "'; DROP TABLE --",
    "%00",
    "…",
]


portal = live_portal("search-live", workers=4)


def _first_title(page: str) -> str | None:
    match = re.search(r'class="search-result__title"><a [^>]*>(.*?)</a>', page, re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))) if match else None


def test_concurrent_searches_all_answer_and_rank_alike(portal):
    requests = (QUERIES * 40) + [(text, "?") for text in ODD_QUERIES * 10]

    def search(item):
        text, _ = item
        response = httpx.get(
            f"{portal.url}/tim-kiem/", params={"q": text}, timeout=60, verify=LOOPBACK_TLS
        )
        return response.status_code, response.text

    answers = run_concurrently(search, requests, threads=40)
    assert {status for status, _ in answers} == {200}
    for (text, expected), (_, page) in zip(requests, answers, strict=True):
        if expected == "?":
            assert "search-form" in page, text
            continue
        if expected is None:
            assert "Không tìm thấy kết quả nào" in page, text
        else:
            assert (_first_title(page) or "").startswith(expected), text
    log = portal.log()
    assert "Internal Server Error" not in log, log[-3000:]
    # The engine's per-query plan settings stay within the search: other pages still work.
    assert httpx.get(f"{portal.url}/", timeout=60, verify=LOOPBACK_TLS).status_code == 200

"""Login guessing against two gunicorn workers: the lockout is shared, not per process."""

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest

from portal.core.testing import running_portal
from portal.core.testing.figures import record_figure

pytestmark = pytest.mark.live

LIMIT = 5


def _attempt(url: str, username: str, password: str) -> int:
    """One login as a fresh browser would: GET the form (CSRF cookie), POST it."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(url + "/admin/login/", timeout=60) as response:
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', response.read()).group(1)
    data = urllib.parse.urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": token.decode()}
    ).encode()
    request = urllib.request.Request(  # noqa: S310 (a loopback http URL)
        url + "/admin/login/", data=data, headers={"Referer": url}
    )
    try:
        with opener.open(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_thirty_guesses_on_two_workers_lock_after_the_limit(tmp_path):
    env = {"LOGIN_FAILURE_LIMIT": str(LIMIT), "ADMIN_PASSWORD": "mat-khau-quan-tri-dung-1"}
    with running_portal(tmp_path, workers=2, env=env) as live:
        live.manage("ensure_admin", "--username", "quantri")
        statuses = [_attempt(live.url, "quantri", f"sai-{n}") for n in range(30)]
        right = _attempt(live.url, "quantri", env["ADMIN_PASSWORD"])
        pids = set(re.findall(r"Booting worker with pid: (\d+)", live.log()))
    first_lock = statuses.index(429)
    record_figure(
        f"Login guessing on 2 gunicorn workers ({len(pids)} booted): attempt {first_lock + 1} "
        f"of 30 is the first refused (limit {LIMIT}); {statuses.count(429)} refused; "
        f"right password afterwards: {right}"
    )
    assert first_lock == LIMIT - 1
    assert all(status == 429 for status in statuses[first_lock:])
    assert right == 429

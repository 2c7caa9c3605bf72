"""Citizens for live tests: each its own cookie jar, talking real HTTP to a running portal."""

import re
import ssl
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor

import httpx

__all__ = ["LOOPBACK_TLS", "WebVisitor", "run_concurrently"]

# Every live test speaks plain HTTP on the loopback, but each httpx client would load the CA
# bundle for TLS it never uses (~25 ms of CPU; 400 visitors make 10 s): they share this one.
LOOPBACK_TLS = ssl.create_default_context()

ACTION = re.compile(r'<form id="{form_id}"[^>]* action="([^"]+)"')
# A kept-alive connection the server closed just as the client reused it fails with a reset;
# the request is sent again. Safe for the writes tested here: one vote or rating per visitor
# is enforced by the portal, so a request that did arrive the first time changes nothing.
TRANSPORT_RETRIES = 3


def _with_retries(send: Callable[[], httpx.Response]) -> httpx.Response:
    for attempt in range(TRANSPORT_RETRIES):
        try:
            return send()
        except (httpx.ReadError, httpx.ConnectError, httpx.RemoteProtocolError):
            if attempt == TRANSPORT_RETRIES - 1:
                raise
            time.sleep(0.2 * (attempt + 1))
    raise AssertionError("unreachable")


class WebVisitor:
    """One visitor: GET a page and, as its script does, /ca-nhan/ (the cookies), then POST."""

    def __init__(self, base_url: str, *, timeout: float = 60, cookies: bool = True) -> None:
        self.client = httpx.Client(
            base_url=base_url, timeout=timeout, follow_redirects=False, verify=LOOPBACK_TLS
        )
        self.keep_cookies = cookies
        self.page = ""

    def open(self, path: str) -> str:
        response = _with_retries(lambda: self.client.get(path))
        response.raise_for_status()
        self.page = response.text
        # A shared page sets no cookie: the page script's per-visitor request does.
        _with_retries(lambda: self.client.get("/ca-nhan/")).raise_for_status()
        if not self.keep_cookies:
            self.client.cookies.clear()
        return self.page

    @property
    def csrf_token(self) -> str:
        return self.client.cookies.get("csrftoken", "")

    def form_action(self, form_id: str) -> str:
        """The action URL of a form on the last opened page."""
        match = re.search(ACTION.pattern.format(form_id=re.escape(form_id)), self.page)
        if not match:
            raise AssertionError(f"no form #{form_id} on the page")
        return match.group(1)

    def post(
        self, path: str, data: dict, *, as_json: bool = False, headers: dict | None = None
    ) -> httpx.Response:
        """POST like the page's form (token in the body) or like its script (token in a header)."""
        sent_headers = dict(headers or {})
        if as_json:
            sent_headers["Accept"] = "application/json"
            sent_headers["X-CSRFToken"] = self.csrf_token
        else:
            data = {"csrfmiddlewaretoken": self.csrf_token, **data}
        sent_headers.setdefault("Referer", str(self.client.base_url) + "/")
        return _with_retries(lambda: self.client.post(path, data=data, headers=sent_headers))

    def close(self) -> None:
        self.client.close()


def run_concurrently(
    task: Callable, items: Iterable, *, threads: int = 50, timeout: float = 300
) -> list:
    """Run task(item) for every item on a pool of threads; results in the items' order."""
    with ThreadPoolExecutor(max_workers=threads) as pool:
        futures = [pool.submit(task, item) for item in items]
        return [future.result(timeout=timeout) for future in futures]

"""Poll votes under real concurrent HTTP against several gunicorn workers (SQLite or PostgreSQL)."""

import json
import random
import re
from collections import Counter

import httpx
import pytest

from portal.core.testing.fixtures import live_portal
from portal.core.testing.visitors import LOOPBACK_TLS, WebVisitor, run_concurrently

pytestmark = pytest.mark.live


# Every visitor here comes from 127.0.0.1: the per-address allowance is off so that exact
# counting under concurrency is what is tested (tests/abuse/ tests the allowance).
portal = live_portal("polls-live", workers=4, env={"VOTES_PER_ADDRESS_ALLOWANCE": "0"})


@pytest.fixture(scope="module")
def poll(portal) -> dict:
    """The demo poll as the sidebar offers it: its form action and its option ids."""
    visitor = WebVisitor(portal.url)
    page = visitor.open("/")
    action = visitor.form_action("poll-form")
    visitor.close()
    options = [int(value) for value in re.findall(r'name="option" id="[^"]+" value="(\d+)"', page)]
    assert len(options) == 4
    return {"action": action, "options": options, "id": int(action.strip("/").rsplit("/", 1)[1])}


def _counts(portal, poll_id: int) -> dict[int, int]:
    """Votes per option as the summary rows say, checked against the vote rows."""
    out = portal.shell(
        "import json\n"
        "from django.db.models import Count\n"
        "from portal.polls.models import Poll, Vote\n"
        f"p = Poll.objects.get(pk={poll_id})\n"
        "tally = {o.pk: o.vote_count for o in p.options_with_votes()}\n"
        "rows = dict(Vote.objects.filter(poll=p).values_list('option').annotate(n=Count('pk')))\n"
        "print(json.dumps([tally, rows]))"
    )
    tally, rows = json.loads(out)
    tally = {int(key): value for key, value in tally.items()}
    rows = {int(key): value for key, value in rows.items()}
    assert {key: value for key, value in tally.items() if value} == rows
    return tally


def _no_server_errors(portal) -> None:
    log = portal.log()
    assert "Internal Server Error" not in log, log[-3000:]
    assert "Error handling request" not in log, log[-3000:]


def test_400_distinct_visitors_voting_at_once_are_counted_exactly(portal, poll):
    rng = random.Random(2026)
    choices = [rng.choice(poll["options"]) for _ in range(400)]
    visitors = [WebVisitor(portal.url) for _ in choices]
    detail = poll["action"]
    try:
        run_concurrently(lambda v: v.open(detail), visitors, threads=50)
        # Half vote through the plain form (303 to the results), half like the script (JSON).
        responses = run_concurrently(
            lambda item: item[1].post(detail, {"option": str(item[2])}, as_json=item[0] % 2 == 1),
            [
                (index, visitor, option)
                for index, (visitor, option) in enumerate(zip(visitors, choices, strict=True))
            ],
            threads=100,
        )
    finally:
        for visitor in visitors:
            visitor.close()
    assert sorted({response.status_code for response in responses}) == [200, 303]
    expected = Counter(choices)
    assert _counts(portal, poll["id"]) == {option: expected[option] for option in poll["options"]}
    results = httpx.get(
        f"{portal.url}/binh-chon/{poll['id']}/ket-qua/", timeout=60, verify=LOOPBACK_TLS
    ).text
    assert "<strong>400</strong> người đã bình chọn" in results
    top = max(poll["options"], key=lambda option: expected[option])
    share = f"{expected[top] * 100 / 400:.1f}".replace(".", ",")
    assert f"{expected[top]} phiếu ({share}%)" in results
    _no_server_errors(portal)


def test_one_visitor_voting_50_times_at_once_counts_once(portal, poll):
    before = sum(_counts(portal, poll["id"]).values())
    visitor = WebVisitor(portal.url)
    visitor.open(poll["action"])
    try:
        responses = run_concurrently(
            lambda n: visitor.post(
                poll["action"], {"option": str(poll["options"][n % 4])}, as_json=True
            ),
            range(50),
            threads=50,
        )
    finally:
        visitor.close()
    codes = Counter(response.status_code for response in responses)
    assert set(codes) <= {200, 409, 429}, codes
    assert codes[200] == 1
    assert codes[429] >= 10  # 10 a minute per visitor, counted per worker at worst
    refused = next(r for r in responses if r.status_code == 409)
    assert "Bạn đã bình chọn" in refused.json()["error"]
    assert sum(_counts(portal, poll["id"]).values()) == before + 1
    _no_server_errors(portal)


def test_forged_forwarded_addresses_without_cookies_vote_once(portal, poll):
    before = sum(_counts(portal, poll["id"]).values())
    probe = WebVisitor(portal.url)
    probe.open(poll["action"])
    token = probe.csrf_token
    probe.close()

    def vote(number: int) -> httpx.Response:
        with httpx.Client(
            base_url=portal.url, cookies={"csrftoken": token}, timeout=60, verify=LOOPBACK_TLS
        ) as client:
            return client.post(
                poll["action"],
                data={"option": str(poll["options"][number % 4])},
                headers={"X-CSRFToken": token, "X-Forwarded-For": f"203.0.113.{number}"},
            )

    responses = run_concurrently(vote, range(50), threads=25)
    assert {response.status_code for response in responses} <= {303, 429}
    locations = Counter(r.headers.get("location", "").rsplit("=", 1)[-1] for r in responses)
    assert locations["cam-on"] == 1
    assert sum(_counts(portal, poll["id"]).values()) == before + 1
    _no_server_errors(portal)


def test_votes_without_csrf_are_refused(portal, poll):
    before = sum(_counts(portal, poll["id"]).values())
    visitor = WebVisitor(portal.url)
    visitor.open(poll["action"])
    try:
        response = visitor.client.post(poll["action"], data={"option": str(poll["options"][0])})
    finally:
        visitor.close()
    assert response.status_code == 403
    # Not counted: the visitor gets the form back to confirm, with a fresh token (the no-JS path
    # for a form posted from a shared, token-less page).
    assert "Xác nhận gửi" in response.text
    assert sum(_counts(portal, poll["id"]).values()) == before


def test_oversized_and_malformed_votes_get_clear_errors_and_no_server_error(portal, poll):
    before = sum(_counts(portal, poll["id"]).values())
    visitor = WebVisitor(portal.url)
    visitor.open(poll["action"])
    action = poll["action"]
    try:
        big = visitor.post(action, {"option": str(poll["options"][0]), "x": "y" * 50_000})
        huge = visitor.client.post(
            action,
            content=b"option=1&x=" + b"y" * (6 * 1024 * 1024),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "X-CSRFToken": visitor.csrf_token,
            },
        )
        nonsense = visitor.post(action, {"option": "'; DROP TABLE polls_vote; --"}, as_json=True)
        missing = visitor.post(action, {})
    finally:
        visitor.close()
    assert big.status_code == 400 and "quá lớn" in big.text
    assert huge.status_code == 400 and "không hợp lệ" in huge.text
    assert nonsense.status_code == 400 and "phương án" in nonsense.json()["error"].lower()
    assert missing.status_code == 400 and "Vui lòng chọn một phương án" in missing.text
    assert sum(_counts(portal, poll["id"]).values()) == before
    _no_server_errors(portal)

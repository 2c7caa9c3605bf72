import json
import socket
import threading

from django.test import RequestFactory, TestCase, override_settings

from portal.core.models import RateCounter
from portal.core.ratelimit import (
    Limit,
    RateStoreUnavailable,
    check_rate,
    hit,
    limits_for,
    parse_limit,
    rate_limited_response,
    rate_store_unavailable_response,
    reset_rate_limits,
)
from portal.core.testing import free_port


def black_hole() -> tuple[str, socket.socket]:
    """A socket that accepts connections and never answers (a hung Redis)."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    accepted = []

    def accept():
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            accepted.append(connection)

    threading.Thread(target=accept, daemon=True).start()
    return f"redis://127.0.0.1:{server.getsockname()[1]}/0", server


class RateLimitTests(TestCase):
    def setUp(self):
        reset_rate_limits()
        self.addCleanup(reset_rate_limits)

    def test_hits_within_the_limit_pass_and_the_next_is_refused(self):
        limit = Limit(hits=3, seconds=60)
        results = [hit("t", "visitor", "an", limit, now=1200.0) for _ in range(4)]
        self.assertEqual(results, [True, True, True, False])

    def test_the_window_slides_instead_of_resetting_at_its_edge(self):
        limit = Limit(hits=4, seconds=60)
        # Four hits at the very end of one fixed window…
        self.assertTrue(all(hit("t", "visitor", "an", limit, now=1259.0) for _ in range(4)))
        # …still weigh ~98% a second later: a fixed window would allow four more here.
        self.assertFalse(hit("t", "visitor", "an", limit, now=1261.0))
        # Half a window later half of them have slid out.
        self.assertTrue(hit("t", "visitor", "an", limit, now=1290.0))
        # Two windows later nothing is left.
        self.assertTrue(all(hit("t", "visitor", "an", limit, now=1400.0) for _ in range(4)))

    @override_settings(REDIS_URL="")
    def test_without_redis_counts_are_rows_any_process_sees(self):
        limit = Limit(hits=10, seconds=60)
        for _ in range(3):
            hit("t", "visitor", "an", limit, now=1200.0)
        self.assertEqual(RateCounter.objects.get().hits, 3)

    def test_identities_and_scopes_are_counted_apart(self):
        limit = Limit(hits=1, seconds=60)
        self.assertTrue(hit("ratings", "visitor", "an", limit, now=5.0))
        self.assertTrue(hit("ratings", "visitor", "binh", limit, now=5.0))
        self.assertTrue(hit("polls", "visitor", "an", limit, now=5.0))
        self.assertFalse(hit("ratings", "visitor", "an", limit, now=5.0))

    def test_a_zero_limit_means_unlimited(self):
        self.assertTrue(all(hit("t", "visitor", "x", Limit(0, 60), now=1.0) for _ in range(50)))
        self.assertFalse(RateCounter.objects.exists())

    def test_limits_have_one_shape(self):
        self.assertEqual(parse_limit("10/60"), Limit(10, 60))
        self.assertEqual(parse_limit((3, 30)), Limit(3, 30))

    @override_settings(RATE_LIMITS={"default": {"visitor": "7/30"}, "polls": {"address": "100/10"}})
    def test_limits_come_from_settings_per_scope(self):
        self.assertEqual(
            limits_for("ratings"), {"visitor": Limit(7, 30), "address": Limit(600, 60)}
        )
        self.assertEqual(limits_for("polls"), {"visitor": Limit(7, 30), "address": Limit(100, 10)})

    def test_every_scope_is_configured_in_the_one_setting(self):
        for scope in ("ratings", "polls", "comments", "captcha", "captcha-audio"):
            self.assertEqual(set(limits_for(scope)), {"visitor", "address"})
        self.assertEqual(limits_for("comments")["visitor"], Limit(5, 600))

    @override_settings(RATE_LIMITS={"default": {"visitor": "2/60", "address": "1000/60"}})
    def test_check_rate_refuses_one_visitor_but_not_the_next(self):
        factory = RequestFactory()
        first = [check_rate(factory.post("/", REMOTE_ADDR="10.0.0.1"), "s") for _ in range(3)]
        self.assertEqual(first, [True, True, False])
        self.assertTrue(check_rate(factory.post("/", REMOTE_ADDR="10.0.0.9"), "s"))

    @override_settings(RATE_LIMITS={"default": {"visitor": "100/60", "address": "2/60"}})
    def test_check_rate_counts_per_address_across_visitors(self):
        factory = RequestFactory()
        results = []
        for index in range(3):
            request = factory.post("/", REMOTE_ADDR="10.0.0.2")
            request.COOKIES["dancu_visitor"] = f"not-signed-{index}"
            results.append(check_rate(request, "s"))
        self.assertEqual(results, [True, True, False])

    def test_refusal_is_429_in_vietnamese_as_json(self):
        request = RequestFactory().post("/")
        as_json = rate_limited_response(request, as_json=True)
        self.assertEqual(as_json.status_code, 429)
        self.assertIn("thao tác quá nhanh", json.loads(as_json.content)["error"])
        self.assertTrue(as_json["Retry-After"])

    def test_refusal_page_renders_in_vietnamese(self):
        response = rate_limited_response(RequestFactory().post("/"), as_json=False)
        self.assertEqual(response.status_code, 429)
        self.assertIn("thao tác quá nhanh", response.content.decode())

    def test_unavailable_store_is_a_503_in_vietnamese(self):
        response = rate_store_unavailable_response(RequestFactory().post("/"), as_json=True)
        self.assertEqual(response.status_code, 503)
        self.assertIn("tạm gián đoạn", json.loads(response.content)["error"])


class RedisDownTests(TestCase):
    """REDIS_URL set but Redis refused or hung: votes fall back to the database, others refuse."""

    def check_both_ways(self, url):
        with override_settings(
            REDIS_URL=url, RATE_LIMITS={"default": {"visitor": "2/60", "address": "100/60"}}
        ):
            request = RequestFactory().post("/", REMOTE_ADDR="10.1.1.1")
            with self.assertRaises(RateStoreUnavailable):
                check_rate(request, "comments", fail_closed=True)
            results = [
                check_rate(RequestFactory().post("/", REMOTE_ADDR="10.1.1.2"), "ratings")
                for _ in range(3)
            ]
        # Held in the database instead, so the limit still holds.
        self.assertEqual(results, [True, True, False])
        self.assertTrue(RateCounter.objects.exists())

    def test_refused_redis(self):
        self.check_both_ways(f"redis://127.0.0.1:{free_port()}/0")

    def test_black_holed_redis(self):
        url, server = black_hole()
        self.addCleanup(server.close)
        self.check_both_ways(url)

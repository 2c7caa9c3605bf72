import json

from django.core.cache import cache
from django.test import RequestFactory, SimpleTestCase, TestCase, override_settings

from portal.core.ratelimit import Limit, check_rate, hit, limits_for, rate_limited_response


class RateLimitTests(SimpleTestCase):
    def setUp(self):
        cache.clear()
        self.addCleanup(cache.clear)

    def test_hits_within_the_limit_pass_and_the_next_is_refused(self):
        limit = Limit(hits=3, seconds=60)
        results = [hit("t", "visitor", "an", limit, now=1000.0) for _ in range(4)]
        assert results == [True, True, True, False]

    def test_a_new_window_starts_a_new_count(self):
        limit = Limit(hits=1, seconds=60)
        assert hit("t", "visitor", "an", limit, now=1000.0)
        assert not hit("t", "visitor", "an", limit, now=1001.0)
        assert hit("t", "visitor", "an", limit, now=1000.0 + 60)

    def test_identities_and_scopes_are_counted_apart(self):
        limit = Limit(hits=1, seconds=60)
        assert hit("ratings", "visitor", "an", limit, now=5.0)
        assert hit("ratings", "visitor", "binh", limit, now=5.0)
        assert hit("polls", "visitor", "an", limit, now=5.0)
        assert not hit("ratings", "visitor", "an", limit, now=5.0)

    def test_a_zero_limit_means_unlimited(self):
        assert all(hit("t", "visitor", "x", Limit(0, 60), now=1.0) for _ in range(50))

    @override_settings(
        RATE_LIMITS={"default": {"visitor": (7, 30)}, "polls": {"address": (100, 10)}}
    )
    def test_limits_come_from_settings_per_scope(self):
        assert limits_for("ratings") == {"visitor": Limit(7, 30), "address": Limit(600, 60)}
        assert limits_for("polls") == {"visitor": Limit(7, 30), "address": Limit(100, 10)}

    @override_settings(RATE_LIMITS={"default": {"visitor": (2, 60), "address": (1000, 60)}})
    def test_check_rate_refuses_one_visitor_but_not_the_next(self):
        factory = RequestFactory()
        first = [check_rate(factory.post("/", REMOTE_ADDR="10.0.0.1"), "s") for _ in range(3)]
        assert first == [True, True, False]

    @override_settings(RATE_LIMITS={"default": {"visitor": (100, 60), "address": (2, 60)}})
    def test_check_rate_counts_per_address_across_visitors(self):
        factory = RequestFactory()
        results = []
        for index in range(3):
            request = factory.post("/", REMOTE_ADDR="10.0.0.2")
            request.COOKIES["dancu_visitor"] = f"not-signed-{index}"
            results.append(check_rate(request, "s"))
        assert results == [True, True, False]

    def test_refusal_is_429_in_vietnamese_as_json(self):
        request = RequestFactory().post("/")
        as_json = rate_limited_response(request, as_json=True)
        assert as_json.status_code == 429
        assert "thao tác quá nhanh" in json.loads(as_json.content)["error"]
        assert as_json["Retry-After"]


class RateLimitedPageTests(TestCase):
    def test_refusal_page_renders_in_vietnamese(self):
        response = rate_limited_response(RequestFactory().post("/"), as_json=False)
        assert response.status_code == 429
        assert "thao tác quá nhanh" in response.content.decode()

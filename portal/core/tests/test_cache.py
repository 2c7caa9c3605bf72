import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT

import pytest

from portal.core.cache import CacheUnavailable, ResilientRedisCache
from portal.core.testing import free_port
from portal.core.testing.faults import Blackhole


def _cache(port: int, **options) -> ResilientRedisCache:
    return ResilientRedisCache(
        f"redis://127.0.0.1:{port}/0",
        {"KEY_PREFIX": "t", "OPTIONS": {"breaker_cooldown": 30, **options}},
    )


class ResilientRedisCacheTests:
    def test_refused_redis_reads_as_an_empty_cache(self):
        cache = _cache(free_port())
        assert cache.get("k") is None
        assert cache.get("k", "fallback") == "fallback"
        cache.set("k", 1)
        assert cache.add("k", 1) is False
        assert cache.get_many(["a", "b"]) == {}
        assert cache.get_or_set("k", lambda: "computed") == "computed"
        assert cache.delete("k") is False
        with pytest.raises(ValueError):
            cache.incr("k")
        with pytest.raises(CacheUnavailable):
            cache.call(lambda client: client.ping())
        assert not cache.available

    def test_black_holed_redis_costs_one_timeout_then_the_breaker_answers(self):
        with Blackhole() as hole:
            cache = _cache(hole.port, socket_timeout=0.3, socket_connect_timeout=0.3)
            start = time.monotonic()
            assert cache.get("k", "d") == "d"
            first = time.monotonic() - start
            start = time.monotonic()
            for _ in range(200):
                assert cache.get("k", "d") == "d"
                cache.set("k", 1, DEFAULT_TIMEOUT)
            rest = time.monotonic() - start
            # One connection, one read timeout; the 400 calls after it never touch the socket.
            assert len(hole.accepted) == 1
            assert first >= 0.25
            assert rest < first

    def test_breaker_probes_again_after_its_cooldown(self):
        cache = _cache(free_port(), breaker_cooldown=0.05)
        assert cache.get("k") is None
        assert cache.breaker.is_open
        time.sleep(0.1)
        assert cache.breaker.allow()  # one probe goes through
        assert not cache.breaker.allow()  # the others wait for it

    def test_socket_timeouts_default_to_a_fraction_of_a_second(self):
        cache = _cache(free_port())
        assert cache._options["socket_timeout"] <= 0.5
        assert cache._options["socket_connect_timeout"] <= 0.5

from django.test import RequestFactory, SimpleTestCase, override_settings

from portal.core import visitors
from portal.core.visitors import client_address, get_visitor


def _request(peer: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


class ClientAddressTests(SimpleTestCase):
    def setUp(self):
        # The trusted networks are parsed once per process; the tests change the setting.
        visitors._trusted_networks.cache_clear()
        self.addCleanup(visitors._trusted_networks.cache_clear)

    @override_settings(TRUSTED_PROXIES=[])
    def test_forwarded_header_from_an_untrusted_client_is_ignored(self):
        self.assertEqual(client_address(_request("203.0.113.7", "198.51.100.1")), "203.0.113.7")

    @override_settings(TRUSTED_PROXIES=["127.0.0.1"])
    def test_a_trusted_proxy_passes_on_the_client_address(self):
        self.assertEqual(client_address(_request("127.0.0.1", "198.51.100.1")), "198.51.100.1")

    @override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
    def test_the_nearest_untrusted_hop_wins_over_a_forged_first_hop(self):
        request = _request("10.0.0.5", "1.2.3.4, 198.51.100.9, 10.0.0.4")
        self.assertEqual(client_address(request), "198.51.100.9")

    @override_settings(TRUSTED_PROXIES=["127.0.0.1"])
    def test_garbage_in_the_header_falls_back_to_the_peer(self):
        self.assertEqual(client_address(_request("127.0.0.1", "not-an-ip")), "127.0.0.1")

    @override_settings(TRUSTED_PROXIES=[])
    def test_forged_addresses_without_a_cookie_give_one_visitor_key(self):
        keys = {get_visitor(_request("203.0.113.7", f"198.51.100.{n}")).key for n in range(50)}
        self.assertEqual(len(keys), 1)

    @override_settings(TRUSTED_PROXIES=["127.0.0.1"])
    def test_behind_a_trusted_proxy_distinct_clients_are_distinct_visitors(self):
        keys = {get_visitor(_request("127.0.0.1", f"198.51.100.{n}")).key for n in range(5)}
        self.assertEqual(len(keys), 5)

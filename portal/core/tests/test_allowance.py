from django.test import TestCase, override_settings

from portal.core.allowance import address_slot_claim
from portal.core.models import AddressAllowance


@override_settings(VOTES_PER_ADDRESS_ALLOWANCE=3, VOTES_PER_ADDRESS_PERIOD=86400)
class AddressAllowanceTests(TestCase):
    def claim(self, **kwargs):
        values = {"scope": "ratings", "target": 1, "address_hash": "aa", "now": 1000.0, **kwargs}
        return address_slot_claim(**values)

    def test_an_address_gets_its_allowance_and_no_more(self):
        self.assertEqual([self.claim() for _ in range(5)], [True, True, True, False, False])
        self.assertEqual(AddressAllowance.objects.get().used, 3)

    def test_targets_addresses_scopes_and_periods_are_apart(self):
        for _ in range(3):
            self.claim()
        self.assertTrue(self.claim(target=2))
        self.assertTrue(self.claim(address_hash="bb"))
        self.assertTrue(self.claim(scope="polls"))
        self.assertTrue(self.claim(now=1000.0 + 86400))
        self.assertFalse(self.claim())

    @override_settings(VOTES_PER_ADDRESS_ALLOWANCE=0)
    def test_zero_turns_it_off(self):
        self.assertTrue(all(self.claim() for _ in range(20)))
        self.assertFalse(AddressAllowance.objects.exists())

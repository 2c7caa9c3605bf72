"""Login guessing: django-axes throttles per account and per address, shared in the database."""

from datetime import timedelta
from unittest import mock

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.test import TestCase
from django.utils import timezone

from axes.models import AccessAttempt, AccessFailureLog, AccessLog

from portal.accounts.testing import force_login_verified
from portal.core import visitors
from portal.core.testing.figures import record_figure

User = get_user_model()
PASSWORD = "mat-khau-dung-1"  # noqa: S105
LOGIN = "/admin/login/"


class LoginThrottleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        from django.contrib.auth.models import Group

        from portal.core.editorial import REPORTER, editorial_setup

        editorial_setup()
        cls.user = User.objects.create_user("phongvien", password=PASSWORD)
        cls.user.groups.add(Group.objects.get(name=REPORTER))

    def setUp(self):
        visitors._trusted_networks.cache_clear()
        self.addCleanup(visitors._trusted_networks.cache_clear)

    def _post(self, username: str, password: str, peer: str = "203.0.113.10", **extra):
        return self.client.post(
            LOGIN, {"username": username, "password": password}, REMOTE_ADDR=peer, **extra
        )

    def test_thirty_wrong_passwords_are_throttled_and_the_right_one_waits(self):
        statuses = [self._post("phongvien", f"sai-{n}").status_code for n in range(30)]
        allowed = statuses.index(429)
        record_figure(
            f"Login guessing (AXES_FAILURE_LIMIT={settings.AXES_FAILURE_LIMIT}): "
            f"{allowed} wrong passwords answered 'wrong password', attempt {allowed + 1} "
            f"locks; {statuses.count(429)} of 30 refused with 429, right password refused too"
        )
        # The attempt that reaches the limit is the one that locks.
        self.assertEqual(allowed, settings.AXES_FAILURE_LIMIT - 1)
        self.assertTrue(all(status == 200 for status in statuses[:allowed]))
        self.assertTrue(all(status == 429 for status in statuses[allowed:]))

        response = self._post("phongvien", PASSWORD)
        self.assertEqual(response.status_code, 429)
        self.assertNotIn("_auth_user_id", self.client.session)
        page = response.content.decode()
        self.assertIn("đăng nhập tạm bị khoá", page)
        self.assertIn('name="username"', page, "the lockout is shown on the login page itself")
        self.assertIn('lang="vi"', page)

        # After the cool-off the right password works (and clears the record).
        AccessAttempt.objects.update(
            attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
        )
        response = self._post("phongvien", PASSWORD)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(int(self.client.session["_auth_user_id"]), self.user.pk)
        self.assertTrue(AccessLog.objects.filter(username="phongvien").exists())

    def test_an_administrator_reset_unlocks_at_once(self):
        from django.core.management import call_command

        for n in range(settings.AXES_FAILURE_LIMIT):
            self._post("phongvien", f"sai-{n}")
        self.assertEqual(self._post("phongvien", PASSWORD).status_code, 429)
        call_command("axes_reset_username", "phongvien", verbosity=0)
        call_command("axes_reset", verbosity=0)
        self.assertEqual(self._post("phongvien", PASSWORD).status_code, 302)

    def test_no_password_is_hashed_while_locked_out(self):
        for n in range(settings.AXES_FAILURE_LIMIT):
            self._post("phongvien", f"sai-{n}")
        with mock.patch.object(
            ModelBackend, "authenticate", autospec=True, return_value=None
        ) as backend:
            for n in range(10):
                self.assertEqual(self._post("phongvien", f"lai-sai-{n}").status_code, 429)
        self.assertEqual(backend.call_count, 0)

    def test_an_account_is_locked_whatever_address_the_guesses_come_from(self):
        for n in range(settings.AXES_FAILURE_LIMIT):
            self._post("phongvien", f"sai-{n}", peer=f"198.51.100.{n + 1}")
        self.assertEqual(self._post("phongvien", PASSWORD, peer="192.0.2.99").status_code, 429)

    def test_an_address_is_locked_across_accounts_and_forged_forwarding_does_not_help(self):
        with self.settings(TRUSTED_PROXIES=[]):
            for n in range(settings.AXES_FAILURE_LIMIT):
                self._post(f"khong-co-{n}", "sai", HTTP_X_FORWARDED_FOR=f"10.9.8.{n}")
            response = self._post("phongvien", PASSWORD, HTTP_X_FORWARDED_FOR="10.200.200.200")
        self.assertEqual(response.status_code, 429)

    def test_lockout_is_logged_and_the_records_keep_no_raw_address(self):
        with self.assertLogs("portal.accounts", "WARNING") as logs:
            for n in range(settings.AXES_FAILURE_LIMIT + 1):
                self._post("phongvien", f"sai-{n}")
        self.assertTrue(any("locked out" in line for line in logs.output))
        addresses = set(AccessFailureLog.objects.values_list("ip_address", flat=True))
        self.assertEqual(len(addresses), 1)
        (address,) = addresses
        self.assertNotIn("203.0.113.10", address)
        self.assertTrue(address.startswith("2001:db8:"))

    def test_administrators_see_failed_and_successful_logins_in_the_admin(self):
        self._post("phongvien", "sai")
        self._post("phongvien", PASSWORD)
        self.client.logout()
        admin = User.objects.create_superuser("quantri", password=PASSWORD)
        force_login_verified(self.client, admin)
        failed = self.client.get("/admin/dang_nhap_sai/")
        self.assertEqual(failed.status_code, 200)
        self.assertContains(failed, "phongvien")
        succeeded = self.client.get("/admin/dang_nhap_thanh_cong/")
        self.assertContains(succeeded, "phongvien")
        # Listed under Cài đặt (the sidebar's settings menu).
        self.assertTrue("/admin/dang_nhap_sai/" in self.client.get("/admin/").content.decode())
        # Read-only: no edit or delete of the records.
        record = AccessFailureLog.objects.first()
        self.assertNotEqual(
            self.client.get(f"/admin/dang_nhap_sai/edit/{record.pk}/").status_code, 200
        )
        # A reporter sees none of it.
        force_login_verified(self.client, self.user)
        self.assertNotEqual(self.client.get("/admin/dang_nhap_sai/").status_code, 200)

    def test_cpu_per_attempt_before_and_during_the_lockout(self):
        """A figure, not a timing assertion: production's PBKDF2 before, nothing during."""
        import time

        hashers = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
        with self.settings(PASSWORD_HASHERS=hashers):
            self.user.set_password(PASSWORD)
            self.user.save()
            before = time.process_time()
            for n in range(settings.AXES_FAILURE_LIMIT - 1):
                self.assertEqual(self._post("phongvien", f"sai-{n}").status_code, 200)
            guessing = (time.process_time() - before) / (settings.AXES_FAILURE_LIMIT - 1)
            self._post("phongvien", "sai-cuoi")
            before = time.process_time()
            for n in range(10):
                self.assertEqual(self._post("phongvien", f"lai-sai-{n}").status_code, 429)
            locked = (time.process_time() - before) / 10
        record_figure(
            f"Admin login CPU per attempt (PBKDF2 as in production): {guessing * 1000:.0f} ms "
            f"while guessing is allowed, {locked * 1000:.0f} ms once locked (no hashing)"
        )

    def test_an_administrator_lifts_a_lockout_from_the_admin(self):
        for n in range(settings.AXES_FAILURE_LIMIT):
            self._post("phongvien", f"sai-{n}")
        attempts = list(AccessAttempt.objects.values_list("pk", flat=True))
        self.assertTrue(attempts)
        admin = User.objects.create_superuser("quantri2", password=PASSWORD)
        force_login_verified(self.client, admin)
        for pk in attempts:
            response = self.client.post(f"/admin/dang_bi_khoa/delete/{pk}/")
            self.assertEqual(response.status_code, 302)
        self.client.logout()
        self.assertEqual(self._post("phongvien", PASSWORD).status_code, 302)

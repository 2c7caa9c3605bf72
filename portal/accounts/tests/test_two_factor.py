"""Two-factor authentication: required for Quản trị, Lãnh đạo duyệt and superusers, optional
for the rest; codes computed from the device key as an authenticator app would."""

import re
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase

from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts.services import RECOVERY_CODE_COUNT
from portal.core.editorial import ADMINISTRATOR, APPROVER, REPORTER, editorial_setup

User = get_user_model()
PASSWORD = "mat-khau-dung-2"  # noqa: S105


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code the user's phone shows now (or `steps_ahead` 30-second steps later)."""
    generator = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    generator.time = time.time() + steps_ahead * device.step
    return f"{generator.token():0{device.digits}d}"


class TwoFactorTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        editorial_setup()
        cls.approver = cls._user("lanhdao", APPROVER)
        cls.administrator = cls._user("quantri", ADMINISTRATOR)
        cls.reporter = cls._user("phongvien", REPORTER)
        cls.superuser = User.objects.create_superuser("sieu", password=PASSWORD)

    @staticmethod
    def _user(username, group):
        user = User.objects.create_user(username, password=PASSWORD)
        user.groups.add(Group.objects.get(name=group))
        return user

    def _password_login(self, username: str):
        response = self.client.post(
            "/admin/login/", {"username": username, "password": PASSWORD, "next": "/admin/"}
        )
        self.assertEqual(response.status_code, 302)
        return response

    def _enrol(self, username: str) -> tuple[TOTPDevice, list[str]]:
        self._password_login(username)
        response = self.client.get("/admin/")
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith("/admin/hai-lop/dang-ky/"))
        page = self.client.get(response["Location"])
        self.assertContains(page, "Bật xác thực hai lớp")
        self.assertContains(page, 'src="data:image/svg+xml;base64,')
        device = TOTPDevice.objects.get(user__username=username, confirmed=False)
        wrong = self.client.post("/admin/hai-lop/dang-ky/", {"token": "000000", "next": "/admin/"})
        if code_for(device) != "000000":
            self.assertContains(wrong, "Mã không đúng")
        device.refresh_from_db()
        device.throttling_failure_count = 0
        device.throttling_failure_timestamp = None
        device.save()
        done = self.client.post(
            "/admin/hai-lop/dang-ky/", {"token": code_for(device), "next": "/admin/"}
        )
        self.assertContains(done, "Mã khôi phục")
        codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())
        self.assertEqual(len(codes), RECOVERY_CODE_COUNT)
        device.refresh_from_db()
        self.assertTrue(device.confirmed)
        return device, codes

    def test_required_roles_are_sent_to_enrolment_and_get_in_after_it(self):
        for username in ("lanhdao", "quantri", "sieu"):
            with self.subTest(user=username):
                self._enrol(username)
                self.assertEqual(self.client.get("/admin/").status_code, 200)
                self.assertEqual(self.client.get("/admin/pages/").status_code, 200)
                self.client.logout()

    def test_after_the_password_a_user_with_a_device_must_give_a_code(self):
        device, codes = self._enrol("lanhdao")
        self.client.logout()

        self._password_login("lanhdao")
        for url in ("/admin/", "/admin/pages/", "/admin/images/", "/admin/hai-lop/"):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302, url)
            self.assertTrue(response["Location"].startswith("/admin/hai-lop/xac-minh/"), url)
        # Nor can the password alone replace the device.
        response = self.client.get("/admin/hai-lop/dang-ky/")
        self.assertTrue(response["Location"].startswith("/admin/hai-lop/xac-minh/"))

        page = self.client.get("/admin/hai-lop/xac-minh/?next=/admin/pages/")
        self.assertContains(page, "Nhập mã xác thực")
        wrong = self.client.post(
            "/admin/hai-lop/xac-minh/", {"token": "12345x", "next": "/admin/pages/"}
        )
        self.assertContains(wrong, "Mã không đúng")
        self.assertEqual(self.client.get("/admin/").status_code, 302)
        device.refresh_from_db()
        device.throttling_failure_count = 0
        device.throttling_failure_timestamp = None
        device.save()
        # The enrolment code was used; the phone's next code is accepted.
        response = self.client.post(
            "/admin/hai-lop/xac-minh/", {"token": code_for(device, 1), "next": "/admin/pages/"}
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], "/admin/pages/")
        self.assertEqual(self.client.get("/admin/").status_code, 200)

    def test_a_recovery_code_works_once(self):
        _, codes = self._enrol("quantri")
        for attempt in range(2):
            self.client.logout()
            self._password_login("quantri")
            response = self.client.post(
                "/admin/hai-lop/xac-minh/", {"token": codes[0], "next": "/admin/"}
            )
            if attempt == 0:
                self.assertEqual(response.status_code, 302)
                self.assertEqual(self.client.get("/admin/").status_code, 200)
            else:
                self.assertContains(response, "Mã không đúng")
        self.assertEqual(
            StaticToken.objects.filter(device__user=self.administrator).count(),
            RECOVERY_CODE_COUNT - 1,
        )

    def test_optional_for_a_reporter_and_available(self):
        self._password_login("phongvien")
        self.assertEqual(self.client.get("/admin/").status_code, 200)
        page = self.client.get("/admin/hai-lop/")
        self.assertContains(page, "chưa bật")
        self._enrol_optional()
        self.assertContains(self.client.get("/admin/hai-lop/"), "đang bật")
        # Turning it off is allowed for a reporter…
        self.client.post("/admin/hai-lop/tat/")
        self.assertFalse(TOTPDevice.objects.filter(user=self.reporter).exists())

    def _enrol_optional(self):
        self.client.get("/admin/hai-lop/dang-ky/")
        device = TOTPDevice.objects.get(user=self.reporter, confirmed=False)
        response = self.client.post("/admin/hai-lop/dang-ky/", {"token": code_for(device)})
        self.assertContains(response, "Mã khôi phục")

    def test_a_required_user_cannot_turn_it_off(self):
        self._enrol("lanhdao")
        self.client.post("/admin/hai-lop/tat/")
        self.assertTrue(TOTPDevice.objects.filter(user=self.approver, confirmed=True).exists())

    def test_the_public_site_is_not_gated(self):
        self._password_login("lanhdao")
        self.assertNotEqual(self.client.get("/").status_code, 302)

    def test_an_administrator_removes_a_lost_authenticator_and_its_owner_enrols_again(self):
        from portal.accounts.testing import force_login_verified

        device, _ = self._enrol("lanhdao")
        self.client.logout()
        force_login_verified(self.client, self.administrator)
        listing = self.client.get("/admin/thiet_bi_xac_thuc/")
        self.assertContains(listing, "lanhdao")
        self.assertNotEqual(
            self.client.get(f"/admin/thiet_bi_xac_thuc/edit/{device.pk}/").status_code, 200
        )
        response = self.client.post(f"/admin/thiet_bi_xac_thuc/delete/{device.pk}/")
        self.assertEqual(response.status_code, 302)
        self.assertFalse(TOTPDevice.objects.filter(pk=device.pk).exists())
        self.client.logout()

        self._password_login("lanhdao")
        response = self.client.get("/admin/")
        self.assertTrue(response["Location"].startswith("/admin/hai-lop/dang-ky/"))

        force_login_verified(self.client, self.reporter)
        self.assertNotEqual(self.client.get("/admin/thiet_bi_xac_thuc/").status_code, 200)

import datetime
from io import StringIO

from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from captcha.models import CaptchaStore

from portal.comments.captcha import captcha_pool_refill, digits_challenge


class DigitsChallengeTests(TestCase):
    def test_challenge_is_five_digits_and_its_own_answer(self):
        seen = set()
        for _ in range(50):
            challenge, response = digits_challenge()
            self.assertRegex(challenge, r"^\d{5}$")
            self.assertEqual(challenge, response)
            seen.add(challenge)
        self.assertGreater(len(seen), 40)


class CaptchaPoolTests(TestCase):
    def test_refill_tops_up_to_the_size_and_drops_expired_codes(self):
        self.assertEqual(captcha_pool_refill(size=5), (5, 0))
        self.assertEqual(captcha_pool_refill(size=5), (0, 0))
        now = timezone.now()
        CaptchaStore.objects.filter(
            pk__in=list(CaptchaStore.objects.values_list("pk", flat=True)[:2])
        ).update(expiration=now - datetime.timedelta(minutes=1))
        # Expiring soon: still valid, but no longer handed out, so it doesn't count as fresh.
        soon = CaptchaStore.objects.filter(expiration__gt=now).first()
        CaptchaStore.objects.filter(pk=soon.pk).update(
            expiration=now + datetime.timedelta(minutes=5)
        )
        self.assertEqual(captcha_pool_refill(size=5, dry_run=True), (3, 2))
        self.assertEqual(CaptchaStore.objects.count(), 5)
        self.assertEqual(captcha_pool_refill(size=5), (3, 2))
        self.assertEqual(CaptchaStore.objects.count(), 6)

    def test_command_reports_what_it_did(self):
        out = StringIO()
        call_command("refill_captcha_pool", "--size", "3", stdout=out)
        self.assertIn("tạo 3 mã xác thực mới", out.getvalue())
        self.assertEqual(CaptchaStore.objects.count(), 3)

    def test_opening_the_form_takes_a_code_from_the_pool_without_writing(self):
        captcha_pool_refill(size=20)
        pool = set(CaptchaStore.objects.values_list("hashkey", flat=True))
        code = self.client.get("/captcha/refresh/", HTTP_X_REQUESTED_WITH="XMLHttpRequest")
        self.assertEqual(code["Cache-Control"], "private, no-store")
        key = code.json()["key"]
        self.assertIn(key, pool)
        self.assertEqual(CaptchaStore.objects.count(), 20)

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase

BASE_DIR = Path(__file__).resolve().parents[3]


class CaptchaSettingsTests(SimpleTestCase):
    def test_test_settings_enable_the_known_test_code(self):
        self.assertTrue(settings.CAPTCHA_TEST_MODE)

    def test_production_settings_keep_captcha_test_mode_off(self):
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"CAPTCHA_TEST_MODE", "DJANGO_SETTINGS_MODULE"}
        }
        env.update(DJANGO_SETTINGS_MODULE="portal.settings.production", SECRET_KEY="s" * 64)
        code = (
            "import django; django.setup()\n"
            "from django.conf import settings\n"
            "from captcha.conf import settings as captcha_settings\n"
            "print(settings.CAPTCHA_TEST_MODE, captcha_settings.CAPTCHA_TEST_MODE)\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.split()[-2:], ["False", "False"])

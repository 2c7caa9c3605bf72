"""The verification code ("mã xác thực") that guards public forms: challenge and code pool.

Pages take a code from a pool that `refill_captcha_pool` keeps topped up, so showing the
comment form costs a read, not a database write per page view.
"""

import datetime
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from captcha.models import CaptchaStore

__all__ = ["captcha_pool_refill", "digits_challenge"]


def digits_challenge() -> tuple[str, str]:
    """A random string of digits: easy to read, type on any keyboard and hear spoken."""
    length = int(getattr(settings, "CAPTCHA_LENGTH", 5))
    digits = "".join(secrets.choice("0123456789") for _ in range(length))
    return digits, digits


def captcha_pool_refill(*, size: int, dry_run: bool = False) -> tuple[int, int]:
    """Drop expired codes and top the pool up to `size` fresh ones; return (created, removed)."""
    now = timezone.now()
    fresh_after = now + datetime.timedelta(minutes=settings.CAPTCHA_GET_FROM_POOL_TIMEOUT)
    expired = CaptchaStore.objects.filter(expiration__lte=now)
    fresh = CaptchaStore.objects.filter(expiration__gt=fresh_after).count()
    missing = max(size - fresh, 0)
    if dry_run:
        return missing, expired.count()
    with transaction.atomic():
        removed, _ = expired.delete()
        for _ in range(missing):
            CaptchaStore.generate_key()
    return missing, removed

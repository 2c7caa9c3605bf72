"""The verification code ("mã xác thực") that guards public forms: challenge and code pool.

Pages take a code from a pool that `refill_captcha_pool` keeps topped up, so showing the
comment form costs a read, not a database write per page view.
"""

import datetime
import hmac
import secrets

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from captcha.models import CaptchaStore

__all__ = ["captcha_consume", "captcha_pool_refill", "digits_challenge"]


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


def captcha_consume(*, hashkey: str, response: str | None) -> bool:
    """Use up a code in one atomic step; True only for the one request that deleted it, solved.

    `DELETE … RETURNING` takes the row from every concurrent request but one, on any number of
    processes (SQLite serialises writers; PostgreSQL re-checks the row after the first delete).
    A wrong answer spends the code too, so it cannot be guessed at. `response=None` (the tests'
    "PASSED") only spends it.
    """
    table = connection.ops.quote_name(CaptchaStore._meta.db_table)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} WHERE hashkey = %s AND expiration > %s RETURNING response",  # noqa: S608
            [hashkey, now],
        )
        row = cursor.fetchone()
    if row is None:
        return False
    if response is None:
        return True
    return hmac.compare_digest(str(row[0]).encode(), response.encode())

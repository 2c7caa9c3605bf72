"""Challenges for the verification code ("mã xác thực") that guards public forms."""

import secrets

from django.conf import settings

__all__ = ["digits_challenge"]


def digits_challenge() -> tuple[str, str]:
    """A random string of digits: easy to read, type on any keyboard and hear spoken."""
    length = int(getattr(settings, "CAPTCHA_LENGTH", 5))
    digits = "".join(secrets.choice("0123456789") for _ in range(length))
    return digits, digits

"""The admin door: who must use two-factor authentication, enrolment and recovery codes.

TOTP devices (an authenticator app) and static devices (one-time recovery codes) come from
django-otp; the login throttle from django-axes (settings AXES_*).
"""

import ipaddress

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.core.visitors import address_hash, client_address

__all__ = [
    "RECOVERY_CODE_COUNT",
    "RECOVERY_DEVICE_NAME",
    "TOTP_DEVICE_NAME",
    "login_address",
    "recovery_codes_issue",
    "totp_device_confirm",
    "totp_device_pending",
    "two_factor_disable",
    "two_factor_enabled",
    "two_factor_required",
]

TOTP_DEVICE_NAME = "Ứng dụng xác thực"
RECOVERY_DEVICE_NAME = "Mã khôi phục"
RECOVERY_CODE_COUNT = 10


def two_factor_required(user: AbstractBaseUser) -> bool:
    """Superusers and members of TWO_FACTOR_REQUIRED_GROUPS may not use the admin without it."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=settings.TWO_FACTOR_REQUIRED_GROUPS).exists()


def two_factor_enabled(user: AbstractBaseUser) -> bool:
    """True when the user has a confirmed authenticator. Recovery codes alone do not count:
    an administrator who deletes a lost authenticator makes its owner enrol again."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def totp_device_pending(user: AbstractBaseUser) -> TOTPDevice:
    """The unconfirmed authenticator being enrolled (created on first call, reused after)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, user: AbstractBaseUser, token: str) -> TOTPDevice | None:
    """Confirm the pending authenticator with a code from it; replaces any earlier one."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None or not device.verify_is_allowed()[0] or not device.verify_token(token):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device


@transaction.atomic
def recovery_codes_issue(*, user: AbstractBaseUser) -> list[str]:
    """Replace the user's recovery codes with RECOVERY_CODE_COUNT new ones (each valid once)."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def two_factor_disable(*, user: AbstractBaseUser) -> None:
    """Remove every device (allowed only to users for whom two-factor is optional)."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def login_address(request) -> str:
    """The address django-axes records and locks on: a pseudonym of the client address.

    The portal stores no raw address; axes needs an IP-shaped value, so the salted hash of
    client_address() (which ignores forged X-Forwarded-For) becomes an address in the
    documentation range 2001:db8::/32 — stable per client, meaningless outside the portal.
    """
    digest = address_hash(client_address(request))[:24]
    groups = [digest[index : index + 4] for index in range(0, 24, 4)]
    return str(ipaddress.IPv6Address("2001:db8:" + ":".join(groups)))

"""Test support: sign a user in as if they had also passed the second factor."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from .services import TOTP_DEVICE_NAME

__all__ = ["force_login_verified"]


def force_login_verified(client, user) -> TOTPDevice:
    """`client.force_login(user)` plus a verified authenticator in the session."""
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device

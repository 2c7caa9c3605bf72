"""Test support: sign a user in as if they had also passed the second factor; or, in a real
browser, sign in through the login page and enrol in two-factor when the portal asks."""

import base64
import re

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from .services import TOTP_DEVICE_NAME

__all__ = ["browser_log_in", "force_login_verified"]


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


def browser_log_in(page, base_url: str, username: str, password: str) -> None:
    """Sign in on a Playwright page; if the role requires two-factor, enrol with a code computed
    from the secret the enrolment page shows, as a person with an authenticator app would."""
    page.goto(base_url + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r".*/admin/($|hai-lop/dang-ky/)"))
    if "/admin/hai-lop/dang-ky/" not in page.url:
        return
    secret = page.locator("[data-totp-secret]").inner_text()
    generator = TOTP(base64.b32decode(secret.replace(" ", "")), step=30, digits=6)
    page.fill("input[name=token]", f"{generator.token():06d}")
    with page.expect_navigation():
        page.locator("form button[type=submit]").first.click()
    page.get_by_role("link", name="Đã lưu, tiếp tục").click()
    page.wait_for_url(re.compile(r".*/admin/$"))

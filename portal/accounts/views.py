"""The admin door's pages: the lockout answer, the code after the password, enrolment."""

import base64
import io
import logging
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from wagtail.admin.forms.auth import LoginForm

from django_otp import login as otp_login
from django_otp import match_token
from django_otp.qr import write_qrcode_image

from .forms import TokenForm
from .services import (
    recovery_codes_issue,
    totp_device_confirm,
    totp_device_pending,
    two_factor_disable,
    two_factor_enabled,
    two_factor_required,
)

__all__ = [
    "locked_out",
    "two_factor",
    "two_factor_enrol",
    "two_factor_recovery_codes",
    "two_factor_turn_off",
    "two_factor_verify",
]

logger = logging.getLogger("portal.accounts")


def lockout_message() -> str:
    cool_off = settings.AXES_COOLOFF_TIME
    minutes = max(1, round(cool_off / timedelta(minutes=1))) if cool_off else None
    wait = f"sau {minutes} phút" if minutes else "khi quản trị viên mở khoá"
    return (
        f"Tài khoản hoặc địa chỉ này đã nhập sai mật khẩu {settings.AXES_FAILURE_LIMIT} lần "
        f"nên đăng nhập tạm bị khoá. Vui lòng thử lại {wait}, hoặc liên hệ quản trị viên."
    )


def locked_out(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the Wagtail login page again, with the lockout in Vietnamese.

    Reached before any password is hashed: axes's backend refuses first.
    """
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    logger.warning("Admin login locked out: username=%r path=%s", username[:150], request.path)
    messages.error(request, lockout_message())
    context = {
        "form": LoginForm(request),
        "next": _safe_next(request, request.POST.get("next", "")),
        "show_password_reset": False,
        "username_field": get_user_model()._meta.get_field("username").verbose_name,
    }
    return render(request, "wagtailadmin/login.html", context, status=429)


def _safe_next(request, value: str) -> str:
    if value and url_has_allowed_host_and_scheme(value, {request.get_host()}, request.is_secure()):
        return value
    return reverse("wagtailadmin_home")


def _qr_data_uri(url: str) -> str:
    out = io.BytesIO()
    write_qrcode_image(url, out)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()


@never_cache
@login_required
def two_factor_verify(request):
    """The second step of signing in for a user who has a device."""
    next_url = _safe_next(request, request.GET.get("next") or request.POST.get("next", ""))
    if request.user.is_verified() or not two_factor_enabled(request.user):
        return redirect(next_url)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            logger.info("Two-factor verified: user=%s device=%s", request.user.pk, device.name)
            return redirect(next_url)
        logger.warning("Two-factor code refused: user=%s", request.user.pk)
        form.add_error(
            "token",
            "Mã không đúng, đã hết hạn hoặc đã dùng. Sau nhiều lần sai, hãy chờ vài giây "
            "rồi nhập mã mới.",
        )
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": next_url})


@never_cache
@login_required
def two_factor_enrol(request):
    """Set up the authenticator app: a QR code, then one code to confirm; recovery codes once."""
    next_url = _safe_next(request, request.GET.get("next") or request.POST.get("next", ""))
    if two_factor_enabled(request.user) and not request.user.is_verified():
        # Only someone who already passed the second factor may replace it.
        return redirect(f"{reverse('accounts_two_factor_verify')}?next={request.path}")
    device = totp_device_pending(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        confirmed = totp_device_confirm(user=request.user, token=form.cleaned_data["token"])
        if confirmed is not None:
            codes = recovery_codes_issue(user=request.user)
            otp_login(request, confirmed)
            logger.info("Two-factor enrolled: user=%s", request.user.pk)
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": next_url, "first_time": True},
            )
        form.add_error("token", "Mã không đúng. Kiểm tra giờ của điện thoại rồi nhập mã mới.")
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/two_factor_enrol.html",
        {
            "form": form,
            "next": next_url,
            "qr_code": _qr_data_uri(device.config_url),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "required": two_factor_required(request.user),
        },
    )


@never_cache
@login_required
def two_factor(request):
    """Where a user sees whether two-factor is on, and renews codes or turns it off."""
    return render(
        request,
        "accounts/two_factor.html",
        {
            "enabled": two_factor_enabled(request.user),
            "required": two_factor_required(request.user),
            "recovery_left": _recovery_left(request.user),
        },
    )


def _recovery_left(user) -> int:
    from django_otp.plugins.otp_static.models import StaticToken

    return StaticToken.objects.filter(device__user=user).count()


@never_cache
@login_required
@require_POST
def two_factor_recovery_codes(request):
    if not two_factor_enabled(request.user):
        return redirect("accounts_two_factor")
    codes = recovery_codes_issue(user=request.user)
    logger.info("Recovery codes renewed: user=%s", request.user.pk)
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "next": reverse("accounts_two_factor"), "first_time": False},
    )


@never_cache
@login_required
@require_POST
def two_factor_turn_off(request):
    if two_factor_required(request.user):
        messages.error(request, "Tài khoản của bạn bắt buộc dùng xác thực hai lớp.")
    else:
        two_factor_disable(user=request.user)
        logger.info("Two-factor turned off: user=%s", request.user.pk)
        messages.success(request, "Đã tắt xác thực hai lớp.")
    return redirect("accounts_two_factor")

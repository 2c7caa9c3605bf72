"""The public comment form: plain-text fields, a verification code and a honeypot."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from captcha.fields import CaptchaField, CaptchaTextInput

from portal.core.formatting import format_integer

from .captcha import captcha_consume
from .models import EMAIL_MAX_LENGTH, NAME_MAX_LENGTH, TEXT_MAX_LENGTH

__all__ = ["CAPTCHA_INVALID", "CommentForm", "VerificationCodeField", "VerificationCodeInput"]

CAPTCHA_INVALID = "Mã xác thực không đúng."
HONEYPOT_FIELD = "website"


class VerificationCodeInput(CaptchaTextInput):
    """simple-captcha's widget with a Vietnamese label set, a refresh button and audio link."""

    template_name = "comments/captcha_widget.html"

    def __init__(self, attrs=None, **kwargs):
        attrs = {
            "inputmode": "numeric",
            "maxlength": "10",
            "class": "captcha__input",
            "aria-describedby": "captcha-help",
            **(attrs or {}),
        }
        super().__init__(attrs=attrs, **kwargs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["refresh_url"] = self.refresh_url()
        return context


class VerificationCodeField(CaptchaField):
    """simple-captcha's field, with the code used up in one atomic step (see captcha_consume).

    simple-captcha looks the code up and deletes it in two statements, so parallel submissions
    of one solved code could all pass between them.
    """

    def clean(self, value):
        forms.MultiValueField.clean(self, value)  # required / incomplete checks
        hashkey = value[0] if value else ""
        response = (value[1] or "").strip().lower() if value and len(value) > 1 else ""
        if value and len(value) > 1:
            value[1] = ""
        if settings.CAPTCHA_TEST_MODE and response == "passed":
            captcha_consume(hashkey=hashkey, response=None)
            return value
        if not hashkey or not response or not captcha_consume(hashkey=hashkey, response=response):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return value


class CommentForm(forms.Form):
    name = forms.CharField(
        label="Họ và tên",
        max_length=NAME_MAX_LENGTH,
        error_messages={
            "required": "Vui lòng nhập họ và tên.",
            "max_length": f"Họ và tên tối đa {NAME_MAX_LENGTH} ký tự (bạn đã nhập %(show_value)d).",
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Email (không bắt buộc, không hiển thị công khai)",
        required=False,
        max_length=EMAIL_MAX_LENGTH,
        error_messages={
            "invalid": "Địa chỉ email không hợp lệ.",
            "max_length": "Địa chỉ email tối đa %(limit_value)d ký tự.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    text = forms.CharField(
        label="Nội dung bình luận",
        max_length=TEXT_MAX_LENGTH,
        strip=True,
        error_messages={
            "required": "Vui lòng nhập nội dung bình luận.",
            "max_length": (
                f"Nội dung bình luận tối đa {format_integer(TEXT_MAX_LENGTH)} ký tự "
                "(bạn đã nhập %(show_value)d)."
            ),
        },
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    # Left empty by people (it is hidden from them); bots that fill every field give themselves away.
    website = forms.CharField(
        label="Để trống ô này",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    captcha = VerificationCodeField(
        label="Mã xác thực",
        widget=VerificationCodeInput(),
        error_messages={"invalid": CAPTCHA_INVALID, "required": "Vui lòng nhập mã xác thực."},
    )

    @property
    def is_bot(self) -> bool:
        """True when the honeypot was filled (only meaningful after validation)."""
        return bool(self.cleaned_data.get(HONEYPOT_FIELD))

    def visitor_input(self) -> dict[str, str]:
        """What the visitor typed (for refilling a fresh form), the verification code aside."""
        if not self.is_bound:
            return {}
        return {
            field: self.data.get(field, "")
            for field in ("name", "email", "text")
            if isinstance(self.data.get(field, ""), str)
        }

from django import forms

__all__ = ["TokenForm"]


class TokenForm(forms.Form):
    """A six-digit code from the authenticator app, or a recovery code."""

    token = forms.CharField(
        label="Mã xác thực",
        max_length=32,
        help_text="Sáu chữ số trong ứng dụng xác thực, hoặc một mã khôi phục.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        error_messages={"required": "Vui lòng nhập mã xác thực."},
    )

    def clean_token(self) -> str:
        return "".join(self.cleaned_data["token"].split())

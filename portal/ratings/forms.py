"""The rating form: 1–5 stars, radio buttons."""

from django import forms

from .models import MAX_STARS, MIN_STARS

__all__ = ["DONE_PARAM", "DONE_VALUES", "MESSAGES", "STAR_CHOICES", "RatingForm"]

STAR_CHOICES = [(value, f"{value} sao") for value in range(MIN_STARS, MAX_STARS + 1)]
INVALID_STARS = f"Vui lòng chọn từ {MIN_STARS} đến {MAX_STARS} sao."
MESSAGES = {
    True: "Cảm ơn bạn đã đánh giá bài viết.",
    False: "Đã cập nhật đánh giá của bạn.",
}
# The redirect after a form POST carries which message to show (no session needed).
DONE_PARAM = "danh-gia"
DONE_VALUES = {"moi": MESSAGES[True], "sua": MESSAGES[False]}


class RatingForm(forms.Form):
    stars = forms.TypedChoiceField(
        label="Đánh giá",
        choices=STAR_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Vui lòng chọn số sao trước khi gửi đánh giá.",
            "invalid_choice": INVALID_STARS,
        },
    )

"""The rating form: 1–5 stars, radio buttons."""

from django import forms

from portal.core.widgets import DoneNotice

from .models import MAX_STARS, MIN_STARS

__all__ = ["DONE", "STAR_CHOICES", "RatingForm"]

STAR_CHOICES = [(value, f"{value} sao") for value in range(MIN_STARS, MAX_STARS + 1)]
INVALID_STARS = f"Vui lòng chọn từ {MIN_STARS} đến {MAX_STARS} sao."
THANKS = "Cảm ơn bạn đã đánh giá bài viết."
UPDATED = "Đã cập nhật đánh giá của bạn."
NOT_COUNTED = (
    "Đã ghi nhận đánh giá của bạn. Địa chỉ mạng của bạn đã dùng hết số lượt đánh giá được tính "
    "cho bài này, nên đánh giá được lưu để ban biên tập xem xét và chưa tính vào kết quả."
)
# The redirect after a form POST carries which message to show (no session needed).
DONE = DoneNotice("danh-gia", {"moi": THANKS, "sua": UPDATED, "ghi-nhan": NOT_COUNTED})


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

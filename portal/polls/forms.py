"""The vote form: one radio button per option."""

from django import forms

from .models import Poll

__all__ = ["VoteForm"]


class VoteForm(forms.Form):
    option = forms.TypedChoiceField(
        label="Phương án",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Vui lòng chọn một phương án trước khi bình chọn.",
            "invalid_choice": "Phương án bạn chọn không có trong cuộc bình chọn này.",
        },
    )

    def __init__(self, *args, poll: Poll, **kwargs):
        super().__init__(*args, **kwargs)
        self.poll = poll
        self.fields["option"].choices = [
            (option.pk, option.label) for option in poll.options.order_by("sort_order", "pk")
        ]

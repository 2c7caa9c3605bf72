"""The search form: a query and optional filters, all read from the query string."""

from django import forms

from .selectors import search_kinds, search_sections

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"]
SORT_CHOICES = [("relevance", "Phù hợp nhất"), ("date", "Mới nhất")]


class SearchForm(forms.Form):
    q = forms.CharField(label="Từ khóa", required=False, strip=True)
    kind = forms.ChoiceField(label="Loại nội dung", required=False)
    section = forms.ChoiceField(label="Chuyên mục", required=False)
    date_from = forms.DateField(
        label="Từ ngày",
        required=False,
        input_formats=DATE_FORMATS,
        error_messages={"invalid": "Ngày không hợp lệ (nhập theo dạng 31/12/2024)."},
    )
    date_to = forms.DateField(
        label="Đến ngày",
        required=False,
        input_formats=DATE_FORMATS,
        error_messages={"invalid": "Ngày không hợp lệ (nhập theo dạng 31/12/2024)."},
    )
    sort = forms.ChoiceField(label="Sắp xếp", required=False, choices=SORT_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        invalid = "Lựa chọn không hợp lệ."
        self.fields["kind"].choices = [("", "Tất cả"), *search_kinds()]
        self.fields["kind"].error_messages["invalid_choice"] = invalid
        self.fields["section"].choices = [("", "Tất cả chuyên mục"), *search_sections()]
        self.fields["section"].error_messages["invalid_choice"] = invalid
        self.fields["sort"].error_messages["invalid_choice"] = invalid

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "“Đến ngày” phải sau “Từ ngày”.")
        return cleaned

    def search_arguments(self) -> dict:
        """The valid filters, ready for search_entries() (invalid ones are left out)."""
        data = getattr(self, "cleaned_data", {})
        return {
            "kinds": [data["kind"]] if data.get("kind") else [],
            "section": data.get("section") or "",
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
            "sort": data.get("sort") or "relevance",
        }

"""The public library's filters (kind, issuer, year), read from the query string."""

from django import forms

from .models import KIND_CHOICES, LegalDocument


class LegalDocumentFilterForm(forms.Form):
    kind = forms.ChoiceField(label="Loại văn bản", required=False)
    issuer = forms.ChoiceField(label="Cơ quan ban hành", required=False)
    year = forms.TypedChoiceField(
        label="Năm ban hành", required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, documents=None, **kwargs):
        super().__init__(*args, **kwargs)
        documents = documents if documents is not None else LegalDocument.objects.all()
        used_kinds = set(documents.values_list("kind", flat=True))
        self.fields["kind"].choices = [("", "Tất cả")] + [
            (value, label) for value, label in KIND_CHOICES if value in used_kinds
        ]
        self.fields["issuer"].choices = [("", "Tất cả")] + [
            (issuer, issuer) for issuer in documents.issuers()
        ]
        self.fields["year"].choices = [("", "Tất cả")] + [
            (year, str(year)) for year in documents.years()
        ]

    def filter(self, documents):
        """Apply the valid filters; invalid values are reported on the form and ignored."""
        if not self.is_valid():
            return documents
        data = self.cleaned_data
        if data.get("kind"):
            documents = documents.of_kind(data["kind"])
        if data.get("issuer"):
            documents = documents.by_issuer(data["issuer"])
        if data.get("year"):
            documents = documents.issued_in(data["year"])
        return documents

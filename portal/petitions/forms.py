"""The public list's filters, read from the query string (invalid values are reported, ignored)."""

from django import forms

from portal.agencies.models import Agency

from . import rules
from .models import Locality, Petition, PetitionField

_ALL = [("", "Tất cả")]


class PetitionFilterForm(forms.Form):
    q = forms.CharField(label="Tìm kiếm", required=False, max_length=200)
    field = forms.ChoiceField(label="Lĩnh vực", required=False)
    locality = forms.ChoiceField(label="Địa bàn", required=False)
    agency = forms.ChoiceField(label="Cơ quan", required=False)
    status = forms.ChoiceField(label="Tình trạng", required=False)
    answer = forms.ChoiceField(label="Loại trả lời", required=False)
    year = forms.TypedChoiceField(
        label="Năm tiếp nhận", required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(
            {"placeholder": "ví dụ: duong giao thong", "type": "search"}
        )
        public = Petition.objects.public()
        self.fields["field"].choices = _ALL + [
            (f.slug, f.name) for f in PetitionField.objects.filter(petitions__in=public).distinct()
        ]
        self.fields["locality"].choices = _ALL + [
            (loc.code, str(loc))
            for loc in Locality.objects.filter(petitions__in=public)
            .select_related("province")
            .distinct()
        ]
        self.fields["agency"].choices = _ALL + [
            (a.code, a.name)
            for a in Agency.objects.filter(petitions__in=public).distinct().order_by("name")
        ]
        self.fields["status"].choices = (
            _ALL
            + [(key, label) for key, label in rules.STATUSES.items() if key != rules.STATUS_MERGED]
            + [("qua-han", "Quá hạn (hôm nay)")]
        )
        self.fields["answer"].choices = _ALL + list(rules.ANSWER_KINDS.items())
        years = sorted({d.year for d in public.dates("received_on", "year")}, reverse=True)
        self.fields["year"].choices = _ALL + [(y, str(y)) for y in years]

    def filter(self, petitions):
        """Apply the valid filters. 'qua-han' is left to the caller: it needs the deadlines."""
        if not self.is_valid():
            return petitions
        data = self.cleaned_data
        if data.get("q"):
            petitions = petitions.search(data["q"])
        if data.get("field"):
            petitions = petitions.filter(field__slug=data["field"])
        if data.get("locality"):
            code = data["locality"]
            petitions = petitions.filter(
                localities__in=Locality.objects.filter(code=code)
                | Locality.objects.filter(province__code=code)
            ).distinct()
        if data.get("agency"):
            petitions = petitions.filter(agency__code=data["agency"])
        if data.get("status") and data["status"] != "qua-han":
            petitions = petitions.with_status(data["status"])
        if data.get("answer"):
            petitions = petitions.filter(answers__kind=data["answer"]).distinct()
        if data.get("year"):
            petitions = petitions.filter(received_on__year=data["year"])
        return petitions

    @property
    def wants_overdue(self) -> bool:
        return self.is_valid() and self.cleaned_data.get("status") == "qua-han"
